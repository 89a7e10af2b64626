"""The contract the PowerShell module relies on, against the real backend process.

The backend is spawned as the module spawns it (``python -m py_backend rpc``, stdio pipes,
NDJSON) and every cmdlet is pointed at the emulator on 127.0.0.1 with ``-EndpointUrl``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import py_backend
from py_backend.cmdlets import CMDLET_NAMES, describe_cmdlets
from py_backend.emulator import EmulatorConfig, EmulatorServer
from tests.emulator.support import (
    APP_A,
    JWT_BEARER,
    LOOPBACK_CALLBACK,
    SAME_DEVICE,
    VERIFIER,
    signin_code,
)
from tests.rpc.client import RpcClient, child_environ
from tests.support.peers import ACCESS_KEY, SECRET_KEY

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
START_URL = "https://d-1234567890.awsapps.com/start"
KEYS = {"AccessKey": ACCESS_KEY, "SecretKey": SECRET_KEY}


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorServer]:
    with EmulatorServer(config=EmulatorConfig(), shutdown_timeout=1.0) as server:
        yield server


@pytest.fixture
def http(emulator: EmulatorServer) -> Iterator[httpx.Client]:
    """The emulator's control API (faults cleared before each test)."""
    with httpx.Client(base_url=emulator.base_url) as client:
        client.delete("/__emulator/faults").raise_for_status()
        yield client


@pytest.fixture(scope="module")
def backend() -> Iterator[RpcClient]:
    """One backend for the module; at the end, no id has been answered twice."""
    with RpcClient() as client:
        client.result("initialize", {"protocolVersion": "1.0", "clientInfo": {"name": "pytest"}})
        yield client
        assert client.close() == 0
    assert all(len(answers) == 1 for key, answers in client.answers.items() if key is not None)
    assert client.corrupt == []


class Cmdlets:
    """``invoke`` calls with the emulator's endpoint and region filled in."""

    def __init__(self, backend: RpcClient, emulator: EmulatorServer, http: httpx.Client) -> None:
        self.backend = backend
        self.http = http
        self.where = {"Region": "us-east-1", "EndpointUrl": emulator.base_url}

    def call(self, cmdlet: str, context: Any = None, **parameters: Any) -> dict[str, Any]:
        params = {"cmdlet": cmdlet, "parameters": {**self.where, **parameters}}
        if context is not None:
            params["context"] = context
        return self.backend.call("invoke", params)

    def items(self, cmdlet: str, **parameters: Any) -> list[Any]:
        answer = self.call(cmdlet, **parameters)
        assert "error" not in answer, answer
        items: list[Any] = answer["result"]["items"]
        return items

    def error(self, cmdlet: str, **parameters: Any) -> dict[str, Any]:
        answer = self.call(cmdlet, **parameters)
        assert "result" not in answer, answer
        error: dict[str, Any] = answer["error"]
        return error

    def register(self) -> dict[str, Any]:
        items = self.items("Register-SSOOIDCClient", ClientName="rpc", ClientType="public")
        registration: dict[str, Any] = items[0]
        return registration

    def device(self, registration: dict[str, Any], *, approve: bool) -> dict[str, Any]:
        """A device authorization (approved through the control API when asked)."""
        device: dict[str, Any]
        [device] = self.items(
            "Start-SSOOIDCDeviceAuthorization",
            ClientId=registration["ClientId"],
            ClientSecret=registration["ClientSecret"],
            StartUrl=START_URL,
        )
        if approve:
            response = self.http.post(
                "/__emulator/device/approve", json={"userCode": device["UserCode"]}
            )
            response.raise_for_status()
        return device

    def device_token(self, approve: bool = True) -> dict[str, Any]:
        """New-SSOOIDCToken parameters that redeem a fresh device code."""
        registration = self.register()
        device = self.device(registration, approve=approve)
        return {
            "ClientId": registration["ClientId"],
            "ClientSecret": registration["ClientSecret"],
            "GrantType": DEVICE_GRANT,
            "DeviceCode": device["DeviceCode"],
        }

    def assertion(self) -> str:
        response = self.http.post("/__emulator/jwt-bearer/assertion", json={"audience": APP_A})
        response.raise_for_status()
        assertion: str = response.json()["assertion"]
        return assertion

    def iam(self) -> dict[str, Any]:
        """New-SSOOIDCTokenWithIAM parameters for a fresh jwt-bearer grant (no credentials)."""
        return {"ClientId": APP_A, "GrantType": JWT_BEARER, "Assertion": self.assertion()}

    def signin_code(self) -> dict[str, Any]:
        """New-AMSPOAuth2Token parameters that redeem a fresh authorization code."""
        return {
            "TokenInput_ClientId": SAME_DEVICE,
            "TokenInput_GrantType": "authorization_code",
            "TokenInput_Code": signin_code(self.http),
            "TokenInput_CodeVerifier": VERIFIER,
            "TokenInput_RedirectUri": LOOPBACK_CALLBACK,
        }


