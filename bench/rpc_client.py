"""A minimal synchronous client of the RPC backend, as lean as a client can be.

One request at a time: write a compact JSON line, read lines until the answer with that id
(notifications such as ``$/log`` are counted and skipped). The PowerShell module reads
asynchronously; a blocking read here keeps the client's own cost out of the round trip.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bench.processes import BenchError, Watchdog, spawn, stop

__all__ = ["Backend"]

CALL_TIMEOUT = 60.0


class Backend:
    """``python -m py_backend rpc`` with piped stdin and stdout."""

    def __init__(self, environ: Mapping[str, str], cwd: Path) -> None:
        argv = [sys.executable, "-m", "py_backend", "rpc"]
        self._process = spawn(argv, environ, cwd, stdin=True)
        self._watchdog = Watchdog(self._process)
        self._next_id = 0
        self.notifications = 0

    @property
    def pid(self) -> int:
        """The backend's process id."""
        return self._process.pid

    @property
    def calls(self) -> int:
        """How many requests have been sent so far."""
        return self._next_id

    def call(self, method: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """Send one request and return its answer (``result`` or ``error`` inside)."""
        self._next_id += 1
        request_id = self._next_id
        line = json.dumps(
            {"jsonrpc": "2.0", "id": request_id, "method": method, "params": params},
            separators=(",", ":"),
        )
        stdin, stdout = self._process.stdin, self._process.stdout
        assert stdin is not None and stdout is not None
        with self._watchdog.armed(CALL_TIMEOUT):
            stdin.write(line.encode("utf-8") + b"\n")
            stdin.flush()
            while True:
                raw = stdout.readline()
                if not raw:
                    raise BenchError(f"the backend exited during {method} (no answer)")
                message: dict[str, Any] = json.loads(raw)
                if message.get("id") == request_id and "method" not in message:
                    return message
                self.notifications += 1

    def close(self) -> None:
        """End the backend's input and wait for it to exit."""
        self._watchdog.close()
        stop(self._process)

    def __enter__(self) -> Backend:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
