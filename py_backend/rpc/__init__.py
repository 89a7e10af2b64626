"""The JSON-RPC 2.0 backend of the AwsTokenBridge PowerShell module (docs/rpc.md).

Four layers, one module each, bytes at the bottom and cmdlets at the top:

- :mod:`~py_backend.rpc.framing`: NDJSON lines on binary streams, with a size limit;
- :mod:`~py_backend.rpc.protocol`: the JSON-RPC 2.0 envelope and the error codes;
- :mod:`~py_backend.rpc.methods`: ``initialize``, ``describe``, ``invoke``, ``shutdown`` and
  ``$/cancelRequest``, each with its params (:mod:`~py_backend.rpc.params`);
- :mod:`~py_backend.rpc.dispatcher` (one line in, answer lines out; shared by every
  transport) and :mod:`~py_backend.rpc.server` (stdio: ``aws-token-bridge rpc``).

The cmdlet layer is reached through :class:`~py_backend.rpc.backend.CmdletBackend`, which
tests replace with a fake. The public names are imported on first use (PEP 562), so that
``python -m py_backend rpc`` answers ``initialize`` before pydantic, httpx or cryptography is
loaded (:mod:`~py_backend.rpc.warmup` loads them right after).
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
