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

from importlib import import_module
from typing import TYPE_CHECKING, Any

from py_backend._version import __version__

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
    "ClientConfig": "py_backend.client_config",
    "ClientError": "py_backend.errors:ServiceError",
    "ClientMeta": "py_backend.client",
    "ConfigurationError": "py_backend.errors",
    "Credentials": "py_backend.auth.credentials",
    "NoCredentialsError": "py_backend.errors",
    "NoRegionError": "py_backend.errors",
    "ParamValidationError": "py_backend.errors",
    "SSOOIDCClient": "py_backend.client",
    "ServiceError": "py_backend.errors",
    "Session": "py_backend.flows.login_session:SessionWithLogin",
    "SigninClient": "py_backend.client",
    "TokenBridgeError": "py_backend.errors",
    "TransportError": "py_backend.errors",
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


def __getattr__(name: str) -> Any:
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'py_backend' has no attribute {name!r}")
    module, _, attribute = target.partition(":")
    value = getattr(import_module(module), attribute or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
