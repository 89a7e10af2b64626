"""Prompt texts, the browser step and progress reports."""

from __future__ import annotations

from py_backend.flows.device import PollEvent
from py_backend.flows.interaction import (
    Progress,
    authorization_message,
    device_poll_progress,
    render_progress_line,
    show_authorization,
)


def test_the_opening_message_names_the_url_and_the_code() -> None:
    text = authorization_message("https://v/device", user_code="ABCD-EFGH", opening=True)
    assert "Attempting to automatically open" in text
    assert "\nhttps://v/device\n" in text
    assert "ABCD-EFGH" in text


def test_printing_only_offers_the_complete_url() -> None:
    text = authorization_message(
        "https://v/device",
        user_code="ABCD-EFGH",
        complete_url="https://v/device?user_code=ABCD-EFGH",
        opening=False,
    )
    assert text.startswith("Browser will not be automatically opened.")
    assert "https://v/device?user_code=ABCD-EFGH" in text


def test_the_browser_opens_the_complete_url_and_failures_are_ignored() -> None:
    printed: list[str] = []
    opened: list[str] = []
    show_authorization(
        "https://v/device",
        printer=printed.append,
        open_browser=opened.append,
        user_code="C",
        complete_url="https://v/device?user_code=C",
    )
    assert opened == ["https://v/device?user_code=C"]

    def broken(url: str) -> None:
        raise RuntimeError("no display")

    show_authorization("https://v/x", printer=printed.append, open_browser=broken)
    assert len(printed) == 2


def test_no_browser_only_prints() -> None:
    printed: list[str] = []
    show_authorization("https://v/x", printer=printed.append, open_browser=None)
    assert printed and "will not be automatically opened" in printed[0]


def test_progress_has_the_write_progress_shape() -> None:
    assert Progress("A", "S", 42).to_dict() == {
        "activity": "A",
        "status": "S",
        "percentComplete": 42,
    }


def test_device_polls_report_the_share_of_the_code_lifetime_used() -> None:
    pending = device_poll_progress(PollEvent(3, "pending", 5, 150), "ABCD", 600)
    assert pending.percent_complete == 25
    assert "ABCD" in pending.status and "next poll in 5s" in pending.status
    slow = device_poll_progress(PollEvent(4, "slow_down", 10, 155), "ABCD", 600)
    assert "slow down" in slow.status
    assert (
        device_poll_progress(PollEvent(5, "approved", 10, 165), "ABCD", 600).percent_complete == 100
    )
    assert device_poll_progress(PollEvent(1, "pending", 5, 0), "ABCD", None).percent_complete == -1


def test_the_terminal_line_draws_a_bar_when_the_percentage_is_known() -> None:
    line = render_progress_line(Progress("Waiting", "poll 2", 50), width=10)
    assert line == "Waiting [#####.....]  50% poll 2"
    assert render_progress_line(Progress("Waiting", "for the browser")) == (
        "Waiting: for the browser"
    )
    assert "\n" not in render_progress_line(Progress("A", "B", 100))
