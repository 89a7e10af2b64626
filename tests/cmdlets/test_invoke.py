"""Every cmdlet end to end against the in-process emulator, and the invocation's edges."""

from __future__ import annotations

import json
import threading
from typing import Any

import httpx
import pytest

from py_backend.auth.dpop import generate_private_key, private_key_to_pem
from py_backend.cmdlets import CmdletError, InvocationHooks, ShellContext, invoke_cmdlet
from py_backend.cmdlets.outputs import TYPE_KEY
from tests.cmdlets.support import (
    ACCESS_KEY,
    BASE_URL,
    DEVICE_GRANT,
    SECRET_KEY,
    START_URL,
    Recorder,
)
from tests.emulator.support import APP_A, JWT_BEARER, LOOPBACK_CALLBACK, SAME_DEVICE, VERIFIER
from tests.emulator.support import signin_code as emulator_signin_code

SSO = "Amazon.SSOOIDC.Model"


def _failure(call: Any) -> dict[str, Any]:
    with pytest.raises(CmdletError) as caught:
        call()
    data: dict[str, Any] = caught.value.to_data()
    assert json.loads(json.dumps(data)) == data
    return data


@pytest.fixture
def registration(run: Any) -> dict[str, Any]:
    (answer,) = run(
        "Register-SSOOIDCClient",
        ClientName="cmdlet-tests",
        ClientType="public",
        GrantTypes=[DEVICE_GRANT, "refresh_token"],
        Scopes=["sso:account:access"],
    )
    return dict(answer)


def _device(run: Any, registration: dict[str, Any]) -> dict[str, Any]:
    (answer,) = run(
        "Start-SSOOIDCDeviceAuthorization",
        ClientId=registration["ClientId"],
        ClientSecret=registration["ClientSecret"],
        StartUrl=START_URL,
    )
    return dict(answer)


def _poll(run: Any, registration: dict[str, Any], device: dict[str, Any], **extra: Any) -> Any:
    return run(
        "New-SSOOIDCToken",
        ClientId=registration["ClientId"],
        ClientSecret=registration["ClientSecret"],
        GrantType=DEVICE_GRANT,
        DeviceCode=device["DeviceCode"],
        **extra,
    )


# --- SSO OIDC -------------------------------------------------------------------------------


def test_register_client(registration: dict[str, Any]) -> None:
    assert registration[TYPE_KEY] == f"{SSO}.RegisterClientResponse"
    assert registration["ClientId"] and registration["ClientSecret"]
    assert registration["ClientSecretExpiresAt"] > registration["ClientIdIssuedAt"] > 0
    assert registration["HttpStatusCode"] == 200
    assert registration["ResponseMetadata"]["RequestId"]
    assert registration["ContentLength"] > 0


def test_register_client_selects_its_own_parameter(run: Any) -> None:
    assert run(
        "Register-SSOOIDCClient", ClientName="n", ClientType="public", Select="^ClientName"
    ) == ["n"]


def test_device_flow(
    run: Any, registration: dict[str, Any], control: httpx.Client, recorder: Recorder
) -> None:
    device = _device(run, registration)
    assert device[TYPE_KEY] == f"{SSO}.StartDeviceAuthorizationResponse"
    assert device["UserCode"] and device["VerificationUriComplete"].endswith(device["UserCode"])
    assert device["Interval"] == 60 and device["ExpiresIn"] > 0

    pending = _failure(lambda: _poll(run, registration, device))
    assert pending["errorCode"] == "AuthorizationPendingException"
    assert pending["exceptionType"] == f"{SSO}.AuthorizationPendingException"
    assert pending["errorId"] == "AuthorizationPendingException,New-SSOOIDCToken"
    assert pending["httpStatus"] == 400 and pending["requestId"]
    assert pending["category"] == "ResourceUnavailable"
    assert pending["targetObject"] == registration["ClientId"]

    approved = control.post("/__emulator/device/approve", json={"userCode": device["UserCode"]})
    assert approved.status_code == 200, approved.text
    (token,) = _poll(run, registration, device)
    assert token[TYPE_KEY] == f"{SSO}.CreateTokenResponse"
    assert token["TokenType"] == "Bearer" and token["AccessToken"] and token["RefreshToken"]
    assert list(token)[-3:] == ["ResponseMetadata", "ContentLength", "HttpStatusCode"]

    refreshed = run(
        "New-SSOOIDCToken",
        ClientId=registration["ClientId"],
        ClientSecret=registration["ClientSecret"],
        GrantType="refresh_token",
        RefreshToken=token["RefreshToken"],
        Select="accesstoken",
    )
    assert len(refreshed) == 1 and refreshed[0] != token["AccessToken"]
    assert "Invoking AWS Single Sign-On OIDC operation 'CreateToken' on endpoint" in " ".join(
        recorder.messages("verbose")
    )


