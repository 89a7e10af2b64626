"""AWS Sign-In errors: one class per modeled error shape of the service model."""

from __future__ import annotations

from py_backend.errors._base import ServiceError


class SigninServiceError(ServiceError):
    """An error answered by the service; unmodeled codes (such as ``"400"``) raise this class."""

    service = "signin"
    dotnet_type = "Amazon.Signin.AmazonSigninException"


class AccessDeniedException(SigninServiceError):
    """You do not have sufficient access to perform this action."""

    code = "AccessDeniedException"
    dotnet_type = "Amazon.Signin.Model.AccessDeniedException"
    category = "PermissionDenied"
    modeled_status = 400
    members = ("error", "message")


class ConflictException(SigninServiceError):
    """The request conflicts with the current state of the resource."""

    code = "ConflictException"
    dotnet_type = "Amazon.Signin.Model.ConflictException"
    category = "ResourceExists"
    modeled_status = 409
    members = ("error", "message")


class InternalServerException(SigninServiceError):
    """The request failed because of an internal server error."""

    code = "InternalServerException"
    dotnet_type = "Amazon.Signin.Model.InternalServerException"
    category = "NotSpecified"
    modeled_status = 500
    members = ("error", "message")


class InvalidGrantException(SigninServiceError):
    """The request failed because the provided grant is invalid or expired."""

    code = "InvalidGrantException"
    dotnet_type = "Amazon.Signin.Model.InvalidGrantException"
    category = "AuthenticationError"
    modeled_status = 400
    members = ("error", "message")


class InvalidScopeException(SigninServiceError):
    """The requested scope is invalid or exceeds the scope granted."""

    code = "InvalidScopeException"
    dotnet_type = "Amazon.Signin.Model.InvalidScopeException"
    category = "InvalidArgument"
    modeled_status = 400
    members = ("error", "message")


class ResourceNotFoundException(SigninServiceError):
    """The requested resource was not found."""

    code = "ResourceNotFoundException"
    dotnet_type = "Amazon.Signin.Model.ResourceNotFoundException"
    category = "ObjectNotFound"
    modeled_status = 404
    members = ("error", "message")


class ServiceQuotaExceededException(SigninServiceError):
    """A service quota was exceeded."""

    code = "ServiceQuotaExceededException"
    dotnet_type = "Amazon.Signin.Model.ServiceQuotaExceededException"
    category = "QuotaExceeded"
    modeled_status = 402
    members = ("error", "message")


class ServiceUnavailableException(SigninServiceError):
    """The request failed because a dependency is temporarily unavailable."""

    code = "ServiceUnavailableException"
    dotnet_type = "Amazon.Signin.Model.ServiceUnavailableException"
    category = "ResourceUnavailable"
    modeled_status = 503
    members = ("error", "message")


class TooManyRequestsError(SigninServiceError):
    """The request failed because you exceeded the request rate limit for this operation."""

    code = "TooManyRequestsError"
    dotnet_type = "Amazon.Signin.Model.TooManyRequestsError"
    category = "LimitsExceeded"
    modeled_status = 429
    members = ("error", "message")


class ValidationException(SigninServiceError):
    """The request failed because it contains a malformed, missing, or invalid parameter."""

    code = "ValidationException"
    dotnet_type = "Amazon.Signin.Model.ValidationException"
    category = "InvalidArgument"
    modeled_status = 400
    members = ("error", "message")


#: Every modeled error class, by shape name (the code botocore maps to a class).
MODELED_ERRORS: dict[str, type[SigninServiceError]] = {
    cls.code: cls
    for cls in (
        AccessDeniedException,
        ConflictException,
        InternalServerException,
        InvalidGrantException,
        InvalidScopeException,
        ResourceNotFoundException,
        ServiceQuotaExceededException,
        ServiceUnavailableException,
        TooManyRequestsError,
        ValidationException,
    )
}
