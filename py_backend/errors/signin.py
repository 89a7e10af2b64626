"""AWS Sign-In errors: one class per modeled error shape of the service model."""

from __future__ import annotations

from py_backend.errors._base import ServiceError


class SigninServiceError(ServiceError):
    """An error answered by the service; unmodeled codes (such as ``"400"``) raise this class."""

    service = "signin"


class AccessDeniedException(SigninServiceError):
    """You do not have sufficient access to perform this action."""

    code = "AccessDeniedException"
    modeled_status = 400
    members = ("error", "message")


class ConflictException(SigninServiceError):
    """The request conflicts with the current state of the resource."""

    code = "ConflictException"
    modeled_status = 409
    members = ("error", "message")


class InternalServerException(SigninServiceError):
    """The request failed because of an internal server error."""

    code = "InternalServerException"
    modeled_status = 500
    members = ("error", "message")


class InvalidGrantException(SigninServiceError):
    """The request failed because the provided grant is invalid or expired."""

    code = "InvalidGrantException"
    modeled_status = 400
    members = ("error", "message")


class InvalidScopeException(SigninServiceError):
    """The requested scope is invalid or exceeds the scope granted."""

    code = "InvalidScopeException"
    modeled_status = 400
    members = ("error", "message")


class ResourceNotFoundException(SigninServiceError):
    """The requested resource was not found."""

    code = "ResourceNotFoundException"
    modeled_status = 404
    members = ("error", "message")


class ServiceQuotaExceededException(SigninServiceError):
    """A service quota was exceeded."""

    code = "ServiceQuotaExceededException"
    modeled_status = 402
    members = ("error", "message")


class ServiceUnavailableException(SigninServiceError):
    """The request failed because a dependency is temporarily unavailable."""

    code = "ServiceUnavailableException"
    modeled_status = 503
    members = ("error", "message")


class TooManyRequestsError(SigninServiceError):
    """The request failed because you exceeded the request rate limit for this operation."""

    code = "TooManyRequestsError"
    modeled_status = 429
    members = ("error", "message")


class ValidationException(SigninServiceError):
    """The request failed because it contains a malformed, missing, or invalid parameter."""

    code = "ValidationException"
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