@pytest.fixture
def cmdlets(backend: RpcClient, emulator: EmulatorServer, http: httpx.Client) -> Cmdlets:
    return Cmdlets(backend, emulator, http)


# --- handshake and describe ---------------------------------------------------------------


def test_initialize_names_the_versions_and_the_cmdlets(backend: RpcClient) -> None:
    answer = backend.result("initialize", {"protocolVersion": "1.0", "clientInfo": {"name": "t"}})
    assert answer["protocolVersion"] == "1.0"
    assert answer["serverVersion"] == py_backend.__version__
    assert answer["pythonVersion"].count(".") == 2
    assert answer["cmdlets"] == list(CMDLET_NAMES)
    assert answer["capabilities"] == {"cancel": True, "progress": True}


def test_another_major_protocol_version_is_refused(backend: RpcClient) -> None:
    problem = backend.error("initialize", {"protocolVersion": "2.0"})
    assert problem["code"] == -32002
    assert "1.0" in problem["message"]
    assert "upgrade" in problem["message"].lower()
    assert backend.result("initialize", {"protocolVersion": "1.0"})  # still there


def test_describe_is_the_cmdlet_specification(backend: RpcClient) -> None:
    assert backend.result("describe") == {"cmdlets": json.loads(json.dumps(describe_cmdlets()))}
    [one] = backend.result("describe", {"cmdlet": "New-AMSPOAuth2Token"})["cmdlets"]
    assert one["name"] == "New-AMSPOAuth2Token"
    assert {"TokenInput_ClientId", "Select", "Region"} <= {p["name"] for p in one["parameters"]}


# --- every cmdlet -------------------------------------------------------------------------


def test_register_and_start_device_authorization(cmdlets: Cmdlets) -> None:
    registration = cmdlets.register()
    assert registration["$type"] == "Amazon.SSOOIDC.Model.RegisterClientResponse"
    assert registration["ClientId"] and registration["ClientSecret"]
    device = cmdlets.device(registration, approve=False)
    assert device["$type"] == "Amazon.SSOOIDC.Model.StartDeviceAuthorizationResponse"
    assert device["UserCode"] and device["VerificationUri"].startswith("http://127.0.0.1")


def test_new_ssooidc_token_after_approval(cmdlets: Cmdlets) -> None:
    [token] = cmdlets.items("New-SSOOIDCToken", **cmdlets.device_token())
    assert token["$type"] == "Amazon.SSOOIDC.Model.CreateTokenResponse"
    assert token["AccessToken"] and token["TokenType"] == "Bearer"


def test_a_pending_device_code_is_a_domain_error(cmdlets: Cmdlets) -> None:
    problem = cmdlets.error("New-SSOOIDCToken", **cmdlets.device_token(approve=False))
    assert problem["code"] == -32000
    data = problem["data"]
    assert data["errorCode"] == "AuthorizationPendingException"
    assert data["exceptionType"] == "Amazon.SSOOIDC.Model.AuthorizationPendingException"
    assert data["httpStatus"] == 400 and data["requestId"]
    assert data["errorId"] == "AuthorizationPendingException,New-SSOOIDCToken"
    assert problem["message"] == data["message"]


def test_new_ssooidc_token_with_iam(cmdlets: Cmdlets) -> None:
    [token] = cmdlets.items("New-SSOOIDCTokenWithIAM", **cmdlets.iam(), **KEYS)
    assert token["$type"] == "Amazon.SSOOIDC.Model.CreateTokenWithIAMResponse"
    assert token["AccessToken"]


