"""``sso status`` and ``login status`` as processes: exit codes 0, 1, 2 and ``--output json``."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from py_backend.flows.cache import sso_token_cache_key
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
