"""Configuration: the credential chain, region, shared config files and client settings.

Everything is resolved the way botocore resolves it, from a :class:`ConfigContext` that holds
the environment, the two shared file paths and the profile asked for. The names below are
imported on first use, so reading a profile (``config.context``, ``config.shared_files``)
does not load pydantic.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from py_backend.config.client_settings import ClientSettings, resolve_client_settings
    from py_backend.config.context import ConfigContext
    from py_backend.config.credentials_chain import resolve_credentials
    from py_backend.config.region import resolve_region
    from py_backend.config.shared_files import get_profile, get_sso_session, load_shared_files

_LAZY = {
    "ClientSettings": "client_settings",
    "ConfigContext": "context",
    "get_profile": "shared_files",
    "get_sso_session": "shared_files",
    "load_shared_files": "shared_files",
    "resolve_client_settings": "client_settings",
    "resolve_credentials": "credentials_chain",
    "resolve_region": "region",
}

__all__ = [
    "ClientSettings",
    "ConfigContext",
    "get_profile",
    "get_sso_session",
    "load_shared_files",
    "resolve_client_settings",
    "resolve_credentials",
    "resolve_region",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'py_backend.config' has no attribute {name!r}")
    value = getattr(import_module(f"py_backend.config.{module}"), name)
    globals()[name] = value
    return value
