"""Whole sign-in flows built from the five operations, and the AWS CLI's token caches.

:func:`sso_login` (``aws sso login``) and :func:`signin_login` (``aws login``) sign in and
cache; :func:`load_sso_token` and :func:`load_login_credentials` read the caches back,
refreshing when due. Every user-facing step is injectable (``Interaction``), so the CLI, the
cmdlets and the tests drive the same code.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

from py_backend.lazy_names import lazy_getattr

if TYPE_CHECKING:
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

#: Each public name and the module it lives in: imported on first use (PEP 562), so a
#: caller that needs one flow (the CLI's credential chain needs ``signin_token``) does not
#: load the others (their HTTP listeners, browsers and prompts).
_LAZY = {
    "AuthorizationCodeLoadError": "errors",
    "LoginAuthorizationCodeError": "errors",
    "LoginCredentials": "signin_token",
    "LoginError": "errors",
    "LoginInsufficientPermissions": "errors",
    "LoginRefreshRequired": "errors",
    "LoginTokenLoadError": "errors",
    "LoopbackListenerError": "errors",
    "Progress": "interaction",
    "SSOSettings": "profiles",
    "SSOToken": "sso_token",
    "SSOTokenLoadError": "errors",
    "TokenCache": "cache",
    "check_login_profile": "profiles",
    "load_login_credentials": "signin_token",
    "load_sso_token": "sso_token",
    "login_cache_dir": "cache",
    "login_cache_key": "cache",
    "login_session_of": "profiles",
    "render_progress_line": "interaction",
    "signin_login": "signin_login",
    "sso_cache_dir": "cache",
    "sso_login": "sso_login",
    "sso_registration_cache_key": "cache",
    "sso_settings": "profiles",
    "sso_token_cache_key": "cache",
    "write_login_profile": "profiles",
    "write_sso_profile": "profiles",
}

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


#: Public functions named like the module they live in. Importing such a module makes Python
#: set the package attribute to the module; the package keeps the function instead, as the
#: eager ``from ... import`` of earlier versions did.
_SHADOWED = frozenset({"signin_login", "sso_login"})


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value: Any) -> None:
        if name in _SHADOWED and isinstance(value, types.ModuleType):
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


__getattr__ = lazy_getattr(__name__, _LAZY)


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
