"""The dispatcher: one JSON line in, answer lines out, for any transport (docs/rpc.md).

Guarantees: every request gets exactly one answer; notifications about a request come
before its answer and never after; nothing raised by a handler escapes.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from py_backend.cancellation import Cancellation
from py_backend.rpc import warmup
from py_backend.rpc.backend import CmdletBackend, default_backend
from py_backend.rpc.framing import MAX_LINE_BYTES, FrameProblem
from py_backend.rpc.methods import METHODS, CallContext, Method, parse_params
from py_backend.rpc.protocol import (
    INVALID_REQUEST,
    SHUTTING_DOWN,
    BadRequest,
    Request,
    RequestId,
    RpcError,
    decode_request,
    encode,
    error_response,
    notification,
    response,
)

if TYPE_CHECKING:
    import httpx

__all__ = ["Dispatcher", "Emit"]

Emit = Callable[[bytes], None]
"""Receives one outgoing line (``\\n``-terminated); must be safe to call from any thread."""

logger = logging.getLogger(__name__)

_SHUTDOWN_CANCEL = "Request cancelled: the backend is shutting down"


@dataclass(frozen=True)
class _Outbox:
    """Where a request's notifications and its answer go."""

    notify: Emit
    answer: Emit


class _Pending:
    """One request's answer, sent once: by its handler, or earlier by a cancel."""

    def __init__(self, request_id: RequestId | None, outbox: _Outbox) -> None:
        self.request_id = request_id
        self.outbox = outbox
        # A Cancellation, not a bare Event: setting it also shuts the call's sockets down.
        self.cancelled = Cancellation()
        self._lock = threading.Lock()
        #: True once the answer has been sent.
        self.answered = False

    def send(self, line: bytes, *, answer: bool) -> bool:
        """Send a notification, or (``answer``) the answer; tell whether this call sent it.
        Nothing goes after the answer: the client has moved on."""
        with self._lock:
            if self.answered:
                return False
            self.answered = answer
            (self.outbox.answer if answer else self.outbox.notify)(line)
            return True


