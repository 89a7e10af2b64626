"""``aws-token-bridge sso login`` and ``login`` as processes, against the emulator.

The browser step is played by the test: it reads the URL the command prints (``--no-browser``),
opens it without following redirects, and follows the one redirect to the command's loopback
listener; for the device code it approves the printed user code through the control API.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from py_backend.emulator import EmulatorConfig, EmulatorServer
from py_backend.flows.cache import login_cache_key, sso_token_cache_key

START_URL = "https://d-1234567890.awsapps.com/start"
URL = re.compile(r"^(https?://\S+)$")


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorServer]:
    with EmulatorServer(config=EmulatorConfig(device_interval=1)) as server:
        yield server


@pytest.fixture
def home(tmp_path: Path) -> Path:
    (tmp_path / ".aws").mkdir()
    return tmp_path


def environ(home: Path) -> dict[str, str]:
    return {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "AWS_CONFIG_FILE": str(home / ".aws" / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / ".aws" / "credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
    }


def run(home: Path, *args: str, browser: str) -> tuple[int, str, str]:
    """Run the command; play the browser (``redirect`` or ``device``) from its printed text."""
    with subprocess.Popen(
        [sys.executable, "-m", "py_backend", *args],
        env=environ(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        return _play(process, browser)


def _play(process: subprocess.Popen[str], browser: str) -> tuple[int, str, str]:
    assert process.stderr is not None and process.stdout is not None
    seen: list[str] = []
    watchdog = threading.Timer(60, process.kill)
    watchdog.start()
    try:
        for line in process.stderr:
            seen.append(line)
            found = URL.match(line.strip())
            if found and browser == "redirect" and "/authorize?" in found.group(1):
                _follow(found.group(1))
            if found and browser == "device" and "user_code=" in found.group(1):
                user_code = found.group(1).rsplit("user_code=", 1)[1]
                base = found.group(1).split("/device")[0]
                httpx.post(f"{base}/__emulator/device/approve", json={"userCode": user_code})
        out = process.stdout.read()
        return process.wait(), out, "".join(seen)
    finally:
        watchdog.cancel()


def _follow(url: str) -> None:
    with httpx.Client(follow_redirects=False) as http:
        answer = http.get(url)
        assert answer.status_code == 302, answer.text
        http.get(answer.headers["location"])


def test_sso_login_with_authorization_code(emulator: EmulatorServer, home: Path) -> None:
    (home / ".aws" / "config").write_text(
        f"[profile dev]\nsso_session = corp\n[sso-session corp]\nsso_start_url = {START_URL}\n"
        "sso_region = us-east-1\nsso_registration_scopes = sso:account:access\n"
    )
    code, out, err = run(
        home,
        "sso",
        "login",
        "--profile",
        "dev",
        "--no-browser",
        "--endpoint-url",
        emulator.base_url,
        browser="redirect",
    )
    assert code == 0, err
    assert out == f"Successfully logged into Start URL: {START_URL}\n"
    cached = home / ".aws" / "sso" / "cache" / f"{sso_token_cache_key(START_URL, 'corp')}.json"
    entry = json.loads(cached.read_text())
    assert entry["startUrl"] == START_URL and entry["accessToken"] not in err + out
    assert (cached.stat().st_mode & 0o777) == 0o600


def test_sso_login_with_device_code(emulator: EmulatorServer, home: Path) -> None:
    (home / ".aws" / "config").write_text(
        f"[default]\nsso_start_url = {START_URL}\nsso_region = us-east-1\n"
    )
    code, out, err = run(
        home,
        "sso",
        "login",
        "--use-device-code",
        "--no-browser",
        "--endpoint-url",
        emulator.base_url,
        browser="device",
    )
    assert code == 0, err
    assert "Then enter the code:" in err and "approved" in err
    assert out == f"Successfully logged into Start URL: {START_URL}\n"
    cached = home / ".aws" / "sso" / "cache" / f"{sso_token_cache_key(START_URL)}.json"
    assert json.loads(cached.read_text())["region"] == "us-east-1"


def test_login_with_sign_in(emulator: EmulatorServer, home: Path) -> None:
    (home / ".aws" / "config").write_text("[default]\nregion = us-east-1\n")
    code, out, err = run(
        home, "login", "--no-browser", "--endpoint-url", emulator.base_url, browser="redirect"
    )
    assert code == 0, err
    session = re.search(r"to use (\S+) credentials", out)
    assert session and out.endswith("Successfully logged in.\n")
    cached = home / ".aws" / "login" / "cache" / f"{login_cache_key(session.group(1))}.json"
    entry = json.loads(cached.read_text())
    assert entry["dpopKey"].startswith("-----BEGIN EC PRIVATE KEY-----")
    assert f"login_session = {session.group(1)}" in (home / ".aws" / "config").read_text()


def test_sso_login_without_configuration_is_a_clear_error(home: Path) -> None:
    code, _, err = run(home, "sso", "login", "--no-browser", browser="none")
    assert code == 255
    assert "Missing the following required SSO configuration values" in err


# --- file-system and cache problems: one line and 255, never a traceback ---------------------

CORRUPT_CACHES = {
    "nested": "[" * 100_000,
    "out-of-range": json.dumps(
        {
            "startUrl": START_URL,
            "region": "us-east-1",
            "accessToken": "cached-token",
            "expiresAt": "9999-12-31T23:59:59-01:00",
            "clientId": "id",
            "clientSecret": "secret",
            "registrationExpiresAt": "9999-12-31T23:59:59-01:00",
        }
    ),
    "not-json": "{'half",
}


def sso_device_login(emulator: EmulatorServer, home: Path) -> tuple[int, str, str]:
    (home / ".aws" / "config").write_text(
        f"[default]\nsso_start_url = {START_URL}\nsso_region = us-east-1\n"
    )
    return run(
        home,
        "sso",
        "login",
        "--use-device-code",
        "--no-browser",
        "--endpoint-url",
        emulator.base_url,
        browser="device",
    )


@pytest.mark.parametrize("content", list(CORRUPT_CACHES.values()), ids=list(CORRUPT_CACHES))
def test_sso_login_over_a_corrupt_cache_signs_in_again(
    emulator: EmulatorServer, home: Path, content: str
) -> None:
    # The token and the client registration files hold garbage: read as "not cached".
    assert sso_device_login(emulator, home)[0] == 0
    cache = home / ".aws" / "sso" / "cache"
    for entry in cache.iterdir():
        entry.write_text(content)
    code, _, err = sso_device_login(emulator, home)
    assert code == 0, err
    assert "Traceback" not in err
    token = json.loads((cache / f"{sso_token_cache_key(START_URL)}.json").read_text())
    assert token["expiresAt"].startswith("20")


def test_sso_login_with_an_unusable_cache_directory_is_one_line(
    emulator: EmulatorServer, home: Path
) -> None:
    (home / ".aws" / "sso").write_text("a file where the cache directory must be")
    code, _, err = sso_device_login(emulator, home)
    assert code == 255
    assert "Traceback" not in err
    last = err.strip().splitlines()[-1]
    assert last.startswith(f"Could not write {home / '.aws' / 'sso' / 'cache'}"), err
    assert "Not a directory" in last


@pytest.mark.skipif(
    os.name == "nt" or os.geteuid() == 0, reason="POSIX permissions, which root ignores"
)
def test_sso_login_with_a_read_only_cache_directory_is_one_line(
    emulator: EmulatorServer, home: Path
) -> None:
    cache = home / ".aws" / "sso" / "cache"
    cache.mkdir(parents=True)
    cache.chmod(0o500)
    try:
        code, _, err = sso_device_login(emulator, home)
    finally:
        cache.chmod(0o700)
    assert code == 255
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith(f"Could not write {cache}")