def test_new_amsp_oauth2_token_then_refresh_in_the_same_backend(cmdlets: Cmdlets) -> None:
    [body] = cmdlets.items("New-AMSPOAuth2Token", **cmdlets.signin_code())
    assert body["$type"] == "Amazon.Signin.Model.CreateOAuth2TokenResponseBody"
    assert body["AccessToken"]["AccessKeyId"]
    # The refresh token is DPoP-bound to the backend's key: it works in the same process.
    [refreshed] = cmdlets.items(
        "New-AMSPOAuth2Token",
        TokenInput_ClientId=SAME_DEVICE,
        TokenInput_GrantType="refresh_token",
        TokenInput_RefreshToken=body["RefreshToken"],
    )
    assert refreshed["AccessToken"]["AccessKeyId"]


def test_a_missing_mandatory_parameter_is_powershells_binding_error(cmdlets: Cmdlets) -> None:
    data = cmdlets.error("New-SSOOIDCToken", ClientId="only-this")["data"]
    assert data["errorCode"] == "MissingMandatoryParameter"
    assert data["exceptionType"] == "System.Management.Automation.ParameterBindingException"


# --- -Select and -PassThru ----------------------------------------------------------------


def test_select_defaults(cmdlets: Cmdlets) -> None:
    [whole] = cmdlets.items("New-SSOOIDCToken", **cmdlets.device_token())
    assert whole["$type"] == "Amazon.SSOOIDC.Model.CreateTokenResponse"
    assert whole["ResponseMetadata"]["RequestId"]  # "*": the whole response
    [body] = cmdlets.items("New-AMSPOAuth2Token", **cmdlets.signin_code())
    assert body["$type"] == "Amazon.Signin.Model.CreateOAuth2TokenResponseBody"  # TokenOutput


def test_select_star_is_the_whole_response(cmdlets: Cmdlets) -> None:
    [whole] = cmdlets.items("New-AMSPOAuth2Token", **cmdlets.signin_code(), Select="*")
    assert whole["$type"] == "Amazon.Signin.Model.CreateOAuth2TokenResponse"
    assert whole["TokenOutput"]["AccessToken"]["AccessKeyId"]


@pytest.mark.parametrize("select", ["AccessToken", "accesstoken"])
def test_select_a_property_case_insensitively(cmdlets: Cmdlets, select: str) -> None:
    items = cmdlets.items("New-SSOOIDCToken", **cmdlets.device_token(), Select=select)
    assert len(items) == 1 and isinstance(items[0], str) and items[0]


def test_select_a_nested_path(cmdlets: Cmdlets) -> None:
    items = cmdlets.items(
        "New-AMSPOAuth2Token", **cmdlets.signin_code(), Select="TokenOutput.AccessToken.AccessKeyId"
    )
    assert len(items) == 1 and items[0].startswith("ASIA")


def test_select_a_collection_flattens_it(cmdlets: Cmdlets) -> None:
    scopes = ["openid", "sso:account:access"]
    items = cmdlets.items(
        "New-SSOOIDCTokenWithIAM", **cmdlets.iam(), **KEYS, Scope=scopes, Select="Scope"
    )
    assert items == scopes


def test_select_a_null_property_emits_nothing(cmdlets: Cmdlets) -> None:
    items = cmdlets.items(
        "Register-SSOOIDCClient", ClientName="n", ClientType="public", Select="TokenEndpoint"
    )
    assert items == []


def test_select_a_parameter_value(cmdlets: Cmdlets) -> None:
    token = cmdlets.device_token()
    assert cmdlets.items("New-SSOOIDCToken", **token, Select="^ClientId") == [token["ClientId"]]
    plural = cmdlets.items(
        "Register-SSOOIDCClient",
        ClientName="n",
        ClientType="public",
        Scope=["a", "b"],
        Select="^Scopes",
    )
    assert plural == ["a", "b"]  # found by its alias; PowerShell enumerates the array


def test_select_an_unbound_parameter_emits_nothing(cmdlets: Cmdlets) -> None:
    assert cmdlets.items("New-SSOOIDCToken", **cmdlets.device_token(), Select="^Scope") == []


