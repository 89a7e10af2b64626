"""A cancellation flag that can also act: stop a socket read at once, not at its timeout.

A thread blocked reading a socket neither polls nor waits on a ``threading.Event``; setting a
:class:`Cancellation` also runs callbacks, so the transport can shut its sockets down.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

__all__ = ["Cancellation", "on_cancel"]

logger = logging.getLogger(__name__)


class Cancellation(threading.Event):
    """An event whose :meth:`set` also runs the registered callbacks (each once)."""

    def __init__(self) -> None:
        super().__init__()
        self._callbacks: dict[int, Callable[[], None]] = {}
        self._callbacks_lock = threading.Lock()
        self._next = 0

    def set(self) -> None:
        """Set the flag, then run and drop every registered callback."""
        super().set()
        with self._callbacks_lock:
            callbacks = list(self._callbacks.values())
            self._callbacks.clear()
        for callback in callbacks:
            _run(callback)

    def on_set(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Run ``callback`` when the flag is set (now, if it is); return an unregister function."""
        with self._callbacks_lock:
            if not self.is_set():
                key = self._next
                self._next += 1
                self._callbacks[key] = callback
                return lambda: self._drop(key)
        _run(callback)
        return _nothing

    def _drop(self, key: int) -> None:
        with self._callbacks_lock:
            self._callbacks.pop(key, None)


def on_cancel(
    cancelled: threading.Event | None, callback: Callable[[], None]
) -> Callable[[], None]:
    """Register ``callback`` if ``cancelled`` can run callbacks; return an unregister function.

    A plain ``threading.Event`` cannot: code holding one still sees the flag between steps.
    """
    if isinstance(cancelled, Cancellation):
        return cancelled.on_set(callback)
    return _nothing


def _run(callback: Callable[[], None]) -> None:
    try:
        callback()
    except Exception as error:  # one failing callback must not stop the others
        logger.warning("a cancellation callback failed: %s", type(error).__name__)


def _nothing() -> None:
    """An unregister function with nothing to unregister."""
