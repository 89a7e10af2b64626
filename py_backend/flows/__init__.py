"""Whole sign-in flows built from the five operations, and the AWS CLI's token caches.

- :func:`sso_login` (``aws sso login``): authorization code + PKCE with a loopback
  redirect, or device code; caches in ``~/.aws/sso/cache``. :func:`load_sso_token` reads
  the cache back and refreshes the token when under 5 minutes remain.
- :func:`signin_login` (``aws login``): Sign-In authorization code + PKCE + DPoP, same
  device (loopback) or remote (pasted code); caches in ``~/.aws/login/cache`` (or
  ``$AWS_LOGIN_CACHE_DIRECTORY``). :func:`load_login_credentials` reads it back and
  refreshes with the cached DPoP key when 5 minutes or less remain.
- :func:`sso_settings`, :func:`login_session_of` and the ``write_*_profile`` functions read
  and write the ``sso_session`` / ``login_session`` profile settings.

Every user-facing step is injectable (printer, browser opener, pasted-code reader,
progress callback, sleep, clock), so the CLI, the cmdlets and the tests drive the same code.
"""

from __future__ import annotations

from py_backend.flows.cache import (
    TokenCache,
    login_cache_dir,
    login_cache_key,
    sso_cache_dir,
    sso_registration_cache_key,
    sso_token_cache_key,
)
from py_backend.flows.errors import (
    AuthorizationCodeLoadError,
    LoginAuthorizationCodeError,
    LoginError,
    LoginInsufficientPermissions,
    LoginRefreshRequired,
    LoginTokenLoadError,
    LoopbackListenerError,
    SSOTokenLoadError,
)
from py_backend.flows.interaction import Progress, render_progress_line
from py_backend.flows.profiles import (
    SSOSettings,
    check_login_profile,
    login_session_of,
    sso_settings,
    write_login_profile,
    write_sso_profile,
)
from py_backend.flows.signin_login import signin_login
from py_backend.flows.signin_token import LoginCredentials, load_login_credentials
from py_backend.flows.sso_login import sso_login
from py_backend.flows.sso_token import SSOToken, load_sso_token

__all__ = [
    "AuthorizationCodeLoadError",
    "LoginAuthorizationCodeError",
    "LoginCredentials",
    "LoginError",
    "LoginInsufficientPermissions",
    "LoginRefreshRequired",
    "LoginTokenLoadError",
    "LoopbackListenerError",
    "Progress",
    "SSOSettings",
    "SSOToken",
    "SSOTokenLoadError",
    "TokenCache",
    "check_login_profile",
    "load_login_credentials",
    "load_sso_token",
    "login_cache_dir",
    "login_cache_key",
    "login_session_of",
    "render_progress_line",
    "signin_login",
    "sso_cache_dir",
    "sso_login",
    "sso_registration_cache_key",
    "sso_settings",
    "sso_token_cache_key",
    "write_login_profile",
    "write_sso_profile",
]
