"""The user's side of a sign-in flow, wired to one invocation's hooks.

The flows in :mod:`py_backend.flows` take a printer, a browser opener, a progress callback, a
sleep and a cancellation event. For a cmdlet they become: ``$/log`` at level ``information``
(which the module shows by default), the hooks' opener (default: the system browser, in the
backend's process), ``$/progress`` (``Write-Progress``), a sleep that ``$/cancelRequest`` ends
at once, and the invocation's ``cancelled`` event, which ends a wait for the browser's redirect.
"""

from __future__ import annotations

import re
from typing import Any

from py_backend.cmdlets.context import InvocationHooks
from py_backend.cmdlets.errors import operation_canceled
from py_backend.flows.interaction import Interaction, Progress, open_in_browser

__all__ = ["FlowIO", "urls_in"]

_URL = re.compile(r"https?://[^\s<>\"']+")


def urls_in(text: str) -> list[str]:
    """The http(s) URLs in ``text``, in order."""
    return _URL.findall(text)


class FlowIO:
    """The printer, opener, progress callback and sleep of one flow."""

    def __init__(self, cmdlet: str, hooks: InvocationHooks) -> None:
        self._cmdlet = cmdlet
        self._hooks = hooks

    def printer(self, text: str) -> None:
        """Show ``text`` to the user (the URL, the code, the browser notice)."""
        self._hooks.log("information", text.strip("\n"))

    def open_browser(self, url: str) -> Any:
        """Open ``url`` with the hooks' opener, or the system browser."""
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

    def interaction(self) -> Interaction:
        """The flows' :class:`Interaction`: these callbacks and the invocation's cancellation."""
        return Interaction(
            printer=self.printer,
            open_browser=self.open_browser,
            on_progress=self.on_progress,
            sleep=self.sleep,
            cancelled=self._hooks.cancelled,
        )
