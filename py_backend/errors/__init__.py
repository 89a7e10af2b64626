"""One error hierarchy for everything py_backend raises.

::

    TokenBridgeError
    ├── ParamValidationError        bad input, found before anything is sent (also a ValueError)
    ├── ConfigurationError          profiles, credentials, region, endpoints
    │   ├── FileAccessError         a config or cache file could not be read or written
    │   ├── ProfileNotFound
    │   ├── NoCredentialsError
    │   ├── CredentialProcessError
    │   ├── NoRegionError
    │   └── EndpointResolutionError
    ├── PendingAuthorizationExpiredError  a device code expired before it was approved
    ├── TransportError              the request did not get an HTTP answer
    │   ├── EndpointConnectionError
    │   │   ├── ConnectTimeoutError
    │   │   └── SSLError            TLS failed (an untrusted certificate): never retried
    │   ├── ReadTimeoutError
    │   ├── RequestCancelledError   the caller cancelled it (its connection is closed)
    │   └── ResponseParseError      an answer that is not what the protocol allows
    └── ServiceError                the service answered with an error (botocore's ClientError)
        ├── SSOOIDCServiceError     py_backend.errors.sso_oidc: one class per modeled error
        ├── SigninServiceError      py_backend.errors.signin: one class per modeled error
        └── SSOServiceError         py_backend.errors.sso (the portal): one class per modeled error

Every class carries a stable ``code``. Service errors carry the code the way botocore finds it
(``x-amzn-ErrorType``, then body ``code``/``__type``, then the HTTP status), the OAuth ``error``
value, the message, the HTTP status, the request id and a botocore-shaped ``response`` dict.
Messages never include secrets: parameter errors name the parameter, never its value.
:func:`validation_message` is the one place parameter problems are worded. How an error is shown
in PowerShell (.NET type, ErrorCategory) is the cmdlet layer's (``cmdlets.error_types``).
"""

from __future__ import annotations

from py_backend.errors._base import (
    ConfigurationError,
    ConnectTimeoutError,
    CredentialProcessError,
    EndpointConnectionError,
    EndpointResolutionError,
    FileAccessError,
    NoCredentialsError,
    NoRegionError,
    ParamValidationError,
    PendingAuthorizationExpiredError,
    ProfileNotFound,
    ReadTimeoutError,
    RequestCancelledError,
    ResponseParseError,
    ServiceError,
    SSLError,
    TokenBridgeError,
    TransportError,
    problem_lines,
    validation_message,
)

__all__ = [
    "ConfigurationError",
    "ConnectTimeoutError",
    "CredentialProcessError",
    "EndpointConnectionError",
    "EndpointResolutionError",
    "FileAccessError",
    "NoCredentialsError",
    "NoRegionError",
    "ParamValidationError",
    "PendingAuthorizationExpiredError",
    "ProfileNotFound",
    "ReadTimeoutError",
    "RequestCancelledError",
    "ResponseParseError",
    "SSLError",
    "ServiceError",
    "TokenBridgeError",
    "TransportError",
    "problem_lines",
    "validation_message",
]