def test_passthru_writes_the_client_id_with_the_obsolete_warning(
    run: Any, registration: dict[str, Any], recorder: Recorder
) -> None:
    device = _device(run, registration)
    with pytest.raises(CmdletError):
        _poll(run, registration, device, PassThru=True)  # still pending: the call is made
    assert recorder.messages("warning") == [
        "Parameter 'PassThru' is obsolete. The -PassThru parameter is deprecated, use -Select "
        "'^ClientId' instead. This parameter will be removed in a future version."
    ]


def test_passthru_after_approval(
    run: Any, registration: dict[str, Any], control: httpx.Client
) -> None:
    device = _device(run, registration)
    control.post("/__emulator/device/approve", json={"userCode": device["UserCode"]})
    assert _poll(run, registration, device, PassThru=True) == [registration["ClientId"]]


def test_token_with_iam_jwt_bearer(run: Any, control: httpx.Client, recorder: Recorder) -> None:
    assertion = control.post(
        "/__emulator/jwt-bearer/assertion", json={"audience": APP_A, "subject": "alice"}
    ).json()["assertion"]
    (answer,) = run(
        "New-SSOOIDCTokenWithIAM",
        ClientId=APP_A,
        GrantType=JWT_BEARER,
        Assertion=assertion,
        AccessKey=ACCESS_KEY,
        SecretKey=SECRET_KEY,
    )
    assert answer[TYPE_KEY] == f"{SSO}.CreateTokenWithIAMResponse"
    assert answer["Scope"] == ["openid", "aws", "sts:identity_context"]
    assert answer["AwsAdditionalDetails"][TYPE_KEY] == f"{SSO}.AwsAdditionalDetails"
    assert answer["AwsAdditionalDetails"]["IdentityContext"]
    assert "Credentials obtained from the supplied key parameters" in recorder.messages("debug")


