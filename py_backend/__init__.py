"""AWS Token Bridge: AWS Sign-In and SSO OIDC OAuth2 tokens from Python.

A drop-in for the parts of boto3 that get tokens::

    import py_backend

    session = py_backend.Session(region_name="us-east-1")
    oidc = session.client("sso-oidc")
    registration = oidc.register_client(clientName="my-tool", clientType="public")
    token = oidc.create_token(
        clientId=registration.client_id,
        clientSecret=registration["clientSecret"],
        grantType="refresh_token",
        refreshToken="...",
    )
    token.access_token  # SecretStr: never shown in a repr
"""

from py_backend._version import __version__
from py_backend.client import ClientMeta, SigninClient, SSOOIDCClient
from py_backend.client_config import ClientConfig
from py_backend.config.credentials import Credentials
from py_backend.errors import (
    ConfigurationError,
    NoCredentialsError,
    NoRegionError,
    ParamValidationError,
    ServiceError,
    TokenBridgeError,
    TransportError,
)
from py_backend.session import Session

#: botocore's name for a service error.
ClientError = ServiceError

__all__ = [
    "ClientConfig",
    "ClientError",
    "ClientMeta",
    "ConfigurationError",
    "Credentials",
    "NoCredentialsError",
    "NoRegionError",
    "ParamValidationError",
    "SSOOIDCClient",
    "ServiceError",
    "Session",
    "SigninClient",
    "TokenBridgeError",
    "TransportError",
    "__version__",
]
