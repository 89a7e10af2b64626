"""``sso logout`` (the AWS CLI v2's sweep) and ``logout [--all]`` as processes."""

from __future__ import annotations

import json
import subprocess
import threading
from pathlib import Path

import pytest

from py_backend import Session
from py_backend.config.context import ConfigContext
from py_backend.errors import RequestCancelledError
from py_backend.flows.cache import login_cache_key, sso_token_cache_key
from py_backend.flows.logout import login_logout, sso_logout
from tests.flows.support import REGION, START_URL, Emulator
from tests.flows.test_export_credentials import ARN, SESSION, TOOL, login, sso
from tests.flows.test_export_credentials import env as env  # the fixture, shared

__all__ = ["env"]


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(TOOL), *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def sso_token_file(env: dict[str, str]) -> Path:
    """Where the AWS CLI v2 keeps the fixture's SSO token: ``~/.aws/sso/cache/<key>.json``."""
    cache = Path(env["HOME"]) / ".aws" / "sso" / "cache"
    return cache / f"{sso_token_cache_key(START_URL, SESSION)}.json"


def test_sso_logout_ends_the_token_at_the_portal_and_removes_the_caches(
    env: dict[str, str], emulator: Emulator
) -> None:
    token = sso(env)
    token_file = sso_token_file(env)
    cache = token_file.parent
    assert token_file.exists()
    cli_cache = Path(env["HOME"]) / ".aws" / "cli" / "cache"
    cli_cache.mkdir(parents=True)
    (cli_cache / "sso.json").write_text(json.dumps({"ProviderType": "sso"}))
    (cli_cache / "other.json").write_text(json.dumps({"ProviderType": "assume-role"}))
    calls = emulator.operations().get("Logout", 0)
    done = run(env, "sso", "logout")
    assert done.returncode == 0, done.stderr
    assert emulator.operations()["Logout"] == calls + 1
    assert not token_file.exists()
    # Only the token files go from the SSO cache; the registration stays, as in the AWS CLI.
    assert all("accessToken" not in json.loads(p.read_text()) for p in cache.glob("*.json"))
    assert not (cli_cache / "sso.json").exists() and (cli_cache / "other.json").exists()
    # The logged-out token is refused by the emulator.
    session = Session(region_name=REGION, environ={"AWS_CONFIG_FILE": "/nonexistent"})
    portal = session.client("sso", endpoint_url=emulator.base_url)
    with portal, pytest.raises(portal.exceptions.UnauthorizedException):
        portal.list_accounts(accessToken=token.access_token.get_secret_value())
    # And the profile now says to sign in again.
    done = run(env, "sso", "status", "--profile", "role")
    assert done.returncode == 2


def test_sso_logout_with_an_access_token_is_still_the_raw_operation(
    env: dict[str, str], emulator: Emulator
) -> None:
    token = sso(env)
    done = run(
        env,
        "sso",
        "logout",
        "--access-token",
        token.access_token.get_secret_value(),
        "--region",
        REGION,
    )
    assert done.returncode == 0, done.stderr
    # The raw call leaves the cache file alone.
    assert sso_token_file(env).exists()


def test_logout_removes_the_profiles_login_cache(env: dict[str, str]) -> None:
    login(env)
    path = Path(env["AWS_LOGIN_CACHE_DIRECTORY"]) / f"{login_cache_key(ARN)}.json"
    assert path.exists()
    done = run(env, "logout", "--profile", "console")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Removed cached login credentials for profile 'console'.")
    assert "expire in 15 minutes" in done.stdout
    assert not path.exists()
    assert run(env, "login", "status", "--profile", "console").returncode == 2
    done = run(env, "logout", "--profile", "static")
    assert done.returncode == 0
    assert done.stderr == "warning: no login session found for profile 'static'\n"


def test_logout_all_removes_every_login_cache_and_nothing_else(env: dict[str, str]) -> None:
    login(env)
    directory = Path(env["AWS_LOGIN_CACHE_DIRECTORY"])
    (directory / "not-a-login.json").write_text(json.dumps({"accessToken": "a string"}))
    done = run(env, "logout", "--all")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Removed 1 cached login credential. ")
    assert [p.name for p in directory.iterdir()] == ["not-a-login.json"]
    done = run(env, "logout", "--all")
    assert done.stdout == "No cached login session tokens found.\n"


DEEP = "[" * 100_000  # json.loads raises RecursionError on it, not ValueError


def test_deeply_nested_cache_files_do_not_crash_either_logout(env: dict[str, str]) -> None:
    home = Path(env["HOME"])
    sso_cache = home / ".aws" / "sso" / "cache"
    cli_cache = home / ".aws" / "cli" / "cache"
    login_cache = Path(env["AWS_LOGIN_CACHE_DIRECTORY"])
    for directory in (sso_cache, cli_cache, login_cache):
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "deep.json").write_text(DEEP)
    assert sso_logout(env) == 0
    every = login_logout(ConfigContext.from_environ(env), all_sessions=True)
    assert every.removed == 0
    # Files that are not JSON objects are left alone, as the AWS CLI leaves them.
    for directory in (sso_cache, cli_cache, login_cache):
        assert (directory / "deep.json").read_text() == DEEP


def test_logout_removes_the_profiles_cache_file_even_when_it_is_not_json(
    env: dict[str, str],
) -> None:
    path = Path(env["AWS_LOGIN_CACHE_DIRECTORY"]) / f"{login_cache_key(ARN)}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    for contents in (DEEP, "{not json"):
        path.write_text(contents)
        done = login_logout(ConfigContext.from_environ(env, profile="console"))
        assert done.removed == 1 and done.revoked == 0
        assert not path.exists()
    # And with no file there is nothing to remove.
    assert login_logout(ConfigContext.from_environ(env, profile="console")).removed == 0


def test_sso_logout_sends_logout_to_the_endpoint_url_it_is_given(
    env: dict[str, str], emulator: Emulator
) -> None:
    token = sso(env)
    token_file = sso_token_file(env)
    # No AWS_ENDPOINT_URL_SSO: only the keyword can send Logout to the emulator.
    without = {name: value for name, value in env.items() if name != "AWS_ENDPOINT_URL_SSO"}
    calls = emulator.operations().get("Logout", 0)
    assert sso_logout(without, endpoint_url=emulator.base_url) == 1
    assert emulator.operations()["Logout"] == calls + 1
    assert not token_file.exists()
    session = Session(region_name=REGION, environ={"AWS_CONFIG_FILE": "/nonexistent"})
    portal = session.client("sso", endpoint_url=emulator.base_url)
    with portal, pytest.raises(portal.exceptions.UnauthorizedException):
        portal.list_accounts(accessToken=token.access_token.get_secret_value())


def test_a_cancelled_sso_logout_sends_nothing_and_keeps_the_token(
    env: dict[str, str], emulator: Emulator
) -> None:
    sso(env)
    token_file = sso_token_file(env)
    cancelled = threading.Event()
    cancelled.set()
    calls = emulator.operations().get("Logout", 0)
    with pytest.raises(RequestCancelledError):
        sso_logout(env, cancelled=cancelled)
    assert emulator.operations().get("Logout", 0) == calls
    assert token_file.exists()
