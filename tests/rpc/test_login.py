"""The sign-in cmdlets through the real backend process, as the PowerShell module runs them.

The backend is spawned as the module spawns it, with a temporary home; every call uses
``-NoBrowser`` and the test plays the browser from what the backend tells the user: the
``information`` messages carry the URL (and the user code), which the test opens and follows,
or approves through the emulator's control API. Checked: the information messages and the
``$/progress`` reports arrive before the answer, the cache files are written where the AWS
CLI reads them, the remote sign-in works in two calls, a cancel is answered at once, and no
token, code or handle reaches a notification or the backend's log.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from py_backend.emulator import EmulatorConfig, EmulatorServer
from py_backend.flows.cache import login_cache_key, sso_token_cache_key
from tests.flows.support import Browser, query_of
from tests.rpc.client import WAIT, RpcClient, child_environ

START_URL = "https://d-1234567890.awsapps.com/start"
CONFIG = EmulatorConfig(device_interval=1)
ARN = CONFIG.signin_identity_arn


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorServer]:
    with EmulatorServer(config=CONFIG, shutdown_timeout=1.0) as server:
        yield server


@pytest.fixture
def home(tmp_path: Path) -> Path:
    (tmp_path / ".aws").mkdir()
    return tmp_path


@pytest.fixture
def backend(home: Path) -> Iterator[RpcClient]:
    environ = child_environ(
        {
            "HOME": str(home),
            "USERPROFILE": str(home),
            "AWS_CONFIG_FILE": str(home / ".aws" / "config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(home / ".aws" / "credentials"),
        }
    )
    with RpcClient(["--log-level", "debug"], environ=environ) as client:
        client.result("initialize", {"protocolVersion": "1.0", "clientInfo": {"name": "pytest"}})
        yield client


def start(backend: RpcClient, cmdlet: str, emulator: EmulatorServer, **parameters: Any) -> Any:
    """Send an ``invoke`` as the module does; return its id without waiting."""
    params = {
        "cmdlet": cmdlet,
        "parameters": {"EndpointUrl": emulator.base_url, **parameters},
        "context": {"storedCredentials": None, "storedRegion": None},
    }
    return backend.request("invoke", params)


def wait_for(backend: RpcClient, request_id: Any, found: Callable[[dict[str, Any]], bool]) -> Any:
    """The first notification about ``request_id`` that ``found`` accepts (waits for it)."""
    with backend._changed:
        backend._changed.wait_for(
            lambda: any(found(n) for n in backend.notifications_for(request_id)), WAIT
        )
    return next(n for n in backend.notifications_for(request_id) if found(n))


def information(backend: RpcClient, request_id: Any) -> Any:
    """The first information message about ``request_id`` that names a URL."""
    message = wait_for(
        backend,
        request_id,
        lambda n: (
            n["method"] == "$/log"
            and n["params"]["level"] == "information"
            and "://" in n["params"]["message"]
        ),
    )
    return message["params"]["message"]


def item(answer: dict[str, Any]) -> dict[str, Any]:
    assert "result" in answer, answer
    (only,) = answer["result"]["items"]
    return dict(only)


def everything_said(backend: RpcClient) -> str:
    """Every notification and the backend's log, for checks that a secret is absent."""
    return json.dumps(backend.notifications) + backend.stderr


def test_device_code_sign_in_reports_progress_and_writes_the_cache(
    backend: RpcClient, emulator: EmulatorServer, home: Path
) -> None:
    request_id = start(
        backend,
        "Invoke-SSOOIDCLogin",
        emulator,
        StartUrl=START_URL,
        SSORegion="us-east-1",
        NoBrowser=True,
    )
    shown = information(backend, request_id)
    url = next(word for word in shown.split() if "user_code=" in word)
    user_code = query_of(url)["user_code"]
    assert user_code in shown and "will not be automatically opened" in shown
    httpx.post(
        f"{emulator.base_url}/__emulator/device/approve", json={"userCode": user_code}
    ).raise_for_status()
    result = item(backend.response(request_id))
    assert result["$type"] == "AwsTokenBridge.SSOLoginResult"
    cache = home / ".aws" / "sso" / "cache" / f"{sso_token_cache_key(START_URL)}.json"
    assert result["CachePath"] == str(cache)
    entry = json.loads(cache.read_text())
    assert entry["startUrl"] == START_URL
    assert result["ExpiresAt"] == {"$type": "System.DateTime", "Value": entry["expiresAt"]}
    progress = [
        n["params"] for n in backend.notifications_for(request_id) if n["method"] == "$/progress"
    ]
    assert progress and {p["activity"] for p in progress} == {"AWS SSO sign-in"}
    assert any(user_code in p["status"] for p in progress)
    assert progress[-1]["percentComplete"] == 100
    # Notifications come before the answer, none after it; the token is in the cache only.
    lines = [json.loads(line) for line in backend.lines]
    answered = next(i for i, m in enumerate(lines) if m.get("id") == request_id)
    assert not [m for m in lines[answered:] if m.get("params", {}).get("id") == request_id]
    assert entry["accessToken"] not in everything_said(backend)


