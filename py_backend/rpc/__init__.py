"""The JSON-RPC 2.0 backend of the AwsTokenBridge PowerShell module (docs/rpc.md).

Four layers, one module each, bytes at the bottom and cmdlets at the top:

- :mod:`~py_backend.rpc.framing`: NDJSON lines on binary streams, with a size limit;
- :mod:`~py_backend.rpc.protocol`: the JSON-RPC 2.0 envelope and the error codes;
- :mod:`~py_backend.rpc.methods`: ``initialize``, ``describe``, ``invoke``, ``shutdown`` and
  ``$/cancelRequest``, each with its params model;
- :mod:`~py_backend.rpc.dispatcher` (one line in, answer lines out; shared by every
  transport) and :mod:`~py_backend.rpc.server` (stdio: ``aws-token-bridge rpc``).

The cmdlet layer is reached through :class:`~py_backend.rpc.backend.CmdletBackend`, which
tests replace with a fake.
"""

from __future__ import annotations

from py_backend.rpc.backend import CmdletBackend, default_backend
from py_backend.rpc.dispatcher import Dispatcher, Emit
from py_backend.rpc.methods import PROTOCOL_VERSION
from py_backend.rpc.server import main, serve

__all__ = [
    "PROTOCOL_VERSION",
    "CmdletBackend",
    "Dispatcher",
    "Emit",
    "default_backend",
    "main",
    "serve",
]
