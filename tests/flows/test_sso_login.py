"""``sso_login`` and ``load_sso_token`` against the emulator on 127.0.0.1."""

from __future__ import annotations

import importlib
import json
import os
import socket
import stat
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from py_backend.config.context import ConfigContext
from py_backend.config.shared_files import get_profile, get_sso_session
from py_backend.errors import PendingAuthorizationExpiredError
from py_backend.errors.sso_oidc import AccessDeniedException
from py_backend.flows.cache import (
    parse_timestamp,
    sso_registration_cache_key,
    sso_token_cache_key,
)
from py_backend.flows.errors import (
    AuthorizationCodeLoadError,
    LoopbackListenerError,
    SSOTokenLoadError,
)
from py_backend.flows.interaction import Progress
from py_backend.flows.profiles import sso_settings
from py_backend.flows.sso_login import sso_login
from py_backend.flows.sso_token import SSOToken, load_sso_token
from tests.flows.conftest import CONFIG
from tests.flows.support import (
    REGION,
    START_URL,
    Browser,
    Emulator,
    flow_arguments,
    query_of,
    shifted_clock,
)

SCOPES = ["sso:account:access"]
#: The module (the package's ``sso_login`` attribute is the function of the same name).
sso_login_module = importlib.import_module("py_backend.flows.sso_login")
TOKEN_KEYS = {
    "startUrl",
    "region",
    "accessToken",
    "expiresAt",
    "clientId",
    "clientSecret",
    "registrationExpiresAt",
    "refreshToken",
}


def cache_dir(home: Path) -> Path:
    return home / ".aws" / "sso" / "cache"


def read_json(path: Path) -> dict[str, Any]:
    return dict(json.loads(path.read_text()))


def login(
    emulator: Emulator, environ: dict[str, str], browser: Callable[[str], Any], **kwargs: Any
) -> SSOToken:
    kwargs.setdefault("printer", lambda text: None)
    return sso_login(
        START_URL,
        REGION,
        **flow_arguments(
            environ=environ, endpoint_url=emulator.base_url, open_browser=browser, **kwargs
        ),
    )


class DeviceUser:
    """Plays the user and the clock of the device flow.

    Each injected sleep moves the emulator's clock (by ``advance(seconds)``); the user
    approves the code on the ``approve_on``-th sleep.
    """

    def __init__(
        self,
        emulator: Emulator,
        approve_on: int,
        advance: Callable[[float, int], float] = lambda seconds, n: seconds,
    ) -> None:
        self.emulator, self.approve_on, self.advance = emulator, approve_on, advance
        self.sleeps: list[float] = []
        self.opened: list[str] = []

    def open_browser(self, url: str) -> None:
        self.opened.append(url)

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.emulator.advance(self.advance(seconds, len(self.sleeps)))
        if len(self.sleeps) == self.approve_on:
            self.emulator.approve_pending()


# --- device code ----------------------------------------------------------------------------


def test_device_code_flow_honours_the_interval_and_caches_the_token(
    emulator: Emulator, environ: dict[str, str], home: Path
) -> None:
    user = DeviceUser(emulator, approve_on=2)
    printed: list[str] = []
    progress: list[Progress] = []
    token = login(
        emulator,
        environ,
        user.open_browser,
        scopes=SCOPES,
        sleep=user.sleep,
        printer=printed.append,
        on_progress=progress.append,
    )
    # One early poll, then one poll per interval: no slow_down from a patient client.
    assert user.sleeps == [CONFIG.device_interval, CONFIG.device_interval]
    assert emulator.operations()["CreateToken"] == 3
    user_code = query_of(user.opened[0])["user_code"]
    assert user_code in printed[0]
    assert user.opened[0].startswith(emulator.base_url + "/device?")
    assert {p.activity for p in progress} == {"AWS SSO sign-in"}
    polls = [p for p in progress if user_code in p.status]
    assert [p.percent_complete for p in polls][-1] == 100
    assert all(0 <= p.percent_complete < 100 for p in polls[:-1])
    # Legacy profile: the file is named after the start URL.
    path = cache_dir(home) / f"{sso_token_cache_key(START_URL)}.json"
    assert token.cache_path == path
    entry = read_json(path)
    assert set(entry) == TOKEN_KEYS
    assert entry["accessToken"] == token.access_token.get_secret_value()
    assert (entry["startUrl"], entry["region"]) == (START_URL, REGION)
    assert entry["expiresAt"].endswith("Z")


