"""``signin_login`` and ``load_login_credentials`` against the emulator on 127.0.0.1."""

from __future__ import annotations

import base64
import json
import os
import stat
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from py_backend.auth.dpop import generate_private_key, load_private_key_pem, private_key_to_pem
from py_backend.config.context import ConfigContext
from py_backend.config.shared_files import get_profile
from py_backend.errors import ConfigurationError, PendingAuthorizationExpiredError
from py_backend.errors.signin import ValidationException
from py_backend.flows.cache import login_cache_key, parse_timestamp
from py_backend.flows.errors import (
    LoginAuthorizationCodeError,
    LoginRefreshRequired,
    LoginTokenLoadError,
)
from py_backend.flows.interaction import Progress
from py_backend.flows.signin_login import PASTE_PROMPT, parse_pasted_code, signin_login
from py_backend.flows.signin_token import LoginCredentials, load_login_credentials
from tests.flows.conftest import CONFIG
from tests.flows.support import REGION, Browser, Emulator, flow_arguments, printed_url, query_of

ARN = CONFIG.signin_identity_arn
ACCOUNT = ARN.split(":")[4]
ENTRY_KEYS = {
    "accessToken",
    "tokenType",
    "clientId",
    "refreshToken",
    "idToken",
    "dpopKey",
    "signInRegion",
}
ACCESS_KEYS = {"accessKeyId", "secretAccessKey", "sessionToken", "accountId", "expiresAt"}


def login_dir(home: Path) -> Path:
    return home / ".aws" / "login" / "cache"


def read_json(path: Path) -> dict[str, Any]:
    return dict(json.loads(path.read_text()))


def login(emulator: Emulator, environ: dict[str, str], **kwargs: Any) -> LoginCredentials:
    kwargs.setdefault("printer", lambda text: None)
    return signin_login(
        region=REGION,
        **flow_arguments(environ=environ, endpoint_url=emulator.base_url, **kwargs),
    )


# --- same device ----------------------------------------------------------------------------


def test_same_device_login_follows_the_redirect_and_caches_the_session(
    emulator: Emulator, environ: dict[str, str], home: Path, browser: Browser
) -> None:
    progress: list[Progress] = []
    creds = login(emulator, environ, open_browser=browser, on_progress=progress.append)
    authorize = query_of(browser.visits[0])
    assert browser.visits[0].startswith(emulator.base_url + "/v1/authorize?")
    assert authorize["client_id"] == "arn:aws:signin:::devtools/same-device"
    assert authorize["code_challenge_method"] == "SHA-256"
    assert authorize["redirect_uri"].startswith("http://127.0.0.1:")
    assert browser.redirects[0].startswith(authorize["redirect_uri"] + "?")
    assert (creds.login_session, creds.account_id) == (ARN, ACCOUNT)
    assert progress[-1].percent_complete == 100
    path = login_dir(home) / f"{login_cache_key(ARN)}.json"
    assert creds.cache_path == path
    entry = read_json(path)
    assert set(entry) == ENTRY_KEYS
    assert set(entry["accessToken"]) == ACCESS_KEYS
    assert entry["accessToken"]["accessKeyId"] == creds.credentials.access_key
    assert entry["accessToken"]["accountId"] == ACCOUNT
    assert entry["clientId"] == authorize["client_id"]
    assert entry["signInRegion"] == REGION
    assert entry["dpopKey"].startswith("-----BEGIN EC PRIVATE KEY-----\n")
    assert entry["dpopKey"].endswith("-----END EC PRIVATE KEY-----\n")
    load_private_key_pem(entry["dpopKey"])
    lifetime = parse_timestamp(entry["accessToken"]["expiresAt"]) - creds.expires_at
    assert lifetime == timedelta(0)


