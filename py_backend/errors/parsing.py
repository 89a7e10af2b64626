"""Turn an HTTP error response into the right :class:`ServiceError`, as botocore's rest-json
parser does: the error code's shape name is mapped to a modeled class of the service."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from py_backend.errors import signin, sso, sso_oidc
from py_backend.errors._base import ServiceError

_SERVICE_ERRORS: dict[str, tuple[type[ServiceError], Mapping[str, type[ServiceError]]]] = {
    "sso-oidc": (sso_oidc.SSOOIDCServiceError, sso_oidc.MODELED_ERRORS),
    "signin": (signin.SigninServiceError, signin.MODELED_ERRORS),
    "sso": (sso.SSOServiceError, sso.MODELED_ERRORS),
}


def find_error_code(status: int, headers: Mapping[str, str], body: Mapping[str, Any]) -> str:
    """The error code by botocore's precedence: header, body ``code``, ``__type``, status.

    Only the shape name is kept: ``A:http://ns/`` and ``ns#A`` give ``A``.
    """
    lowered = {key.lower(): value for key, value in headers.items()}
    for candidate in (
        lowered.get("x-amzn-errortype"),
        body.get("code"),
        body.get("Code"),
        body.get("__type"),
    ):
        if isinstance(candidate, str) and candidate:
            return candidate.split(":", 1)[0].rsplit("#", 1)[-1]
    return str(status)


def find_message(service: str, body: Mapping[str, Any]) -> str:
    """The message botocore shows: ``message``/``Message``; SSO OIDC's OAuth-style bodies
    have ``error_description`` instead."""
    for key in ("message", "Message"):
        if isinstance(body.get(key), str):
            return str(body[key])
    if service == "sso-oidc" and isinstance(body.get("error_description"), str):
        return str(body["error_description"])
    return ""


def decode_error_body(content: bytes) -> dict[str, Any]:
    """The JSON object of an error body; botocore makes a non-JSON body the ``message``."""
    if not content.strip():
        return {}
    try:
        value = json.loads(content)
    except (ValueError, UnicodeDecodeError):
        return {"message": content.decode("utf-8", "replace")}
    return value if isinstance(value, dict) else {}


def error_from_response(
    service: str,
    operation_name: str,
    status: int,
    headers: Mapping[str, str],
    content: bytes,
    *,
    response_metadata: Mapping[str, Any] | None = None,
    max_attempts_reached: bool = False,
) -> ServiceError:
    """Build the exception botocore would raise for this error response."""
    base, modeled = _SERVICE_ERRORS[service]
    body = decode_error_body(content)
    code = find_error_code(status, headers, body)
    message = find_message(service, body)
    error_class = modeled.get(code, base)
    metadata = dict(response_metadata or {})
    response: dict[str, Any] = {"Error": {"Message": message, "Code": code}}
    if metadata:
        response["ResponseMetadata"] = metadata
    for member in error_class.members:
        # botocore copies a modeled error's members from the body; null members are dropped.
        if body.get(member) is not None:
            response[member] = body[member]
    error_value = body.get("error")
    return error_class(
        error_code=code,
        message=message,
        operation_name=operation_name,
        http_status=status,
        request_id=metadata.get("RequestId"),
        error=error_value if isinstance(error_value, str) else None,
        response=response,
        retry_attempts=int(metadata.get("RetryAttempts", 0)),
        max_attempts_reached=max_attempts_reached,
    )
