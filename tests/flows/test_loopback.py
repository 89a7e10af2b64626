"""The loopback listener: 127.0.0.1 only, first redirect wins, favicons ignored, timeouts."""

from __future__ import annotations

import socket
import threading

import httpx
import pytest

from py_backend.errors import PendingAuthorizationExpiredError
from py_backend.flows.authorize import Redirect
from py_backend.flows.errors import (
    AuthorizationCancelledError,
    AuthorizationCodeLoadError,
    LoopbackListenerError,
)
from py_backend.flows.loopback import (
    REDIRECT_URI_WITHOUT_PORT,
    LoopbackListener,
    authorization_code,
)


def test_it_binds_the_loopback_address_only() -> None:
    with LoopbackListener() as listener:
        host, port = listener.address
        assert host == "127.0.0.1"
        assert port > 0
        assert listener.redirect_uri == f"http://127.0.0.1:{port}/oauth/callback"
        assert REDIRECT_URI_WITHOUT_PORT == "http://127.0.0.1/oauth/callback"


def test_it_records_the_code_and_state_and_ignores_other_requests() -> None:
    with LoopbackListener(timeout=30, state="s1") as listener, httpx.Client() as http:
        favicon = http.get(f"http://127.0.0.1:{listener.port}/favicon.ico")
        assert favicon.status_code == 200
        answer = http.get(listener.redirect_uri, params={"code": "c0de", "state": "s1"})
        assert answer.status_code == 200
        assert "close this window" in answer.text
        assert answer.headers["cache-control"] == "no-store"
        later = http.get(listener.redirect_uri, params={"code": "other", "state": "s1"})
        assert later.status_code == 200
        assert listener.wait() == Redirect("c0de", "s1", None)


def test_an_error_redirect_ends_the_wait_with_the_error() -> None:
    with LoopbackListener(timeout=30, state="s") as listener, httpx.Client() as http:
        answer = http.get(listener.redirect_uri, params={"error": "access_denied", "state": "s"})
        assert "did not complete" in answer.text
        result = listener.wait()
    assert (result.code, result.error) == (None, "access_denied")


def test_a_listener_makes_its_own_random_state() -> None:
    with LoopbackListener() as one, LoopbackListener() as other:
        assert len(one.state) >= 32 and one.state != other.state


@pytest.mark.parametrize(
    "forged",
    [
        {"code": "evil", "state": "wrong"},
        {"code": "evil"},
        {"error": "access_denied"},
        {"error": "access_denied", "state": "wrong"},
    ],
    ids=["code-wrong-state", "code-no-state", "error-no-state", "error-wrong-state"],
)
def test_a_redirect_without_the_right_state_is_refused_and_the_wait_goes_on(
    forged: dict[str, str],
) -> None:
    # Any local process can reach the port: it must not end the sign-in.
    with LoopbackListener(timeout=30, state="s") as listener, httpx.Client() as http:
        refused = http.get(listener.redirect_uri, params=forged)
        assert refused.status_code == 400
        assert "did not complete" in refused.text
        good = http.get(listener.redirect_uri, params={"code": "real", "state": "s"})
        assert good.status_code == 200
        assert listener.wait() == Redirect("real", "s", None)


def test_a_forged_redirect_alone_leaves_the_wait_to_its_timeout() -> None:
    with LoopbackListener(timeout=0.5, state="s") as listener, httpx.Client() as http:
        assert http.get(listener.redirect_uri, params={"error": "x"}).status_code == 400
        with pytest.raises(PendingAuthorizationExpiredError):
            listener.wait()


def test_waiting_gives_up_after_the_timeout() -> None:
    with (
        LoopbackListener(timeout=0.05) as listener,
        pytest.raises(PendingAuthorizationExpiredError),
    ):
        listener.wait()


def test_a_cancellation_ends_the_wait_before_the_timeout() -> None:
    cancelled = threading.Event()
    threading.Timer(0.1, cancelled.set).start()
    with (
        LoopbackListener(timeout=60, cancelled=cancelled) as listener,
        pytest.raises(AuthorizationCancelledError),
    ):
        listener.wait()
    assert cancelled.is_set()


def test_a_redirect_that_came_before_the_cancellation_wins() -> None:
    cancelled = threading.Event()
    with LoopbackListener(timeout=5, cancelled=cancelled, state="S") as listener:
        httpx.get(f"{listener.redirect_uri}?code=C&state=S", trust_env=False)
        cancelled.set()
        assert listener.wait() == Redirect("C", "S", None)


def test_a_busy_port_is_reported() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(LoopbackListenerError, match="local HTTP server"):
            LoopbackListener(port=taken.getsockname()[1])


def test_the_port_is_released_on_close() -> None:
    listener = LoopbackListener()
    port = listener.port
    listener.close()
    with socket.socket() as again:
        again.bind(("127.0.0.1", port))


@pytest.mark.parametrize(
    ("redirect", "detail"),
    [
        (Redirect(None, None, "access_denied"), "Failed to retrieve"),
        (Redirect(None, "s", None), "Failed to retrieve"),
        (Redirect("SECRETCODE", "other", None), "State parameter"),
    ],
)
def test_codes_are_checked_before_use(redirect: Redirect, detail: str) -> None:
    with pytest.raises(AuthorizationCodeLoadError, match=detail) as raised:
        authorization_code(redirect, "s", AuthorizationCodeLoadError)
    assert "SECRETCODE" not in str(raised.value)


def test_a_good_redirect_gives_its_code() -> None:
    assert authorization_code(Redirect("c", "s", None), "s", AuthorizationCodeLoadError) == "c"
