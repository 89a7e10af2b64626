"""The in-process transport for real: CPython loaded into a .NET process through pythonnet.

``hosts/dotnet/InProcessHost.cs`` makes the pythonnet calls the PowerShell module makes
(``Runtime.PythonDLL``, ``PythonEngine.ProgramName``, ``Initialize``, ``BeginAllowThreads``,
the GIL only around calls, the entry point's import) and puts the backend on its own stdio,
so these tests drive it with the stdio backend's test client. Two modes:

- ``stream``: the module's way, a .NET ``TextWriter``/``TextReader`` pair from
  ``py_backend.rpc.inprocess_dotnet.connect()``;
- ``call``: the line entry point ``py_backend.rpc.inprocess.call`` with a .NET delegate as the
  notification callback.

Every cmdlet goes to the emulator on 127.0.0.1. Skipped, with the reason, where the .NET SDK, a
shared libpython or pythonnet is missing.
"""

from __future__ import annotations

import json
import platform
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import py_backend
from py_backend.emulator import EmulatorConfig, EmulatorServer
from py_backend.rpc.methods import PROTOCOL_VERSION
from tests.inprocess.dotnet import (
    compile_host,
    host_command,
    host_environ,
    missing_for_host,
    run_probe,
)
from tests.rpc.client import WAIT, RpcClient, child_environ

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
START_URL = "https://d-1234567890.awsapps.com/start"
MODES = ("stream", "call")


@pytest.fixture(scope="module")
def found() -> dict[str, Any]:
    probe = run_probe()
    reason = missing_for_host(probe)
    if reason is not None:
        pytest.skip(f"the in-process transport cannot run here: {reason}")
    return probe


@pytest.fixture(scope="module")
def host_exe(found: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return compile_host(tmp_path_factory.mktemp("dotnet"), found["runtimeDll"])


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorServer]:
    with EmulatorServer(config=EmulatorConfig(), shutdown_timeout=1.0) as server:
        yield server


@pytest.fixture
def control(emulator: EmulatorServer) -> Iterator[httpx.Client]:
    """The emulator's control API (faults cleared before each test)."""
    with httpx.Client(base_url=emulator.base_url) as client:
        client.delete("/__emulator/faults").raise_for_status()
        yield client


@pytest.fixture(scope="module", params=MODES)
def host(request: pytest.FixtureRequest, host_exe: Path, found: dict[str, Any]) -> Iterator[Any]:
    """One host per mode for the module; at the end it exits 0, every id answered once."""
    mode: str = request.param
    command = host_command(host_exe, mode, found)
    with RpcClient(command=command, environ=host_environ(found, child_environ())) as client:
        yield client
        assert client.close() == 0, client.stderr
    assert client.corrupt == [], client.stderr
    assert all(len(answers) == 1 for answers in client.answers.values())


class Cmdlets:
    """``invoke`` requests with the emulator's endpoint and region filled in."""

    def __init__(self, host: RpcClient, emulator: EmulatorServer, control: httpx.Client) -> None:
        self.host = host
        self.control = control
        self.where = {"Region": "us-east-1", "EndpointUrl": emulator.base_url}

    def call(self, cmdlet: str, **parameters: Any) -> dict[str, Any]:
        params = {"cmdlet": cmdlet, "parameters": {**self.where, **parameters}}
        return self.host.call("invoke", params)

    def items(self, cmdlet: str, **parameters: Any) -> list[Any]:
        answer = self.call(cmdlet, **parameters)
        assert "error" not in answer, answer
        items: list[Any] = answer["result"]["items"]
        return items

    def device(self, *, approve: bool) -> dict[str, Any]:
        """New-SSOOIDCToken parameters for a fresh device code (approved when asked)."""
        [client] = self.items(
            "Register-SSOOIDCClient",
            ClientName="dotnet-host",
            ClientType="public",
            Scope=["sso:account:access"],  # a client with scopes gets refresh tokens
        )
        secret = {"ClientId": client["ClientId"], "ClientSecret": client["ClientSecret"]}
        [device] = self.items("Start-SSOOIDCDeviceAuthorization", StartUrl=START_URL, **secret)
        if approve:
            approval = {"userCode": device["UserCode"]}
            self.control.post("/__emulator/device/approve", json=approval).raise_for_status()
        return {**secret, "GrantType": DEVICE_GRANT, "DeviceCode": device["DeviceCode"]}


