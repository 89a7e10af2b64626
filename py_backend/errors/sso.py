"""IAM Identity Center portal (``sso``) errors: one class per modeled error shape."""

from __future__ import annotations

from py_backend.errors._base import ServiceError


class SSOServiceError(ServiceError):
    """An error answered by the portal; unmodeled codes (``ForbiddenException``) raise this."""

    service = "sso"


class InvalidRequestException(SSOServiceError):
    """A problem with the input, such as a required parameter missing or out of range."""

    code = "InvalidRequestException"
    modeled_status = 400
    members = ("message",)


class ResourceNotFoundException(SSOServiceError):
    """The specified resource doesn't exist."""

    code = "ResourceNotFoundException"
    modeled_status = 404
    members = ("message",)


class TooManyRequestsException(SSOServiceError):
    """The request is being made too frequently."""

    code = "TooManyRequestsException"
    modeled_status = 429
    members = ("message",)


class UnauthorizedException(SSOServiceError):
    """The access token is unknown, expired or revoked: sign in again."""

    code = "UnauthorizedException"
    modeled_status = 401
    members = ("message",)


#: Every modeled error class, by shape name (the code botocore maps to a class).
MODELED_ERRORS: dict[str, type[SSOServiceError]] = {
    cls.code: cls
    for cls in (
        InvalidRequestException,
        ResourceNotFoundException,
        TooManyRequestsException,
        UnauthorizedException,
    )
}