@pytest.mark.parametrize("select", ["ResponseMetadata", "HttpStatusCode", "^Region", "Nope", ""])
def test_an_invalid_select_is_an_argument_error(cmdlets: Cmdlets, select: str) -> None:
    problem = cmdlets.error("New-AMSPOAuth2Token", **cmdlets.signin_code(), Select=select)
    assert problem["code"] == -32000
    assert problem["message"] == "Invalid value for -Select parameter."
    assert problem["data"]["exceptionType"] == "System.ArgumentException"
    assert problem["data"]["errorId"] == "System.ArgumentException,New-AMSPOAuth2Token"


def test_passthru_returns_the_client_id_and_warns_that_it_is_obsolete(
    cmdlets: Cmdlets, backend: RpcClient
) -> None:
    token = cmdlets.device_token()
    answer = cmdlets.call("New-SSOOIDCToken", **token, PassThru=True)
    assert answer["result"]["items"] == [token["ClientId"]]
    warnings = [
        n["params"]["message"]
        for n in backend.notifications_for(answer["id"])
        if n["params"]["level"] == "warning"
    ]
    assert any(w.startswith("Parameter 'PassThru' is obsolete.") for w in warnings)


@pytest.mark.parametrize("select", ["*", "AccessToken"])
def test_passthru_with_select_is_an_argument_error(cmdlets: Cmdlets, select: str) -> None:
    problem = cmdlets.error(
        "New-SSOOIDCToken", **cmdlets.device_token(), PassThru=True, Select=select
    )
    assert problem["message"] == "-PassThru cannot be used when -Select is specified."
    assert problem["data"]["exceptionType"] == "System.ArgumentException"


# --- credentials and region ---------------------------------------------------------------


def test_stored_credentials_and_region_come_from_the_context(cmdlets: Cmdlets) -> None:
    context = {"storedCredentials": KEYS, "storedRegion": "us-east-1"}
    parameters = {"EndpointUrl": cmdlets.where["EndpointUrl"], **cmdlets.iam()}
    answer = cmdlets.backend.call(
        "invoke",
        {"cmdlet": "New-SSOOIDCTokenWithIAM", "parameters": parameters, "context": context},
    )
    assert answer["result"]["items"][0]["AccessToken"]


def test_credentials_and_region_come_from_the_backends_environment(
    emulator: EmulatorServer, http: httpx.Client
) -> None:
    environ = child_environ(
        {
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            "AWS_REGION": "us-east-1",
        }
    )
    with RpcClient(environ=environ) as client:
        parameters = {"EndpointUrl": emulator.base_url, **Cmdlets(client, emulator, http).iam()}
        answer = client.result(
            "invoke", {"cmdlet": "New-SSOOIDCTokenWithIAM", "parameters": parameters}
        )
        assert answer["items"][0]["AccessToken"]


