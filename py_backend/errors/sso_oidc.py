"""SSO OIDC errors: one class per modeled error shape of the service model."""

from __future__ import annotations

from py_backend.errors._base import ServiceError


class SSOOIDCServiceError(ServiceError):
    """An error answered by the service; unmodeled codes (such as ``"400"``) raise this class."""

    service = "sso-oidc"


class AccessDeniedException(SSOOIDCServiceError):
    """You do not have sufficient access to perform this action."""

    code = "AccessDeniedException"
    modeled_status = 400
    members = ("error", "reason", "error_description")


class AuthorizationPendingException(SSOOIDCServiceError):
    """The user has not yet approved the authorization request."""

    code = "AuthorizationPendingException"
    modeled_status = 400
    members = ("error", "error_description")


class ExpiredTokenException(SSOOIDCServiceError):
    """Indicates that the token issued by the service is expired and is no longer valid."""

    code = "ExpiredTokenException"
    modeled_status = 400
    members = ("error", "error_description")


class InternalServerException(SSOOIDCServiceError):
    """Indicates that an error from the service occurred while trying to process a request."""

    code = "InternalServerException"
    modeled_status = 500
    members = ("error", "error_description")


class InvalidClientException(SSOOIDCServiceError):
    """Indicates that the clientId or clientSecret in the request is invalid."""

    code = "InvalidClientException"
    modeled_status = 401
    members = ("error", "error_description")


class InvalidClientMetadataException(SSOOIDCServiceError):
    """The client information sent during registration is invalid."""

    code = "InvalidClientMetadataException"
    modeled_status = 400
    members = ("error", "error_description")


class InvalidGrantException(SSOOIDCServiceError):
    """Indicates that a request contains an invalid grant."""

    code = "InvalidGrantException"
    modeled_status = 400
    members = ("error", "error_description")


class InvalidRedirectUriException(SSOOIDCServiceError):
    """A redirect URI in the request is not supported for this operation."""

    code = "InvalidRedirectUriException"
    modeled_status = 400
    members = ("error", "error_description")


class InvalidRequestException(SSOOIDCServiceError):
    """Indicates that something is wrong with the input to the request."""

    code = "InvalidRequestException"
    modeled_status = 400
    members = ("error", "reason", "error_description")


class InvalidRequestRegionException(SSOOIDCServiceError):
    """The token was issued in a Region other than the one the request was sent to."""

    code = "InvalidRequestRegionException"
    modeled_status = 400
    members = ("error", "error_description", "endpoint", "region")


class InvalidScopeException(SSOOIDCServiceError):
    """Indicates that the scope provided in the request is invalid."""

    code = "InvalidScopeException"
    modeled_status = 400
    members = ("error", "error_description")


class SlowDownException(SSOOIDCServiceError):
    """The client is polling too often; add 5 seconds to the polling interval."""

    code = "SlowDownException"
    modeled_status = 400
    members = ("error", "error_description")


class UnauthorizedClientException(SSOOIDCServiceError):
    """Indicates that the client is not currently authorized to make the request."""

    code = "UnauthorizedClientException"
    modeled_status = 400
    members = ("error", "error_description")


class UnsupportedGrantTypeException(SSOOIDCServiceError):
    """Indicates that the grant type in the request is not supported by the service."""

    code = "UnsupportedGrantTypeException"
    modeled_status = 400
    members = ("error", "error_description")


#: Every modeled error class, by shape name (the code botocore maps to a class).
MODELED_ERRORS: dict[str, type[SSOOIDCServiceError]] = {
    cls.code: cls
    for cls in (
        AccessDeniedException,
        AuthorizationPendingException,
        ExpiredTokenException,
        InternalServerException,
        InvalidClientException,
        InvalidClientMetadataException,
        InvalidGrantException,
        InvalidRedirectUriException,
        InvalidRequestException,
        InvalidRequestRegionException,
        InvalidScopeException,
        SlowDownException,
        UnauthorizedClientException,
        UnsupportedGrantTypeException,
    )
}