@pytest.fixture
def cmdlets(host: RpcClient, emulator: EmulatorServer, control: httpx.Client) -> Cmdlets:
    return Cmdlets(host, emulator, control)


def test_initialize_is_answered_by_the_python_of_this_environment(host: RpcClient) -> None:
    result = host.result("initialize", {"protocolVersion": PROTOCOL_VERSION})
    assert result["protocolVersion"] == PROTOCOL_VERSION
    assert result["serverVersion"] == py_backend.__version__
    assert result["pythonVersion"] == platform.python_version()
    assert "New-SSOOIDCToken" in result["cmdlets"]


def test_a_device_code_becomes_a_token_then_refreshes(cmdlets: Cmdlets) -> None:
    parameters = cmdlets.device(approve=True)
    [token] = cmdlets.items("New-SSOOIDCToken", **parameters)
    assert token["$type"] == "Amazon.SSOOIDC.Model.CreateTokenResponse"
    assert token["AccessToken"] and token["RefreshToken"]
    refresh = {
        "ClientId": parameters["ClientId"],
        "ClientSecret": parameters["ClientSecret"],
        "GrantType": "refresh_token",
        "RefreshToken": token["RefreshToken"],
    }
    [renewed] = cmdlets.items("New-SSOOIDCToken", **refresh)
    assert renewed["AccessToken"] and renewed["AccessToken"] != token["AccessToken"]


def test_notifications_come_before_their_answer(cmdlets: Cmdlets, host: RpcClient) -> None:
    parameters = cmdlets.device(approve=True)
    request_id = host.request(
        "invoke",
        {"cmdlet": "New-SSOOIDCToken", "parameters": {**cmdlets.where, **parameters}},
    )
    assert "result" in host.response(request_id)
    positions = [
        (index, message)
        for index, message in enumerate(json.loads(line) for line in host.lines)
        if message.get("id") == request_id or message.get("params", {}).get("id") == request_id
    ]
    kinds = [message.get("method") for _, message in positions]
    assert "$/log" in kinds
    assert kinds[-1] is None  # the answer, after every notification about it


def test_a_pending_authorization_is_the_modeled_error(cmdlets: Cmdlets) -> None:
    answer = cmdlets.call("New-SSOOIDCToken", **cmdlets.device(approve=False))
    error = answer["error"]
    assert error["code"] == -32000
    assert error["data"]["errorCode"] == "AuthorizationPendingException"
    assert error["data"]["exceptionType"] == "Amazon.SSOOIDC.Model.AuthorizationPendingException"


def test_a_cancel_answers_a_request_that_waits_on_the_network(
    host: RpcClient, cmdlets: Cmdlets, control: httpx.Client
) -> None:
    fault = {"path": "/client/register", "delaySeconds": 20, "count": 1}
    control.post("/__emulator/faults", json=fault).raise_for_status()
    params = {
        "cmdlet": "Register-SSOOIDCClient",
        "parameters": {**cmdlets.where, "ClientName": "slow", "ClientType": "public"},
    }
    request_id = host.request("invoke", params)
    wait_for_log(host, request_id, "Invoking")  # the cmdlet is about to send its request
    host.notify("$/cancelRequest", {"id": request_id})
    # Without the cancel, the answer would be the registration, once the delay is over.
    assert host.response(request_id)["error"]["code"] == -32800


def wait_for_log(host: RpcClient, request_id: Any, text: str) -> None:
    """Wait (bounded) for a ``$/log`` about ``request_id`` that contains ``text``."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if any(text in n["params"].get("message", "") for n in host.notifications_for(request_id)):
            return
        time.sleep(0.02)
    raise AssertionError(f"no $/log with {text!r} for request {request_id!r}")


def test_after_a_shutdown_the_next_connection_is_a_fresh_backend(
    host: RpcClient, request: pytest.FixtureRequest
) -> None:
    assert host.result("shutdown") is None
    after = host.call("initialize", {"protocolVersion": PROTOCOL_VERSION})
    if request.node.callspec.params["host"] == "stream":
        assert after["error"]["code"] == -32001  # this connection's session has shut down
    else:
        assert "result" in after  # call(): the shared session replaced itself
    host.send_raw(b"#reconnect\n")  # stream: Close(), then connect() again, in this process
    result = host.result("initialize", {"protocolVersion": PROTOCOL_VERSION})
    assert result["protocolVersion"] == PROTOCOL_VERSION
