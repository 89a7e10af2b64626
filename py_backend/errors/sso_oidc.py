"""SSO OIDC errors: one class per modeled error shape of the service model."""

from __future__ import annotations

from py_backend.errors._base import ServiceError


class SSOOIDCServiceError(ServiceError):
    """An error answered by the service; unmodeled codes (such as ``"400"``) raise this class."""

    service = "sso-oidc"
    dotnet_type = "Amazon.SSOOIDC.AmazonSSOOIDCException"


class AccessDeniedException(SSOOIDCServiceError):
    """You do not have sufficient access to perform this action."""

    code = "AccessDeniedException"
    dotnet_type = "Amazon.SSOOIDC.Model.AccessDeniedException"
    category = "PermissionDenied"
    modeled_status = 400
    members = ("error", "reason", "error_description")


class AuthorizationPendingException(SSOOIDCServiceError):
    """The user has not yet approved the authorization request."""

    code = "AuthorizationPendingException"
    dotnet_type = "Amazon.SSOOIDC.Model.AuthorizationPendingException"
    category = "ResourceUnavailable"
    modeled_status = 400
    members = ("error", "error_description")


class ExpiredTokenException(SSOOIDCServiceError):
    """Indicates that the token issued by the service is expired and is no longer valid."""

    code = "ExpiredTokenException"
    dotnet_type = "Amazon.SSOOIDC.Model.ExpiredTokenException"
    category = "AuthenticationError"
    modeled_status = 400
    members = ("error", "error_description")


class InternalServerException(SSOOIDCServiceError):
    """Indicates that an error from the service occurred while trying to process a request."""

    code = "InternalServerException"
    dotnet_type = "Amazon.SSOOIDC.Model.InternalServerException"
    category = "NotSpecified"
    modeled_status = 500
    members = ("error", "error_description")


class InvalidClientException(SSOOIDCServiceError):
    """Indicates that the clientId or clientSecret in the request is invalid."""

    code = "InvalidClientException"
    dotnet_type = "Amazon.SSOOIDC.Model.InvalidClientException"
    category = "AuthenticationError"
    modeled_status = 401
    members = ("error", "error_description")


class InvalidClientMetadataException(SSOOIDCServiceError):
    """The client information sent during registration is invalid."""

    code = "InvalidClientMetadataException"
    dotnet_type = "Amazon.SSOOIDC.Model.InvalidClientMetadataException"
    category = "InvalidArgument"
    modeled_status = 400
    members = ("error", "error_description")


class InvalidGrantException(SSOOIDCServiceError):
    """Indicates that a request contains an invalid grant."""

    code = "InvalidGrantException"
    dotnet_type = "Amazon.SSOOIDC.Model.InvalidGrantException"
    category = "AuthenticationError"
    modeled_status = 400
    members = ("error", "error_description")


class InvalidRedirectUriException(SSOOIDCServiceError):
    """A redirect URI in the request is not supported for this operation."""

    code = "InvalidRedirectUriException"
    dotnet_type = "Amazon.SSOOIDC.Model.InvalidRedirectUriException"
    category = "InvalidArgument"
    modeled_status = 400
    members = ("error", "error_description")


class InvalidRequestException(SSOOIDCServiceError):
    """Indicates that something is wrong with the input to the request."""

    code = "InvalidRequestException"
    dotnet_type = "Amazon.SSOOIDC.Model.InvalidRequestException"
    category = "InvalidArgument"
    modeled_status = 400
    members = ("error", "reason", "error_description")


class InvalidRequestRegionException(SSOOIDCServiceError):
    """The token was issued in a Region other than the one the request was sent to."""

    code = "InvalidRequestRegionException"
    dotnet_type = "Amazon.SSOOIDC.Model.InvalidRequestRegionException"
    category = "InvalidArgument"
    modeled_status = 400
    members = ("error", "error_description", "endpoint", "region")


class InvalidScopeException(SSOOIDCServiceError):
    """Indicates that the scope provided in the request is invalid."""

    code = "InvalidScopeException"
    dotnet_type = "Amazon.SSOOIDC.Model.InvalidScopeException"
    category = "InvalidArgument"
    modeled_status = 400
    members = ("error", "error_description")


class SlowDownException(SSOOIDCServiceError):
    """The client is polling too often; add 5 seconds to the polling interval."""

    code = "SlowDownException"
    dotnet_type = "Amazon.SSOOIDC.Model.SlowDownException"
    category = "LimitsExceeded"
    modeled_status = 400
    members = ("error", "error_description")


class UnauthorizedClientException(SSOOIDCServiceError):
    """Indicates that the client is not currently authorized to make the request."""

    code = "UnauthorizedClientException"
    dotnet_type = "Amazon.SSOOIDC.Model.UnauthorizedClientException"
    category = "PermissionDenied"
    modeled_status = 400
    members = ("error", "error_description")


class UnsupportedGrantTypeException(SSOOIDCServiceError):
    """Indicates that the grant type in the request is not supported by the service."""

    code = "UnsupportedGrantTypeException"
    dotnet_type = "Amazon.SSOOIDC.Model.UnsupportedGrantTypeException"
    category = "InvalidArgument"
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
