"""The loopback redirect listener of the authorization code flows (RFC 8252 §7.3).

It plays the part of the AWS CLI's ``AuthCodeFetcher``, with two deliberate differences, both
because any local process can reach the port and must not be able to end (or spoil) the
sign-in by getting there before the browser:

- a redirect with a wrong or missing ``state`` is answered 400 and does not end the wait;
- it binds ``127.0.0.1`` only, where the AWS CLI binds ``('', 0)``, every IPv4 interface
  (anyone on the network could race the browser with a forged redirect).

Requests without a code or an error, such as the browser's ``/favicon.ico``, are answered and
otherwise ignored. The server runs in a daemon thread, so the browser opener (and a test's
scripted browser) can run in the calling thread while the listener answers.
"""

from __future__ import annotations

import hmac
import threading
import time
import uuid
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from py_backend.errors import PendingAuthorizationExpiredError
from py_backend.flows.authorize import Redirect
from py_backend.flows.errors import AuthorizationCancelledError, LoopbackListenerError

__all__ = [
    "DEFAULT_TIMEOUT",
    "LOOPBACK_HOST",
    "REDIRECT_PATH",
    "REDIRECT_URI_WITHOUT_PORT",
    "LoopbackListener",
    "authorization_code",
]

LOOPBACK_HOST = "127.0.0.1"
REDIRECT_PATH = "/oauth/callback"
#: What SSO OIDC clients register (``redirect_uri_without_port``): RFC 8252 allows no port.
REDIRECT_URI_WITHOUT_PORT = f"http://{LOOPBACK_HOST}{REDIRECT_PATH}"
#: The AWS CLI waits ten minutes for the browser.
DEFAULT_TIMEOUT = 600.0
#: How often a waiting listener looks at its cancellation event, in seconds.
_CANCEL_CHECK = 0.05
#: One stalled connection (a browser's speculative pre-connect) must not hold a thread long.
_REQUEST_TIMEOUT = 10.0

_DONE_PAGE = b"""<!doctype html>
<html><head><meta charset="utf-8"><title>AWS Token Bridge</title></head>
<body><h1>Request approved</h1>
<p>You can close this window and return to the terminal.</p></body></html>
"""
_ERROR_PAGE = b"""<!doctype html>
<html><head><meta charset="utf-8"><title>AWS Token Bridge</title></head>
<body><h1>Sign-in did not complete</h1>
<p>Return to the terminal for details.</p></body></html>
"""


class LoopbackListener:
    """Waits on ``127.0.0.1`` for the authorization server's redirect; a context manager.

    The socket is bound and served as soon as the listener is made, so :attr:`redirect_uri`
    is known at once. Raises :class:`LoopbackListenerError` when the port cannot be bound.
    """

    def __init__(
        self,
        *,
        port: int = 0,
        timeout: float = DEFAULT_TIMEOUT,
        cancelled: threading.Event | None = None,
        state: str | None = None,
    ) -> None:
        #: The ``state`` the authorize request must carry; only its redirect is taken.
        self.state = state or str(uuid.uuid4())
        self._timeout = timeout
        self._cancelled = cancelled
        self._result: Redirect | None = None
        self._lock = threading.Lock()
        self._arrived = threading.Event()
        try:
            self._server = _Server((LOOPBACK_HOST, port), _CallbackHandler)
        except OSError as error:
            raise LoopbackListenerError(error.strerror or type(error).__name__) from None
        self._server.record = self._record
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="loopback-listener",
            daemon=True,
        )
        self._thread.start()

    @property
    def address(self) -> tuple[str, int]:
        """The bound ``(host, port)``; the host is always ``127.0.0.1``."""
        host, port = self._server.server_address[:2]
        return str(host), int(port)

    @property
    def port(self) -> int:
        """The port the listener is bound to."""
        return self.address[1]

    @property
    def redirect_uri(self) -> str:
        """``http://127.0.0.1:<port>/oauth/callback``: what the authorize request names."""
        return f"http://{LOOPBACK_HOST}:{self.port}{REDIRECT_PATH}"

    def wait(self) -> Redirect:
        """The first redirect with a code or an error, and :attr:`state`.

        Raises :class:`PendingAuthorizationExpiredError` after ``timeout`` seconds, and
        :class:`AuthorizationCancelledError` as soon as the ``cancelled`` event is set.
        """
        deadline = time.monotonic() + self._timeout
        while not self._arrived.wait(min(_CANCEL_CHECK, max(0.0, deadline - time.monotonic()))):
            if self._cancelled is not None and self._cancelled.is_set():
                raise AuthorizationCancelledError()
            if time.monotonic() >= deadline:
                raise PendingAuthorizationExpiredError(
                    f"No authorization code arrived within {self._timeout:g} seconds. "
                    "The login must be restarted."
                )
        assert self._result is not None
        return self._result

    def close(self) -> None:
        """Stop serving and release the port."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def __enter__(self) -> LoopbackListener:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"LoopbackListener(redirect_uri={self.redirect_uri!r})"

    def _record(self, query: str) -> str | None:
        """Keep the first redirect with an error or a code, and this listener's state; returns
        ``"error"``, ``"code"``, ``"forged"`` (wrong or no state: not kept) or ``None``."""
        params = {name: values[0] for name, values in parse_qs(query).items()}
        if "error" not in params and "code" not in params:
            return None
        state = params.get("state", "")
        if not hmac.compare_digest(state.encode(), self.state.encode()):
            return "forged"
        if "error" in params:
            found = Redirect(None, state, params["error"])
        else:
            found = Redirect(params["code"], state, None)
        with self._lock:
            if self._result is None:
                self._result = found
                self._arrived.set()
        return "error" if found.error is not None else "code"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    #: The listener's ``_record``, set before the server is started.
    record: Callable[[str], str | None]


class _CallbackHandler(BaseHTTPRequestHandler):
    server: _Server
    timeout = _REQUEST_TIMEOUT
    server_version = "aws-token-bridge"
    sys_version = ""

    def do_GET(self) -> None:
        outcome = self.server.record(urlsplit(self.path).query)
        page = _DONE_PAGE if outcome in (None, "code") else _ERROR_PAGE
        self.send_response(400 if outcome == "forged" else 200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(page)

    def log_message(self, format: str, *args: Any) -> None:
        # The request line holds the authorization code: it must not reach stderr.
        return


def authorization_code(
    redirect: Redirect, expected_state: str, error: Callable[[str], Exception]
) -> str:
    """The code of ``redirect`` once checked, else raise ``error(detail)``.

    The checks are the AWS CLI's: no ``error``, a code present, ``state`` equal to the one
    sent (RFC 6749 §10.12: the state ties the redirect to this login).
    """
    if redirect.error is not None or not redirect.code:
        raise error("Failed to retrieve an authorization code.")
    if redirect.state != expected_state:
        raise error("State parameter does not match expected value.")
    return redirect.code
