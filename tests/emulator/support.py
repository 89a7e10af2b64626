"""Helpers for the emulator tests: a fake clock, flows driven over httpx, request signing."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
from cryptography.hazmat.primitives.asymmetric import ec

from py_backend.auth.credentials import Credentials
from py_backend.auth.dpop import build_proof
from py_backend.auth.pkce import s256_challenge
from py_backend.auth.sigv4 import sign_headers

BASE_URL = "http://127.0.0.1:8123"
ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange"
ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token"
REFRESH_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:refresh_token"
APP_A = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-aaaaaaaaaaaaaaaa"
APP_B = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-bbbbbbbbbbbbbbbb"
SAME_DEVICE = "arn:aws:signin:::devtools/same-device"
CROSS_DEVICE = "arn:aws:signin:::devtools/cross-device"
LOOPBACK_CALLBACK = "http://127.0.0.1:55555/oauth/callback"
VERIFIER = "a" * 64


@dataclass
class FakeClock:
    """A base clock that only moves when told to; ``sleeps`` records injected sleeps."""

    now: float = 1_795_000_000.0
    sleeps: list[float] = field(default_factory=list)

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)


def error_of(response: httpx.Response) -> tuple[int, str, dict[str, Any]]:
    """(status, error type without namespace, body) of an error answer."""
    error_type = response.headers.get("x-amzn-errortype", "").split(":", 1)[0]
    return response.status_code, error_type, response.json()


def advance(client: httpx.Client, seconds: float) -> None:
    """Move the emulator's clock through the control API."""
    client.post("/__emulator/clock", json={"advanceSeconds": seconds}).raise_for_status()


# --- SSO OIDC ---------------------------------------------------------------------------------


def register(client: httpx.Client, **members: Any) -> dict[str, Any]:
    """RegisterClient with ``members`` over the defaults; returns the answer."""
    body = {"clientName": "test-client", "clientType": "public", **members}
    response = client.post("/client/register", json=body)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def register_auth_code_client(client: httpx.Client) -> dict[str, Any]:
    """A client registered the way the AWS CLI registers for the authorization code flow."""
    return register(
        client,
        grantTypes=["authorization_code", "refresh_token"],
        redirectUris=["http://127.0.0.1/oauth/callback"],
        issuerUrl="https://d-1234567890.awsapps.com/start",
        scopes=["sso:account:access"],
    )


def start_device(client: httpx.Client, registration: Mapping[str, Any]) -> dict[str, Any]:
    """StartDeviceAuthorization for a registered client."""
    response = client.post(
        "/device_authorization",
        json={
            "clientId": registration["clientId"],
            "clientSecret": registration["clientSecret"],
            "startUrl": "https://d-1234567890.awsapps.com/start",
        },
    )
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def device_token_body(registration: Mapping[str, Any], device: Mapping[str, Any]) -> dict[str, Any]:
    """The CreateToken body that polls a device code."""
    return {
        "clientId": registration["clientId"],
        "clientSecret": registration["clientSecret"],
        "grantType": DEVICE_GRANT,
        "deviceCode": device["deviceCode"],
    }


def approve(client: httpx.Client, user_code: str) -> httpx.Response:
    """Approve a device through the control API."""
    return client.post("/__emulator/device/approve", json={"userCode": user_code})


def device_tokens(client: httpx.Client, *, approve_device: bool = True) -> dict[str, Any]:
    """An access and refresh token from a device login, as the AWS CLI gets them.

    ``approve_device=False`` for an emulator started with ``auto_approve``, whose control API
    refuses the approval (409) because the device is approved already.
    """
    registration = register(
        client, grantTypes=[DEVICE_GRANT, "refresh_token"], scopes=["sso:account:access"]
    )
    device = start_device(client, registration)
    if approve_device:
        approve(client, device["userCode"]).raise_for_status()
    response = client.post("/token", json=device_token_body(registration, device))
    assert response.status_code == 200, response.text
    return {**response.json(), "registration": registration}


