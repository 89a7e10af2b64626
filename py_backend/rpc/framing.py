"""NDJSON framing: one UTF-8 JSON text per line on a pair of binary streams (docs/rpc.md).

This module knows nothing about JSON.
"""

from __future__ import annotations

import enum
import threading
from collections.abc import Iterator
from typing import BinaryIO, Protocol

__all__ = [
    "MAX_LINE_BYTES",
    "TOO_LARGE",
    "TRUNCATED",
    "FrameProblem",
    "FrameWriter",
    "LineSource",
    "read_frames",
]

MAX_LINE_BYTES = 1024 * 1024
"""The longest line accepted, in bytes, not counting the line terminator."""

_SKIP_CHUNK = 64 * 1024


class FrameProblem(enum.Enum):
    """A line that cannot be handed on as a frame."""

    TOO_LARGE = "too large"
    TRUNCATED = "truncated"


TOO_LARGE = FrameProblem.TOO_LARGE
TRUNCATED = FrameProblem.TRUNCATED


class LineSource(Protocol):
    """The part of a binary stream the reader uses (``BufferedReader``, ``BytesIO``)."""

    def readline(self, size: int = -1, /) -> bytes:
        """Read up to and including ``\\n``, at most ``size`` bytes; ``b""`` at end of input."""
        ...


def read_frames(stream: LineSource, limit: int = MAX_LINE_BYTES) -> Iterator[bytes | FrameProblem]:
    """Yield each line of ``stream`` without its ``\\n`` (nor a ``\\r`` before it) until the end.

    Never holds more than ``limit + 2`` bytes of one line: a longer line is skipped to its end
    and yields :data:`TOO_LARGE`. Trailing bytes without a ``\\n`` (a message cut short) yield
    :data:`TRUNCATED`.
    """
    while True:
        chunk = stream.readline(limit + 2)  # room for the longest line plus "\r\n"
        if not chunk:
            return
        if chunk.endswith(b"\n"):
            line = chunk.removesuffix(b"\n").removesuffix(b"\r")
            yield line if len(line) <= limit else TOO_LARGE
        elif len(chunk) < limit + 2:
            yield TRUNCATED
            return
        else:
            _skip_line(stream)
            yield TOO_LARGE


def _skip_line(stream: LineSource) -> None:
    """Consume the rest of an oversized line, a chunk at a time, up to its ``\\n`` or the end."""
    while True:
        chunk = stream.readline(_SKIP_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


class FrameWriter:
    """Writes whole lines to a binary stream from any thread, one at a time.

    A failed write (the reader went away) marks the writer :attr:`broken`; later writes are
    dropped instead of raising, so a worker thread never dies on a closed pipe.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._lock = threading.Lock()
        self._broken = False

    @property
    def broken(self) -> bool:
        """True once a write or flush has failed."""
        return self._broken

    def write(self, line: bytes) -> None:
        """Write ``line`` (which must end with ``\\n``) and flush it, atomically."""
        with self._lock:
            if self._broken:
                return
            try:
                self._stream.write(line)
                self._stream.flush()
            except (OSError, ValueError):  # ValueError: the stream was closed
                self._broken = True