def test_the_shell_environment_of_each_call_wins_over_the_backends_own(
    emulator: EmulatorServer, http: httpx.Client
) -> None:
    # The module sends the variables the AWS Tools read at every call; a variable it sends as
    # null is unset for that call, whatever the backend's environment held when it started.
    environ = child_environ({"AWS_REGION": "eu-west-1", "AWS_ENDPOINT_URL": "http://127.0.0.1:9"})
    with RpcClient(environ=environ) as client:
        cmdlets = Cmdlets(client, emulator, http)
        for region in ("us-east-1", "ap-south-1"):
            parameters = {**cmdlets.iam(), "Debug": True}
            keys = {"AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY}
            context = {
                "environment": {
                    **keys,
                    "AWS_REGION": region,
                    "AWS_ENDPOINT_URL": emulator.base_url,
                    "AWS_DEFAULT_REGION": None,
                }
            }
            request = {"cmdlet": "New-SSOOIDCTokenWithIAM", "parameters": parameters}
            answer = client.call("invoke", {**request, "context": context})
            if region == "us-east-1":
                assert answer["result"]["items"][0]["AccessToken"]
            else:  # the emulator serves us-east-1 only: it refuses a request signed for another
                assert "signed for ap-south-1" in answer["error"]["message"]
            said = [n["params"]["message"] for n in client.notifications_for(answer["id"])]
            assert f"Region obtained from Environment with value '{region}'" in said
            assert "Credentials obtained from Environment" in said


def test_credentials_come_from_a_profile_file_given_by_profile_location(
    cmdlets: Cmdlets, tmp_path: Path
) -> None:
    profiles = tmp_path / "credentials"
    profiles.write_text(
        f"[ci]\naws_access_key_id = {ACCESS_KEY}\naws_secret_access_key = {SECRET_KEY}\n",
        encoding="utf-8",
    )
    [token] = cmdlets.items(
        "New-SSOOIDCTokenWithIAM", **cmdlets.iam(), ProfileName="ci", ProfileLocation=str(profiles)
    )
    assert token["AccessToken"]
    problem = cmdlets.error(
        "New-SSOOIDCTokenWithIAM",
        **cmdlets.iam(),
        ProfileName="other",
        ProfileLocation=str(profiles),
    )
    assert problem["code"] == -32000  # a named profile that is not there never falls through


def test_no_credentials_is_the_aws_tools_error(cmdlets: Cmdlets) -> None:
    data = cmdlets.error("New-SSOOIDCTokenWithIAM", **cmdlets.iam())["data"]
    assert data["message"] == "No credentials specified or obtained from persisted/shell defaults."
    assert data["exceptionType"] == "System.InvalidOperationException"


def test_no_region_is_the_aws_tools_error(cmdlets: Cmdlets) -> None:
    answer = cmdlets.backend.call(
        "invoke",
        {
            "cmdlet": "Register-SSOOIDCClient",
            "parameters": {
                "ClientName": "n",
                "ClientType": "public",
                "EndpointUrl": cmdlets.where["EndpointUrl"],
            },
        },
    )
    assert (
        answer["error"]["data"]["message"]
        == "No region specified or obtained from persisted/shell defaults."
    )


def test_wrong_keys_are_the_services_signature_error(cmdlets: Cmdlets) -> None:
    data = cmdlets.error(
        "New-SSOOIDCTokenWithIAM", **cmdlets.iam(), AccessKey=ACCESS_KEY, SecretKey="wrong"
    )["data"]
    assert data["httpStatus"] == 403
    assert data["errorCode"] == "InvalidSignatureException"


# --- notifications, concurrency, cancellation ---------------------------------------------


def test_verbose_messages_arrive_as_log_notifications_before_the_answer(
    cmdlets: Cmdlets, backend: RpcClient
) -> None:
    answer = cmdlets.call(
        "Register-SSOOIDCClient", ClientName="v", ClientType="public", Verbose=True
    )
    notes = backend.notifications_for(answer["id"])  # already here: they precede the answer
    verbose = [n["params"]["message"] for n in notes if n["params"]["level"] == "verbose"]
    assert f"on endpoint '{cmdlets.where['EndpointUrl']}'" in verbose[0]
    assert "RegisterClient" in verbose[0]
    assert {n["params"]["level"] for n in notes} <= {"verbose", "debug", "warning", "information"}


def test_answers_come_back_out_of_order(
    cmdlets: Cmdlets, backend: RpcClient, http: httpx.Client
) -> None:
    http.post(
        "/__emulator/faults", json={"path": "/client/register", "delaySeconds": 3}
    ).raise_for_status()
    params = {"ClientName": "slow", "ClientType": "public", **cmdlets.where}
    slow = backend.request("invoke", {"cmdlet": "Register-SSOOIDCClient", "parameters": params})
    fast = backend.request("describe", {"cmdlet": "New-SSOOIDCToken"})
    assert "result" in backend.response(fast)
    assert slow not in backend.answers  # the fast one overtook it
    assert "result" in backend.response(slow)


def test_cancel_answers_a_slow_call_at_once(
    cmdlets: Cmdlets, backend: RpcClient, http: httpx.Client
) -> None:
    http.post(
        "/__emulator/faults", json={"path": "/client/register", "delaySeconds": 25}
    ).raise_for_status()
    params = {"ClientName": "stuck", "ClientType": "public", **cmdlets.where}
    stuck = backend.request("invoke", {"cmdlet": "Register-SSOOIDCClient", "parameters": params})
    while not any(n["params"]["level"] == "verbose" for n in backend.notifications_for(stuck)):
        assert stuck not in backend.answers
        threading.Event().wait(0.05)
    backend.notify("$/cancelRequest", {"id": stuck})  # the HTTP call is under way now
    # Well before the emulator's 25 s delay ends: the answer did not wait for the call.
    answer = backend.response(stuck, timeout=15)
    assert answer["error"]["code"] == -32800
    assert "result" in backend.call("describe", {"cmdlet": "New-SSOOIDCToken"})
