"""What a sign-in flow shows the user: the prompt texts, the browser step and progress.

The message texts follow the AWS CLI's ``OpenBrowserHandler`` and ``PrintOnlyHandler``.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from py_backend.clock import Clock, utc_now
from py_backend.flows.device import PollEvent
from py_backend.flows.loopback import DEFAULT_TIMEOUT

__all__ = [
    "DEFAULT_INTERACTION",
    "BrowserOpener",
    "Interaction",
    "Printer",
    "Progress",
    "ProgressCallback",
    "authorization_message",
    "device_poll_progress",
    "open_in_browser",
    "print_to_stderr",
    "render_progress_line",
    "show_authorization",
]

logger = logging.getLogger(__name__)

Printer = Callable[[str], None]
BrowserOpener = Callable[[str], Any]


@dataclass(frozen=True)
class Progress:
    """One progress report; ``percent_complete`` is 0-100, or -1 when unknown."""

    activity: str
    status: str
    percent_complete: int = -1

    def to_dict(self) -> dict[str, Any]:
        """``{"activity", "status", "percentComplete"}``, the shape ``Write-Progress`` takes."""
        return {
            "activity": self.activity,
            "status": self.status,
            "percentComplete": self.percent_complete,
        }


ProgressCallback = Callable[[Progress], None]


def print_to_stderr(text: str) -> None:
    """The default printer: standard error (flushed), so standard output stays free for the
    command's result."""
    print(text, file=sys.stderr, flush=True)


def open_in_browser(url: str) -> bool:
    """The default opener: a new browser tab (``webbrowser.open_new_tab``)."""
    return webbrowser.open_new_tab(url)


@dataclass(frozen=True)
class Interaction:
    """How a sign-in flow meets the user and waits: each front end (CLI, cmdlets, tests) its own.

    ``printer`` shows a message, ``open_browser`` opens a URL (a failure is logged and the flow
    goes on: the URL is on screen too), ``read_code(prompt)`` reads a pasted code and
    ``on_progress`` gets one report per step or poll. Setting ``cancelled`` ends a wait for the
    browser's redirect at once; a ``sleep`` that honours it ends device polling.
    ``listener_timeout`` and ``redirect_port`` are the loopback listener's (port 0: any free
    port).
    """

    printer: Printer = print_to_stderr
    open_browser: BrowserOpener = open_in_browser
    read_code: Callable[[str], str] = input
    on_progress: ProgressCallback | None = None
    sleep: Callable[[float], None] = time.sleep
    clock: Clock = utc_now
    cancelled: threading.Event | None = None
    listener_timeout: float = DEFAULT_TIMEOUT
    redirect_port: int = 0

    def progress(self, activity: str, status: str, percent: int = -1) -> None:
        """Report one step, when anyone listens."""
        if self.on_progress is not None:
            self.on_progress(Progress(activity, status, percent))


#: The terminal's: messages on standard error, the default browser, ``input()`` for codes.
DEFAULT_INTERACTION = Interaction()


def authorization_message(
    url: str,
    *,
    user_code: str | None = None,
    complete_url: str | None = None,
    opening: bool,
    page: str = "SSO authorization",
) -> str:
    """The text shown before the browser step, as the AWS CLI words it.

    With a device ``user_code``, the text asks for it; when not ``opening`` a browser, it
    also offers ``complete_url``, which fills the code in.
    """
    if opening:
        text = (
            f"Attempting to automatically open the {page} page in your default browser.\n"
            "If the browser does not open or you wish to use a different device to "
            f"authorize this request, open the following URL:\n\n{url}\n"
        )
    else:
        text = (
            f"Browser will not be automatically opened.\nPlease visit the following URL:\n\n{url}\n"
        )
    if user_code:
        text += f"\nThen enter the code:\n\n{user_code}\n"
        if not opening and complete_url:
            text += (
                "\nAlternatively, you may visit the following URL which will autofill "
                f"the code upon loading:\n{complete_url}\n"
            )
    return text


def show_authorization(
    url: str,
    *,
    printer: Printer,
    open_browser: BrowserOpener | None,
    user_code: str | None = None,
    complete_url: str | None = None,
    page: str = "SSO authorization",
) -> None:
    """Print the authorization message, then open ``complete_url`` (or ``url``) if allowed.

    ``open_browser=None`` means print only (``--no-browser``).
    """
    printer(
        authorization_message(
            url,
            user_code=user_code,
            complete_url=complete_url,
            opening=open_browser is not None,
            page=page,
        )
    )
    if open_browser is None:
        return
    try:
        open_browser(complete_url or url)
    except Exception:  # any opener failure: the URL is on screen already
        logger.debug("Failed to open the browser", exc_info=True)


def device_poll_progress(
    event: PollEvent,
    user_code: str,
    expires_in: int | None,
    activity: str = "AWS SSO sign-in",
) -> Progress:
    """The progress report for one device-code poll; the percentage is the share of the
    device code's lifetime already spent waiting."""
    if event.outcome == "approved":
        return Progress(activity, f"Device code {user_code} approved", 100)
    note = " (asked to slow down)" if event.outcome == "slow_down" else ""
    status = (
        f"Waiting for approval of code {user_code}: {event.attempt} polls{note}; "
        f"next poll in {event.interval}s"
    )
    percent = min(99, event.waited * 100 // expires_in) if expires_in else -1
    return Progress(activity, status, percent)


def render_progress_line(progress: Progress, *, width: int = 20) -> str:
    """One terminal line for ``progress``: ``activity [#####.....]  42% status``.

    Without a percentage the bar is left out. The caller decides how to draw it (for
    example ``"\\r" + line`` on a terminal); the line has no newline.
    """
    if progress.percent_complete < 0:
        return f"{progress.activity}: {progress.status}"
    percent = max(0, min(100, progress.percent_complete))
    filled = percent * width // 100
    bar = "#" * filled + "." * (width - filled)
    return f"{progress.activity} [{bar}] {percent:3d}% {progress.status}"
