"""The user's side of a sign-in flow, wired to one invocation's hooks.

The flows in :mod:`py_backend.flows` take a printer, a browser opener, a progress callback and
a sleep. For a cmdlet they become: ``$/log`` at level ``information`` (which the module shows
by default), the hooks' opener (default: the system browser, in the backend's process),
``$/progress`` (``Write-Progress``), and a sleep that ``$/cancelRequest`` ends at once.

Cancelling the wait for the browser: the flows' loopback listener waits for its redirect and
nothing else. When the invocation is cancelled, :class:`FlowIO` ends that wait as a browser
would end it, with a request to the listener's redirect URI that carries
``error=access_denied`` (RFC 6749 §4.1.2.1); the flow then fails, and the cmdlet reports the
cancellation instead. The redirect URI is read from the authorization URL the flow shows or
opens, so this needs nothing from the flow but what it already tells the user.
"""

from __future__ import annotations

import contextlib
import re
import threading
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

from py_backend.cmdlets.context import InvocationHooks
from py_backend.cmdlets.errors import operation_canceled
from py_backend.flows.interaction import Progress, open_in_browser
from py_backend.flows.loopback import LOOPBACK_HOST, REDIRECT_PATH

__all__ = ["FlowIO", "loopback_redirects", "urls_in"]

_URL = re.compile(r"https?://[^\s<>\"']+")
#: How often the watcher looks at the cancellation flag while a flow waits for its browser.
_WATCH_INTERVAL = 0.05
_ABORT_QUERY = urlencode({"error": "access_denied", "error_description": "sign-in cancelled"})


def urls_in(text: str) -> list[str]:
    """The http(s) URLs in ``text``, in order."""
    return _URL.findall(text)


def loopback_redirects(text: str) -> list[str]:
    """The loopback redirect URIs (``http://127.0.0.1:PORT/oauth/callback``) that the
    authorization URLs in ``text`` name in their ``redirect_uri``."""
    found = []
    for url in urls_in(text):
        for redirect in parse_qs(urlsplit(url).query).get("redirect_uri", []):
            parts = urlsplit(redirect)
            loopback = parts.scheme == "http" and parts.hostname == LOOPBACK_HOST
            if loopback and parts.path == REDIRECT_PATH and parts.port:
                found.append(redirect)
    return found


def _end_wait(redirect_uri: str) -> None:
    """Answer the listener at ``redirect_uri`` with an error, as a browser would."""
    # A failure means the listener has gone: the flow is over anyway.
    with contextlib.suppress(httpx.HTTPError):
        # trust_env=False: a proxy from the environment must not see (or swallow) this request.
        httpx.get(f"{redirect_uri}?{_ABORT_QUERY}", timeout=5.0, trust_env=False)


class FlowIO:
    """The printer, opener, progress callback and sleep of one flow; a context manager.

    Leaving the ``with`` block stops the watcher that ends a browser wait on cancellation.
    """

    def __init__(self, cmdlet: str, hooks: InvocationHooks) -> None:
        self._cmdlet = cmdlet
        self._hooks = hooks
        self._redirects: list[str] = []
        self._finished = threading.Event()
        self._watcher: threading.Thread | None = None

    def printer(self, text: str) -> None:
        """Show ``text`` to the user (the URL, the code, the browser notice)."""
        self._watch(loopback_redirects(text))
        self._hooks.log("information", text.strip("\n"))

    def open_browser(self, url: str) -> Any:
        """Open ``url`` with the hooks' opener, or the system browser."""
        self._watch(loopback_redirects(url))
        opener = self._hooks.open_browser or open_in_browser
        return opener(url)

    def on_progress(self, progress: Progress) -> None:
        """Report one step or poll (``Write-Progress``)."""
        self._hooks.progress(progress.to_dict())

    def sleep(self, seconds: float) -> None:
        """Wait between polls; a cancellation ends the wait and raises."""
        self.check_cancelled()
        if self._hooks.sleep is not None:
            self._hooks.sleep(seconds)
        else:
            self._hooks.cancelled.wait(seconds)
        self.check_cancelled()

    def check_cancelled(self) -> None:
        """Raise the cancellation error if ``$/cancelRequest`` came."""
        if self._hooks.cancelled.is_set():
            raise operation_canceled(self._cmdlet)

    def _watch(self, redirects: list[str]) -> None:
        new = [uri for uri in redirects if uri not in self._redirects]
        self._redirects.extend(new)
        if new and self._watcher is None:
            self._watcher = threading.Thread(
                target=self._end_waits_on_cancel, name="sign-in-cancel-watch", daemon=True
            )
            self._watcher.start()

    def _end_waits_on_cancel(self) -> None:
        while not self._finished.is_set():
            if self._hooks.cancelled.wait(_WATCH_INTERVAL):
                for uri in list(self._redirects):
                    _end_wait(uri)
                return

    def close(self) -> None:
        """Stop the watcher (the flow is over)."""
        self._finished.set()
        if self._watcher is not None:
            self._watcher.join()

    def __enter__(self) -> FlowIO:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
