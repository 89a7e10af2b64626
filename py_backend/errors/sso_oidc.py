"""SSO OIDC errors: one class per modeled error shape of the service model."""

from __future__ import annotations

from py_backend.errors._base import ServiceError, modeled_errors


class SSOOIDCServiceError(ServiceError):
    """An error answered by the service; unmodeled codes (such as ``"400"``) raise this class."""

    service = "sso-oidc"


#: The members of most modeled error shapes: OAuth's ``error`` and ``error_description``.
_OAUTH_MEMBERS = ("error", "error_description")
#: The members of the shapes that also say why (``reason``).
_WITH_REASON = ("error", "reason", "error_description")


class AccessDeniedException(SSOOIDCServiceError, status=400, members=_WITH_REASON):
    """You do not have sufficient access to perform this action."""


class AuthorizationPendingException(SSOOIDCServiceError, status=400, members=_OAUTH_MEMBERS):
    """The user has not yet approved the authorization request."""


class ExpiredTokenException(SSOOIDCServiceError, status=400, members=_OAUTH_MEMBERS):
    """Indicates that the token issued by the service is expired and is no longer valid."""


class InternalServerException(SSOOIDCServiceError, status=500, members=_OAUTH_MEMBERS):
    """Indicates that an error from the service occurred while trying to process a request."""


class InvalidClientException(SSOOIDCServiceError, status=401, members=_OAUTH_MEMBERS):
    """Indicates that the clientId or clientSecret in the request is invalid."""


class InvalidClientMetadataException(SSOOIDCServiceError, status=400, members=_OAUTH_MEMBERS):
    """The client information sent during registration is invalid."""


class InvalidGrantException(SSOOIDCServiceError, status=400, members=_OAUTH_MEMBERS):
    """Indicates that a request contains an invalid grant."""


class InvalidRedirectUriException(SSOOIDCServiceError, status=400, members=_OAUTH_MEMBERS):
    """A redirect URI in the request is not supported for this operation."""


class InvalidRequestException(SSOOIDCServiceError, status=400, members=_WITH_REASON):
    """Indicates that something is wrong with the input to the request."""


class InvalidRequestRegionException(
    SSOOIDCServiceError, status=400, members=("error", "error_description", "endpoint", "region")
):
    """The token was issued in a Region other than the one the request was sent to."""


class InvalidScopeException(SSOOIDCServiceError, status=400, members=_OAUTH_MEMBERS):
    """Indicates that the scope provided in the request is invalid."""


class SlowDownException(SSOOIDCServiceError, status=400, members=_OAUTH_MEMBERS):
    """The client is polling too often; add 5 seconds to the polling interval."""


class UnauthorizedClientException(SSOOIDCServiceError, status=400, members=_OAUTH_MEMBERS):
    """Indicates that the client is not currently authorized to make the request."""


class UnsupportedGrantTypeException(SSOOIDCServiceError, status=400, members=_OAUTH_MEMBERS):
    """Indicates that the grant type in the request is not supported by the service."""


#: Every modeled error class, by shape name (the code botocore maps to a class).
MODELED_ERRORS: dict[str, type[SSOOIDCServiceError]] = modeled_errors(SSOOIDCServiceError)
