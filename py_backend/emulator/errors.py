"""Error answers shaped the way SSO OIDC, Sign-In and the AWS auth layer send them.

botocore maps a rest-json error by the ``x-amzn-ErrorType`` header (anything after ``:`` and
up to the last ``#`` is dropped), then parses the shape's members from the body:

- SSO OIDC: the modeled status (400; ``InvalidClientException`` 401; ``InternalServerException``
  500), body ``{"error": <oauth code>, "error_description": ...}`` plus ``reason``,
  ``endpoint``, ``region`` where modeled. The real service adds the coral namespace
  ``:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/`` to the header.
- Sign-In: body ``{"error": <OAuth2ErrorCode>, "message": ...}``; statuses from the model
  (``AccessDeniedException`` 401 for expired tokens or codes, 403 otherwise).
- The IAM Identity Center portal (``sso``): the modeled status, body ``{"message": ...}``.
- The SigV4 layer in front of every AWS service: 403 with an unmodeled code
  (``UnrecognizedClientException``, ``InvalidSignatureException``, ...) and ``{"message": ...}``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from py_backend.emulator.http import Response, json_response
from py_backend.errors import TokenBridgeError
from py_backend.errors import signin as signin_errors
from py_backend.errors import sso as sso_errors
from py_backend.errors import sso_oidc as sso_oidc_errors

__all__ = [
    "AUTH_CORAL_NAMESPACE",
    "PORTAL_ERRORS",
    "SIGNIN_ERRORS",
    "SSO_CORAL_NAMESPACE",
    "SSO_OIDC_ERRORS",
    "EmulatorError",
    "auth_error",
    "control_error",
    "portal_error",
    "signin_error",
    "sso_error",
]

SSO_CORAL_NAMESPACE = "http://internal.amazon.com/coral/com.amazonaws.sso.oidc/"
AUTH_CORAL_NAMESPACE = "http://internal.amazon.com/coral/com.amazon.coral.service/"

#: The OAuth ``error`` of an SSO OIDC shape is its name in snake case without ``Exception``
#: (``SlowDownException``: ``slow_down``), but for these two.
_OAUTH_CODES = {
    "InternalServerException": "server_error",
    "InvalidRequestRegionException": "invalid_request",
}


def _oauth_code(shape: str) -> str:
    words = re.sub(r"(?<!^)(?=[A-Z])", "_", shape.removesuffix("Exception"))
    return _OAUTH_CODES.get(shape) or words.lower()


#: SSO OIDC error shape -> (HTTP status, OAuth ``error`` value); statuses from the model.
SSO_OIDC_ERRORS: Mapping[str, tuple[int, str]] = {
    shape: (kind.modeled_status, _oauth_code(shape))
    for shape, kind in sso_oidc_errors.MODELED_ERRORS.items()
}

#: The Sign-In errors the emulator answers, with their default ``error`` value.
_SIGNIN_CODES = {
    "AccessDeniedException": "INSUFFICIENT_PERMISSIONS",
    "InternalServerException": "server_error",
    "TooManyRequestsError": "rate_exceeded",
    "ValidationException": "INVALID_REQUEST",
    "ResourceNotFoundException": "RESOURCE_NOT_FOUND",
    "InvalidGrantException": "invalid_grant",
}
#: Where the status differs from the current model's: AccessDeniedException is 403 (401 for
#: expired tokens or codes, see signin_error), as the old model documents, not 400.
_SIGNIN_STATUSES = {"AccessDeniedException": 403}
#: Sign-In error shape -> (default HTTP status, default ``error`` value).
SIGNIN_ERRORS: Mapping[str, tuple[int, str]] = {
    shape: (_SIGNIN_STATUSES.get(shape) or signin_errors.MODELED_ERRORS[shape].modeled_status, code)
    for shape, code in _SIGNIN_CODES.items()
}

#: Portal error shape -> HTTP status: the modeled ones (``sso/2019-06-10``), and
#: ``ForbiddenException``, what the real portal answers for a role the user does not have.
PORTAL_ERRORS: Mapping[str, int] = {
    **{shape: kind.modeled_status for shape, kind in sso_errors.MODELED_ERRORS.items()},
    "ForbiddenException": 403,
    "InternalServerException": 500,
}

# The old model's documentation: these AccessDenied codes are 401, the others 403.
_SIGNIN_UNAUTHORIZED = frozenset({"TOKEN_EXPIRED", "AUTHCODE_EXPIRED"})


class EmulatorError(TokenBridgeError):
    """An error answer: status, ``x-amzn-ErrorType`` value, JSON body and other headers.

    The message is the error type only; bodies can name parameters, never secrets.
    """

    def __init__(
        self,
        status: int,
        error_type: str | None,
        body: Mapping[str, Any],
        headers: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__(error_type or str(status))
        self.status = status
        self.error_type = error_type
        self.body = dict(body)
        self.headers = list(headers)

    def response(self, *, namespace: bool = True) -> Response:
        """The HTTP response for this error; ``namespace=False`` drops the ``:coral`` suffix."""
        error_type = self.error_type
        if error_type and not namespace:
            error_type = error_type.split(":", 1)[0]
        headers = [("x-amzn-ErrorType", error_type)] if error_type else []
        return json_response(self.status, self.body, headers + self.headers)


def sso_error(shape: str, description: str | None, **members: str) -> EmulatorError:
    """An SSO OIDC modeled error; ``members`` adds ``reason``, ``endpoint``, ``region``."""
    status, code = SSO_OIDC_ERRORS[shape]
    body = {"error": code, "error_description": description, **members}
    return EmulatorError(status, f"{shape}:{SSO_CORAL_NAMESPACE}", body)


def signin_error(shape: str, message: str, *, error: str | None = None) -> EmulatorError:
    """A Sign-In modeled error with body ``{"error", "message"}``."""
    status, default_code = SIGNIN_ERRORS[shape]
    code = error or default_code
    if shape == "AccessDeniedException" and code in _SIGNIN_UNAUTHORIZED:
        status = 401
    return EmulatorError(status, shape, {"error": code, "message": message})


def portal_error(shape: str, message: str) -> EmulatorError:
    """An IAM Identity Center portal error: the modeled status and ``{"message": ...}``."""
    return EmulatorError(PORTAL_ERRORS[shape], shape, {"message": message})


def auth_error(name: str, message: str) -> EmulatorError:
    """An error of the AWS authentication layer (not modeled): 403 and ``{"message": ...}``."""
    return EmulatorError(403, f"{name}:{AUTH_CORAL_NAMESPACE}", {"message": message})


def control_error(status: int, message: str, allow: Sequence[str] = ()) -> EmulatorError:
    """An error of the ``/__emulator/`` control API or of routing (404; 405 with ``allow``)."""
    headers = [("Allow", ", ".join(allow))] if allow else []
    return EmulatorError(status, None, {"message": message}, headers)