def test_slow_down_makes_every_later_interval_longer(
    emulator: Emulator, environ: dict[str, str]
) -> None:
    # The first sleep moves the emulator's clock by one second only: a poll too soon.
    user = DeviceUser(emulator, approve_on=3, advance=lambda s, n: 1 if n == 1 else s)
    events: list[Progress] = []
    login(
        emulator,
        environ,
        user.open_browser,
        scopes=SCOPES,
        sleep=user.sleep,
        on_progress=events.append,
    )
    slower = CONFIG.device_interval + 5  # RFC 8628 §3.5
    assert user.sleeps == [CONFIG.device_interval, slower, slower]
    assert any("slow down" in e.status for e in events)


def test_an_expired_device_code_ends_the_flow(
    emulator: Emulator, environ: dict[str, str], home: Path
) -> None:
    user = DeviceUser(emulator, approve_on=0, advance=lambda s, n: CONFIG.device_expires_in)
    with pytest.raises(PendingAuthorizationExpiredError):
        login(emulator, environ, user.open_browser, scopes=SCOPES, sleep=user.sleep)
    assert not (cache_dir(home) / f"{sso_token_cache_key(START_URL)}.json").exists()


def test_a_denied_device_code_is_access_denied(emulator: Emulator, environ: dict[str, str]) -> None:
    def deny(seconds: float) -> None:
        emulator.advance(seconds)
        for device in emulator.devices():
            emulator.post("device/deny", {"userCode": device["userCode"]})

    with pytest.raises(AccessDeniedException):
        login(emulator, environ, lambda url: None, scopes=SCOPES, sleep=deny)


def test_no_browser_prints_and_opens_nothing(emulator: Emulator, environ: dict[str, str]) -> None:
    user = DeviceUser(emulator, approve_on=1)
    printed: list[str] = []
    login(
        emulator,
        environ,
        user.open_browser,
        scopes=SCOPES,
        sleep=user.sleep,
        no_browser=True,
        printer=printed.append,
    )
    assert user.opened == []
    assert "will not be automatically opened" in printed[0]
    assert "/device?user_code=" in printed[0]


# --- authorization code + PKCE --------------------------------------------------------------


def test_auth_code_flow_follows_the_redirect_to_the_loopback_listener(
    emulator: Emulator, environ: dict[str, str], home: Path, browser: Browser
) -> None:
    token = login(emulator, environ, browser, session_name="corp")
    authorize = query_of(browser.visits[0])
    assert browser.visits[0].startswith(emulator.base_url + "/authorize?")
    assert authorize["code_challenge_method"] == "S256"
    assert authorize["scopes"] == "sso:account:access"
    assert authorize["redirect_uri"].startswith("http://127.0.0.1:")
    assert browser.redirects[0].startswith(authorize["redirect_uri"] + "?")
    assert query_of(browser.redirects[0])["state"] == authorize["state"]
    path = cache_dir(home) / f"{sso_token_cache_key(START_URL, 'corp')}.json"
    assert token.cache_path == path
    assert set(read_json(path)) == TOKEN_KEYS
    registration = read_json(
        cache_dir(home) / f"{sso_registration_cache_key(START_URL, REGION, None, 'corp')}.json"
    )
    assert registration["grantTypes"] == ["authorization_code", "refresh_token"]
    assert registration["scopes"] == ["sso:account:access"]
    assert registration["clientId"] == authorize["client_id"]
    assert parse_timestamp(registration["expiresAt"]) == token.registration_expires_at


@pytest.mark.skipif(os.name == "nt", reason="POSIX mode bits")
def test_cache_files_are_private(
    emulator: Emulator, environ: dict[str, str], home: Path, browser: Browser
) -> None:
    login(emulator, environ, browser, session_name="corp")
    for path in cache_dir(home).iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_valid_registration_is_reused_and_the_token_always_renewed(
    emulator: Emulator, environ: dict[str, str], browser: Browser
) -> None:
    first = login(emulator, environ, browser, session_name="corp")
    second = login(emulator, environ, browser, session_name="corp")
    assert emulator.operations()["RegisterClient"] == 1
    assert second.client_id == first.client_id
    assert second.access_token != first.access_token


def test_a_registration_close_to_expiry_is_replaced(
    emulator: Emulator, environ: dict[str, str], browser: Browser
) -> None:
    first = login(emulator, environ, browser, session_name="corp")
    assert first.registration_expires_at is not None
    # Our clock says the registration has 10 minutes left: under the CLI's 15.
    late = first.registration_expires_at - timedelta(minutes=10)
    second = login(emulator, environ, browser, session_name="corp", clock=lambda: late)
    assert emulator.operations()["RegisterClient"] == 2
    assert second.client_id != first.client_id