@pytest.mark.skipif(os.name == "nt", reason="POSIX mode bits")
def test_the_login_cache_is_private(
    emulator: Emulator, environ: dict[str, str], home: Path, browser: Browser
) -> None:
    creds = login(emulator, environ, open_browser=browser)
    assert creds.cache_path is not None
    assert stat.S_IMODE(creds.cache_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(login_dir(home).stat().st_mode) == 0o700


def test_the_cache_directory_variable_is_honoured(
    emulator: Emulator, environ: dict[str, str], tmp_path: Path, browser: Browser
) -> None:
    environ["AWS_LOGIN_CACHE_DIRECTORY"] = str(tmp_path / "custom")
    creds = login(emulator, environ, open_browser=browser)
    assert creds.cache_path == tmp_path / "custom" / f"{login_cache_key(ARN)}.json"
    loaded = load_login_credentials(ARN, environ=environ, endpoint_url=emulator.base_url)
    assert loaded == creds


def test_each_login_uses_a_new_dpop_key(
    emulator: Emulator, environ: dict[str, str], browser: Browser
) -> None:
    first = login(emulator, environ, open_browser=browser)
    assert first.cache_path is not None
    first_key = read_json(first.cache_path)["dpopKey"]
    second = login(emulator, environ, open_browser=browser)
    assert read_json(first.cache_path)["dpopKey"] != first_key
    assert second.credentials != first.credentials


def test_a_denied_sign_in_is_reported(
    emulator: Emulator, environ: dict[str, str], browser: Browser
) -> None:
    emulator.post("signin/deny", {"deny": True})
    with pytest.raises(LoginAuthorizationCodeError, match="Failed to retrieve"):
        login(emulator, environ, open_browser=browser)


def test_an_expired_code_asks_for_a_new_login(emulator: Emulator, environ: dict[str, str]) -> None:
    late = Browser(before_redirect=lambda: emulator.advance(CONFIG.authorization_code_lifetime + 1))
    with pytest.raises(LoginAuthorizationCodeError, match="expired authorization code"):
        login(emulator, environ, open_browser=late)


def test_the_listener_times_out(emulator: Emulator, environ: dict[str, str]) -> None:
    with pytest.raises(PendingAuthorizationExpiredError):
        login(emulator, environ, open_browser=lambda url: None, listener_timeout=0.1)


# --- remote (cross device) ------------------------------------------------------------------


def test_remote_login_reads_the_pasted_code(
    emulator: Emulator, environ: dict[str, str], browser: Browser
) -> None:
    printed: list[str] = []
    prompts: list[str] = []

    def user(prompt: str) -> str:
        prompts.append(prompt)
        return browser.paste_code(printed[-1])  # the user opens the printed URL elsewhere

    creds = login(emulator, environ, remote=True, printer=printed.append, read_code=user)
    url = printed_url(printed[-1])
    authorize = query_of(url)
    assert authorize["client_id"] == "arn:aws:signin:::devtools/cross-device"
    assert authorize["redirect_uri"] == emulator.base_url + "/v1/sessions/confirmation"
    assert browser.redirects[0].startswith(authorize["redirect_uri"] + "?")
    assert "will not be automatically opened" in printed[-1]
    assert prompts == [PASTE_PROMPT]
    assert creds.login_session == ARN
    assert creds.cache_path is not None
    assert read_json(creds.cache_path)["clientId"] == authorize["client_id"]


def test_a_pasted_code_for_another_login_is_refused(
    emulator: Emulator, environ: dict[str, str]
) -> None:
    pasted = base64.b64encode(b"state=00000000-0000-0000-0000-000000000000&code=c").decode()
    with pytest.raises(LoginAuthorizationCodeError, match="State parameter"):
        login(emulator, environ, remote=True, read_code=lambda prompt: pasted)


def test_the_pasted_code_format_is_the_clis() -> None:
    # The vector of login-flows.md §1.6.
    pasted = "c3RhdGU9MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAwJmNvZGU9YXV0aF9jb2Rl"
    redirect = parse_pasted_code(f"  {pasted}\n")
    assert (redirect.code, redirect.state) == (
        "auth_code",
        "00000000-0000-0000-0000-000000000000",
    )
    assert parse_pasted_code(pasted.rstrip("=")).code == "auth_code"


@pytest.mark.parametrize("pasted", ["", "not base64!", base64.b64encode(b"code=only").decode()])
def test_bad_pasted_codes_are_refused(pasted: str) -> None:
    with pytest.raises(LoginAuthorizationCodeError):
        parse_pasted_code(pasted)


# --- profile --------------------------------------------------------------------------------


def test_the_profile_can_be_pointed_at_the_session(
    emulator: Emulator, environ: dict[str, str], home: Path, browser: Browser
) -> None:
    config = home / ".aws" / "config"
    config.parent.mkdir()
    config.write_text("[profile other]\nregion = eu-west-1\n")
    login(emulator, environ, open_browser=browser, profile="console", update_profile=True)
    context = ConfigContext.from_environ(environ)
    assert get_profile(context, "console") == {"login_session": ARN, "region": REGION}
    assert get_profile(context, "other") == {"region": "eu-west-1"}


def test_a_profile_with_keys_is_refused_before_signing_in(
    emulator: Emulator, environ: dict[str, str], home: Path, browser: Browser
) -> None:
    config = home / ".aws" / "config"
    config.parent.mkdir()
    config.write_text("[profile keys]\naws_access_key_id = AKID\naws_secret_access_key = S\n")
    with pytest.raises(ConfigurationError, match="Access Key"):
        login(emulator, environ, open_browser=browser, profile="keys", update_profile=True)
    assert browser.visits == []


# --- loading and refreshing -----------------------------------------------------------------


@pytest.fixture
def cached(emulator: Emulator, environ: dict[str, str], browser: Browser) -> LoginCredentials:
    return login(emulator, environ, open_browser=browser)


def load(emulator: Emulator, environ: dict[str, str], **kwargs: Any) -> LoginCredentials:
    return load_login_credentials(ARN, environ=environ, endpoint_url=emulator.base_url, **kwargs)


def at(moment: Any) -> Callable[[], Any]:
    return lambda: moment


def test_fresh_credentials_come_from_the_cache(
    emulator: Emulator, environ: dict[str, str], cached: LoginCredentials
) -> None:
    calls = emulator.operations()["CreateOAuth2Token"]
    # 301 seconds left is more than the 300-second threshold.
    assert load(emulator, environ, clock=at(cached.expires_at - timedelta(seconds=301))) == cached
    assert emulator.operations()["CreateOAuth2Token"] == calls


def test_an_unknown_client_keyword_is_refused_even_for_fresh_credentials(
    emulator: Emulator, environ: dict[str, str], cached: LoginCredentials
) -> None:
    with pytest.raises(TypeError, match="verify_ssl"):
        load(emulator, environ, verify_ssl=False)


def test_credentials_are_refreshed_with_the_cached_dpop_key(
    emulator: Emulator, environ: dict[str, str], cached: LoginCredentials
) -> None:
    assert cached.cache_path is not None
    before = read_json(cached.cache_path)
    refreshed = load(emulator, environ, clock=at(cached.expires_at - timedelta(seconds=300)))
    after = read_json(cached.cache_path)
    assert refreshed.credentials.access_key != cached.credentials.access_key
    assert after["accessToken"]["accessKeyId"] == refreshed.credentials.access_key
    assert after["refreshToken"] != before["refreshToken"]
    assert after["accessToken"]["accountId"] == ACCOUNT
    # Only accessToken and refreshToken change (botocore's write-back).
    unchanged = {k: v for k, v in before.items() if k not in ("accessToken", "refreshToken")}
    assert {k: after[k] for k in unchanged} == unchanged
    assert set(after) == set(before)


def test_a_pkcs8_dpop_key_is_accepted(
    emulator: Emulator, environ: dict[str, str], cached: LoginCredentials
) -> None:
    assert cached.cache_path is not None
    entry = read_json(cached.cache_path)
    key = load_private_key_pem(entry["dpopKey"])
    entry["dpopKey"] = private_key_to_pem(key, encoding="pkcs8")
    cached.cache_path.write_text(json.dumps(entry))
    refreshed = load(emulator, environ, force_refresh=True)
    assert refreshed.credentials != cached.credentials


def test_a_refresh_signed_by_another_key_is_refused(
    emulator: Emulator, environ: dict[str, str], cached: LoginCredentials
) -> None:
    assert cached.cache_path is not None
    entry = read_json(cached.cache_path)
    entry["dpopKey"] = private_key_to_pem(generate_private_key())
    cached.cache_path.write_text(json.dumps(entry))
    with pytest.raises(ValidationException):
        load(emulator, environ, force_refresh=True)


def test_an_expired_session_needs_a_new_login(
    emulator: Emulator, environ: dict[str, str], cached: LoginCredentials
) -> None:
    emulator.advance(CONFIG.signin_session_lifetime + 1)
    with pytest.raises(LoginRefreshRequired, match="aws login"):
        load(emulator, environ, force_refresh=True)


def test_missing_entries_and_fields_are_named(
    emulator: Emulator, environ: dict[str, str], cached: LoginCredentials
) -> None:
    with pytest.raises(LoginTokenLoadError, match="arn:aws:iam::1:user/nobody"):
        load_login_credentials("arn:aws:iam::1:user/nobody", environ=environ)
    assert cached.cache_path is not None
    entry = read_json(cached.cache_path)
    del entry["dpopKey"], entry["clientId"]
    cached.cache_path.write_text(json.dumps(entry))
    with pytest.raises(LoginTokenLoadError, match="missing required fields: dpopKey, clientId"):
        load(emulator, environ)


def test_the_repr_hides_every_secret(cached: LoginCredentials) -> None:
    assert cached.cache_path is not None
    entry = read_json(cached.cache_path)
    text = repr(cached)
    for secret in (entry["accessToken"]["secretAccessKey"], entry["accessToken"]["sessionToken"]):
        assert secret not in text


# --- the core credential chain ----------------------------------------------------------------


def test_a_login_session_profile_gives_credentials_to_signed_calls(
    emulator: Emulator, environ: dict[str, str], home: Path, browser: Browser
) -> None:
    import py_backend

    creds = login(emulator, environ, open_browser=browser)
    config = home / ".aws" / "config"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f"[profile signed-in]\nlogin_session = {ARN}\nregion = {REGION}\n")
    session = py_backend.Session(
        profile_name="signed-in", environ=environ | {"AWS_CONFIG_FILE": str(config)}
    )
    found = session.get_credentials()
    assert found is not None and found.source == "login"
    assert found.access_key == creds.credentials.access_key
    assert found.secret_key == creds.credentials.secret_key
