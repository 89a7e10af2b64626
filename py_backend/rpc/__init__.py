"""The JSON-RPC 2.0 backend of the AwsTokenBridge PowerShell module (docs/rpc.md has its layers).

The public names are imported on first use (PEP 562), so that ``python -m py_backend rpc``
answers ``initialize`` before pydantic, httpx or cryptography is loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from py_backend.lazy_names import lazy_getattr

if TYPE_CHECKING:
    from py_backend.rpc.backend import CmdletBackend, default_backend
    from py_backend.rpc.dispatcher import Dispatcher, Emit
    from py_backend.rpc.methods import PROTOCOL_VERSION
    from py_backend.rpc.server import main, serve

_LAZY = {
    "PROTOCOL_VERSION": "methods",
    "CmdletBackend": "backend",
    "Dispatcher": "dispatcher",
    "Emit": "dispatcher",
    "default_backend": "backend",
    "main": "server",
    "serve": "server",
}

__all__ = [
    "PROTOCOL_VERSION",
    "CmdletBackend",
    "Dispatcher",
    "Emit",
    "default_backend",
    "main",
    "serve",
]


__getattr__ = lazy_getattr(__name__, _LAZY)


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
