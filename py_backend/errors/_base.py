"""The base classes of the error hierarchy (see the package docstring for the tree)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, TypeVar


class TokenBridgeError(Exception):
    """The base of every error py_backend raises."""

    code: ClassVar[str] = "TokenBridgeError"


VALIDATION_HEADING = "Parameter validation failed:"


def problem_lines(problems: Sequence[tuple[str, str]]) -> list[str]:
    """One line per ``(parameter, reason)``, as botocore words an invalid value."""
    return [f"Invalid value for parameter {name}: {reason}" for name, reason in problems]


def validation_message(lines: Sequence[str], *, heading: bool = False) -> str:
    """The text of parameter problems: a single line alone, else botocore's heading and them.

    ``heading`` puts the heading over a single line too (the AWS CLI always shows it).
    """
    if len(lines) == 1 and not heading:
        return lines[0]
    return "\n".join([VALIDATION_HEADING, *lines])


class ParamValidationError(TokenBridgeError, ValueError):
    """One or more parameters are invalid; found before any request is sent.

    ``problems`` lists ``(parameter, reason)`` pairs; the parameter is named by its wire name
    (``tokenInput.codeVerifier``, ``clientId``). Values are never quoted, so a secret given in
    the wrong place does not leak into the message.
    """

    code = "ParamValidationError"

    def __init__(self, problems: Sequence[tuple[str, str]]) -> None:
        self.problems: tuple[tuple[str, str], ...] = tuple(problems)
        super().__init__(validation_message(problem_lines(self.problems)))

    @property
    def parameters(self) -> tuple[str, ...]:
        """The names of the invalid parameters, in the order they were found."""
        return tuple(name for name, _ in self.problems)

    @classmethod
    def single(cls, parameter: str, reason: str) -> ParamValidationError:
        """An error about one parameter."""
        return cls([(parameter, reason)])


class ConfigurationError(TokenBridgeError):
    """Profiles, credentials, region or endpoint settings are missing or wrong."""

    code = "ConfigurationError"


class FileAccessError(ConfigurationError, OSError):
    """A config file or a token cache file (or its directory) could not be read or written.

    ``path`` names the file; the message gives the operating system's reason, never content.
    Also an ``OSError``, so code that caught the operating system's error still catches it.
    """

    code = "FileAccessError"

    def __init__(self, path: str, action: str, reason: str) -> None:
        self.path = path
        super().__init__(f"Could not {action} {path}: {reason}")

    @classmethod
    def from_os_error(cls, error: OSError, path: object, action: str) -> FileAccessError:
        """The error for ``error``, raised while trying to ``action`` the file ``path``."""
        reason = error.strerror or str(error) or type(error).__name__
        if error.filename is not None and str(error.filename) != str(path):
            reason = f"{reason}: {error.filename}"
        return cls(str(path), action, reason)


class ProfileNotFound(ConfigurationError):
    """The named profile is in neither the shared config nor the credentials file."""

    code = "ProfileNotFound"

    def __init__(self, profile: str) -> None:
        self.profile = profile
        super().__init__(f"The config profile ({profile}) could not be found")


class NoCredentialsError(ConfigurationError):
    """A signed operation was called and no credentials could be found."""

    code = "NoCredentialsError"

    def __init__(self, message: str = "Unable to locate credentials") -> None:
        super().__init__(message)


class CredentialProcessError(ConfigurationError):
    """``credential_process`` failed or printed something that is not credentials."""

    code = "CredentialProcessError"


class NoRegionError(ConfigurationError):
    """No region was given and none could be found in the environment or profile."""

    code = "NoRegionError"

    def __init__(self, message: str = "You must specify a region.") -> None:
        super().__init__(message)


class EndpointResolutionError(ConfigurationError):
    """The endpoint rules refuse this combination of region and settings."""

    code = "EndpointResolutionError"


class TransportError(TokenBridgeError):
    """The request got no usable HTTP answer."""

    code = "TransportError"


class EndpointConnectionError(TransportError):
    """The connection to the endpoint could not be made."""

    code = "EndpointConnectionError"

    def __init__(self, endpoint_url: str, reason: str = "") -> None:
        self.endpoint_url = endpoint_url
        #: True when the request's bytes never left this machine (safe to send again).
        self.not_sent = False
        text = f'Could not connect to the endpoint URL: "{endpoint_url}"'
        super().__init__(f"{text} ({reason})" if reason else text)


class SSLError(EndpointConnectionError):
    """The TLS handshake failed (for example, the certificate is not trusted); not retried."""

    code = "SSLError"


class ConnectTimeoutError(EndpointConnectionError):
    """Connecting took longer than the connect timeout."""

    code = "ConnectTimeoutError"

    def __init__(self, endpoint_url: str) -> None:
        super().__init__(endpoint_url)
        self.args = (f'Connect timeout on endpoint URL: "{endpoint_url}"',)


class ReadTimeoutError(TransportError):
    """The endpoint did not answer within the read timeout."""

    code = "ReadTimeoutError"

    def __init__(self, endpoint_url: str) -> None:
        self.endpoint_url = endpoint_url
        super().__init__(f'Read timeout on endpoint URL: "{endpoint_url}"')


class RequestCancelledError(TransportError):
    """The caller cancelled the request: its connection was closed and it is not retried."""

    code = "RequestCancelledError"

    def __init__(self, endpoint_url: str) -> None:
        self.endpoint_url = endpoint_url
        super().__init__(f'Request to "{endpoint_url}" was cancelled')


class ResponseParseError(TransportError):
    """The service answered with a body this client cannot read."""

    code = "ResponseParseError"


class PendingAuthorizationExpiredError(TokenBridgeError):
    """A device authorization expired before the user approved it (botocore's name)."""

    code = "PendingAuthorizationExpiredError"

    def __init__(
        self,
        message: str = (
            "The pending authorization to retrieve an SSO token has expired. The device "
            "authorization flow to retrieve an SSO token must be restarted."
        ),
    ) -> None:
        super().__init__(message)


class ServiceError(TokenBridgeError):
    """The service answered with an error; botocore's ``ClientError``.

    Attributes mirror botocore's: ``response`` is the dict botocore builds
    (``Error.Code``, ``Error.Message``, ``ResponseMetadata`` and, for a modeled error, the error
    shape's members at the top level).
    """

    code = "ServiceError"
    #: The modeled HTTP status of this error shape (0 for the unmodeled base classes).
    modeled_status: ClassVar[int] = 0
    #: The members of the modeled error shape, as they appear in the JSON body.
    members: ClassVar[tuple[str, ...]] = ()
    #: botocore's name for the service (``sso-oidc``, ``signin``).
    service: ClassVar[str] = ""

    def __init_subclass__(
        cls, *, status: int = 0, members: tuple[str, ...] = (), **kwargs: Any
    ) -> None:
        """``class X(ServiceBase, status=400, members=(...))`` declares a modeled error shape.

        Its ``code`` is its class name, which is the shape name botocore maps to it (and, in
        the AWS SDK for .NET, ``Amazon.<namespace>.Model.<code>``).
        """
        super().__init_subclass__(**kwargs)
        if status:
            cls.code = cls.__name__
            cls.modeled_status = status
            cls.members = members

    def __init__(
        self,
        *,
        error_code: str,
        message: str,
        operation_name: str,
        http_status: int,
        request_id: str | None = None,
        error: str | None = None,
        response: Mapping[str, Any] | None = None,
        retry_attempts: int = 0,
        max_attempts_reached: bool = False,
    ) -> None:
        self.error_code = error_code
        self.message = message
        self.operation_name = operation_name
        self.http_status = http_status
        self.request_id = request_id
        self.error = error
        self.response: dict[str, Any] = dict(response or {})
        self.retry_attempts = retry_attempts
        retries = f" (reached max retries: {retry_attempts})" if max_attempts_reached else ""
        super().__init__(
            f"An error occurred ({error_code}) when calling the {operation_name} "
            f"operation{retries}: {message}"
        )

    @property
    def error_description(self) -> str | None:
        """The OAuth ``error_description`` member, when the body had one."""
        value = self.response.get("error_description")
        return value if isinstance(value, str) else None


_Service = TypeVar("_Service", bound=ServiceError)


def modeled_errors(base: type[_Service]) -> dict[str, type[_Service]]:
    """Every modeled error class of a service (``base``'s subclasses that have a status), by
    shape name: the code botocore maps to a class."""
    return {kind.code: kind for kind in base.__subclasses__() if kind.modeled_status}
