"""SSO OIDC RegisterClient, StartDeviceAuthorization and the device code grant, in-process."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from py_backend.emulator import EmulatorApp, EmulatorConfig, create_app
from tests.emulator.support import (
    BASE_URL,
    FakeClock,
    advance,
    approve,
    device_token_body,
    error_of,
    register,
    start_device,
)

Polling = tuple[dict[str, Any], dict[str, Any]]

# --- RegisterClient ---------------------------------------------------------------------------


def test_register_client_returns_id_secret_and_90_day_expiry(client: httpx.Client) -> None:
    answer = register(client)
    assert answer["clientId"] and answer["clientSecret"]
    assert answer["clientSecretExpiresAt"] - answer["clientIdIssuedAt"] == 90 * 24 * 3600
    assert "authorizationEndpoint" not in answer


def test_register_client_with_redirects_returns_endpoints(client: httpx.Client) -> None:
    answer = register(
        client,
        grantTypes=["authorization_code", "refresh_token"],
        redirectUris=["http://127.0.0.1/oauth/callback"],
        issuerUrl="https://d-1.awsapps.com/start",
    )
    assert answer["authorizationEndpoint"] == "http://127.0.0.1:8123/authorize"
    assert answer["tokenEndpoint"] == "http://127.0.0.1:8123/token"


def test_register_client_remembers_metadata(client: httpx.Client, app: EmulatorApp) -> None:
    answer = register(client, scopes=["sso:account:access"], grantTypes=["refresh_token"])
    remembered = app.state.clients[answer["clientId"]]
    assert remembered.scopes == ("sso:account:access",)
    assert remembered.grant_types == ("refresh_token",)


def test_register_client_refuses_confidential_type(client: httpx.Client) -> None:
    response = client.post(
        "/client/register", json={"clientName": "x", "clientType": "confidential"}
    )
    status, error_type, body = error_of(response)
    assert (status, error_type, body["error"]) == (
        400,
        "InvalidClientMetadataException",
        "invalid_client_metadata",
    )


@pytest.mark.parametrize("missing", ["clientName", "clientType"])
def test_register_client_requires_members(client: httpx.Client, missing: str) -> None:
    body = {"clientName": "x", "clientType": "public"}
    del body[missing]
    status, error_type, answer = error_of(client.post("/client/register", json=body))
    assert (status, error_type, answer["error"]) == (
        400,
        "InvalidRequestException",
        "invalid_request",
    )
    assert missing in answer["error_description"]


def test_register_client_refuses_unknown_grant_type(client: httpx.Client) -> None:
    body = {"clientName": "x", "clientType": "public", "grantTypes": ["password"]}
    status, error_type, _ = error_of(client.post("/client/register", json=body))
    assert (status, error_type) == (400, "UnsupportedGrantTypeException")


@pytest.mark.parametrize("uri", ["http://example.com/cb", "not a uri", "https://x/cb#frag"])
def test_register_client_refuses_bad_redirect_uri(client: httpx.Client, uri: str) -> None:
    body = {
        "clientName": "x",
        "clientType": "public",
        "grantTypes": ["authorization_code"],
        "redirectUris": [uri],
    }
    status, error_type, body = error_of(client.post("/client/register", json=body))
    assert (status, error_type, body["error"]) == (
        400,
        "InvalidRedirectUriException",
        "invalid_redirect_uri",
    )


def test_register_client_refuses_bad_scope(client: httpx.Client) -> None:
    body = {"clientName": "x", "clientType": "public", "scopes": ["has space"]}
    status, error_type, _ = error_of(client.post("/client/register", json=body))
    assert (status, error_type) == (400, "InvalidScopeException")


# --- StartDeviceAuthorization -----------------------------------------------------------------


def test_start_device_authorization_answer(client: httpx.Client) -> None:
    device = start_device(client, register(client))
    assert re.fullmatch(r"[A-Z]{4}-[A-Z]{4}", device["userCode"])
    assert device["verificationUri"] == "http://127.0.0.1:8123/device"
    assert device["verificationUriComplete"] == (
        f"http://127.0.0.1:8123/device?user_code={device['userCode']}"
    )
    assert (device["expiresIn"], device["interval"]) == (600, 5)


def test_device_page_shows_the_code(client: httpx.Client) -> None:
    device = start_device(client, register(client))
    page = client.get(device["verificationUriComplete"])
    assert page.status_code == 200
    assert device["userCode"] in page.text


def test_device_page_form_approves(client: httpx.Client) -> None:
    registration = register(client)
    device = start_device(client, registration)
    form = {"user_code": device["userCode"], "action": "approve"}
    assert client.post("/device", data=form).status_code == 200
    assert client.post("/token", json=device_token_body(registration, device)).status_code == 200


@pytest.mark.parametrize("secret", ["wrong-secret", None])
def test_start_device_authorization_wrong_secret(client: httpx.Client, secret: str | None) -> None:
    registration = register(client)
    body = {
        "clientId": registration["clientId"],
        "clientSecret": secret or registration["clientSecret"],
        "startUrl": "https://x.awsapps.com/start",
    }
    if secret is None:
        body["clientId"] = "unknown-client"
    status, error_type, answer = error_of(client.post("/device_authorization", json=body))
    assert (status, error_type, answer["error"]) == (
        401,
        "InvalidClientException",
        "invalid_client",
    )


def test_start_device_authorization_after_secret_expiry(client: httpx.Client) -> None:
    registration = register(client)
    advance(client, 90 * 24 * 3600)
    response = client.post(
        "/device_authorization",
        json={
            "clientId": registration["clientId"],
            "clientSecret": registration["clientSecret"],
            "startUrl": "https://x.awsapps.com/start",
        },
    )
    assert error_of(response)[:2] == (401, "InvalidClientException")


def test_start_device_authorization_requires_start_url(client: httpx.Client) -> None:
    registration = register(client)
    body = {"clientId": registration["clientId"], "clientSecret": registration["clientSecret"]}
    status, error_type, _ = error_of(client.post("/device_authorization", json=body))
    assert (status, error_type) == (400, "InvalidRequestException")


def test_start_device_authorization_needs_the_device_grant(client: httpx.Client) -> None:
    registration = register(client, grantTypes=["refresh_token"])
    response = client.post(
        "/device_authorization",
        json={
            "clientId": registration["clientId"],
            "clientSecret": registration["clientSecret"],
            "startUrl": "https://x.awsapps.com/start",
        },
    )
    assert error_of(response)[:2] == (400, "UnauthorizedClientException")


# --- CreateToken, device code -----------------------------------------------------------------


@pytest.fixture
def polling(client: httpx.Client) -> Polling:
    """A registration (with a scope, so refresh tokens are issued) and its device."""
    registration = register(client, scopes=["sso:account:access"])
    return registration, start_device(client, registration)


def test_pending_until_approved(client: httpx.Client, polling: Polling) -> None:
    registration, device = polling
    body = device_token_body(registration, device)
    status, error_type, answer = error_of(client.post("/token", json=body))
    assert (status, error_type, answer["error"]) == (
        400,
        "AuthorizationPendingException",
        "authorization_pending",
    )
    assert approve(client, device["userCode"]).status_code == 200
    token = client.post("/token", json=body)
    assert token.status_code == 200
    assert token.json()["tokenType"] == "Bearer"
    assert token.json()["expiresIn"] == 3600
    assert token.json()["accessToken"] and token.json()["refreshToken"]


def test_polling_faster_than_interval_slows_down(
    client: httpx.Client, polling: Polling, app: EmulatorApp
) -> None:
    registration, device = polling
    body = device_token_body(registration, device)
    client.post("/token", json=body)
    status, error_type, answer = error_of(client.post("/token", json=body))
    assert (status, error_type, answer["error"]) == (400, "SlowDownException", "slow_down")
    record = next(iter(app.state.devices.values()))
    assert record.interval == 10


def test_slow_down_interval_grows_by_five_each_time(client: httpx.Client, polling: Polling) -> None:
    registration, device = polling
    body = device_token_body(registration, device)
    client.post("/token", json=body)
    advance(client, 5)
    assert error_of(client.post("/token", json=body))[1] == "AuthorizationPendingException"
    advance(client, 4)
    assert error_of(client.post("/token", json=body))[1] == "SlowDownException"  # interval now 10
    advance(client, 9)
    assert error_of(client.post("/token", json=body))[1] == "SlowDownException"  # interval now 15
    advance(client, 15)
    assert error_of(client.post("/token", json=body))[1] == "AuthorizationPendingException"


def test_expired_device_code(client: httpx.Client, polling: Polling) -> None:
    registration, device = polling
    advance(client, 600)
    status, error_type, answer = error_of(
        client.post("/token", json=device_token_body(registration, device))
    )
    assert (status, error_type, answer["error"]) == (400, "ExpiredTokenException", "expired_token")


def test_approving_an_expired_device_fails(client: httpx.Client, polling: Polling) -> None:
    _, device = polling
    advance(client, 601)
    assert approve(client, device["userCode"]).status_code == 409


def test_denied_device(client: httpx.Client, polling: Polling) -> None:
    registration, device = polling
    client.post("/__emulator/device/deny", json={"userCode": device["userCode"]})
    status, error_type, answer = error_of(
        client.post("/token", json=device_token_body(registration, device))
    )
    assert (status, error_type, answer["error"]) == (400, "AccessDeniedException", "access_denied")


def test_device_code_reuse_after_token(client: httpx.Client, polling: Polling) -> None:
    registration, device = polling
    approve(client, device["userCode"])
    body = device_token_body(registration, device)
    assert client.post("/token", json=body).status_code == 200
    status, error_type, answer = error_of(client.post("/token", json=body))
    assert (status, error_type, answer["error"]) == (400, "InvalidGrantException", "invalid_grant")


def test_unknown_device_code(client: httpx.Client, polling: Polling) -> None:
    registration, device = polling
    body = {**device_token_body(registration, device), "deviceCode": "no-such-code"}
    assert error_of(client.post("/token", json=body))[:2] == (400, "InvalidGrantException")


def test_device_code_of_another_client(client: httpx.Client, polling: Polling) -> None:
    _, device = polling
    other = register(client)
    approve(client, device["userCode"])
    response = client.post("/token", json=device_token_body(other, device))
    assert error_of(response)[:2] == (400, "InvalidGrantException")


@pytest.mark.parametrize("what", ["secret", "client"])
def test_create_token_wrong_client(client: httpx.Client, polling: Polling, what: str) -> None:
    registration, device = polling
    body = device_token_body(registration, device)
    body["clientSecret" if what == "secret" else "clientId"] = "wrong"
    status, error_type, answer = error_of(client.post("/token", json=body))
    assert (status, error_type, answer["error"]) == (
        401,
        "InvalidClientException",
        "invalid_client",
    )


def test_unsupported_grant_type(client: httpx.Client, polling: Polling) -> None:
    registration, device = polling
    body = {**device_token_body(registration, device), "grantType": "password"}
    status, error_type, answer = error_of(client.post("/token", json=body))
    assert (status, error_type, answer["error"]) == (
        400,
        "UnsupportedGrantTypeException",
        "unsupported_grant_type",
    )


@pytest.mark.parametrize("missing", ["clientId", "clientSecret", "grantType", "deviceCode"])
def test_create_token_missing_member(client: httpx.Client, polling: Polling, missing: str) -> None:
    registration, device = polling
    body = device_token_body(registration, device)
    del body[missing]
    status, error_type, answer = error_of(client.post("/token", json=body))
    assert (status, error_type, answer["error"]) == (
        400,
        "InvalidRequestException",
        "invalid_request",
    )
    assert missing in answer["error_description"]


def test_client_without_scopes_gets_no_refresh_token(client: httpx.Client) -> None:
    registration = register(client)
    device = start_device(client, registration)
    approve(client, device["userCode"])
    answer = client.post("/token", json=device_token_body(registration, device)).json()
    assert "accessToken" in answer
    assert "refreshToken" not in answer


# --- CreateToken, refresh token ---------------------------------------------------------------


def _device_tokens(client: httpx.Client, polling: Polling) -> dict[str, str]:
    registration, device = polling
    approve(client, device["userCode"])
    answer: dict[str, str] = client.post(
        "/token", json=device_token_body(registration, device)
    ).json()
    return answer


def _refresh_body(registration: dict[str, Any], refresh_token: str) -> dict[str, str]:
    return {
        "clientId": registration["clientId"],
        "clientSecret": registration["clientSecret"],
        "grantType": "refresh_token",
        "refreshToken": refresh_token,
    }


def test_refresh_token_rotates(client: httpx.Client, polling: Polling) -> None:
    first = _device_tokens(client, polling)
    refreshed = client.post("/token", json=_refresh_body(polling[0], first["refreshToken"]))
    assert refreshed.status_code == 200
    assert refreshed.json()["refreshToken"] != first["refreshToken"]
    assert refreshed.json()["accessToken"] != first["accessToken"]


def test_spent_refresh_token_is_refused(client: httpx.Client, polling: Polling) -> None:
    first = _device_tokens(client, polling)
    body = _refresh_body(polling[0], first["refreshToken"])
    client.post("/token", json=body)
    assert error_of(client.post("/token", json=body))[:2] == (400, "InvalidGrantException")


def test_refresh_token_of_another_client_is_refused(client: httpx.Client, polling: Polling) -> None:
    first = _device_tokens(client, polling)
    other = register(client, scopes=["sso:account:access"])
    response = client.post("/token", json=_refresh_body(other, first["refreshToken"]))
    assert error_of(response)[:2] == (400, "InvalidGrantException")


def test_expired_refresh_token_is_refused(clock: FakeClock) -> None:
    app = create_app(EmulatorConfig(clock=clock, refresh_token_lifetime=3600))
    transport = httpx.WSGITransport(app=app)
    with httpx.Client(transport=transport, base_url="http://127.0.0.1:8123") as http:
        registration = register(http, scopes=["sso:account:access"])
        first = _device_tokens(http, (registration, start_device(http, registration)))
        advance(http, 3600)
        response = http.post("/token", json=_refresh_body(registration, first["refreshToken"]))
    status, error_type, body = error_of(response)
    assert (status, error_type, body["error"]) == (400, "InvalidGrantException", "invalid_grant")


@pytest.mark.parametrize("byte", [0xF8, 0xFC, 0xFF])
def test_minted_values_never_start_like_an_option(clock: FakeClock, byte: int) -> None:
    """Randomness that base64url-encodes to a leading ``-`` or ``_`` still mints values that a
    command line reads as values, as the service's are (``--client-secret -x`` is an option)."""
    config = EmulatorConfig(
        clock=clock, sleep=clock.sleep, random_bytes=lambda n: bytes([byte]) * n
    )
    transport = httpx.WSGITransport(app=create_app(config))
    with httpx.Client(transport=transport, base_url=BASE_URL) as http:
        registration = http.post(
            "/client/register", json={"clientName": "n", "clientType": "public"}
        ).json()
        device = http.post(
            "/device_authorization",
            json={
                "clientId": registration["clientId"],
                "clientSecret": registration["clientSecret"],
                "startUrl": "https://d-1234567890.awsapps.com/start",
            },
        ).json()
    minted = [registration["clientId"], registration["clientSecret"], device["deviceCode"]]
    assert all(value[:1].isalnum() for value in minted), minted
    assert registration["clientSecret"].startswith("eyJ")
