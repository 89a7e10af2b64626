"""Configuration: the credential chain, region, shared config files and client settings.

Everything is resolved the way botocore resolves it, from a :class:`ConfigContext` that holds
the environment, the two shared file paths and the profile asked for. The names below are
imported on first use, so reading a profile (``config.context``, ``config.shared_files``)
does not load pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from py_backend.lazy_names import lazy_getattr

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


__getattr__ = lazy_getattr(__name__, _LAZY)
