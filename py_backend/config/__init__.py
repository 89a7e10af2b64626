"""Configuration: credentials, region, shared config files and client settings.

Everything is resolved the way botocore resolves it, from a :class:`ConfigContext` that holds
the environment, the two shared file paths and the profile asked for.
"""

from __future__ import annotations

from py_backend.config.client_settings import ClientSettings, resolve_client_settings
from py_backend.config.context import ConfigContext
from py_backend.config.credentials import Credentials
from py_backend.config.credentials_chain import resolve_credentials
from py_backend.config.region import resolve_region
from py_backend.config.shared_files import get_profile, get_sso_session, load_shared_files

__all__ = [
    "ClientSettings",
    "ConfigContext",
    "Credentials",
    "get_profile",
    "get_sso_session",
    "load_shared_files",
    "resolve_client_settings",
    "resolve_credentials",
    "resolve_region",
]
