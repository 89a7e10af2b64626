"""The AWS SDK for .NET (AWSSDK.SSOOIDC 4.1.0.1) as a peer, the way boto3 and the AWS CLI are.

1. The SDK's own client drives the emulator on 127.0.0.1 (tests/dotnet/SdkPeer, ``emulator``
   mode): every operation, the device flow's errors, CreateTokenWithIAM's four grants signed by
   the SDK's SigV4 signer, and each exception class with its ErrorCode, StatusCode and message.
2. Reflection over the SDK's model assembly (``reflect`` mode) against what our cmdlet layer
   emits: for every response class and every exception class, the type names, the property
   names and .NET types, and the JSON value kinds of real outputs. :data:`DELIBERATE` lists
   where we differ on purpose, each with its reason, and a test keeps each entry true.

Sign-In (``New-AMSPOAuth2Token``) is not here: NuGet does not serve AWSSDK.Signin, so for it
botocore's model stays the reference (tests/cmdlets/test_outputs.py,
tests/test_models_vs_botocore.py).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import botocore.session
import httpx
import pytest

from py_backend.cmdlets import CmdletError, InvocationHooks, ShellContext, invoke_cmdlet
from py_backend.cmdlets.error_types import dotnet_type
from py_backend.cmdlets.errors import exception_properties
from py_backend.cmdlets.outputs import OUTPUT_TYPES, RESPONSE_BASE_PROPERTIES, RESPONSE_METADATA
from py_backend.emulator import EmulatorApp, EmulatorConfig, EmulatorServer, create_app
from py_backend.emulator.errors import SSO_OIDC_ERRORS
from py_backend.errors import sso_oidc as sso_errors
from py_backend.transport import use_http_transport
from tests.dotnet import peer
from tests.support.peers import ACCESS_KEY, CLEAN_ENVIRON, SECRET_KEY

SSO = "Amazon.SSOOIDC.Model"
BASE_URL = "http://127.0.0.1:8123"
START_URL = "https://d-1234567890.awsapps.com/start"
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
APP_A = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-aaaaaaaaaaaaaaaa"

#: Where our outputs differ from the SDK's on purpose. Each is asserted below, so the list
#: cannot go stale.
DELIBERATE = {
    "message": (
        "An error's message is the service's error_description (the SDK's Error_description), "
        "as botocore and the AWS CLI show it. The SDK's own Message is 'The service returned an "
        "error with Error Code <code> and HTTP Body: <body>', because an SSO OIDC body has no "
        "'message' member; the whole body is still in Error and Error_description."
    ),
    "error id": (
        "FullyQualifiedErrorId is '<ErrorCode>,<cmdlet>' where the AWS Tools write "
        "'<SDK exception type>,<cmdlet class>': a script cmdlet has no .NET class, and "
        "PowerShell appends the command name itself (py_backend/cmdlets/errors.py)."
    ),
    "objects": (
        "Outputs are PSCustomObjects named by the SDK's type (PSTypeName) with its properties, "
        "not instances of the SDK's classes: the module must work without the SDK loaded."
    ),
}

#: The RPC error data's fields and the AmazonServiceException properties they stand for.
ERROR_FIELDS = {
    "errorCode": "ErrorCode",
    "httpStatus": "StatusCode",
    "requestId": "RequestId",
    "message": "Message",
}

pytestmark = [
    pytest.mark.skipif(peer.missing_dotnet() is not None, reason=str(peer.missing_dotnet())),
    # A fresh machine's first build restores the SDK packages.
    pytest.mark.timeout(peer.BUILD_TIMEOUT + peer.RUN_TIMEOUT),
]


# --- the peer -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def peer_dll(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The peer, built once for this module."""
    return peer.build(tmp_path_factory.mktemp("sdk-peer"))