def test_a_device_registration_is_not_used_for_the_auth_code_flow(
    emulator: Emulator, environ: dict[str, str], browser: Browser
) -> None:
    user = DeviceUser(emulator, approve_on=1)
    login(
        emulator,
        environ,
        user.open_browser,
        session_name="corp",
        use_device_code=True,
        sleep=user.sleep,
    )
    assert user.opened[0].startswith(emulator.base_url + "/device")
    login(emulator, environ, browser, session_name="corp")
    assert emulator.operations()["RegisterClient"] == 2


def test_a_redirect_with_another_state_is_refused_and_the_login_waits_on(
    emulator: Emulator, environ: dict[str, str], browser: Browser
) -> None:
    def forged(url: str) -> None:
        query = query_of(url)
        browser(url.replace(query["state"], "00000000-0000-0000-0000-000000000000"))

    # The listener answers the forged redirect 400 and keeps waiting, here until its timeout.
    with pytest.raises(PendingAuthorizationExpiredError):
        login(emulator, environ, forged, session_name="corp", listener_timeout=1.0)
    assert emulator.operations().get("CreateToken", 0) == 0


def test_a_denied_authorization_is_reported(
    emulator: Emulator, environ: dict[str, str], browser: Browser
) -> None:
    emulator.post("sso/deny", {"deny": True})
    with pytest.raises(AuthorizationCodeLoadError, match="Failed to retrieve"):
        login(emulator, environ, browser, session_name="corp")


def test_the_listener_times_out_when_the_browser_never_comes_back(
    emulator: Emulator, environ: dict[str, str]
) -> None:
    with pytest.raises(PendingAuthorizationExpiredError):
        login(emulator, environ, lambda url: None, session_name="corp", listener_timeout=0.1)


