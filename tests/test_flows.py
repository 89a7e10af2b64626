"""Authorize URLs equal the AWS CLI's; device polling honours interval, slow_down and expiry."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

import py_backend
from py_backend.auth.pkce import s256_challenge
from py_backend.errors import PendingAuthorizationExpiredError
from py_backend.flows.authorize import parse_redirect, signin_authorize_url, sso_authorize_url
from py_backend.flows.device import PollEvent, poll_device_token
from tests.support.peers import CLEAN_ENVIRON

STATE = "00000000-0000-0000-0000-000000000000"
REDIRECT = "http://127.0.0.1:55555/oauth/callback"


def test_signin_authorize_url_is_the_aws_clis() -> None:
    # The exact URL login-flows.md derives from aws-cli v2's login/utils.py.
    url = signin_authorize_url(
        "https://us-east-1.signin.aws.amazon.com",
        client_id="arn:aws:signin:::devtools/same-device",
        state=STATE,
        code_challenge=s256_challenge("a" * 64),
        redirect_uri=REDIRECT,
    )
    assert url == (
        "https://us-east-1.signin.aws.amazon.com/v1/authorize?response_type=code"
        "&client_id=arn%3Aaws%3Asignin%3A%3A%3Adevtools%2Fsame-device"
        "&state=00000000-0000-0000-0000-000000000000&code_challenge_method=SHA-256&scope=openid"
        "&redirect_uri=http%3A%2F%2F127.0.0.1%3A55555%2Foauth%2Fcallback"
        "&code_challenge=_-BU_nrgy23GXDr5th1SCfQ5hR20PQulmXM33xVGaOs"
    )


def test_sso_authorize_url_has_the_aws_clis_prefix() -> None:
    # The prefix asserted in aws-cli v2's tests/functional/sso/__init__.py.
    url = sso_authorize_url(
        "https://oidc.us-east-1.amazonaws.com",
        client_id="auth-client-id",
        redirect_uri=REDIRECT,
        state=STATE,
        code_challenge="CHALLENGE",
        scopes=["sso:account:access", "openid"],
    )
    assert url.startswith(
        "https://oidc.us-east-1.amazonaws.com/authorize?response_type=code"
        "&client_id=auth-client-id&redirect_uri=http%3A%2F%2F127.0.0.1%3A55555%2Foauth%2Fcallback"
        "&state=00000000-0000-0000-0000-000000000000&code_challenge_method=S256&scopes="
    )
    assert url.endswith("&scopes=sso%3Aaccount%3Aaccess%20openid&code_challenge=CHALLENGE")


def test_parse_redirect_hides_the_code() -> None:
    redirect = parse_redirect(f"{REDIRECT}?code=SECRETCODE&state={STATE}")
    assert (redirect.code, redirect.state, redirect.error) == ("SECRETCODE", STATE, None)
    assert "SECRETCODE" not in repr(redirect)
    assert parse_redirect(f"{REDIRECT}?error=access_denied").error == "access_denied"


def scripted_client(*answers: str) -> tuple[Any, list[dict[str, Any]]]:
    """An sso-oidc client whose CreateToken answers follow ``answers``."""
    sent: list[dict[str, Any]] = []
    queue = list(answers)

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(dict(request.headers))
        answer = queue.pop(0)
        if answer == "ok":
            return httpx.Response(200, json={"accessToken": "aoa", "expiresIn": 3600})
        return httpx.Response(400, json={"error": answer}, headers={"x-amzn-ErrorType": answer})

    session = py_backend.Session(region_name="us-east-1", environ=CLEAN_ENVIRON)
    return session.client("sso-oidc", http_transport=httpx.MockTransport(handler)), sent


def poll(client: Any, sleeps: list[float], events: list[PollEvent], **kwargs: Any) -> Any:
    return poll_device_token(
        client,
        client_id="c",
        client_secret="s",
        device_code="d",
        sleep=sleeps.append,
        on_poll=events.append,
        **kwargs,
    )


def test_polling_honours_interval_and_slow_down() -> None:
    client, sent = scripted_client(
        "AuthorizationPendingException", "SlowDownException", "AuthorizationPendingException", "ok"
    )
    sleeps: list[float] = []
    events: list[PollEvent] = []
    token = poll(client, sleeps, events, interval=2, expires_in=600)
    assert token.to_dict() == {"accessToken": "aoa", "expiresIn": 3600}
    assert sleeps == [2, 7, 7]
    assert [e.outcome for e in events] == ["pending", "slow_down", "pending", "approved"]
    assert len(sent) == 4


def test_polling_stops_when_the_code_expires() -> None:
    client, _ = scripted_client("AuthorizationPendingException", "ExpiredTokenException")
    with pytest.raises(PendingAuthorizationExpiredError):
        poll(client, [], [], interval=1)


def test_polling_gives_up_after_expires_in_seconds_of_waiting() -> None:
    client, sent = scripted_client(*["AuthorizationPendingException"] * 10)
    sleeps: list[float] = []
    with pytest.raises(PendingAuthorizationExpiredError):
        poll(client, sleeps, [], interval=5, expires_in=12)
    assert sleeps == [5, 5] and len(sent) == 3


def test_access_denied_propagates() -> None:
    client, _ = scripted_client("AccessDeniedException")
    with pytest.raises(client.exceptions.AccessDeniedException):
        poll(client, [], [], interval=1)