class _WorkerPool:
    """At most ``size`` daemon threads running jobs from a queue: daemon, because a cancelled
    call may still be waiting on the network when the server exits, and the process must not."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._jobs: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def submit(self, job: Callable[[], None]) -> None:
        """Queue ``job``; it runs when a worker is free."""
        self._jobs.put(job)
        with self._lock:
            if len(self._threads) < self._size:
                thread = threading.Thread(target=self._work, name="rpc-worker", daemon=True)
                self._threads.append(thread)
                thread.start()

    def _work(self) -> None:
        while True:
            self._jobs.get()()


class Dispatcher:
    """Decodes requests, runs their methods and sends the answers.

    ``backend`` is the cmdlet layer (default: :func:`default_backend`, loaded on first use);
    ``max_workers`` bounds the ``invoke`` calls running at once, ``shutdown_timeout`` how long
    ``shutdown`` and :meth:`close` wait for them; ``http_transport`` replaces the network around
    every call (tests use it to reach an in-process emulator).
    """

    def __init__(
        self,
        *,
        backend: CmdletBackend | None = None,
        max_workers: int = 8,
        shutdown_timeout: float = 10.0,
        max_line_bytes: int = MAX_LINE_BYTES,
        http_transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._backend = backend
        self._pool = _WorkerPool(max_workers)
        self._shutdown_timeout = shutdown_timeout
        self._max_line_bytes = max_line_bytes
        self._http_transport = http_transport
        self._in_flight: dict[RequestId, _Pending] = {}
        self._idle = threading.Condition()
        self._closing = False
        self._stopped = threading.Event()

    @property
    def backend(self) -> CmdletBackend:
        """The cmdlet layer (loaded on first use)."""
        if self._backend is None:
            self._backend = default_backend()
        return self._backend

    @property
    def cmdlet_names(self) -> Sequence[str]:
        """The cmdlets served, without loading the default cmdlet layer (``initialize``)."""
        if self._backend is None:
            return warmup.CMDLET_NAMES
        return self._backend.names

    @property
    def stopped(self) -> bool:
        """True once ``shutdown`` has been answered: the transport should stop reading."""
        return self._stopped.is_set()

    def handle_line(self, line: bytes | str, emit: Emit) -> None:
        """Handle one line (terminator removed); every resulting line goes to ``emit``."""
        self._dispatch(_as_bytes(line), _Outbox(emit, emit))

    def handle_frame_problem(self, problem: FrameProblem, emit: Emit) -> None:
        """Answer a line the framing could not deliver (too long, or cut off by end of input)."""
        if problem is FrameProblem.TOO_LARGE:
            error = self._too_large()
        else:
            error = RpcError.parse_error("incomplete message at end of input (no newline)")
        self._reject(None, error, emit)

    def call(
        self, line: bytes | str, on_notification: Emit | None = None, timeout: float | None = None
    ) -> list[bytes]:
        """Handle one line and wait for its answer: the in-process entry point.

        Returns the answer lines: one for a request, none for a notification (or when
        ``timeout`` passes first). Notifications about the request go to ``on_notification``.
        """
        answers: list[bytes] = []
        answered = threading.Event()

        def answer(out: bytes) -> None:
            answers.append(out)
            answered.set()

        if self._dispatch(_as_bytes(line), _Outbox(on_notification or _discard, answer)):
            answered.wait(timeout)
        return answers

    def cancel(self, request_id: RequestId) -> None:
        """Answer the request ``request_id`` with -32800 and tell its cmdlet to stop."""
        self._cancel(request_id, RpcError.cancelled())

    def shutdown(self) -> None:
        """Stop taking work and wait for the requests in flight (see :meth:`close`)."""
        self.close()
        self._stopped.set()

    def close(self, timeout: float | None = None) -> None:
        """Refuse new requests, wait up to ``timeout`` for those in flight, cancel the rest."""
        self._closing = True
        with self._idle:
            wait = self._shutdown_timeout if timeout is None else timeout
            self._idle.wait_for(lambda: not self._in_flight, wait)
            late = list(self._in_flight)
        for request_id in late:
            self._cancel(request_id, RpcError.cancelled(_SHUTDOWN_CANCEL))
        if self._backend is not None:
            self._backend.close()  # the cached clients' kept-alive connections

    def _dispatch(self, line: bytes, outbox: _Outbox) -> bool:
        """Handle ``line``; tell whether an answer was or will be sent."""
        try:
            return self._route(line, outbox)
        except Exception as error:  # a bug here must not take the server down
            self._reject(None, _internal_error("dispatch", error), outbox.answer)
            return True

    def _route(self, line: bytes, outbox: _Outbox) -> bool:
        if len(line) > self._max_line_bytes:
            self._reject(None, self._too_large(), outbox.answer)
            return True
        if not line.strip():
            return False  # a blank line is not a message
        try:
            request = decode_request(line)
        except BadRequest as bad:
            self._reject(bad.request_id, bad.error, outbox.answer)
            return True
        method = METHODS.get(request.method)
        if request.is_notification:
            self._on_notification(method, request)
            return False
        self._on_request(method, request, _Pending(request.id, outbox))
        return True

    def _on_notification(self, method: Method | None, request: Request) -> None:
        if method is None or not method.notification:
            logger.debug("ignored notification %.100r", request.method)
            return
        try:
            handler_params = parse_params(method.params, request.params)
            method.handler(
                self._context(_Pending(None, _Outbox(_discard, _discard))), handler_params
            )
        except RpcError as error:
            logger.warning("ignored notification %s: %s", request.method, error.message)

    def _on_request(self, method: Method | None, request: Request, pending: _Pending) -> None:
        logger.debug("<- %.100s id=%r", request.method, request.id)
        try:
            if method is None:
                raise RpcError.method_not_found(request.method)
            if self._closing and request.method != "shutdown":
                raise RpcError(SHUTTING_DOWN, "The backend is shutting down; start a new one")
            # Params are checked here, before any worker is involved, so a malformed request
            # is answered in order and never occupies a worker.
            params = parse_params(method.params, request.params)
        except RpcError as error:
            self._finish(pending, error_response(request.id, error))
            return
        if method.background:
            self._start(method, request, params, pending)
        else:
            self._run(method, request, params, pending)

    def _start(self, method: Method, request: Request, params: Any, pending: _Pending) -> None:
        assert request.id is not None
        with self._idle:
            duplicate = self._in_flight.setdefault(request.id, pending) is not pending
        if duplicate:
            detail = f"id {request.id!r} is already used by a request in flight"
            self._finish(pending, error_response(request.id, RpcError.invalid_request(detail)))
            return
        self._pool.submit(lambda: self._run_in_background(method, request, params, pending))

    def _run_in_background(
        self, method: Method, request: Request, params: Any, pending: _Pending
    ) -> None:
        try:
            if not pending.answered:  # cancelled while it waited for a worker
                self._run(method, request, params, pending)
        finally:
            self._forget(pending)

    def _run(self, method: Method, request: Request, params: Any, pending: _Pending) -> None:
        assert request.id is not None
        try:
            with self._network():
                message = response(request.id, method.handler(self._context(pending), params))
        except RpcError as error:
            message = error_response(request.id, error)
        except Exception as error:
            message = error_response(request.id, _internal_error(request.method, error))
        self._finish(pending, message)
        if request.method == "initialize" and self._backend is None and "result" in message:
            # Answered: now load the default cmdlet layer while the client gets ready.
            warmup.start(lambda: self.backend)

    def _network(self) -> contextlib.AbstractContextManager[object]:
        """The network every client of a call uses: the injected transport, if any, reaches
        them through the one seam (imported only then: httpx is heavy for a cold start)."""
        if self._http_transport is None:
            return contextlib.nullcontext()
        from py_backend.transport import use_http_transport

        return use_http_transport(self._http_transport)

    def _context(self, pending: _Pending) -> CallContext:
        discard = pending.outbox.notify is _discard

        def notify(method: str, params: Mapping[str, Any]) -> None:
            if discard or pending.answered:
                return  # nobody would read it (an in-process call without a listener)
            line = _encode_or_none(notification(method, {"id": pending.request_id, **params}))
            if line is not None:
                pending.send(line, answer=False)

        return CallContext(
            request_id=pending.request_id,
            load_backend=lambda: self.backend,
            cmdlet_names=self.cmdlet_names,
            server=self,
            notify=notify,
            cancelled=pending.cancelled,
        )

    def _finish(self, pending: _Pending, message: dict[str, Any]) -> None:
        line = _encode_or_none(message)
        if line is None:  # a result JSON cannot carry: a bug in a handler
            error = RpcError.internal_error("UnserializableResult")
            line = encode(error_response(pending.request_id, error))
        if pending.send(line, answer=True):
            _log_answer(message)

    def _cancel(self, request_id: RequestId, error: RpcError) -> None:
        with self._idle:
            pending = self._in_flight.get(request_id)
        if pending is None:
            return  # already answered, or never seen: nothing to do (as in LSP)
        # Answer first: setting the flag aborts the call's connection, and the handler's own
        # error must not overtake the -32800.
        self._finish(pending, error_response(request_id, error))
        pending.cancelled.set()
        self._forget(pending)

    def _forget(self, pending: _Pending) -> None:
        with self._idle:
            if (
                pending.request_id is not None
                and self._in_flight.get(pending.request_id) is pending
            ):
                del self._in_flight[pending.request_id]
            self._idle.notify_all()

    def _reject(self, request_id: RequestId | None, error: RpcError, emit: Emit) -> None:
        logger.warning("rejected a message: %s", error.message)
        emit(encode(error_response(request_id, error)))

    def _too_large(self) -> RpcError:
        return RpcError(
            INVALID_REQUEST,
            f"Request too large: a message may be at most {self._max_line_bytes} bytes",
        )


def _encode_or_none(message: Mapping[str, Any]) -> bytes | None:
    try:
        return encode(message)
    except (TypeError, ValueError) as error:
        _log_internal_error("encode", error)
        return None


def _as_bytes(line: bytes | str) -> bytes:
    # A host such as pythonnet may hand over a string; a lone surrogate in it becomes bytes
    # that are not UTF-8, answered -32700 like any other.
    return line.encode("utf-8", "surrogatepass") if isinstance(line, str) else line


def _discard(line: bytes) -> None:
    """An ``Emit`` that drops the line."""


def _internal_error(where: str, error: BaseException) -> RpcError:
    """Log a bug's frames, never the exception's message (it may quote a secret value); return
    the -32603 to answer, which names only the exception's class."""
    _log_internal_error(where, error)
    return RpcError.internal_error(type(error).__name__)


def _log_internal_error(where: str, error: BaseException) -> None:
    import traceback  # only on this rare path: not loaded at start-up

    frames = "".join(traceback.format_tb(error.__traceback__))
    logger.error("internal error in %s: %s\n%s", where, type(error).__name__, frames)


def _log_answer(message: Mapping[str, Any]) -> None:
    error = message.get("error")
    if error:
        logger.debug("-> id=%r error %s", message.get("id"), error.get("code"))
    else:
        logger.debug("-> id=%r ok", message.get("id"))