def _modeled_errors() -> dict[str, dict[str, Any]]:
    """Each SSO OIDC error shape: the emulator's status and OAuth error, and the first
    operation whose model lists it (the SDK maps a code to its class per operation)."""
    model = botocore.session.get_session().get_service_model("sso-oidc")
    operations: dict[str, str] = {}
    for name in model.operation_names:
        for shape in model.operation_model(name).error_shapes:
            operations.setdefault(shape.name, name)
    return {
        shape: {"status": status, "error": error, "operation": operations.get(shape)}
        for shape, (status, error) in SSO_OIDC_ERRORS.items()
    }


def test_the_sdk_client_drives_the_emulator(peer_dll: Path) -> None:
    with EmulatorServer(config=EmulatorConfig(device_interval=60), shutdown_timeout=1.0) as server:
        environ = {
            "AWSTB_EMULATOR_URL": server.base_url,
            "AWSTB_SDK_PEER_ERRORS": json.dumps(_modeled_errors()),
        }
        result = peer.run(peer_dll, "emulator", environ=environ)
    assert result.returncode == 0 and result.failed == 0, result.output
    # Four operations, the device flow, four IAM grants and every SDK exception class.
    assert result.passed >= 17 + len(SSO_OIDC_ERRORS), result.output


@pytest.fixture(scope="module")
def sdk(peer_dll: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The SDK's model, reflected by the peer."""
    out = tmp_path_factory.mktemp("sdk-facts") / "facts.json"
    result = peer.run(peer_dll, "reflect", str(out))
    assert result.returncode == 0, result.output
    facts: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    assert facts["assembly"] == "AWSSDK.SSOOIDC"
    return facts


def _props(described: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [(p["name"], p["type"]) for p in described["properties"]]


# --- types and properties -------------------------------------------------------------------

OUR_SSO_TYPES = sorted(name for name in OUTPUT_TYPES if name.startswith(f"{SSO}."))


def test_every_sdk_response_and_structure_is_one_of_ours(sdk: dict[str, Any]) -> None:
    ours = {name for name in OUR_SSO_TYPES if OUTPUT_TYPES[name].is_response}
    assert set(sdk["responses"]) == ours
    sdk_structures = {n for n in sdk["structures"] if n.startswith(f"{SSO}.")}
    assert sdk_structures == set(OUR_SSO_TYPES) - ours


@pytest.mark.parametrize("type_name", [*OUR_SSO_TYPES, RESPONSE_METADATA])
def test_properties_and_their_dotnet_types_are_the_sdks(
    sdk: dict[str, Any], type_name: str
) -> None:
    described = sdk["responses"].get(type_name) or sdk["structures"].get(type_name)
    assert described is not None, f"the SDK has no {type_name}"
    ours = [(p.name, p.type) for p in OUTPUT_TYPES[type_name].properties]
    assert ours == _props(described)


def test_inherited_response_properties_are_the_sdks(sdk: dict[str, Any]) -> None:
    assert [(p.name, p.type) for p in RESPONSE_BASE_PROPERTIES] == _props(sdk["responseBase"])
    for name in sdk["responses"]:
        assert sdk["responses"][name]["baseType"] == "Amazon.Runtime.AmazonWebServiceResponse"
        assert OUTPUT_TYPES[name].is_response


# --- exceptions -----------------------------------------------------------------------------

#: Every exceptionType the backend reports for SSO OIDC: each modeled class and the base one.
OUR_EXCEPTIONS = sorted(
    {dotnet_type(sso_errors.SSOOIDCServiceError)}
    | {dotnet_type(kind) for kind in sso_errors.MODELED_ERRORS.values()}
)


def test_every_sdk_exception_is_one_of_ours(sdk: dict[str, Any]) -> None:
    assert set(sdk["exceptions"]) == set(OUR_EXCEPTIONS)


@pytest.mark.parametrize("type_name", OUR_EXCEPTIONS)
def test_each_exception_type_we_report_is_an_sdk_service_exception(
    sdk: dict[str, Any], type_name: str
) -> None:
    described = sdk["exceptions"].get(type_name)
    assert described is not None, f"{type_name} is not a class of AWSSDK.SSOOIDC"
    if type_name != sdk["serviceException"]:
        assert described["baseType"] == sdk["serviceException"]


@pytest.mark.parametrize("kind", list(sso_errors.MODELED_ERRORS.values()), ids=lambda k: k.code)
def test_exception_properties_are_the_sdks(sdk: dict[str, Any], kind: Any) -> None:
    ours = [(p.name, p.type) for p in exception_properties(kind)]
    assert sorted(ours) == sorted(_props(sdk["exceptions"][dotnet_type(kind)]))


def test_the_error_fields_are_the_sdk_exceptions_properties(sdk: dict[str, Any]) -> None:
    base = dict(_props(sdk["exceptionBase"]))
    assert {field: base.get(name) for field, name in ERROR_FIELDS.items()} == {
        "errorCode": "System.String",
        "httpStatus": "System.Net.HttpStatusCode",
        "requestId": "System.String",
        "message": "System.String",
    }


# --- JSON value kinds of what the cmdlets emit ----------------------------------------------


def _kind_ok(sdk: dict[str, Any], type_name: str, value: Any) -> bool:
    """Whether a JSON value is one PowerShell turns into a value of this .NET type."""
    value_type = type_name in ("System.Int64", "System.Net.HttpStatusCode")
    if value is None:
        return not value_type
    if type_name == "System.String" or type_name.endswith("Reason"):
        return isinstance(value, str)
    if type_name.startswith("System.Nullable`1[System.Int") or type_name == "System.Int64":
        return isinstance(value, int) and not isinstance(value, bool)
    if type_name == "System.Net.HttpStatusCode":
        return isinstance(value, int) and not isinstance(value, bool)
    if type_name == "System.Collections.Generic.List`1[System.String]":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if type_name.startswith("System.Collections.Generic.IDictionary`2"):
        return isinstance(value, dict) and "$type" not in value
    if type_name in sdk["structures"]:
        return _object_ok(sdk, type_name, value)
    # The checksum enums: by name, as PowerShell converts a string to an enum.
    return isinstance(value, str)


def _object_ok(sdk: dict[str, Any], type_name: str, value: Any) -> bool:
    described = sdk["responses"].get(type_name) or sdk["structures"][type_name]
    names = [name for name, _ in _props(described)]
    if described.get("baseType") == "Amazon.Runtime.AmazonWebServiceResponse":
        names += [name for name, _ in _props(sdk["responseBase"])]
    if not isinstance(value, dict) or value.get("$type") != type_name:
        return False
    if list(value)[1:] != names:
        return False
    types = dict(_props(described)) | dict(_props(sdk["responseBase"]))
    return all(_kind_ok(sdk, types[name], value[name]) for name in names)


@pytest.fixture
def app() -> EmulatorApp:
    """The emulator in-process; a long interval keeps a quick second poll too fast."""
    return create_app(EmulatorConfig(device_interval=60))


@pytest.fixture
def control(app: EmulatorApp) -> Iterator[httpx.Client]:
    """httpx on the emulator's control API."""
    with httpx.Client(transport=httpx.WSGITransport(app=app), base_url=BASE_URL) as client:
        yield client


@pytest.fixture
def run(app: EmulatorApp) -> Any:
    """``run(cmdlet, **parameters)``: our cmdlet layer against the emulator, as JSON."""
    hooks = InvocationHooks(
        log=lambda *_: None,
        progress=lambda _: None,
        cancelled=threading.Event(),
    )
    shell = ShellContext(environ=dict(CLEAN_ENVIRON))
    transport = httpx.WSGITransport(app=app)

    def invoke(name: str, **parameters: Any) -> Any:
        given = {"Region": "us-east-1", "EndpointUrl": BASE_URL, **parameters}
        with use_http_transport(transport):
            return json.loads(json.dumps(invoke_cmdlet(name, given, shell, hooks)))

    return invoke


def _error(call: Any) -> dict[str, Any]:
    with pytest.raises(CmdletError) as caught:
        call()
    data: dict[str, Any] = json.loads(json.dumps(caught.value.to_data()))
    return data


def test_every_response_the_cmdlets_emit_has_the_sdks_shape_and_kinds(
    sdk: dict[str, Any], run: Any, control: httpx.Client
) -> None:
    (registration,) = run(
        "Register-SSOOIDCClient",
        ClientName="sdk-peer",
        ClientType="public",
        Scopes=["sso:account:access"],
        Select="*",
    )
    (device,) = run(
        "Start-SSOOIDCDeviceAuthorization",
        ClientId=registration["ClientId"],
        ClientSecret=registration["ClientSecret"],
        StartUrl=START_URL,
        Select="*",
    )
    control.post("/__emulator/device/approve", json={"userCode": device["UserCode"]})
    control.post("/__emulator/clock", json={"advanceSeconds": 60})
    (token,) = run(
        "New-SSOOIDCToken",
        ClientId=registration["ClientId"],
        ClientSecret=registration["ClientSecret"],
        GrantType=DEVICE_GRANT,
        DeviceCode=device["DeviceCode"],
        Select="*",
    )
    assertion = control.post(
        "/__emulator/jwt-bearer/assertion", json={"audience": APP_A, "subject": "alice"}
    ).json()["assertion"]
    (iam,) = run(
        "New-SSOOIDCTokenWithIAM",
        ClientId=APP_A,
        GrantType=JWT_BEARER,
        Assertion=assertion,
        AccessKey=ACCESS_KEY,
        SecretKey=SECRET_KEY,
        Select="*",
    )
    emitted = [registration, device, token, iam]
    assert {obj["$type"] for obj in emitted} == set(sdk["responses"])
    for obj in emitted:
        assert _object_ok(sdk, obj["$type"], obj), obj["$type"]
    # A null in an SDK-nullable property is a kind the SDK has too (IdToken without openid).
    assert token["IdToken"] is None


@pytest.mark.parametrize("shape", sorted(SSO_OIDC_ERRORS))
def test_every_error_the_cmdlets_emit_has_the_sdks_properties_and_kinds(
    sdk: dict[str, Any], run: Any, control: httpx.Client, shape: str
) -> None:
    status, oauth_error = SSO_OIDC_ERRORS[shape]
    description = f"Injected {shape}"
    control.post(
        "/__emulator/faults",
        json={
            "path": "/token",
            "errorType": shape,
            "status": status,
            "message": description,
            # Enough for the retries of a 5xx: every attempt gets the same answer.
            "count": 10,
        },
    ).raise_for_status()
    data = _error(
        lambda: run(
            "New-SSOOIDCToken",
            ClientId="client",
            ClientSecret="secret",
            GrantType=DEVICE_GRANT,
            DeviceCode="device",
        )
    )
    described = sdk["exceptions"][data["exceptionType"]]
    assert data["exceptionType"] == f"{SSO}.{shape}"
    assert set(data["properties"]) == {name for name, _ in _props(described)}
    types = dict(_props(described))
    for name, value in data["properties"].items():
        assert _kind_ok(sdk, types[name], value), name
    base = dict(_props(sdk["exceptionBase"]))
    for field, name in ERROR_FIELDS.items():
        assert _kind_ok(sdk, base[name], data[field]), field
    assert data["properties"]["Error"] == oauth_error
    assert data["properties"]["Error_description"] == description
    # Deliberate: the message is the service's text, where the SDK wraps the whole body.
    assert data["message"] == description, DELIBERATE["message"]
    # Deliberate: the error id names the code and the cmdlet, not the .NET types.
    assert data["errorId"] == f"{shape},New-SSOOIDCToken", DELIBERATE["error id"]
