"""Start-up of the backend: answer ``initialize`` first, load the cmdlet layer right after.

``initialize`` is answered with only the standard library and this package's light modules
loaded (the names it announces are :data:`CMDLET_NAMES`). Then :func:`start` loads, on a
daemon thread, the dispatcher's own cmdlet layer first (the call the first ``invoke`` makes,
so both threads enter the imports by the same door and meet on the same module locks), then
:data:`MODULES`. Python's per-module import locks make an early ``invoke`` wait only for what
is still missing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from importlib import import_module

__all__ = ["CMDLET_NAMES", "MODULES", "start"]

logger = logging.getLogger(__name__)

CMDLET_NAMES: tuple[str, ...] = (
    "Close-SSOSession",
    "Get-AMSPLoginStatus",
    "Get-AMSPSession",
    "Get-AMSPSessionList",
    "Get-AwsTokenBridgeCredential",
    "Get-SSOAccountList",
    "Get-SSOAccountRoleList",
    "Get-SSOOIDCLoginStatus",
    "Get-SSORoleCredential",
    "Invoke-AMSPIntrospectOAuth2TokenWithIAM",
    "Invoke-AMSPLogin",
    "Invoke-AMSPLogout",
    "Invoke-SSOOIDCLogin",
    "Invoke-SSOOIDCLogout",
    "New-AMSPOAuth2Token",
    "New-AMSPOAuth2TokenWithIAM",
    "New-SSOOIDCToken",
    "New-SSOOIDCTokenWithIAM",
    "Register-SSOOIDCClient",
    "Revoke-AMSPOAuth2TokenWithIAM",
    "Revoke-AMSPSessionBatch",
    "Start-SSOOIDCDeviceAuthorization",
)
"""``py_backend.cmdlets.CMDLET_NAMES``, known without importing the cmdlet layer."""

MODULES: tuple[str, ...] = (
    "py_backend.cmdlets.invoke",
    "py_backend.operations",
    "py_backend.client",
    "py_backend.models.sso_oidc",
    "py_backend.models.sso",
    "py_backend.models.signin",
    "py_backend.models.signin_tokens",
    "certifi",
    "py_backend.auth.dpop",
    "py_backend.cmdlets.login",
)
"""What the warm-up imports after the cmdlet layer, in order: what every invoke needs, then
each service's models (the operations load them per service, on first use: SSO OIDC's come
first, as New-SSOOIDCToken is the usual first call), what only Sign-In (DPoP) needs, then
the sign-in flows of the login cmdlets."""

_started = threading.Event()


def start(first: Callable[[], object]) -> threading.Thread | None:
    """Run ``first`` then import :data:`MODULES` on a daemon thread, once per process; the
    thread, or ``None`` when a warm-up was already started."""
    if _started.is_set():
        return None
    _started.set()
    thread = threading.Thread(target=_load, args=(first, MODULES), name="rpc-warmup", daemon=True)
    thread.start()
    return thread


def _load(first: Callable[[], object], modules: Sequence[str]) -> None:
    try:
        first()
    except Exception as error:  # the invoke that needs it will load it and report
        logger.debug("warm-up: the cmdlet layer not loaded (%s)", type(error).__name__)
    for name in modules:
        try:
            import_module(name)
        except Exception as error:  # the invoke that needs it will import it and report
            logger.debug("warm-up: %s not loaded (%s)", name, type(error).__name__)
