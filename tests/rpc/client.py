"""A test client for the RPC backend: spawns it the way the PowerShell module does.

``python -m py_backend rpc`` with stdin, stdout and stderr piped; requests are written as
compact UTF-8 JSON lines; a reader thread files every stdout line (answers by id,
notifications in arrival order, anything that is not a JSON object as ``corrupt``) and
another keeps stderr. Every wait has a timeout, so a hung backend fails the test instead of
hanging it.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tests.support.peers import CLEAN_ENVIRON

REPO_ROOT = Path(__file__).resolve().parents[2]
WAIT = 30.0  # seconds; generous, only a hung backend ever reaches it

_INHERITED = ("PATH", "SYSTEMROOT", "TEMP", "TMP", "LANG", "LC_ALL")


def child_environ(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """A clean environment for the backend: no real AWS profile, credentials or region."""
    environ = {name: os.environ[name] for name in _INHERITED if name in os.environ}
    environ.update(CLEAN_ENVIRON)
    environ["PYTHONPATH"] = str(REPO_ROOT)
    environ.update(extra or {})
    return environ


class RpcClient:
    """One backend process and what it has said so far."""

    def __init__(
        self,
        args: Sequence[str] = (),
        *,
        environ: Mapping[str, str] | None = None,
        command: Sequence[str] | None = None,
    ) -> None:
        argv = list(command) if command else [sys.executable, "-m", "py_backend", "rpc"]
        self.process = subprocess.Popen(
            [*argv, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=dict(environ) if environ is not None else child_environ(),
            cwd=REPO_ROOT,
        )
        self.lines: list[bytes] = []  # every stdout line, raw, in order
        self.answers: dict[Any, list[dict[str, Any]]] = {}
        self.answer_log: list[dict[str, Any]] = []  # every answer, in arrival order
        self.notifications: list[dict[str, Any]] = []
        self.corrupt: list[bytes] = []
        self._stderr = bytearray()
        self._ids = itertools.count(1)
        self._changed = threading.Condition()
        self._eof = False
        self._threads = [
            threading.Thread(target=self._read_stdout, daemon=True),
            threading.Thread(target=self._read_stderr, daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    # --- sending -------------------------------------------------------------------------

    def send_raw(self, data: bytes) -> None:
        """Write bytes to the backend's stdin as they are."""
        assert self.process.stdin is not None
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message: Mapping[str, Any]) -> None:
        """Write one message as a compact UTF-8 JSON line."""
        text = json.dumps(message, separators=(",", ":"), ensure_ascii=False)
        self.send_raw(text.encode("utf-8") + b"\n")

    def request(self, method: str, params: Mapping[str, Any] | None = None, **kw: Any) -> Any:
        """Send a request (a fresh integer id unless ``id=`` is given); return its id."""
        request_id = kw.get("id", next(self._ids))
        message: dict[str, Any] = {"jsonrpc": "2.0", "id": request_id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        return request_id

    def notify(self, method: str, params: Mapping[str, Any] | None = None) -> None:
        """Send a notification (no id)."""
        self.send({"jsonrpc": "2.0", "method": method, "params": params or {}})

    def close_stdin(self) -> None:
        """End the backend's input."""
        assert self.process.stdin is not None
        self.process.stdin.close()

    # --- receiving -----------------------------------------------------------------------

    def response(self, request_id: Any, timeout: float = WAIT) -> dict[str, Any]:
        """The answer to ``request_id`` (waits for it); fails the test on timeout."""
        with self._changed:
            self._changed.wait_for(lambda: request_id in self.answers or self._eof, timeout)
            assert request_id in self.answers, self._why_missing(request_id)
            return self.answers[request_id][0]

    def call(
        self, method: str, params: Mapping[str, Any] | None = None, **kw: Any
    ) -> dict[str, Any]:
        """Send a request and wait for its answer."""
        timeout = kw.pop("timeout", WAIT)
        return self.response(self.request(method, params, **kw), timeout)

    def result(self, method: str, params: Mapping[str, Any] | None = None, **kw: Any) -> Any:
        """Send a request and return its ``result`` (the test fails on an error answer)."""
        answer = self.call(method, params, **kw)
        assert "error" not in answer, answer
        return answer["result"]

    def error(self, method: str, params: Mapping[str, Any] | None = None, **kw: Any) -> Any:
        """Send a request and return its ``error`` (the test fails on a success answer)."""
        answer = self.call(method, params, **kw)
        assert "error" in answer, answer
        return answer["error"]

    def notifications_for(self, request_id: Any) -> list[dict[str, Any]]:
        """The notifications received so far whose ``params.id`` is ``request_id``."""
        with self._changed:
            return [n for n in self.notifications if n.get("params", {}).get("id") == request_id]

    def wait_for_answers(self, count: int, timeout: float = WAIT) -> int:
        """Wait until ``count`` answers (including id-null ones) have arrived; return the count."""
        with self._changed:
            self._changed.wait_for(lambda: self._answer_count() >= count or self._eof, timeout)
            return self._answer_count()

    def wait_exit(self, timeout: float = WAIT) -> int:
        """Wait for the process to exit (killing it on timeout, which fails the test)."""
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError("the backend did not exit") from None
        for thread in self._threads:
            thread.join(timeout)
        return code

    @property
    def stderr(self) -> str:
        """Everything the backend has written to stderr so far."""
        with self._changed:
            return self._stderr.decode("utf-8", "replace")

    def kill(self) -> None:
        """Stop the process at once."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(WAIT)

    def close(self) -> int:
        """End the input and wait for a clean exit."""
        if self.process.stdin and not self.process.stdin.closed:
            self.close_stdin()
        return self.wait_exit()

    def __enter__(self) -> RpcClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            if self.process.poll() is None:
                self.close()
        finally:
            self.kill()
            for stream in (self.process.stdout, self.process.stderr, self.process.stdin):
                if stream is not None and not stream.closed:
                    stream.close()

    # --- reader threads ------------------------------------------------------------------

    def _read_stdout(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._file(line)
        with self._changed:
            self._eof = True
            self._changed.notify_all()

    def _file(self, line: bytes) -> None:
        with self._changed:
            self.lines.append(line)
            try:
                message = json.loads(line)
            except ValueError:
                message = None
            if not isinstance(message, dict) or not line.endswith(b"\n"):
                self.corrupt.append(line)
            elif "method" in message:
                self.notifications.append(message)
            else:
                self.answers.setdefault(message.get("id"), []).append(message)
                self.answer_log.append(message)
            self._changed.notify_all()

    def _read_stderr(self) -> None:
        stderr = self.process.stderr
        assert stderr is not None
        for chunk in iter(lambda: os.read(stderr.fileno(), 65536), b""):
            with self._changed:
                self._stderr.extend(chunk)

    def _answer_count(self) -> int:
        return len(self.answer_log)

    def _why_missing(self, request_id: Any) -> str:
        state = "the backend closed stdout" if self._eof else "timed out"
        stderr = self._stderr.decode(errors="replace")
        return f"no answer to id {request_id!r} ({state}); stderr:\n{stderr}"