@pytest.mark.parametrize("source", ["credential", "stored", "environment"])
def test_token_with_iam_credential_sources(
    run: Any, control: httpx.Client, home: dict[str, str], source: str
) -> None:
    assertion = control.post("/__emulator/jwt-bearer/assertion", json={"audience": APP_A}).json()[
        "assertion"
    ]
    keys = {"AccessKey": ACCESS_KEY, "SecretKey": SECRET_KEY}
    parameters: dict[str, Any] = {
        "ClientId": APP_A,
        "GrantType": JWT_BEARER,
        "Assertion": assertion,
    }
    shell = ShellContext(environ=home)
    if source == "credential":
        parameters["Credential"] = keys
    elif source == "stored":
        shell = ShellContext(stored_credentials=keys, environ=home)
    else:
        environ = {**home, "AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY}
        shell = ShellContext(environ=environ)
    assert run("New-SSOOIDCTokenWithIAM", shell, Select="TokenType", **parameters) == ["Bearer"]


def test_token_with_iam_needs_credentials(run: Any) -> None:
    data = _failure(
        lambda: run("New-SSOOIDCTokenWithIAM", ClientId=APP_A, GrantType=JWT_BEARER, Assertion="x")
    )
    assert data["message"] == "No credentials specified or obtained from persisted/shell defaults."
    assert data["errorId"] == "InvalidOperationException,New-SSOOIDCTokenWithIAM"
    assert data["exceptionType"] == "System.InvalidOperationException"


def test_token_with_iam_wrong_secret_is_a_service_error(run: Any) -> None:
    data = _failure(
        lambda: run(
            "New-SSOOIDCTokenWithIAM",
            ClientId=APP_A,
            GrantType=JWT_BEARER,
            Assertion="x",
            AccessKey=ACCESS_KEY,
            SecretKey="not-the-secret",
        )
    )
    # An error of the authentication layer: not modeled, so the service's base exception.
    assert data["errorCode"] == "InvalidSignatureException" and data["httpStatus"] == 403
    assert data["exceptionType"] == "Amazon.SSOOIDC.AmazonSSOOIDCException"
    assert data["errorId"] == "InvalidSignatureException,New-SSOOIDCTokenWithIAM"


# --- Sign-In --------------------------------------------------------------------------------


def _code(control: httpx.Client) -> str:
    return emulator_signin_code(control)


def _redeem(run: Any, code: str, shell: ShellContext | None = None, **extra: Any) -> Any:
    parameters = {
        "TokenInput_ClientId": SAME_DEVICE,
        "TokenInput_GrantType": "authorization_code",
        "TokenInput_Code": code,
        "TokenInput_RedirectUri": LOOPBACK_CALLBACK,
        "TokenInput_CodeVerifier": VERIFIER,
        **extra,
    }
    return run("New-AMSPOAuth2Token", shell, **parameters)


def test_signin_code_and_refresh(run: Any, control: httpx.Client) -> None:
    (body,) = _redeem(run, _code(control))
    assert body[TYPE_KEY] == "Amazon.Signin.Model.CreateOAuth2TokenResponseBody"
    assert body["AccessToken"][TYPE_KEY] == "Amazon.Signin.Model.AccessToken"
    assert body["AccessToken"]["AccessKeyId"].startswith("ASIA")
    assert body["TokenType"] == "aws_sigv4" and 0 < body["ExpiresIn"] <= 900
    # The same backend process signs the refresh's DPoP proof with the same key.
    (key_id,) = run(
        "New-AMSPOAuth2Token",
        TokenInput_ClientId=SAME_DEVICE,
        TokenInput_GrantType="refresh_token",
        TokenInput_RefreshToken=body["RefreshToken"],
        Select="TokenOutput.AccessToken.AccessKeyId",
    )
    assert key_id.startswith("ASIA") and key_id != body["AccessToken"]["AccessKeyId"]


def test_signin_select_star_is_the_whole_response(run: Any, control: httpx.Client) -> None:
    (whole,) = _redeem(run, _code(control), Select="*")
    assert whole[TYPE_KEY] == "Amazon.Signin.Model.CreateOAuth2TokenResponse"
    assert whole["TokenOutput"][TYPE_KEY] == "Amazon.Signin.Model.CreateOAuth2TokenResponseBody"
    assert whole["HttpStatusCode"] == 200


def test_signin_with_the_shells_dpop_key(
    run: Any, control: httpx.Client, home: dict[str, str]
) -> None:
    pem = private_key_to_pem(generate_private_key())
    shell = ShellContext(environ=home, dpop_key_pem=pem)
    (body,) = _redeem(run, _code(control), shell)
    refresh = {
        "TokenInput_ClientId": SAME_DEVICE,
        "TokenInput_GrantType": "refresh_token",
        "TokenInput_RefreshToken": body["RefreshToken"],
        "Select": "TokenOutput.TokenType",
    }
    assert run("New-AMSPOAuth2Token", shell, **refresh) == ["aws_sigv4"]
    # Another key (this process's) does not match the refresh token's binding.
    failed = _failure(lambda: run("New-AMSPOAuth2Token", **refresh))
    assert failed["exceptionType"].startswith("Amazon.Signin.Model.")


def test_signin_code_is_redeemed_once(run: Any, control: httpx.Client) -> None:
    code = _code(control)
    _redeem(run, code)
    data = _failure(lambda: _redeem(run, code))
    assert data["exceptionType"].startswith("Amazon.Signin.Model.")
    assert data["errorId"].endswith(",New-AMSPOAuth2Token") and data["httpStatus"] == 400


def test_an_unusable_dpop_key_is_reported(run: Any, home: dict[str, str]) -> None:
    shell = ShellContext(environ=home, dpop_key_pem="not a key")
    data = _failure(lambda: _redeem(run, "code", shell))
    assert "dpopKey" in data["message"] and "not a key" not in data["message"]


# --- parameter validation by the core, mapped to PowerShell names ---------------------------


def test_model_validation_names_the_powershell_parameter(run: Any) -> None:
    data = _failure(lambda: _redeem(run, "code", None, TokenInput_CodeVerifier="short"))
    assert data["message"].startswith("Invalid value for parameter -TokenInput_CodeVerifier: ")
    assert (data["exceptionType"], data["category"]) == (
        "System.ArgumentException",
        "InvalidArgument",
    )
    assert data["targetObject"] == "TokenInput_CodeVerifier"
    missing = _failure(
        lambda: run("New-SSOOIDCToken", ClientId="c", ClientSecret="s", GrantType=DEVICE_GRANT)
    )
    assert missing["message"].startswith("Invalid value for parameter -DeviceCode: ")


def test_null_required_parameter_warns_then_fails_validation(run: Any, recorder: Recorder) -> None:
    data = _failure(
        lambda: run(
            "New-SSOOIDCToken",
            ClientId="c",
            ClientSecret=None,
            GrantType="refresh_token",
            RefreshToken="r",
        )
    )
    assert "-ClientSecret" in data["message"]
    assert recorder.messages("warning") == [
        "You are passing $null as a value for parameter ClientSecret which is marked as required. "
        "In case you believe this parameter was incorrectly marked as required, report this by "
        "opening an issue at https://github.com/aws/aws-tools-for-powershell/issues."
    ]


# --- ordering and the invocation's edges ----------------------------------------------------


def _counting(home: dict[str, str]) -> tuple[Recorder, list[httpx.Request]]:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={})

    return Recorder(transport=httpx.MockTransport(answer)), sent


