"""AWS Sign-In errors: one class per modeled error shape of the service model."""

from __future__ import annotations

from py_backend.errors._base import ServiceError, modeled_errors


class SigninServiceError(ServiceError):
    """An error answered by the service; unmodeled codes (such as ``"400"``) raise this class."""

    service = "signin"


#: The members of every modeled error shape of the service.
_MEMBERS = ("error", "message")


class AccessDeniedException(SigninServiceError, status=400, members=_MEMBERS):
    """You do not have sufficient access to perform this action."""


class ConflictException(SigninServiceError, status=409, members=_MEMBERS):
    """The request conflicts with the current state of the resource."""


class InternalServerException(SigninServiceError, status=500, members=_MEMBERS):
    """The request failed because of an internal server error."""


class InvalidGrantException(SigninServiceError, status=400, members=_MEMBERS):
    """The request failed because the provided grant is invalid or expired."""


class InvalidScopeException(SigninServiceError, status=400, members=_MEMBERS):
    """The requested scope is invalid or exceeds the scope granted."""


class ResourceNotFoundException(SigninServiceError, status=404, members=_MEMBERS):
    """The requested resource was not found."""


class ServiceQuotaExceededException(SigninServiceError, status=402, members=_MEMBERS):
    """A service quota was exceeded."""


class ServiceUnavailableException(SigninServiceError, status=503, members=_MEMBERS):
    """The request failed because a dependency is temporarily unavailable."""


class TooManyRequestsError(SigninServiceError, status=429, members=_MEMBERS):
    """The request failed because you exceeded the request rate limit for this operation."""


class ValidationException(SigninServiceError, status=400, members=_MEMBERS):
    """The request failed because it contains a malformed, missing, or invalid parameter."""


#: Every modeled error class, by shape name (the code botocore maps to a class).
MODELED_ERRORS: dict[str, type[SigninServiceError]] = modeled_errors(SigninServiceError)
