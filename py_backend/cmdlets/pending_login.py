"""Remote Sign-In logins waiting for the code the user reads in a browser on another device.

``aws login --remote`` reads the pasted code within one run; a PowerShell function cannot
answer a prompt in the middle of an RPC call, so ``Invoke-AMSPLogin -Remote`` takes two
invocations. The first starts the flow on a thread of its own, kept under an opaque handle
once the flow asks for the code (the URL shown); the second hands that thread the code and
waits for the flow to finish. The verifier, the state and the DPoP key never leave the thread;
a handle works once, in the backend process that made it. A waiting login gives up after
:data:`PENDING_TIMEOUT` seconds (the AWS CLI's loopback timeout); at most :data:`MAX_PENDING`
wait at once, so a caller that never finishes its logins cannot pile up threads.
"""

from __future__ import annotations

import contextlib
import contextvars
import queue
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from py_backend.clock import utc_now
from py_backend.cmdlets.context import InvocationHooks
from py_backend.cmdlets.error_types import INVALID_OPERATION
from py_backend.cmdlets.errors import ErrorKind
from py_backend.cmdlets.flow_io import urls_in
from py_backend.errors import PendingAuthorizationExpiredError
from py_backend.flows.errors import LoginAuthorizationCodeError
from py_backend.flows.interaction import Progress
from py_backend.flows.loopback import DEFAULT_TIMEOUT

__all__ = ["MAX_PENDING", "PENDING_LOGINS", "PENDING_TIMEOUT", "PendingLogin", "PendingLogins"]

PENDING_TIMEOUT = DEFAULT_TIMEOUT
MAX_PENDING = 16
#: How often a waiting invocation looks at its cancellation flag.
_POLL = 0.05

#: The flow a pending login runs: given the login, it returns the cmdlet's output object.
Flow = Callable[["PendingLogin"], dict[str, Any]]


def _wait(event: threading.Event, cancelled: threading.Event) -> bool:
    """Wait for ``event``; ``False`` if ``cancelled`` is set first."""
    while not event.wait(_POLL):
        if cancelled.is_set():
            return False
    return True


class PendingLogin:
    """One remote sign-in, paused (or about to pause) for its code.

    The flow's side: :meth:`printer`, :meth:`on_progress` and :meth:`read_code`, passed to
    ``signin_login``. The cmdlet's side: :meth:`wait_until_asked`, :meth:`finish` and
    :meth:`outcome`. Messages go to the hooks of whichever invocation is in charge.
    """

    def __init__(self, handle: str, hooks: InvocationHooks, timeout: float, now: datetime) -> None:
        self.handle = handle
        self.expires_at = now + timedelta(seconds=timeout)
        #: The last URL the flow showed: the page to open on the other device.
        self.authorization_url: str | None = None
        #: Whether the flow has asked for the code (it may have given up since).
        self.asked = False
        self._hooks = hooks
        self._timeout = timeout
        self._codes: queue.Queue[str | None] = queue.Queue(maxsize=1)
        self._asked = threading.Event()
        self._done = threading.Event()
        self._result: dict[str, Any] | None = None
        self._error: BaseException | None = None

    def __repr__(self) -> str:
        # The handle finishes the login: never shown.
        return f"PendingLogin(url={self.authorization_url!r}, done={self.done})"

    @property
    def done(self) -> bool:
        """Whether the flow has ended (with a result or an error)."""
        return self._done.is_set()

    # --- the flow's side ----------------------------------------------------------------

    def printer(self, text: str) -> None:
        """Show ``text`` through the current invocation; remember the URL in it."""
        found = urls_in(text)
        if found:
            self.authorization_url = found[-1]
        self._hooks.log("information", text.strip("\n"))

    def on_progress(self, progress: Progress) -> None:
        """Report progress through the current invocation."""
        self._hooks.progress(progress.to_dict())

    def read_code(self, prompt: str) -> str:
        """Wait for the code the second invocation brings (``prompt`` is the function's)."""
        self.asked = True
        self._asked.set()
        try:
            code = self._codes.get(timeout=self._timeout)
        except queue.Empty:
            raise PendingAuthorizationExpiredError(
                f"No authorization code was entered within {self._timeout:g} seconds. "
                "The login must be restarted."
            ) from None
        if code is None:
            raise LoginAuthorizationCodeError("The sign-in was abandoned.")
        return code

    # --- the cmdlet's side --------------------------------------------------------------

    def run(self, flow: Flow, on_end: Callable[[PendingLogin], None]) -> None:
        """The thread's body: run ``flow``, keep its outcome, then call ``on_end``."""
        try:
            self._result = flow(self)
        except BaseException as error:  # handed to the invocation that waits for it
            self._error = error
        finally:
            on_end(self)
            self._done.set()
            self._asked.set()

    def wait_until_asked(self, cancelled: threading.Event) -> bool:
        """Wait until the flow asks for the code (or ends); ``False`` if cancelled first."""
        return _wait(self._asked, cancelled)

    def finish(self, code: str, hooks: InvocationHooks) -> bool:
        """Give the flow its code and wait for it to end; ``False`` if cancelled first."""
        self._hooks = hooks
        # A full queue holds a code given already: the flow uses that one.
        with contextlib.suppress(queue.Full):
            self._codes.put_nowait(code)
        return _wait(self._done, hooks.cancelled)

    def abandon(self) -> None:
        """End the flow without a code (its invocation was cancelled)."""
        with contextlib.suppress(queue.Full):
            self._codes.put_nowait(None)

    def outcome(self) -> dict[str, Any]:
        """The flow's output object, or raise its error (call once it is :attr:`done`)."""
        if self._error is not None:
            raise self._error
        if self._result is None:
            raise RuntimeError("the sign-in has not finished")
        return self._result


@dataclass(eq=False)
class PendingLogins:
    """The remote sign-ins this process is waiting on, by handle."""

    timeout: float = PENDING_TIMEOUT
    limit: int = MAX_PENDING
    clock: Callable[[], datetime] = utc_now
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _waiting: dict[str, PendingLogin] = field(default_factory=dict, init=False, repr=False)

    def __len__(self) -> int:
        with self._lock:
            return len(self._waiting)

    def start(self, cmdlet: str, flow: Flow, hooks: InvocationHooks) -> PendingLogin:
        """Run ``flow`` on a new thread under a new handle; raise if too many wait already."""
        with self._lock:
            if len(self._waiting) >= self.limit:
                raise ErrorKind("LimitsExceeded", INVALID_OPERATION, "LimitsExceeded")(
                    f"{self.limit} remote sign-ins are already waiting for their codes. Finish "
                    "or cancel one, or wait for them to expire.",
                    cmdlet,
                )
            handle = secrets.token_urlsafe(32)
            login = PendingLogin(handle, hooks, self.timeout, self.clock())
            self._waiting[handle] = login
        # In a copy of the caller's context, so the flow's clients use the HTTP layer the
        # call has (an injected transport, see py_backend.transport.use_http_transport).
        context = contextvars.copy_context()
        threading.Thread(
            target=context.run,
            args=(login.run, flow, self._forget),
            name="remote-sign-in",
            daemon=True,
        ).start()
        return login

    def take(self, handle: str) -> PendingLogin | None:
        """The login waiting under ``handle``, which no longer does; ``None`` if none waits."""
        with self._lock:
            login = self._waiting.pop(handle, None)
        return None if login is None or login.done else login

    def _forget(self, login: PendingLogin) -> None:
        with self._lock:
            if self._waiting.get(login.handle) is login:
                del self._waiting[login.handle]


#: This process's pending remote sign-ins.
PENDING_LOGINS = PendingLogins()