def _invoke(recorder: Recorder, home: dict[str, str], **parameters: Any) -> Any:
    given = {"ClientName": "n", "ClientType": "public", "EndpointUrl": BASE_URL, **parameters}
    return recorder.invoke("Register-SSOOIDCClient", given, ShellContext(environ=home))


def test_invalid_select_fails_before_the_call(home: dict[str, str]) -> None:
    recorder, sent = _counting(home)
    data = _failure(lambda: _invoke(recorder, home, Region="us-east-1", Select="Nope"))
    assert data["message"] == "Invalid value for -Select parameter." and sent == []


def test_region_is_checked_before_select(home: dict[str, str]) -> None:
    recorder, sent = _counting(home)
    data = _failure(lambda: _invoke(recorder, home, Select="Nope"))
    assert data["message"] == "No region specified or obtained from persisted/shell defaults."
    assert data["errorId"] == "InvalidOperationException,Register-SSOOIDCClient"
    assert sent == []


def test_whatif_never_calls_the_service(home: dict[str, str]) -> None:
    recorder, sent = _counting(home)
    assert _invoke(recorder, home, Region="us-east-1", WhatIf=True) == [] and sent == []


def test_force_is_accepted_and_changes_nothing(home: dict[str, str]) -> None:
    recorder, sent = _counting(home)
    (answer,) = _invoke(recorder, home, Region="us-east-1", Force=True)
    assert answer[TYPE_KEY] == f"{SSO}.RegisterClientResponse" and len(sent) == 1


def test_a_cancelled_invocation_sends_nothing(home: dict[str, str]) -> None:
    recorder, sent = _counting(home)
    recorder.cancelled.set()
    data = _failure(lambda: _invoke(recorder, home, Region="us-east-1"))
    assert data["exceptionType"] == "System.OperationCanceledException" and sent == []


def test_unknown_cmdlet(hooks: InvocationHooks) -> None:
    data = _failure(lambda: invoke_cmdlet("Get-Nothing", {}, ShellContext(), hooks))
    assert data["exceptionType"] == "System.Management.Automation.CommandNotFoundException"
    assert "New-SSOOIDCToken" in data["message"]


def test_cmdlet_names_are_case_insensitive(home: dict[str, str]) -> None:
    recorder, sent = _counting(home)
    given = {"ClientName": "n", "ClientType": "public", "Region": "us-east-1"}
    assert recorder.invoke("register-ssooidcclient", given, ShellContext(environ=home))
    assert len(sent) == 1


def test_parameters_must_be_an_object(hooks: InvocationHooks) -> None:
    data = _failure(lambda: invoke_cmdlet("New-SSOOIDCToken", ["x"], ShellContext(), hooks))  # type: ignore[arg-type]
    assert (data["errorCode"], data["category"]) == ("InvalidArgument", "InvalidArgument")


def test_connection_failure_is_a_transport_error(home: dict[str, str]) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    recorder = Recorder(transport=httpx.MockTransport(refuse))
    data = _failure(lambda: _invoke(recorder, home, Region="us-east-1"))
    assert data["exceptionType"] == "System.Net.Http.HttpRequestException"
    assert data["category"] == "ConnectionError"
    assert data["errorId"] == "EndpointConnectionError,Register-SSOOIDCClient"


def test_unexpected_errors_hide_their_message(home: dict[str, str]) -> None:
    def explode(request: httpx.Request) -> httpx.Response:
        raise RuntimeError("boom with a secret inside")

    recorder = Recorder(transport=httpx.MockTransport(explode))
    data = _failure(lambda: _invoke(recorder, home, Region="us-east-1"))
    assert data["errorCode"] == "InternalError" and "secret" not in json.dumps(data)
    assert data["message"] == (
        "An internal error occurred in the AWS Token Bridge backend (RuntimeError)."
    )


def test_progress_hook_is_never_required() -> None:
    hooks = InvocationHooks(
        log=lambda *_: None, progress=lambda _: None, cancelled=threading.Event()
    )
    assert hooks.open_browser is None and hooks.sleep is None
