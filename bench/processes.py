"""Child processes for the benchmark: start, watch, stop.

Reads from a child's pipes are plain blocking ``readline`` calls (a reader thread would add
its own hand-off to every measured round trip). A :class:`Watchdog` kills a child that stops
answering, so a hung child fails the benchmark instead of hanging it.
"""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

__all__ = ["BenchError", "Watchdog", "read_listening_url", "spawn", "stop"]


class BenchError(RuntimeError):
    """A contender failed or did not answer; the benchmark cannot go on."""


def spawn(
    argv: Sequence[str],
    environ: Mapping[str, str],
    cwd: Path,
    *,
    stdin: bool = False,
    stdout: bool = True,
) -> subprocess.Popen[bytes]:
    """Start ``argv`` with piped stdin/stdout as asked; stderr is discarded."""
    return subprocess.Popen(
        list(argv),
        stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
        stdout=subprocess.PIPE if stdout else subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(environ),
        cwd=cwd,
    )


def stop(process: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    """Close the child's stdin, give it ``timeout`` seconds to exit, then kill it."""
    if process.stdin is not None and not process.stdin.closed:
        with suppress(OSError):
            process.stdin.close()
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout)
    if process.stdout is not None:
        process.stdout.close()


class Watchdog:
    """Kills ``process`` if an armed deadline passes; checks a few times a second."""

    def __init__(self, process: subprocess.Popen[bytes], period: float = 0.25) -> None:
        self._process = process
        self._period = period
        self._deadline: float | None = None
        self.fired = False
        self._done = threading.Event()
        threading.Thread(target=self._watch, name="bench-watchdog", daemon=True).start()

    @contextmanager
    def armed(self, seconds: float) -> Iterator[None]:
        """Kill the process unless the block finishes within ``seconds``."""
        self._deadline = time.monotonic() + seconds
        try:
            yield
        finally:
            self._deadline = None

    def close(self) -> None:
        """Stop watching."""
        self._done.set()

    def _watch(self) -> None:
        while not self._done.wait(self._period):
            deadline = self._deadline
            if deadline is not None and time.monotonic() > deadline:
                self.fired = True
                self._process.kill()
                return


_READY_PREFIX = b"listening on "


def read_listening_url(process: subprocess.Popen[bytes], what: str, timeout: float = 60) -> str:
    """The URL in a server child's first line, ``listening on URL``.

    Otherwise the child is stopped and :class:`BenchError` says that ``what`` did not start; a
    child that prints nothing is killed after ``timeout`` seconds.
    """
    watchdog = Watchdog(process)
    try:
        with watchdog.armed(timeout):
            assert process.stdout is not None
            line = process.stdout.readline()
    finally:
        watchdog.close()
    if not line.startswith(_READY_PREFIX):
        stop(process, 1)
        raise BenchError(f"{what} did not start")
    return line[len(_READY_PREFIX) :].decode("ascii").strip()
