"""The in-process transport: the JSON-RPC backend for a host that loads Python itself.

The module's ``Transport = 'InProcess'`` hosts CPython in PowerShell through pythonnet
(docs/inprocess.md) and hands the same :class:`~py_backend.rpc.dispatcher.Dispatcher` one line
at a time, as a ``str`` without its ``\\n`` (a .NET string marshals to one and back). The host
holds the GIL only while it calls in, and every wait here is a blocking Python wait, which
releases it, so the worker threads run meanwhile.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from py_backend.rpc.dispatcher import Dispatcher
from py_backend.rpc.methods import PROTOCOL_VERSION

__all__ = [
    "InProcessSession",
    "LineCallback",
    "call",
    "protocol_version",
    "send",
    "shared_session",
]

LineCallback = Callable[[str], None]
"""Receives one outgoing line, without its ``\\n``; may be called from any thread."""

logger = logging.getLogger(__name__)


class InProcessSession:
    """The backend of one host: a :class:`Dispatcher` (default: the real cmdlet layer's) behind
    a string interface."""

    def __init__(self, dispatcher: Dispatcher | None = None) -> None:
        self.dispatcher = dispatcher if dispatcher is not None else Dispatcher()

    def call(
        self, line: str, notify: LineCallback | None = None, timeout: float | None = None
    ) -> list[str]:
        """Send ``line``; return the answer lines (one for a request, none for a notification).

        Notifications about the request go to ``notify`` first, from a worker thread. With
        ``timeout``, an answer that has not come in time is dropped and ``[]`` returned.
        """
        on_notification = _guarded(notify) if notify is not None else None
        answers = self.dispatcher.call(line, on_notification=on_notification, timeout=timeout)
        return [_text(answer) for answer in answers]

    def send(self, line: str, emit: LineCallback) -> None:
        """Send ``line`` and return at once; every line it produces goes to ``emit``.

        A request produces its notifications, then exactly one answer; a notification
        produces nothing. ``emit`` may be called before this returns (``initialize``,
        ``describe`` and malformed lines are answered at once) or later, from a worker.
        """
        self.dispatcher.handle_line(line, _guarded(emit))


_shared: InProcessSession | None = None
_shared_lock = threading.Lock()


def shared_session() -> InProcessSession:
    """The process's session, created on first use.

    After a ``shutdown`` request it is replaced by a fresh one on the next use, as the stdio
    transport starts a new backend process after the old one has exited.
    """
    global _shared
    with _shared_lock:
        if _shared is None or _shared.dispatcher.stopped:
            _shared = InProcessSession()
        return _shared


def call(line: str, notify: LineCallback | None = None, timeout: float | None = None) -> list[str]:
    """:meth:`InProcessSession.call` on the :func:`shared_session`."""
    return shared_session().call(line, notify, timeout)


def send(line: str, emit: LineCallback) -> None:
    """:meth:`InProcessSession.send` on the :func:`shared_session`."""
    shared_session().send(line, emit)


def protocol_version() -> str:
    """The protocol version this backend speaks (``initialize``'s ``protocolVersion``)."""
    return PROTOCOL_VERSION


def _text(line: bytes) -> str:
    # The dispatcher writes ASCII-only JSON, one line ending with "\n".
    return line.decode("ascii").removesuffix("\n")


def _guarded(callback: LineCallback) -> Callable[[bytes], None]:
    """``callback`` for the dispatcher: a failing host callback must not fail the cmdlet."""

    def forward(line: bytes) -> None:
        try:
            callback(_text(line))
        except Exception as error:  # the host's bug; logged by class, never by message
            logger.warning("in-process line callback failed: %s", type(error).__name__)

    return forward
