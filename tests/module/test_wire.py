"""The backend, spoken to exactly as the module speaks to it (no PowerShell needed).

The requests are the module's: ``initialize`` as ``Initialize-AwsTokenBridgeConnection`` builds
it, and ``invoke`` lines whose params are the Pester fixture's (the ones the generated functions
must send), written as ASCII JSON lines with sorted keys. The answers are checked against what
the module relies on: the ``$type`` names its format views key on with the properties they
show, error data it turns into ErrorRecords, notifications it maps to streams, the line prefix
its Ctrl+C path drains for, and the stderr text it recognises as a missing package.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest

from py_backend.auth.pkce import s256_challenge
from py_backend.cmdlets import describe_cmdlets
from py_backend.emulator import EmulatorConfig, EmulatorServer
from py_backend.psmodule.samples import SAMPLE_ENDPOINT
from py_backend.psmodule.wire import initialize_params, request, to_json
from tests.flows.support import Browser
from tests.module import psast
from tests.module.paths import MODULE, SAMPLES
from tests.rpc.client import WAIT, RpcClient, child_environ

SPECS = {spec["name"]: spec for spec in describe_cmdlets()}
OUTPUT_TYPES = {name: t for spec in SPECS.values() for name, t in spec["outputTypes"].items()}
MANIFEST = psast.data_file(MODULE / "AwsTokenBridge.psd1")
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
SIGNIN_CLIENT = "arn:aws:signin:::devtools/same-device"
CALLBACK = "http://127.0.0.1:55555/oauth/callback"
VERIFIER = "v" * 64
ERROR_DATA_KEYS = {
    "errorCode",
    "message",
    "httpStatus",
    "requestId",
    "exceptionType",
    "category",
    "errorId",
    "targetObject",
    "properties",
}
#: System.Management.Automation.ErrorCategory's names (PowerShell 5.1 and 7 have the same).
ERROR_CATEGORIES = {
    "NotSpecified", "OpenError", "CloseError", "DeviceError", "DeadlockDetected",
    "InvalidArgument", "InvalidData", "InvalidOperation", "InvalidResult", "InvalidType",
    "MetadataError", "NotImplemented", "NotInstalled", "ObjectNotFound", "OperationStopped",
    "OperationTimeout", "SyntaxError", "ParserError", "PermissionDenied", "ResourceBusy",
    "ResourceExists", "ResourceUnavailable", "ReadError", "WriteError", "FromStdErr",
    "SecurityError", "ProtocolError", "ConnectionError", "AuthenticationError",
    "LimitsExceeded", "QuotaExceeded", "NotEnabled",
}  # fmt: skip
LOG_LEVELS = {"verbose", "debug", "warning", "information"}


class ModuleSession:
    """A backend and the requests the module sends it (ids counted as the module counts)."""

    def __init__(self, client: RpcClient) -> None:
        self.client = client
        self.next_id = 0

    def send(self, method: str, params: dict[str, Any]) -> int:
        self.next_id += 1
        line = to_json(request(self.next_id, method, params)) + "\n"
        self.client.send_raw(line.encode("ascii"))
        return self.next_id

    def call(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        return self.client.response(self.send(method, params))

    def invoke(self, params: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        request_id = self.send("invoke", params)
        answer = self.client.response(request_id)
        return answer, self.client.notifications_for(request_id)

    def raw_answer(self, request_id: int) -> str:
        self.client.response(request_id)
        lines = [line.decode("ascii") for line in self.client.lines]
        return next(line for line in lines if json.loads(line).get("id") == request_id)


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorServer]:
    with EmulatorServer(config=EmulatorConfig(device_interval=1)) as server:
        yield server


@pytest.fixture(scope="module")
def session() -> Iterator[ModuleSession]:
    with RpcClient() as client:
        module_session = ModuleSession(client)
        answer = module_session.call("initialize", initialize_params(MANIFEST["ModuleVersion"]))
        assert "result" in answer, answer
        yield module_session


@pytest.fixture
def control(emulator: EmulatorServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=emulator.base_url) as client:
        yield client


def invoke_params(cmdlet: str, endpoint: str, **parameters: Any) -> dict[str, Any]:
    """``invoke`` params as a generated function builds them (no stored context)."""
    return {
        "cmdlet": cmdlet,
        "parameters": {"Region": "us-east-1", "EndpointUrl": endpoint, **parameters},
        "context": {"storedCredentials": None, "storedRegion": None},
    }


def items(answer: dict[str, Any]) -> list[Any]:
    assert "result" in answer, answer
    result: list[Any] = answer["result"]["items"]
    return result


def assert_typed(obj: dict[str, Any], type_name: str) -> None:
    """``obj`` is a ``type_name`` with exactly the properties its view and -Select * expect."""
    assert obj["$type"] == type_name
    properties = [p["name"] for p in OUTPUT_TYPES[type_name]["properties"]]
    assert [k for k in obj if k != "$type"] == properties
    view_properties = _view_properties(type_name)
    assert set(view_properties) <= set(properties)
    for prop in OUTPUT_TYPES[type_name]["properties"]:
        value = obj[prop["name"]]
        if prop["type"] in OUTPUT_TYPES and value is not None:
            assert_typed(value, prop["type"])


def _view_properties(type_name: str) -> list[str]:
    root = ET.parse(MODULE / "AwsTokenBridge.Format.ps1xml").getroot()
    view = next(v for v in root.iter("View") if v.findtext("Name") == type_name)
    return [
        item.findtext("PropertyName") or item.findtext("Label") or ""
        for item in view.iter("ListItem")
    ]


def module_error_id(data: dict[str, Any], cmdlet: str) -> str:
    """The FullyQualifiedErrorId the module's error makes (Get-AwsTokenBridgeErrorId, then
    PowerShell appending ',<Cmdlet>')."""
    full = data["errorId"]
    suffix = f",{cmdlet}"
    error_id = (
        full[: -len(suffix)] if full.lower().endswith(suffix.lower()) else full or data["errorCode"]
    )
    return f"{error_id}{suffix}"


# --- the handshake ---------------------------------------------------------------------------


def test_initialize_as_the_module_sends_it_is_accepted() -> None:
    with RpcClient() as client:
        result = ModuleSession(client).call(
            "initialize", initialize_params(MANIFEST["ModuleVersion"])
        )["result"]
    module_protocol = MANIFEST["PrivateData"]["AwsTokenBridge"]["ProtocolVersion"]
    assert result["protocolVersion"].split(".")[0] == module_protocol.split(".")[0]
    assert result["serverVersion"] == MANIFEST["ModuleVersion"]
    # The manifest exports the backend's cmdlets and the module's own commands (module/Commands),
    # which manage the backend and so are not the backend's to serve.
    own = {path.stem for path in (MODULE / "Commands").glob("*.ps1")}
    assert own and own <= set(MANIFEST["FunctionsToExport"])
    assert sorted(result["cmdlets"]) == sorted(set(MANIFEST["FunctionsToExport"]) - own)


def test_a_module_of_another_major_protocol_is_refused_with_how_to_fix_it() -> None:
    params = initialize_params(MANIFEST["ModuleVersion"])
    params["protocolVersion"] = "99.0"
    with RpcClient() as client:
        error = ModuleSession(client).call("initialize", params)["error"]
    assert error["code"] == -32002  # the code the module turns into AwsTokenBridgeProtocolMismatch
    assert "Install matching versions" in error["message"]


# --- every request the generated functions send ----------------------------------------------

FIXTURE = json.loads(SAMPLES.read_text())


@pytest.mark.parametrize("sample", FIXTURE, ids=[s["name"] for s in FIXTURE])
def test_each_sample_request_is_understood_by_the_backend(
    sample: dict[str, Any], session: ModuleSession, emulator: EmulatorServer
) -> None:
    params = json.loads(sample["params"].replace(SAMPLE_ENDPOINT, emulator.base_url))
    answer, notifications = session.invoke(params)
    if "error" in answer:
        # The service (fake ids) or the configuration may refuse it; the shape never fails.
        error = answer["error"]
        assert error["code"] == -32000, error
        assert set(error["data"]) == ERROR_DATA_KEYS
        assert error["data"]["category"] in ERROR_CATEGORIES
        assert error["data"]["errorId"].endswith("," + sample["cmdlet"])
    for notification in notifications:
        assert notification["method"] in ("$/log", "$/progress")
        if notification["method"] == "$/log":
            assert notification["params"]["level"] in LOG_LEVELS


# --- the objects the views and PSTypeNames expect ---------------------------------------------


@pytest.fixture
def registered(session: ModuleSession, emulator: EmulatorServer) -> dict[str, Any]:
    answer, _ = session.invoke(
        invoke_params(
            "Register-SSOOIDCClient",
            emulator.base_url,
            ClientName="wire",
            ClientType="public",
            GrantType=[DEVICE_GRANT, "refresh_token"],
            Scope=[
                "sso:account:access"
            ],  # with scopes and the grant, tokens come with a refresh token
        )
    )
    (client,) = items(answer)
    return dict(client)


def test_register_and_start_return_typed_objects(
    session: ModuleSession, emulator: EmulatorServer, registered: dict[str, Any]
) -> None:
    assert_typed(registered, "Amazon.SSOOIDC.Model.RegisterClientResponse")
    assert registered["ClientSecret"]  # the object keeps the secret; only the view masks it
    answer, _ = session.invoke(
        invoke_params(
            "Start-SSOOIDCDeviceAuthorization",
            emulator.base_url,
            ClientId=registered["ClientId"],
            ClientSecret=registered["ClientSecret"],
            StartUrl="https://d-1234567890.awsapps.com/start",
        )
    )
    (device,) = items(answer)
    assert_typed(device, "Amazon.SSOOIDC.Model.StartDeviceAuthorizationResponse")
    assert_typed(device["ResponseMetadata"], "Amazon.Runtime.ResponseMetadata")


def _device(
    session: ModuleSession, emulator: EmulatorServer, keys: dict[str, str]
) -> dict[str, Any]:
    answer, _ = session.invoke(
        invoke_params(
            "Start-SSOOIDCDeviceAuthorization",
            emulator.base_url,
            StartUrl="https://x.example/start",
            **keys,
        )
    )
    (device,) = items(answer)
    return dict(device)


def _approve(control: httpx.Client, device: dict[str, Any]) -> None:
    control.post(
        "/__emulator/device/approve", json={"userCode": device["UserCode"]}
    ).raise_for_status()
    control.post("/__emulator/clock", json={"advanceSeconds": 30}).raise_for_status()


def test_the_device_code_flow_as_the_help_example_runs_it(
    session: ModuleSession,
    emulator: EmulatorServer,
    control: httpx.Client,
    registered: dict[str, Any],
) -> None:
    keys = {"ClientId": registered["ClientId"], "ClientSecret": registered["ClientSecret"]}
    device = _device(session, emulator, keys)
    token_params = invoke_params(
        "New-SSOOIDCToken",
        emulator.base_url,
        GrantType=DEVICE_GRANT,
        DeviceCode=device["DeviceCode"],
        **keys,
    )

    pending, _ = session.invoke(token_params)
    data = pending["error"]["data"]
    assert data["errorCode"] == "AuthorizationPendingException"
    assert data["exceptionType"] == "Amazon.SSOOIDC.Model.AuthorizationPendingException"
    assert data["targetObject"] == registered["ClientId"]
    # What Pester's Should -Throw -ErrorId 'AuthorizationPendingException,New-SSOOIDCToken' sees.
    assert module_error_id(data, "New-SSOOIDCToken").endswith(
        "AuthorizationPendingException,New-SSOOIDCToken"
    )
    assert data["category"] in ERROR_CATEGORIES

    _approve(control, device)
    answer, notifications = session.invoke(token_params)
    (token,) = items(answer)
    assert_typed(token, "Amazon.SSOOIDC.Model.CreateTokenResponse")
    assert token["AccessToken"] and token["RefreshToken"]
    messages = " ".join(n["params"]["message"] for n in notifications if n["method"] == "$/log")
    for secret in (
        token["AccessToken"],
        token["RefreshToken"],
        registered["ClientSecret"],
        device["DeviceCode"],
    ):
        assert secret not in messages

    refresh = invoke_params(
        "New-SSOOIDCToken",
        emulator.base_url,
        GrantType="refresh_token",
        RefreshToken=token["RefreshToken"],
        **keys,
    )
    answer, _ = session.invoke({**refresh, "parameters": {**refresh["parameters"], "Select": "*"}})
    (refreshed,) = items(answer)
    assert_typed(refreshed, "Amazon.SSOOIDC.Model.CreateTokenResponse")
    assert refreshed["AccessToken"] != token["AccessToken"]


@pytest.mark.parametrize(
    ("extra", "selected"),
    [
        ({"Select": "AccessToken"}, "AccessToken"),
        ({"Select": "^ClientId"}, "ClientId"),
        ({"PassThru": True}, "ClientId"),
    ],
)
def test_select_and_passthru_write_what_they_name(
    session: ModuleSession,
    emulator: EmulatorServer,
    control: httpx.Client,
    registered: dict[str, Any],
    extra: dict[str, Any],
    selected: str,
) -> None:
    keys = {"ClientId": registered["ClientId"], "ClientSecret": registered["ClientSecret"]}
    device = _device(session, emulator, keys)
    _approve(control, device)
    params = invoke_params(
        "New-SSOOIDCToken",
        emulator.base_url,
        GrantType=DEVICE_GRANT,
        DeviceCode=device["DeviceCode"],
        **keys,
        **extra,
    )
    answer, notifications = session.invoke(params)
    (item,) = items(answer)
    if selected == "ClientId":
        assert item == registered["ClientId"]
    else:
        assert isinstance(item, str) and item not in (registered["ClientId"], device["DeviceCode"])
    warnings = [
        n["params"]["message"] for n in notifications if n["params"].get("level") == "warning"
    ]
    assert any("Parameter 'PassThru' is obsolete" in w for w in warnings) is ("PassThru" in extra)


def _signin_code(control: httpx.Client) -> str:
    query = urlencode(
        {
            "response_type": "code",
            "client_id": SIGNIN_CLIENT,
            "state": "00000000-0000-0000-0000-000000000000",
            "code_challenge_method": "SHA-256",
            "scope": "openid",
            "redirect_uri": CALLBACK,
        }
    )
    response = control.get(f"/v1/authorize?{query}&code_challenge={s256_challenge(VERIFIER)}")
    location = response.headers["location"]
    return parse_qs(urlsplit(location).query)["code"][0]


def test_sign_in_tokens_nest_typed_objects(
    session: ModuleSession, emulator: EmulatorServer, control: httpx.Client
) -> None:
    params = invoke_params(
        "New-AMSPOAuth2Token",
        emulator.base_url,
        TokenInput_ClientId=SIGNIN_CLIENT,
        TokenInput_GrantType="authorization_code",
        TokenInput_Code=_signin_code(control),
        TokenInput_CodeVerifier=VERIFIER,
        TokenInput_RedirectUri=CALLBACK,
    )
    answer, _ = session.invoke(params)
    (body,) = items(answer)
    assert_typed(body, "Amazon.Signin.Model.CreateOAuth2TokenResponseBody")
    assert body["AccessToken"]["$type"] == "Amazon.Signin.Model.AccessToken"
    assert body["AccessToken"]["SecretAccessKey"]

    refresh = invoke_params(
        "New-AMSPOAuth2Token",
        emulator.base_url,
        TokenInput_ClientId=SIGNIN_CLIENT,
        TokenInput_GrantType="refresh_token",
        TokenInput_RefreshToken=body["RefreshToken"],
        Select="*",
    )
    answer, _ = session.invoke(refresh)
    (response,) = items(answer)
    assert_typed(response, "Amazon.Signin.Model.CreateOAuth2TokenResponse")
    # An object without "$type" is a dictionary: the module makes it a hashtable.
    assert "$type" not in response["ResponseMetadata"]["Metadata"]


def test_sign_in_objects_have_the_properties_their_views_show(
    emulator: EmulatorServer, tmp_path: Path
) -> None:
    # The remote sign-in as the generated function runs it: two invokes, the second carrying
    # the code (what Read-Host -AsSecureString gives is sent as its text) and the handle.
    environ = child_environ({"HOME": str(tmp_path), "USERPROFILE": str(tmp_path)})
    with RpcClient(environ=environ) as client:
        module_session = ModuleSession(client)
        module_session.call("initialize", initialize_params(MANIFEST["ModuleVersion"]))
        start = invoke_params("Invoke-AMSPLogin", emulator.base_url, Remote=True)
        start["parameters"]["NoProfileUpdate"] = True
        answer, notifications = module_session.invoke(start)
        (pending,) = items(answer)
        assert_typed(pending, "AwsTokenBridge.SignInLoginPending")
        shown = [
            n["params"]["message"]
            for n in notifications
            if n["params"].get("level") == "information"
        ]
        code = Browser().paste_code(shown[-1])
        second = {"AuthorizationCode": code, "LoginHandle": pending["LoginHandle"]}
        answer, _ = module_session.invoke(
            {**start, "parameters": {**start["parameters"], **second}}
        )
        (result,) = items(answer)
        assert_typed(result, "AwsTokenBridge.SignInLoginResult")
        assert result["ProfileName"] is None and Path(result["CachePath"]).is_relative_to(tmp_path)


# --- lines the module's own code depends on --------------------------------------------------


def test_a_cancelled_call_is_answered_at_once_and_nothing_about_it_follows(
    emulator: EmulatorServer, control: httpx.Client
) -> None:
    # The module sends $/cancelRequest on Ctrl+C and then relies on the backend: one answer
    # (-32800) for the cancelled id, no notification after it, and the next request served.
    control.post(
        "/__emulator/faults", json={"path": "/token", "delaySeconds": 5, "count": 1}
    ).raise_for_status()
    with RpcClient() as client:
        module_session = ModuleSession(client)
        module_session.call("initialize", initialize_params(MANIFEST["ModuleVersion"]))
        params = invoke_params(
            "New-SSOOIDCToken",
            emulator.base_url,
            ClientId="c",
            ClientSecret="s",
            GrantType="refresh_token",
            RefreshToken="r",
            Debug=True,
        )
        request_id = module_session.send("invoke", params)
        # The request is on its way to the service once its debug line has come.
        with client._changed:
            client._changed.wait_for(
                lambda: any(
                    "CreateToken request" in n["params"].get("message", "")
                    for n in client.notifications_for(request_id)
                ),
                WAIT,
            )
        cancel = {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": request_id}}
        client.send_raw((to_json(cancel) + "\n").encode("ascii"))
        assert client.response(request_id)["error"]["code"] == -32800
        answered_at = len(client.lines)
        assert "result" in module_session.call("describe", {})
        later = [json.loads(line) for line in client.lines[answered_at:]]
        assert all(m.get("params", {}).get("id") != request_id for m in later)
        assert all(m.get("id") != request_id for m in later)


def test_a_python_without_the_package_fails_the_way_the_module_recognises(tmp_path: Path) -> None:
    # -S: no site-packages, so no aws-token-bridge: what a Python without the package does.
    done = subprocess.run(
        [sys.executable, "-S", "-m", "py_backend", "rpc"],
        input=b"",
        capture_output=True,
        cwd=tmp_path,
        env={k: v for k, v in child_environ().items() if k != "PYTHONPATH"},
        timeout=WAIT,
        check=False,
    )
    assert done.returncode != 0
    pattern = None
    for path in sorted((MODULE / "Private").glob("*.ps1")):
        found = re.search(r"-match ['\"]([^'\"]*No module named[^'\"]*)['\"]", path.read_text())
        pattern = pattern or (found.group(1) if found else None)
    assert pattern is not None
    assert re.search(pattern, done.stderr.decode(), re.IGNORECASE)


def test_the_backend_serves_from_a_neutral_folder_with_the_checkout_on_pythonpath(
    tmp_path: Path,
) -> None:
    # The module starts it with the temp folder as working directory and PYTHONPATH set.
    lines = [
        to_json(request(1, "initialize", initialize_params(MANIFEST["ModuleVersion"]))),
        '{"jsonrpc":"2.0","id":"shutdown","method":"shutdown"}',
    ]
    done = subprocess.run(
        [sys.executable, "-m", "py_backend", "rpc"],
        input=("\n".join(lines) + "\n").encode("ascii"),
        capture_output=True,
        cwd=tmp_path,
        env={**child_environ(), "PYTHONIOENCODING": "utf-8"},
        timeout=WAIT,
        check=False,
    )
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert [a["id"] for a in answers] == [1, "shutdown"]
    assert done.returncode == 0
