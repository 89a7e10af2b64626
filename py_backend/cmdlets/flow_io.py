"""The user's side of a sign-in flow, wired to one invocation's hooks."""

from __future__ import annotations

import re

from py_backend.cmdlets.context import InvocationHooks
from py_backend.flows.interaction import Interaction, open_in_browser

__all__ = ["flow_interaction", "urls_in"]

_URL = re.compile(r"https?://[^\s<>\"']+")


def urls_in(text: str) -> list[str]:
    """The http(s) URLs in ``text``, in order."""
    return _URL.findall(text)


def flow_interaction(cmdlet: str, hooks: InvocationHooks) -> Interaction:
    """The flows' :class:`Interaction` for one invocation of ``cmdlet``: messages are ``$/log``
    at level ``information`` (which the module shows by default), progress ``$/progress``; the
    hooks' opener (default: the system browser, in the backend's process); a sleep and a wait
    for the browser's redirect that ``$/cancelRequest`` ends at once."""

    def sleep(seconds: float) -> None:
        # Between polls: a cancellation ends the wait and raises.
        hooks.check_cancelled(cmdlet)
        if hooks.sleep is not None:
            hooks.sleep(seconds)
        else:
            hooks.cancelled.wait(seconds)
        hooks.check_cancelled(cmdlet)

    return Interaction(
        printer=lambda text: hooks.log("information", text.strip("\n")),
        open_browser=lambda url: (hooks.open_browser or open_in_browser)(url),
        on_progress=lambda progress: hooks.progress(progress.to_dict()),
        sleep=sleep,
        cancelled=hooks.cancelled,
    )
