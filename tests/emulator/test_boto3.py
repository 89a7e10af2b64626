"""boto3 as a real client of the emulator over loopback: answers parse, errors map to classes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3
import botocore.config
import botocore.exceptions
import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from py_backend.auth.dpop import build_proof, generate_private_key
from py_backend.auth.pkce import s256_challenge
from py_backend.emulator import EmulatorServer
from tests.emulator.support import (
    ACCESS_KEY,
    APP_A,
    APP_B,
    DEVICE_GRANT,
    JWT_BEARER,
    SAME_DEVICE,
    SECRET_KEY,
    TOKEN_EXCHANGE,
    VERIFIER,
    redirect_params,
)

START_URL = "https://d-1234567890.awsapps.com/start"


def _device(sso: Any, **register: Any) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    registration = sso.register_client(clientName="boto3-test", clientType="public", **register)
    device = sso.start_device_authorization(
        clientId=registration["clientId"],
        clientSecret=registration["clientSecret"],
        startUrl=START_URL,
    )
    poll = {
        "clientId": registration["clientId"],
        "clientSecret": registration["clientSecret"],
        "grantType": DEVICE_GRANT,
        "deviceCode": device["deviceCode"],
    }
    return registration, device, poll


def _approve(control: httpx.Client, user_code: str) -> None:
    control.post("/__emulator/device/approve", json={"userCode": user_code}).raise_for_status()


# --- SSO OIDC ---------------------------------------------------------------------------------


def test_register_and_device_authorization_parse(sso: Any) -> None:
    registration, device, _ = _device(sso)
    assert isinstance(registration["clientSecretExpiresAt"], int)
    assert device["verificationUriComplete"].endswith(device["userCode"])
    assert device["interval"] == 60
    assert registration["ResponseMetadata"]["RequestId"]


def test_device_flow_pending_then_token(sso: Any, control: httpx.Client) -> None:
    _, device, poll = _device(sso, scopes=["sso:account:access"])
    with pytest.raises(sso.exceptions.AuthorizationPendingException) as pending:
        sso.create_token(**poll)
    assert pending.value.response["error"] == "authorization_pending"
    assert pending.value.response["Error"]["Message"] == "Authorization is still pending"
    _approve(control, device["userCode"])
    control.post("/__emulator/clock", json={"advanceSeconds": 60})
    token = sso.create_token(**poll)
    assert token["tokenType"] == "Bearer"
    assert token["accessToken"] and token["refreshToken"]
    refreshed = sso.create_token(
        clientId=poll["clientId"],
        clientSecret=poll["clientSecret"],
        grantType="refresh_token",
        refreshToken=token["refreshToken"],
    )
    assert refreshed["refreshToken"] != token["refreshToken"]
    with pytest.raises(sso.exceptions.InvalidGrantException):
        sso.create_token(**poll)


def test_slow_down(sso: Any) -> None:
    _, _, poll = _device(sso)
    with pytest.raises(sso.exceptions.AuthorizationPendingException):
        sso.create_token(**poll)
    with pytest.raises(sso.exceptions.SlowDownException) as slow:
        sso.create_token(**poll)
    assert slow.value.response["error"] == "slow_down"


def test_expired_device_code(sso: Any, control: httpx.Client) -> None:
    _, _, poll = _device(sso)
    control.post("/__emulator/clock", json={"advanceSeconds": 601})
    with pytest.raises(sso.exceptions.ExpiredTokenException):
        sso.create_token(**poll)


def test_denied_device(sso: Any, control: httpx.Client) -> None:
    _, device, poll = _device(sso)
    control.post("/__emulator/device/deny", json={"userCode": device["userCode"]})
    with pytest.raises(sso.exceptions.AccessDeniedException) as denied:
        sso.create_token(**poll)
    assert denied.value.response["error"] == "access_denied"


def test_invalid_client_is_401(sso: Any) -> None:
    _, _, poll = _device(sso)
    with pytest.raises(sso.exceptions.InvalidClientException) as invalid:
        sso.create_token(**{**poll, "clientSecret": "wrong"})
    assert invalid.value.response["ResponseMetadata"]["HTTPStatusCode"] == 401


def test_unsupported_grant(sso: Any) -> None:
    _, _, poll = _device(sso)
    with pytest.raises(sso.exceptions.UnsupportedGrantTypeException):
        sso.create_token(**{**poll, "grantType": "password"})


def test_invalid_client_metadata(sso: Any) -> None:
    with pytest.raises(sso.exceptions.InvalidClientMetadataException):
        sso.register_client(clientName="x", clientType="confidential")


def test_authorization_code_flow(sso: Any, control: httpx.Client) -> None:
    registration = sso.register_client(
        clientName="botocore-client-test",
        clientType="public",
        grantTypes=["authorization_code", "refresh_token"],
        redirectUris=["http://127.0.0.1/oauth/callback"],
        issuerUrl=START_URL,
        scopes=["sso:account:access"],
    )
    assert registration["authorizationEndpoint"].endswith("/authorize")
    callback = "http://127.0.0.1:41234/oauth/callback"
    query = {
        "response_type": "code",
        "client_id": registration["clientId"],
        "redirect_uri": callback,
        "state": "s-1",
        "code_challenge_method": "S256",
        "scopes": "sso:account:access",
        "code_challenge": s256_challenge(VERIFIER),
    }
    code = redirect_params(control.get(registration["authorizationEndpoint"], params=query))["code"]
    token = sso.create_token(
        clientId=registration["clientId"],
        clientSecret=registration["clientSecret"],
        grantType="authorization_code",
        code=code,
        redirectUri=callback,
        codeVerifier=VERIFIER,
    )
    assert token["accessToken"]
    with pytest.raises(sso.exceptions.InvalidGrantException):
        sso.create_token(
            clientId=registration["clientId"],
            clientSecret=registration["clientSecret"],
            grantType="authorization_code",
            code=code,
            redirectUri=callback,
            codeVerifier=VERIFIER,
        )


def test_internal_error_is_retried(sso: Any, control: httpx.Client) -> None:
    control.post("/__emulator/faults", json={"path": "/client/register", "status": 500, "count": 1})
    answer = sso.register_client(clientName="x", clientType="public")
    assert answer["ResponseMetadata"]["RetryAttempts"] == 1


def test_internal_error_after_retries(sso: Any, control: httpx.Client) -> None:
    control.post("/__emulator/faults", json={"path": "/client/register", "status": 500, "count": 3})
    with pytest.raises(sso.exceptions.InternalServerException):
        sso.register_client(clientName="x", clientType="public")


def test_dropped_connection_is_retried(sso: Any, control: httpx.Client) -> None:
    control.post("/__emulator/faults", json={"path": "/client/register", "drop": True})
    answer = sso.register_client(clientName="x", clientType="public")
    assert answer["ResponseMetadata"]["RetryAttempts"] == 1
    assert control.get("/__emulator/stats").json()["requests"]["/client/register"] == 2


def test_dropped_connection_surfaces_when_retries_run_out(
    live: EmulatorServer, control: httpx.Client
) -> None:
    control.post("/__emulator/faults", json={"path": "/client/register", "drop": True, "count": 5})
    session = boto3.session.Session(region_name="us-east-1")
    client = session.client(
        "sso-oidc",
        endpoint_url=live.base_url,
        config=botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"}),
    )
    try:
        with pytest.raises(botocore.exceptions.ConnectionClosedError):
            client.register_client(clientName="x", clientType="public")
    finally:
        client.close()


# --- CreateTokenWithIAM -----------------------------------------------------------------------


def _assertion(control: httpx.Client, audience: str = APP_A) -> str:
    body = {"audience": audience, "subject": "alice"}
    assertion: str = control.post("/__emulator/jwt-bearer/assertion", json=body).json()["assertion"]
    return assertion


def test_iam_jwt_bearer_refresh_and_exchange(sso: Any, control: httpx.Client) -> None:
    token = sso.create_token_with_iam(
        clientId=APP_A, grantType=JWT_BEARER, assertion=_assertion(control)
    )
    assert token["issuedTokenType"] == "urn:ietf:params:oauth:token-type:refresh_token"
    assert token["awsAdditionalDetails"]["identityContext"]
    assert "openid" in token["scope"]
    refreshed = sso.create_token_with_iam(
        clientId=APP_A, grantType="refresh_token", refreshToken=token["refreshToken"]
    )
    exchanged = sso.create_token_with_iam(
        clientId=APP_B,
        grantType=TOKEN_EXCHANGE,
        subjectToken=refreshed["accessToken"],
        subjectTokenType="urn:ietf:params:oauth:token-type:access_token",
        requestedTokenType="urn:ietf:params:oauth:token-type:access_token",
    )
    assert exchanged["issuedTokenType"] == "urn:ietf:params:oauth:token-type:access_token"
    assert "refreshToken" not in exchanged


def test_iam_bad_assertion(sso: Any, control: httpx.Client) -> None:
    with pytest.raises(sso.exceptions.InvalidGrantException):
        sso.create_token_with_iam(
            clientId=APP_A, grantType=JWT_BEARER, assertion=_assertion(control, APP_B)
        )


def _iam_client(live: EmulatorServer, region: str = "us-east-1", **credentials: str) -> Any:
    session = boto3.session.Session(
        region_name=region,
        aws_access_key_id=credentials.get("key", ACCESS_KEY),
        aws_secret_access_key=credentials.get("secret", SECRET_KEY),
    )
    return session.client("sso-oidc", endpoint_url=live.base_url)


@pytest.mark.parametrize(
    ("credentials", "code", "message"),
    [
        (
            {"key": "AKIDUNKNOWN"},
            "UnrecognizedClientException",
            "The security token included in the request is invalid.",
        ),
        (
            {"secret": "wrong"},
            "InvalidSignatureException",
            "The request signature we calculated does not match",
        ),
    ],
)
def test_iam_signature_errors(
    live: EmulatorServer,
    control: httpx.Client,
    credentials: dict[str, str],
    code: str,
    message: str,
) -> None:
    client = _iam_client(live, **credentials)
    try:
        with pytest.raises(botocore.exceptions.ClientError) as error:
            client.create_token_with_iam(
                clientId=APP_A, grantType=JWT_BEARER, assertion=_assertion(control)
            )
    finally:
        client.close()
    assert error.value.response["Error"]["Code"] == code
    assert error.value.response["Error"]["Message"].startswith(message)
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


def test_iam_other_region(live: EmulatorServer, control: httpx.Client) -> None:
    client = _iam_client(live, "eu-west-1")
    try:
        with pytest.raises(client.exceptions.InvalidRequestRegionException) as error:
            client.create_token_with_iam(
                clientId=APP_A, grantType=JWT_BEARER, assertion=_assertion(control)
            )
    finally:
        client.close()
    assert error.value.response["region"] == "us-east-1"
    assert error.value.response["endpoint"] == live.base_url


# --- Sign-In ----------------------------------------------------------------------------------


def _with_dpop(signin: Any, key: ec.EllipticCurvePrivateKey) -> Callable[..., None]:
    def add_dpop(params: dict[str, Any], **kwargs: Any) -> None:
        params["headers"]["DPoP"] = build_proof(key, "POST", params["url"])

    signin.meta.events.register("before-call.signin.CreateOAuth2Token", add_dpop)
    return add_dpop


def _signin_code(control: httpx.Client) -> tuple[str, str]:
    callback = "http://127.0.0.1:45678/oauth/callback"
    query = {
        "response_type": "code",
        "client_id": SAME_DEVICE,
        "state": "s-2",
        "code_challenge_method": "SHA-256",
        "scope": "openid",
        "redirect_uri": callback,
        "code_challenge": s256_challenge(VERIFIER),
    }
    return redirect_params(control.get("/v1/authorize", params=query))["code"], callback


def test_signin_code_and_refresh(signin: Any, control: httpx.Client) -> None:
    key = generate_private_key()
    _with_dpop(signin, key)
    code, callback = _signin_code(control)
    login = signin.create_oauth2_token(
        tokenInput={
            "clientId": SAME_DEVICE,
            "grantType": "authorization_code",
            "code": code,
            "redirectUri": callback,
            "codeVerifier": VERIFIER,
        }
    )["tokenOutput"]
    assert login["accessToken"]["accessKeyId"].startswith("ASIA")
    assert login["tokenType"] == "aws_sigv4"
    assert login["idToken"].count(".") == 2
    refreshed = signin.create_oauth2_token(
        tokenInput={
            "clientId": SAME_DEVICE,
            "grantType": "refresh_token",
            "refreshToken": login["refreshToken"],
        }
    )["tokenOutput"]
    assert refreshed["accessToken"]["accessKeyId"] != login["accessToken"]["accessKeyId"]


def test_signin_without_dpop(signin: Any, control: httpx.Client) -> None:
    code, callback = _signin_code(control)
    with pytest.raises(signin.exceptions.ValidationException) as error:
        signin.create_oauth2_token(
            tokenInput={
                "clientId": SAME_DEVICE,
                "grantType": "authorization_code",
                "code": code,
                "redirectUri": callback,
                "codeVerifier": VERIFIER,
            }
        )
    assert error.value.response["error"] == "INVALID_REQUEST"


def test_signin_expired_refresh(signin: Any, control: httpx.Client) -> None:
    key = generate_private_key()
    _with_dpop(signin, key)
    code, callback = _signin_code(control)
    login = signin.create_oauth2_token(
        tokenInput={
            "clientId": SAME_DEVICE,
            "grantType": "authorization_code",
            "code": code,
            "redirectUri": callback,
            "codeVerifier": VERIFIER,
        }
    )["tokenOutput"]
    control.post("/__emulator/clock", json={"advanceSeconds": 13 * 3600})
    with pytest.raises(signin.exceptions.AccessDeniedException) as error:
        signin.create_oauth2_token(
            tokenInput={
                "clientId": SAME_DEVICE,
                "grantType": "refresh_token",
                "refreshToken": login["refreshToken"],
            }
        )
    assert error.value.response["error"] == "TOKEN_EXPIRED"
    assert error.value.response["Error"]["Message"] == "The refresh token has expired."


def test_signin_throttled(signin: Any, control: httpx.Client) -> None:
    control.post("/__emulator/faults", json={"path": "/v1/token", "status": 429})
    with pytest.raises(signin.exceptions.TooManyRequestsError):
        signin.create_oauth2_token(
            tokenInput={"clientId": SAME_DEVICE, "grantType": "refresh_token", "refreshToken": "x"}
        )