def test_without_a_loopback_port_it_falls_back_to_the_device_code(
    emulator: Emulator, environ: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_port(**kwargs: Any) -> Any:
        raise LoopbackListenerError("Address family not supported")

    monkeypatch.setattr(sso_login_module, "LoopbackListener", no_port)
    user = DeviceUser(emulator, approve_on=1)
    printed: list[str] = []
    token = login(
        emulator,
        environ,
        user.open_browser,
        session_name="corp",
        sleep=user.sleep,
        printer=printed.append,
    )
    assert "Falling back to the device code flow" in printed[0]
    assert user.opened[0].startswith(emulator.base_url + "/device")
    assert token.access_token.get_secret_value()


def test_the_device_code_fallback_keeps_the_clis_fifteen_minute_registration_window(
    emulator: Emulator, environ: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fallback reads the session's one registration as ``--use-device-code`` does.

    Same cache key, grant type checked, and replaced only with under the CLI's 15 minutes left
    (not 10): a device registration with 20 minutes left is reused, one with 12 is not.
    """
    user = DeviceUser(emulator, approve_on=1)
    first = login(
        emulator,
        environ,
        user.open_browser,
        session_name="corp",
        use_device_code=True,
        sleep=user.sleep,
    )
    assert first.registration_expires_at is not None

    def no_port(**kwargs: Any) -> Any:
        raise LoopbackListenerError("Address family not supported")

    monkeypatch.setattr(sso_login_module, "LoopbackListener", no_port)

    def fallback(minutes_left: int) -> SSOToken:
        assert first.registration_expires_at is not None
        now = first.registration_expires_at - timedelta(minutes=minutes_left)
        user = DeviceUser(emulator, approve_on=1)
        return login(
            emulator,
            environ,
            user.open_browser,
            session_name="corp",
            sleep=user.sleep,
            clock=lambda: now,
        )

    assert fallback(20).client_id == first.client_id
    assert emulator.operations()["RegisterClient"] == 1
    assert fallback(12).client_id != first.client_id
    assert emulator.operations()["RegisterClient"] == 2


def test_a_busy_chosen_port_is_an_error(emulator: Emulator, environ: dict[str, str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(LoopbackListenerError):
            login(
                emulator,
                environ,
                lambda url: None,
                session_name="corp",
                redirect_port=taken.getsockname()[1],
            )


# --- loading and refreshing -----------------------------------------------------------------


@pytest.fixture
def cached(emulator: Emulator, environ: dict[str, str], browser: Browser) -> SSOToken:
    """A token cached by the auth-code flow for session ``corp``."""
    return login(emulator, environ, browser, session_name="corp")


def load(emulator: Emulator, environ: dict[str, str], **kwargs: Any) -> SSOToken:
    return load_sso_token(
        session_name="corp", environ=environ, endpoint_url=emulator.base_url, **kwargs
    )


def test_a_fresh_token_is_returned_as_cached(
    emulator: Emulator, environ: dict[str, str], cached: SSOToken
) -> None:
    calls = emulator.operations()["CreateToken"]
    assert load(emulator, environ) == cached
    assert emulator.operations()["CreateToken"] == calls


def test_an_unknown_client_keyword_is_refused_even_for_a_fresh_token(
    emulator: Emulator, environ: dict[str, str], cached: SSOToken
) -> None:
    with pytest.raises(TypeError, match="verify_ssl"):
        load(emulator, environ, verify_ssl=False)


def test_a_token_with_under_five_minutes_left_is_refreshed_and_written_back(
    emulator: Emulator, environ: dict[str, str], cached: SSOToken
) -> None:
    near_expiry = cached.expires_at - timedelta(minutes=4)
    refreshed = load(emulator, environ, clock=lambda: near_expiry)
    assert refreshed.access_token != cached.access_token
    assert refreshed.refresh_token != cached.refresh_token
    assert refreshed.expires_at > cached.expires_at
    assert refreshed.client_id == cached.client_id
    assert cached.cache_path is not None
    entry = read_json(cached.cache_path)
    assert entry["accessToken"] == refreshed.access_token.get_secret_value()
    assert entry["registrationExpiresAt"] == read_json(cached.cache_path)["registrationExpiresAt"]
    # Six minutes before expiry is outside the window: nothing to do.
    calls = emulator.operations()["CreateToken"]
    assert load(emulator, environ, clock=lambda: refreshed.expires_at - timedelta(minutes=6))
    assert emulator.operations()["CreateToken"] == calls


def test_a_failed_refresh_keeps_a_still_valid_token(
    emulator: Emulator, environ: dict[str, str], cached: SSOToken
) -> None:
    assert cached.cache_path is not None
    entry = read_json(cached.cache_path)
    entry["refreshToken"] = "aor-not-a-token"
    cached.cache_path.write_text(json.dumps(entry))
    near_expiry = cached.expires_at - timedelta(minutes=4)
    assert load(emulator, environ, clock=lambda: near_expiry).access_token == cached.access_token
    after_expiry = cached.expires_at + timedelta(seconds=1)
    with pytest.raises(SSOTokenLoadError, match="expired and refresh failed"):
        load(emulator, environ, clock=lambda: after_expiry)


def test_an_expired_token_without_a_refresh_token_cannot_be_used(
    emulator: Emulator, environ: dict[str, str], cached: SSOToken
) -> None:
    assert cached.cache_path is not None
    entry = read_json(cached.cache_path)
    del entry["refreshToken"]
    cached.cache_path.write_text(json.dumps(entry))
    with pytest.raises(SSOTokenLoadError):
        load(emulator, environ, clock=shifted_clock(7200))


def test_missing_and_invalid_tokens_are_reported(
    emulator: Emulator, environ: dict[str, str], home: Path
) -> None:
    with pytest.raises(SSOTokenLoadError, match="Token for corp does not exist"):
        load(emulator, environ)
    path = cache_dir(home) / f"{sso_token_cache_key('', 'corp')}.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"accessToken": "x"}))
    with pytest.raises(SSOTokenLoadError, match="invalid"):
        load(emulator, environ)


def test_the_repr_hides_every_secret(cached: SSOToken) -> None:
    text = repr(cached)
    assert cached.access_token.get_secret_value() not in text
    assert cached.client_secret is not None
    assert cached.client_secret.get_secret_value() not in text


def test_the_profile_can_be_pointed_at_the_session(
    emulator: Emulator, environ: dict[str, str], home: Path, browser: Browser
) -> None:
    config = home / ".aws" / "config"
    config.parent.mkdir()
    config.write_text("# keep me\n[default]\nregion = eu-west-1\n")
    login(
        emulator,
        environ,
        browser,
        session_name="corp",
        scopes=SCOPES,
        profile="dev",
        update_profile=True,
    )
    context = ConfigContext.from_environ(environ)
    assert get_profile(context, "dev") == {"sso_session": "corp"}
    assert get_sso_session(context, "corp") == {
        "sso_start_url": START_URL,
        "sso_region": REGION,
        "sso_registration_scopes": "sso:account:access",
    }
    assert sso_settings(ConfigContext.from_environ(environ, profile="dev")).session_name == "corp"
    assert config.read_text().startswith("# keep me\n[default]\nregion = eu-west-1\n")
