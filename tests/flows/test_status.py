"""``sso status`` and ``login status`` as processes: exit codes 0, 1, 2 and ``--output json``."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from py_backend.config.context import ConfigContext
from py_backend.flows.cache import login_cache_key, sso_token_cache_key
from py_backend.flows.errors import LoginTokenLoadError, sign_in_command
from py_backend.flows.signin_token import load_login_credentials
from py_backend.flows.status import EXIT_LOGIN_NEEDED, login_status
from tests.flows.conftest import CONFIG
from tests.flows.support import START_URL, shifted_clock
from tests.flows.test_export_credentials import ARN, SESSION, TOOL, login, sso
from tests.flows.test_export_credentials import env as env  # the fixture, shared

__all__ = ["env"]


def status(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(TOOL), *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_without_a_login_both_say_a_new_login_is_needed(env: dict[str, str]) -> None:
    done = status(env, "sso", "status", "--profile", "role")
    assert done.returncode == 2, done.stderr
    assert "To sign in, run: aws-token-bridge sso login --profile role" in done.stdout
    done = status(env, "login", "status", "--profile", "console", "--output", "json")
    assert done.returncode == 2, done.stderr
    facts = json.loads(done.stdout)
    assert facts["Status"] == "expired" and facts["Session"] == ARN
    assert facts["LoginCommand"] == "aws-token-bridge login --profile console"


def test_signed_in_is_0_with_who_and_when(env: dict[str, str]) -> None:
    token = sso(env)
    credentials = login(env)
    done = status(env, "sso", "status", "--sso-session", SESSION, "--output", "json")
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout)
    assert facts["Status"] == "valid" and facts["Session"] == SESSION
    assert facts["StartUrl"] == START_URL and facts["Refreshable"] is True
    assert facts["TokenExpiration"] == token.expires_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert token.access_token.get_secret_value() not in done.stdout
    done = status(env, "login", "status", "--profile", "console")
    assert done.returncode == 0, done.stderr
    assert f"Login session: {ARN}" in done.stdout
    assert f"Account: {ARN.split(':')[4]}" in done.stdout
    assert credentials.credentials.access_key not in done.stdout


def test_expired_but_refreshable_is_1(env: dict[str, str]) -> None:
    sso(env, clock=shifted_clock(-(CONFIG.access_token_lifetime + 60)))
    login(env, clock=shifted_clock(-(CONFIG.signin_credentials_lifetime + 60)))
    done = status(env, "sso", "status", "--profile", "role")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Status: refreshable" in done.stdout
    done = status(env, "login", "status", "--profile", "console")
    assert done.returncode == 1, done.stdout + done.stderr
    # The next use refreshes: the export succeeds and status is 0 again.
    export = status(env, "configure", "export-credentials", "--profile", "console")
    assert export.returncode == 0, export.stderr
    assert status(env, "login", "status", "--profile", "console").returncode == 0


def test_expired_without_a_refresh_token_is_2(env: dict[str, str]) -> None:
    sso(env, clock=shifted_clock(-(CONFIG.access_token_lifetime + 60)))
    path = Path(env["HOME"]) / ".aws" / "sso" / "cache"
    path = path / f"{sso_token_cache_key(START_URL, SESSION)}.json"
    entry = json.loads(path.read_text())
    del entry["refreshToken"]
    path.write_text(json.dumps(entry))
    done = status(env, "sso", "status", "--profile", "role")
    assert done.returncode == 2
    assert "aws-token-bridge sso login --profile role" in done.stdout


def test_a_missing_profile_is_an_error_not_a_status(env: dict[str, str]) -> None:
    done = status(env, "login", "status", "--profile", "nosuch")
    assert done.returncode == 255
    assert "nosuch" in done.stderr


def test_an_empty_profile_is_a_clear_error_not_a_traceback(env: dict[str, str]) -> None:
    # As `login --profile ""`: one message naming the parameter, exit 255, no traceback.
    for command in (("login", "status"), ("sso", "status")):
        done = status(env, *command, "--profile", "")
        assert done.returncode == 255, done.stdout + done.stderr
        assert "Traceback" not in done.stderr
        assert "profile_name" in done.stderr and "must not be empty" in done.stderr
        assert done.stdout == ""


@pytest.mark.parametrize("expired", [True, False])
def test_an_entry_the_loader_refuses_needs_a_new_login(env: dict[str, str], expired: bool) -> None:
    # Without clientId the refresh (and the loader, even before expiry) refuses the entry,
    # so status must not say "refreshable" or "valid": it says what the next use meets.
    lifetime = CONFIG.signin_credentials_lifetime + 60 if expired else 0
    login(env, clock=shifted_clock(-lifetime))
    path = Path(env["AWS_LOGIN_CACHE_DIRECTORY"]) / f"{login_cache_key(ARN)}.json"
    entry = json.loads(path.read_text())
    del entry["clientId"]
    path.write_text(json.dumps(entry))
    with pytest.raises(LoginTokenLoadError) as refused:
        load_login_credentials(ARN, environ=env)
    found = login_status(ConfigContext.from_environ(env, profile="console"))
    assert found.exit_code == EXIT_LOGIN_NEEDED
    assert found.reason == str(refused.value) and "clientId" in found.reason
    done = status(env, "login", "status", "--profile", "console")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "missing required fields: clientId" in done.stdout
    assert "To sign in, run: aws-token-bridge login --profile console" in done.stdout


def test_the_sign_in_command_texts_are_the_ones_the_cmdlets_rewrite() -> None:
    # The cmdlets turn these texts into Invoke-AMSPLogin / Invoke-SSOOIDCLogin: byte-equal.
    assert sign_in_command(sso=False, profile="dev") == "aws-token-bridge login --profile dev"
    assert sign_in_command(sso=True, profile="dev") == "aws-token-bridge sso login --profile dev"
    assert (
        sign_in_command(sso=True, profile="dev", sso_session="corp")
        == "aws-token-bridge sso login --sso-session corp"
    )
