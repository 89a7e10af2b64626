"""Helpers for the flow tests: the emulator's control API and a scripted browser."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from py_backend.flows._clients import ClientFactory
from py_backend.flows.interaction import Interaction

START_URL = "https://d-1234567890.awsapps.com/start"
REGION = "us-east-1"
_PASTE_CODE = re.compile(r'<pre id="code">([^<]*)</pre>')
_URL = re.compile(r"^https?://\S+$", re.MULTILINE)


class Emulator:
    """The emulator's control API, seen from a test (the user's and the clock's part)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.http = httpx.Client(base_url=base_url)

    def close(self) -> None:
        self.http.close()

    def post(self, path: str, body: dict[str, Any]) -> Any:
        answer = self.http.post(f"/__emulator/{path}", json=body)
        answer.raise_for_status()
        return answer.json()

    def advance(self, seconds: float) -> None:
        """Move the emulator's clock forward."""
        self.post("clock", {"advanceSeconds": seconds})

    def devices(self) -> list[dict[str, Any]]:
        return list(self.http.get("/__emulator/devices").json()["devices"])

    def approve_pending(self) -> None:
        """Approve every pending device authorization (the user on the device page)."""
        for device in self.devices():
            if device["status"] == "pending":
                self.post("device/approve", {"userCode": device["userCode"]})

    def operations(self) -> dict[str, int]:
        """How many calls of each operation the emulator has answered."""
        return dict(self.http.get("/__emulator/stats").json()["operations"])


@dataclass
class Browser:
    """A test browser: opens the authorize URL and follows its one redirect.

    ``visits`` records each URL opened; ``redirects`` each ``Location`` followed; ``pages``
    the bodies the redirect targets answered with.
    """

    before_redirect: Callable[[], None] | None = None
    visits: list[str] = field(default_factory=list)
    redirects: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)

    def __call__(self, url: str) -> None:
        self.visits.append(url)
        with httpx.Client(follow_redirects=False) as http:
            answer = http.get(url)
            assert answer.status_code == 302, answer.text
            location = answer.headers["location"]
            self.redirects.append(location)
            if self.before_redirect is not None:
                self.before_redirect()
            self.pages.append(http.get(location).text)

    def paste_code(self, printed: str) -> str:
        """What the user pastes in the remote flow: open the printed URL, read the page."""
        self(printed_url(printed))
        found = _PASTE_CODE.search(self.pages[-1])
        assert found is not None, "the confirmation page shows no code"
        return found.group(1)


def printed_url(printed: str) -> str:
    """The last URL on a line of its own in what a flow printed."""
    urls = _URL.findall(printed)
    assert urls, "no URL was printed"
    return str(urls[-1])


def query_of(url: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


def shifted_clock(seconds: float) -> Callable[[], datetime]:
    """A clock ``seconds`` ahead of real UTC time (negative: behind)."""
    return lambda: datetime.now(timezone.utc) + timedelta(seconds=seconds)


_CLIENT_FIELDS = {f.name for f in fields(ClientFactory)}
_INTERACTION_FIELDS = {f.name for f in fields(Interaction)}


def flow_arguments(**kwargs: Any) -> dict[str, Any]:
    """A login flow's keywords from flat ones: client settings go into ``clients``, the
    printer, browser, clock and the rest into ``interaction``, the others stay."""
    clients = {k: kwargs.pop(k) for k in list(kwargs) if k in _CLIENT_FIELDS}
    interaction = {k: kwargs.pop(k) for k in list(kwargs) if k in _INTERACTION_FIELDS}
    return {
        **kwargs,
        "clients": ClientFactory(**clients),
        "interaction": Interaction(**interaction),
    }