def authorize_url_query(
    client_id: str, *, redirect_uri: str = LOOPBACK_CALLBACK, **extra: str
) -> str:
    """The SSO ``/authorize`` query as the AWS CLI builds it (login-flows.md §4.6)."""
    params = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "state": "00000000-0000-0000-0000-000000000000",
        "code_challenge_method": "S256",
        "scopes": "sso:account:access",
        "code_challenge": s256_challenge(VERIFIER),
    }
    params.update(extra)
    return urlencode(params)


def redirect_params(response: httpx.Response) -> dict[str, str]:
    """The query parameters of a 302's Location."""
    assert response.status_code == 302, response.text
    query = urlsplit(response.headers["location"]).query
    return {name: values[0] for name, values in parse_qs(query).items()}


def sso_code(client: httpx.Client, client_id: str, redirect_uri: str = LOOPBACK_CALLBACK) -> str:
    """An authorization code from ``GET /authorize`` (the redirect is followed by hand)."""
    response = client.get("/authorize?" + authorize_url_query(client_id, redirect_uri=redirect_uri))
    return redirect_params(response)["code"]


# --- SigV4 ------------------------------------------------------------------------------------


def signed_iam_request(
    client: httpx.Client,
    body: Mapping[str, Any] | bytes,
    *,
    now: float,
    region: str = "us-east-1",
    service: str = "sso-oauth",
    access_key: str = ACCESS_KEY,
    secret_key: str = SECRET_KEY,
    session_token: str | None = None,
    sent_body: bytes | None = None,
    path: str = "/token?aws_iam=t",
) -> httpx.Response:
    """POST ``path`` (CreateTokenWithIAM's by default) signed like boto3 (content-type, host,
    x-amz-date).

    ``sent_body`` replaces the signed body on the wire (a tampered request).
    """
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    url = f"{BASE_URL}{path}"
    headers = [("Content-Type", "application/json"), ("Host", "127.0.0.1:8123")]
    added = sign_headers(
        "POST",
        url,
        headers,
        content,
        credentials=Credentials.from_strings(access_key, secret_key, session_token),
        region=region,
        service=service,
        now=datetime.fromtimestamp(now, timezone.utc),
    )
    sent = content if sent_body is None else sent_body
    return client.post(url, content=sent, headers=headers[:1] + added)


# --- Sign-In ----------------------------------------------------------------------------------


def signin_authorize_query(
    client_id: str = SAME_DEVICE, redirect_uri: str | None = LOOPBACK_CALLBACK, **extra: str
) -> str:
    """The ``/v1/authorize`` query as the AWS CLI builds it (login-flows.md §1.4)."""
    params = {
        "response_type": "code",
        "client_id": client_id,
        "state": "00000000-0000-0000-0000-000000000000",
        "code_challenge_method": "SHA-256",
        "scope": "openid",
    }
    if redirect_uri is not None:
        params["redirect_uri"] = redirect_uri
    challenge = extra.pop("code_challenge", s256_challenge(VERIFIER))
    params.update(extra)
    return urlencode(params) + "&code_challenge=" + challenge


def signin_code(client: httpx.Client, client_id: str = SAME_DEVICE, **extra: str) -> str:
    """A Sign-In authorization code from ``GET /v1/authorize``."""
    response = client.get("/v1/authorize?" + signin_authorize_query(client_id, **extra))
    return redirect_params(response)["code"]


def dpop_post(
    client: httpx.Client,
    body: Mapping[str, Any],
    key: ec.EllipticCurvePrivateKey | None,
    *,
    now: float,
    htu: str = f"{BASE_URL}/v1/token",
    jti: str | None = None,
) -> httpx.Response:
    """POST /v1/token with a DPoP proof from ``key`` (no proof when ``key`` is None)."""
    headers = {}
    if key is not None:
        headers["DPoP"] = build_proof(key, "POST", htu, now=int(now), jti=jti)
    return client.post("/v1/token", json=dict(body), headers=headers)


def code_body(code: str, client_id: str = SAME_DEVICE, **extra: str) -> dict[str, str]:
    """The Sign-In authorization code redemption body."""
    body = {
        "clientId": client_id,
        "grantType": "authorization_code",
        "code": code,
        "redirectUri": LOOPBACK_CALLBACK,
        "codeVerifier": VERIFIER,
    }
    body.update(extra)
    return body
