"""The .NET exception type and PowerShell ErrorCategory of each error: the cmdlet layer's own.

The core's errors say what went wrong (``code``, ``service``, ``modeled_status``); how the AWS
Tools for PowerShell would show it lives here. A modeled service error is the SDK's
``Amazon.<namespace>.Model.<code>``, an unmodeled one the service's base exception;
a library error takes the first entry along its class's bases in :data:`DOTNET_TYPES`.
"""

from __future__ import annotations

from collections.abc import Mapping

from py_backend.cmdlets.vocabulary import SDK_NAMESPACES
from py_backend.errors import ServiceError, TokenBridgeError

GENERIC_SERVICE_EXCEPTION = "Amazon.Runtime.AmazonServiceException"
INVALID_OPERATION = "System.InvalidOperationException"
OPERATION_CANCELED = "System.OperationCanceledException"

#: The .NET exception of the library's errors, by ``code``; a subclass inherits its base's.
DOTNET_TYPES: Mapping[str, str] = {
    "TokenBridgeError": INVALID_OPERATION,
    "ParamValidationError": "System.ArgumentException",
    "FileAccessError": "System.IO.IOException",
    "TransportError": "System.Net.Http.HttpRequestException",
    "RequestCancelledError": OPERATION_CANCELED,
    "AuthorizationCancelledError": OPERATION_CANCELED,
}

#: The ErrorCategory, by ``code`` (service and library errors); a subclass inherits its base's.
CATEGORIES: Mapping[str, str] = {
    # Library errors.
    "ParamValidationError": "InvalidArgument",
    "ConfigurationError": "InvalidOperation",
    "FileAccessError": "WriteError",
    "ProfileNotFound": "ObjectNotFound",
    "NoCredentialsError": "AuthenticationError",
    "CredentialProcessError": "AuthenticationError",
    "TransportError": "ConnectionError",
    "SSLError": "SecurityError",
    "ReadTimeoutError": "OperationTimeout",
    "RequestCancelledError": "OperationStopped",
    "ResponseParseError": "InvalidResult",
    "PendingAuthorizationExpiredError": "OperationTimeout",
    "LoginError": "AuthenticationError",
    "LoginInsufficientPermissions": "PermissionDenied",
    "LoginTokenLoadError": "ObjectNotFound",
    "AuthorizationCancelledError": "OperationStopped",
    "AuthorizationCodeLoadError": "AuthenticationError",
    "LoopbackListenerError": "ResourceUnavailable",
    "SSOTokenLoadError": "ObjectNotFound",
    # Service errors (the same code means the same in both services).
    "AccessDeniedException": "PermissionDenied",
    "AuthorizationPendingException": "ResourceUnavailable",
    "ConflictException": "ResourceExists",
    "ExpiredTokenException": "AuthenticationError",
    "ForbiddenException": "PermissionDenied",
    "InvalidClientException": "AuthenticationError",
    "InvalidClientMetadataException": "InvalidArgument",
    "InvalidGrantException": "AuthenticationError",
    "InvalidRedirectUriException": "InvalidArgument",
    "InvalidRequestException": "InvalidArgument",
    "InvalidRequestRegionException": "InvalidArgument",
    "InvalidScopeException": "InvalidArgument",
    "ResourceNotFoundException": "ObjectNotFound",
    "ServiceQuotaExceededException": "QuotaExceeded",
    "ServiceUnavailableException": "ResourceUnavailable",
    "SlowDownException": "LimitsExceeded",
    "TooManyRequestsError": "LimitsExceeded",
    "TooManyRequestsException": "LimitsExceeded",
    "UnauthorizedClientException": "PermissionDenied",
    "UnauthorizedException": "AuthenticationError",
    "UnsupportedGrantTypeException": "InvalidArgument",
    "ValidationException": "InvalidArgument",
}


def dotnet_type(kind: type[TokenBridgeError]) -> str:
    """The .NET exception type the AWS Tools would throw for an error of class ``kind``."""
    if issubclass(kind, ServiceError):
        namespace = SDK_NAMESPACES.get(kind.service)
        if namespace is None:
            return GENERIC_SERVICE_EXCEPTION
        if kind.modeled_status:
            return f"Amazon.{namespace}.Model.{kind.code}"
        return f"Amazon.{namespace}.Amazon{namespace}Exception"
    return _along_bases(kind, DOTNET_TYPES, INVALID_OPERATION)


def category(kind: type[TokenBridgeError]) -> str:
    """The PowerShell ErrorCategory of an error of class ``kind``."""
    return _along_bases(kind, CATEGORIES, "NotSpecified")


def _along_bases(kind: type[TokenBridgeError], table: Mapping[str, str], default: str) -> str:
    for base in kind.__mro__:
        code = base.__dict__.get("code")
        if isinstance(code, str) and code in table:
            return table[code]
    return default
