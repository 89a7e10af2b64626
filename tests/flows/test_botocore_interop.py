"""botocore reads and refreshes what we cache; we read what botocore wrote back.

botocore (test-only, with awscrt for DPoP) runs in-process against the emulator: every
endpoint points at 127.0.0.1 (``AWS_ENDPOINT_URL_SSO_OIDC``, ``AWS_ENDPOINT_URL_SIGNIN``),
``HOME`` and the config file are temporary, instance metadata is off. botocore computes its
SSO cache directory from ``~`` when it is imported, so that one class attribute is pointed
at the temporary home as well.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import botocore.session
import pytest
from botocore.tokens import SSOTokenProvider

from py_backend.flows.cache import login_cache_key, sso_token_cache_key
from py_backend.flows.signin_login import signin_login
from py_backend.flows.signin_token import load_login_credentials
from py_backend.flows.sso_login import sso_login
from py_backend.flows.sso_token import load_sso_token
from tests.flows.conftest import CONFIG
from tests.flows.support import REGION, START_URL, Browser, Emulator, flow_arguments, shifted_clock

#: botocore's login provider signs DPoP proofs with awscrt (``botocore[crt]``).
needs_crt = pytest.mark.skipif(
    importlib.util.find_spec("awscrt") is None, reason="needs botocore[crt] (awscrt)"
)

ARN = CONFIG.signin_identity_arn
SESSION = "interop"


def read_json(path: Path) -> dict[str, Any]:
    return dict(json.loads(path.read_text()))


@pytest.fixture
def botocore_env(home: Path, emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The environment botocore and our flows share; returns our ``environ``."""
    config = home / ".aws" / "config"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        f"[profile p]\nsso_session = {SESSION}\n"
        f"[sso-session {SESSION}]\nsso_start_url = {START_URL}\nsso_region = {REGION}\n"
        f"[profile console]\nlogin_session = {ARN}\nregion = {REGION}\n"
    )
    login_cache = home / "login-cache"
    monkeypatch.setenv("AWS_LOGIN_CACHE_DIRECTORY", str(login_cache))
    monkeypatch.setenv("AWS_ENDPOINT_URL_SSO_OIDC", emulator.base_url)
    monkeypatch.setenv("AWS_ENDPOINT_URL_SIGNIN", emulator.base_url)
    monkeypatch.setattr(
        SSOTokenProvider, "_SSO_TOKEN_CACHE_DIR", str(home / ".aws" / "sso" / "cache")
    )
    return {
        "HOME": str(home),
        "AWS_CONFIG_FILE": str(config),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / ".aws" / "credentials"),
        "AWS_LOGIN_CACHE_DIRECTORY": str(login_cache),
        "AWS_ENDPOINT_URL_SSO_OIDC": emulator.base_url,
        "AWS_ENDPOINT_URL_SIGNIN": emulator.base_url,
        "AWS_EC2_METADATA_DISABLED": "true",
    }


def botocore_sso_token(profile: str = "p") -> Any:
    session = botocore.session.Session(profile=profile)
    return SSOTokenProvider(session).load_token().get_frozen_token()


def botocore_credentials(profile: str = "console") -> Any:
    credentials = botocore.session.Session(profile=profile).get_credentials()
    assert credentials is not None and credentials.method == "login"
    return credentials.get_frozen_credentials()


# --- SSO ------------------------------------------------------------------------------------


def our_sso_login(environ: dict[str, str], **kwargs: Any) -> Any:
    # No endpoint_url argument: AWS_ENDPOINT_URL_SSO_OIDC in environ points at the emulator.
    return sso_login(
        START_URL,
        REGION,
        session_name=SESSION,
        **flow_arguments(
            environ=environ, open_browser=Browser(), printer=lambda text: None, **kwargs
        ),
    )


def test_botocore_uses_our_fresh_sso_token_as_it_is(
    botocore_env: dict[str, str], emulator: Emulator
) -> None:
    ours = our_sso_login(botocore_env)
    calls = emulator.operations()["CreateToken"]
    token = botocore_sso_token()
    assert token.token == ours.access_token.get_secret_value()
    assert emulator.operations()["CreateToken"] == calls