def test_authorization_code_sign_in_follows_the_shown_url(
    backend: RpcClient, emulator: EmulatorServer, home: Path
) -> None:
    (home / ".aws" / "config").write_text(
        f"[profile dev]\nsso_session = corp\n[sso-session corp]\nsso_start_url = {START_URL}\n"
        "sso_region = us-east-1\n"
    )
    request_id = start(backend, "Invoke-SSOOIDCLogin", emulator, ProfileName="dev", NoBrowser=True)
    browser = Browser()
    browser(
        next(word for word in information(backend, request_id).split() if "/authorize?" in word)
    )
    assert browser.redirects[0].startswith("http://127.0.0.1:")
    result = item(backend.response(request_id))
    assert result["SessionName"] == "corp"
    entry = json.loads(Path(result["CachePath"]).read_text())
    assert Path(result["CachePath"]).name == f"{sso_token_cache_key(START_URL, 'corp')}.json"
    assert entry["accessToken"] not in everything_said(backend)


def test_same_device_sign_in_through_the_process(
    backend: RpcClient, emulator: EmulatorServer, home: Path
) -> None:
    request_id = start(
        backend,
        "Invoke-AMSPLogin",
        emulator,
        ProfileName="console",
        Region="us-east-1",
        NoBrowser=True,
    )
    Browser()(next(w for w in information(backend, request_id).split() if "/v1/authorize?" in w))
    result = item(backend.response(request_id))
    assert (result["$type"], result["LoginSession"]) == ("AwsTokenBridge.SignInLoginResult", ARN)
    cache = home / ".aws" / "login" / "cache" / f"{login_cache_key(ARN)}.json"
    entry = json.loads(cache.read_text())
    assert f"login_session = {ARN}" in (home / ".aws" / "config").read_text()
    said = everything_said(backend)
    assert entry["accessToken"]["secretAccessKey"] not in said
    assert entry["refreshToken"] not in said


def test_remote_sign_in_in_two_calls(
    backend: RpcClient, emulator: EmulatorServer, home: Path
) -> None:
    first = start(
        backend, "Invoke-AMSPLogin", emulator, ProfileName="phone", Region="us-east-1", Remote=True
    )
    pending = item(backend.response(first))
    assert pending["$type"] == "AwsTokenBridge.SignInLoginPending"
    code = Browser().paste_code(information(backend, first))
    second = start(
        backend,
        "Invoke-AMSPLogin",
        emulator,
        ProfileName="phone",
        Region="us-east-1",
        Remote=True,
        LoginHandle=pending["LoginHandle"],
        AuthorizationCode=code,
    )
    result = item(backend.response(second))
    assert (result["ProfileName"], result["LoginSession"]) == ("phone", ARN)
    assert Path(result["CachePath"]).is_file()
    progress = [n for n in backend.notifications_for(second) if n["method"] == "$/progress"]
    assert progress and progress[-1]["params"]["percentComplete"] == 100
    said = everything_said(backend)
    assert code not in said and pending["LoginHandle"] not in said


def test_a_cancelled_sign_in_is_answered_at_once_and_the_backend_goes_on(
    backend: RpcClient, emulator: EmulatorServer, home: Path
) -> None:
    request_id = start(
        backend,
        "Invoke-SSOOIDCLogin",
        emulator,
        StartUrl=START_URL,
        SSORegion="us-east-1",
        NoBrowser=True,
    )
    information(backend, request_id)  # it waits for the user now
    backend.notify("$/cancelRequest", {"id": request_id})
    assert backend.response(request_id)["error"]["code"] == -32800
    assert "result" in backend.call("describe", {"cmdlet": "Invoke-SSOOIDCLogin"})
    assert not (home / ".aws" / "sso" / "cache" / f"{sso_token_cache_key(START_URL)}.json").exists()
