"""IAM Identity Center portal (``sso``) errors: one class per modeled error shape."""

from __future__ import annotations

from py_backend.errors._base import ServiceError, modeled_errors


class SSOServiceError(ServiceError):
    """An error answered by the portal; unmodeled codes (``ForbiddenException``) raise this."""

    service = "sso"


#: The members of every modeled error shape of the service.
_MEMBERS = ("message",)


class InvalidRequestException(SSOServiceError, status=400, members=_MEMBERS):
    """A problem with the input, such as a required parameter missing or out of range."""


class ResourceNotFoundException(SSOServiceError, status=404, members=_MEMBERS):
    """The specified resource doesn't exist."""


class TooManyRequestsException(SSOServiceError, status=429, members=_MEMBERS):
    """The request is being made too frequently."""


class UnauthorizedException(SSOServiceError, status=401, members=_MEMBERS):
    """The access token is unknown, expired or revoked: sign in again."""


#: Every modeled error class, by shape name (the code botocore maps to a class).
MODELED_ERRORS: dict[str, type[SSOServiceError]] = modeled_errors(SSOServiceError)
