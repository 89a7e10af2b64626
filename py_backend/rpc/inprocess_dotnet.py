"""The in-process transport as a .NET ``TextWriter``/``TextReader`` pair (pythonnet only).

:func:`connect` gives the PowerShell module, instead of a child's stdin and stdout, a writer
that hands each complete line to an :class:`~py_backend.rpc.inprocess.InProcessSession` of its
own (``Close()`` ends its input: the session shuts down) and a reader whose
``ReadLineAsync()`` tasks are completed by the thread that produced each line (``null`` once the
session has shut down), so the module's code serves both transports unchanged
(docs/inprocess.md).

The .NET classes are defined on first use, because ``System`` can only be imported inside a
pythonnet host; :class:`LineBuffer` and :class:`LineMailbox` hold the logic in plain Python.
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
from collections import deque
from collections.abc import Callable
from functools import cache
from typing import Any, Generic, TypeVar

from py_backend.rpc.inprocess import InProcessSession
from py_backend.rpc.logs import LOG_FORMAT, LOG_LEVELS, quiet_libraries

__all__ = ["LineBuffer", "LineMailbox", "connect"]

TaskT = TypeVar("TaskT")
Complete = Callable[[str | None], object]
"""Completes a pending task with a line, or with ``None`` at the end of the output."""

_NAMESPACE = "AwsTokenBridge.InProcess"
_log_handler: logging.Handler | None = None


class LineBuffer:
    """Text written in pieces, cut into lines (``\\n`` ends a line; a ``\\r`` before it goes)."""

    def __init__(self) -> None:
        self._partial = ""

    def feed(self, text: str) -> list[str]:
        """Add ``text``; return the lines it completes."""
        *lines, self._partial = (self._partial + text).split("\n")
        return [line.removesuffix("\r") for line in lines]


class LineMailbox(Generic[TaskT]):
    """Lines waiting for a reader that asks for one at a time, with a task per request.

    ``completed(line)`` makes a finished task; ``pending()`` makes an unfinished one and the
    function that completes it. A line that arrives while a task waits completes it; else
    the line is kept for the next request. After :meth:`close`, and once the kept lines are
    taken, every task completes with ``None`` (the end of the output).
    """

    def __init__(
        self,
        completed: Callable[[str | None], TaskT],
        pending: Callable[[], tuple[TaskT, Complete]],
    ) -> None:
        self._completed = completed
        self._pending = pending
        self._lines: deque[str] = deque()
        self._waiters: deque[Complete] = deque()
        self._closed = False
        self._lock = threading.Lock()

    def put(self, line: str) -> None:
        """Deliver ``line`` to the oldest waiting task, or keep it."""
        with self._lock:
            waiter = self._waiters.popleft() if self._waiters else None
            if waiter is None:
                self._lines.append(line)
        if waiter is not None:
            waiter(line)  # outside the lock: completing a task may run other code

    def take(self) -> TaskT:
        """A task for the next line: finished if one is kept (or the output has ended)."""
        with self._lock:
            if self._lines:
                return self._completed(self._lines.popleft())
            if self._closed:
                return self._completed(None)
            task, complete = self._pending()
            self._waiters.append(complete)
            return task

    def close(self) -> None:
        """End the output: waiting tasks complete with ``None``."""
        with self._lock:
            self._closed = True
            waiters = list(self._waiters)
            self._waiters.clear()
        for waiter in waiters:
            waiter(None)


def connect(log_level: str | None = None) -> tuple[Any, Any]:
    """A new ``(System.IO.TextWriter, System.IO.TextReader)`` pair on a new session.

    ``log_level`` (``debug`` ... ``critical``) sends the backend's log to this process's
    stderr at that level; without it the log is dropped, so the host's console stays clean.
    """
    _configure_logging(log_level)
    writer_type, reader_type, mailbox_for = _dotnet_types()
    session = InProcessSession()
    mailbox = mailbox_for()
    writer, reader = writer_type(), reader_type()
    writer.bind(session, mailbox)
    reader.bind(mailbox)
    return writer, reader


@cache
def _dotnet_types() -> tuple[Any, Any, Callable[[], LineMailbox[Any]]]:
    """The writer and reader classes (pythonnet subclasses of .NET types), defined once."""
    tasks: Any = importlib.import_module("System.Threading.Tasks")
    string_type: Any = importlib.import_module("System").String
    dotnet_io: Any = importlib.import_module("System.IO")
    text_writer: Any = dotnet_io.TextWriter
    text_reader: Any = dotnet_io.TextReader

    def completed(line: str | None) -> Any:
        return tasks.Task.FromResult[string_type](line)

    def pending() -> tuple[Any, Complete]:
        # Continuations run elsewhere: the backend's thread only flags the task as done.
        options = tasks.TaskCreationOptions.RunContinuationsAsynchronously
        source = tasks.TaskCompletionSource[string_type](options)
        return source.Task, source.TrySetResult

    # The methods named like .NET's override the .NET virtual methods of that name (every
    # overload of it); pythonnet calls them with the GIL taken.
    class InProcessWriter(text_writer):  # type: ignore[misc]
        """Each complete line written goes to the backend."""

        __namespace__ = _NAMESPACE

        def bind(self, session: InProcessSession, mailbox: LineMailbox[Any]) -> None:
            """Attach the session and the reader's mailbox (a .NET constructor takes none)."""
            self._session = session
            self._mailbox = mailbox
            self._buffer = LineBuffer()
            self._closed = False

        def Write(self, value: Any, *rest: Any) -> None:
            """Send each line this completes; raises after ``Close()``, as a closed pipe does."""
            if self._closed:
                raise OSError("the in-process backend's input is closed")
            for line in self._buffer.feed(_as_text(value, *rest)):
                self._session.send(line, self._mailbox.put)

        def WriteLine(self, value: Any = "") -> None:
            """``Write`` the value and a line end."""
            self.Write(_as_text(value) + "\n")

        def Flush(self) -> None:
            """Nothing is buffered but a partial line, which waits for its end."""

        def Close(self) -> None:
            """The end of the input: the session shuts down, then the reader's output ends."""
            if not self._closed:
                self._closed = True
                threading.Thread(target=self._stop, name="rpc-inprocess-close", daemon=True).start()

        def _stop(self) -> None:
            self._session.dispatcher.shutdown()
            self._mailbox.close()

    class InProcessReader(text_reader):  # type: ignore[misc]
        """``ReadLineAsync()`` hands out the backend's lines, one task each."""

        __namespace__ = _NAMESPACE

        def bind(self, mailbox: LineMailbox[Any]) -> None:
            """Attach the mailbox the writer's session fills."""
            self._mailbox = mailbox

        def ReadLineAsync(self, *rest: Any) -> Any:
            """A ``Task<string>`` for the next line (``null`` at the end of the output)."""
            return self._mailbox.take()

    return InProcessWriter, InProcessReader, lambda: LineMailbox(completed, pending)


def _as_text(value: Any, *rest: Any) -> str:
    """What one of ``TextWriter.Write``'s overloads was given, as text: a ``string`` arrives as
    ``str``, a ``char[]`` as one-character strings (maybe with an index and a count), anything
    else goes through ``str``; ``Write(format, arg0, ...)`` is not supported."""
    if isinstance(value, str):
        if rest:
            raise NotImplementedError("TextWriter.Write(format, ...) is not supported")
        return value
    if value is None:
        return ""
    try:
        chars = list(value)
    except TypeError:
        return str(value)
    if len(rest) == 2:
        start, count = int(rest[0]), int(rest[1])
        chars = chars[start : start + count]
    return "".join(chars)


def _configure_logging(level: str | None) -> None:
    """The backend's log: to stderr at ``level``, or nowhere (never the host's console)."""
    global _log_handler
    backend = logging.getLogger("py_backend")
    if _log_handler is not None:
        backend.removeHandler(_log_handler)
    handler: logging.Handler = logging.NullHandler()
    if level and level.lower() in LOG_LEVELS:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        backend.setLevel(level.upper())
    backend.addHandler(handler)
    backend.propagate = False
    _log_handler = handler
    quiet_libraries(logging.WARNING)
