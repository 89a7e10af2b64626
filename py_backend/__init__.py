"""AWS Token Bridge: AWS Sign-In and SSO OIDC OAuth2 tokens from Python.

A drop-in for the parts of boto3 that get tokens::

    import py_backend

    session = py_backend.Session(region_name="us-east-1")
    oidc = session.client("sso-oidc")
    registration = oidc.register_client(clientName="my-tool", clientType="public")
    token = oidc.create_token(
        clientId=registration.client_id,
        clientSecret=registration.client_secret,  # a SecretStr is taken as it is
        grantType="refresh_token",
        refreshToken="...",
    )
    token.access_token  # SecretStr: never shown in a repr

The public names are imported on first use (PEP 562), so ``import py_backend`` is cheap and a
command that needs none of them (``aws-token-bridge ... --generate-cli-skeleton``, ``help``)
starts without loading httpx, pydantic or cryptography.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from py_backend._version import __version__
from py_backend.lazy_names import lazy_getattr

if TYPE_CHECKING:
    from py_backend.auth.credentials import Credentials
    from py_backend.client import ClientMeta, SigninClient, SSOOIDCClient
    from py_backend.client_config import ClientConfig
    from py_backend.errors import (
        ConfigurationError,
        NoCredentialsError,
        NoRegionError,
        ParamValidationError,
        ServiceError,
        TokenBridgeError,
        TransportError,
    )
    from py_backend.errors import ServiceError as ClientError
    from py_backend.flows.login_session import SessionWithLogin as Session

#: Each public name and the module it lives in (``ClientError`` is botocore's name for
#: ``ServiceError``).
_LAZY = {
    "ClientConfig": "client_config",
    "ClientError": "errors:ServiceError",
    "ClientMeta": "client",
    "ConfigurationError": "errors",
    "Credentials": "auth.credentials",
    "NoCredentialsError": "errors",
    "NoRegionError": "errors",
    "ParamValidationError": "errors",
    "SSOOIDCClient": "client",
    "ServiceError": "errors",
    "Session": "flows.login_session:SessionWithLogin",
    "SigninClient": "client",
    "TokenBridgeError": "errors",
    "TransportError": "errors",
}

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


__getattr__ = lazy_getattr(__name__, _LAZY)


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
