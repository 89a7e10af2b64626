"""Start-up of the backend: answer ``initialize`` first, load the cmdlet layer right after.

``python -m py_backend rpc`` answers ``initialize`` with nothing but the standard library and
this package's own light modules loaded: the cmdlet names it announces are listed here
(:data:`CMDLET_NAMES`; a test keeps them equal to the cmdlet layer's). Once the answer is
written, :func:`start` imports, on a daemon thread, what the first ``invoke`` needs (the
cmdlet layer and with it pydantic and httpx, the TLS trust store, then cryptography for
DPoP). The first ``invoke`` imports the same modules; Python's per-module import locks make
it wait for a module the warm-up is loading, and only for what is still missing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from importlib import import_module

__all__ = ["CMDLET_NAMES", "MODULES", "start"]

logger = logging.getLogger(__name__)

CMDLET_NAMES: tuple[str, ...] = (
    "Invoke-AMSPLogin",
    "Invoke-SSOOIDCLogin",
    "New-AMSPOAuth2Token",
    "New-SSOOIDCToken",
    "New-SSOOIDCTokenWithIAM",
    "Register-SSOOIDCClient",
    "Start-SSOOIDCDeviceAuthorization",
)
"""``py_backend.cmdlets.CMDLET_NAMES``, known without importing the cmdlet layer."""

MODULES: tuple[str, ...] = (
    # The cmdlet layer first: the first invoke imports it by the same name, so the two
    # threads meet on the same module lock and never wait on each other in a cycle.
    "py_backend.cmdlets",
    "py_backend.operations",
    "certifi",
    "py_backend.auth.dpop",
)
"""What the warm-up imports, in order: what every invoke needs first, DPoP last."""

_started = threading.Event()


def start(modules: Sequence[str] = MODULES) -> threading.Thread | None:
    """Import ``modules`` on a daemon thread, once per process; the thread (or ``None``)."""
    if _started.is_set():
        return None
    _started.set()
    thread = threading.Thread(target=_load, args=(tuple(modules),), name="rpc-warmup", daemon=True)
    thread.start()
    return thread


def _load(modules: Sequence[str]) -> None:
    for name in modules:
        try:
            import_module(name)
        except Exception as error:  # the invoke that needs it will import it and report
            logger.debug("warm-up: %s not loaded (%s)", name, type(error).__name__)