def test_botocore_refreshes_our_sso_token_and_we_read_what_it_wrote(
    botocore_env: dict[str, str], emulator: Emulator
) -> None:
    # Written as if the login had been 58 minutes ago: two minutes left, inside botocore's
    # refresh window.
    ours = our_sso_login(botocore_env, clock=shifted_clock(-(CONFIG.access_token_lifetime - 120)))
    calls = emulator.operations()["CreateToken"]
    token = botocore_sso_token()
    assert emulator.operations()["CreateToken"] == calls + 1
    assert token.token != ours.access_token.get_secret_value()
    assert ours.cache_path is not None
    written = read_json(ours.cache_path)
    assert written["accessToken"] == token.token
    assert written["refreshToken"] != ours.refresh_token.get_secret_value()
    assert ours.cache_path.name == f"{sso_token_cache_key(START_URL, SESSION)}.json"
    # Our loader takes botocore's file as it is (fresh: no refresh)...
    loaded = load_sso_token(session_name=SESSION, environ=botocore_env)
    assert loaded.access_token.get_secret_value() == token.token
    assert emulator.operations()["CreateToken"] == calls + 1
    # ...and can refresh it with the refresh token botocore stored.
    again = load_sso_token(session_name=SESSION, environ=botocore_env, force_refresh=True)
    assert again.access_token.get_secret_value() != token.token
    assert read_json(ours.cache_path)["accessToken"] == again.access_token.get_secret_value()


# --- Sign-In --------------------------------------------------------------------------------


def our_signin_login(environ: dict[str, str], **kwargs: Any) -> Any:
    return signin_login(
        region=REGION,
        **flow_arguments(
            environ=environ, open_browser=Browser(), printer=lambda text: None, **kwargs
        ),
    )


@needs_crt
def test_botocore_uses_our_fresh_login_credentials(
    botocore_env: dict[str, str], emulator: Emulator
) -> None:
    ours = our_signin_login(botocore_env)
    calls = emulator.operations()["CreateOAuth2Token"]
    frozen = botocore_credentials()
    assert frozen.access_key == ours.credentials.access_key
    assert frozen.secret_key == ours.credentials.secret_key.get_secret_value()
    assert emulator.operations()["CreateOAuth2Token"] == calls


@needs_crt
def test_botocore_refreshes_our_login_with_dpop_and_we_read_what_it_wrote(
    botocore_env: dict[str, str], emulator: Emulator
) -> None:
    # Two minutes left: under both botocore's windows and its 300-second threshold.
    lifetime = CONFIG.signin_credentials_lifetime
    ours = our_signin_login(botocore_env, clock=shifted_clock(-(lifetime - 120)))
    assert ours.cache_path == (
        Path(botocore_env["AWS_LOGIN_CACHE_DIRECTORY"]) / f"{login_cache_key(ARN)}.json"
    )
    before = read_json(ours.cache_path)
    calls = emulator.operations()["CreateOAuth2Token"]
    frozen = botocore_credentials()
    assert emulator.operations()["CreateOAuth2Token"] == calls + 1
    assert frozen.access_key != ours.credentials.access_key
    after = read_json(ours.cache_path)
    assert after["accessToken"]["accessKeyId"] == frozen.access_key
    assert after["dpopKey"] == before["dpopKey"]
    assert after["refreshToken"] != before["refreshToken"]
    # Our loader reads botocore's write-back as it is...
    loaded = load_login_credentials(ARN, environ=botocore_env)
    assert loaded.credentials.access_key == frozen.access_key
    assert loaded.credentials.session_token is not None
    assert loaded.credentials.session_token.get_secret_value() == frozen.token
    assert emulator.operations()["CreateOAuth2Token"] == calls + 1
    # ...and refreshes with the refresh token botocore stored, bound to the same key.
    refreshed = load_login_credentials(ARN, environ=botocore_env, force_refresh=True)
    assert refreshed.credentials.access_key != frozen.access_key
    assert emulator.operations()["CreateOAuth2Token"] == calls + 2
