"""SSO OIDC ``GET /authorize`` and CreateToken's authorization code grant with PKCE."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.emulator.support import (
    LOOPBACK_CALLBACK,
    VERIFIER,
    advance,
    authorize_url_query,
    error_of,
    redirect_params,
    register,
    register_auth_code_client,
    sso_code,
)


@pytest.fixture
def registration(client: httpx.Client) -> dict[str, Any]:
    """A client registered like the AWS CLI's auth-code flow (redirect without a port)."""
    return register_auth_code_client(client)


def _code_body(registration: dict[str, Any], code: str, **extra: str) -> dict[str, Any]:
    body = {
        "clientId": registration["clientId"],
        "clientSecret": registration["clientSecret"],
        "grantType": "authorization_code",
        "code": code,
        "redirectUri": LOOPBACK_CALLBACK,
        "codeVerifier": VERIFIER,
        "scope": ["sso:account:access"],
    }
    body.update(extra)
    return body


def test_authorize_redirects_to_loopback_port_with_code_and_state(
    client: httpx.Client, registration: dict[str, Any]
) -> None:
    response = client.get("/authorize?" + authorize_url_query(registration["clientId"]))
    assert response.headers["location"].startswith(LOOPBACK_CALLBACK + "?")
    params = redirect_params(response)
    assert params["state"] == "00000000-0000-0000-0000-000000000000"
    assert params["code"]


def test_code_redeems_once(client: httpx.Client, registration: dict[str, Any]) -> None:
    code = sso_code(client, registration["clientId"])
    token = client.post("/token", json=_code_body(registration, code))
    assert token.status_code == 200
    assert token.json()["refreshToken"]
    status, error_type, body = error_of(client.post("/token", json=_code_body(registration, code)))
    assert (status, error_type, body["error"]) == (400, "InvalidGrantException", "invalid_grant")


def test_reused_code_revokes_its_tokens(client: httpx.Client, registration: dict[str, Any]) -> None:
    code = sso_code(client, registration["clientId"])
    first = client.post("/token", json=_code_body(registration, code)).json()
    client.post("/token", json=_code_body(registration, code))
    refresh = {
        "clientId": registration["clientId"],
        "clientSecret": registration["clientSecret"],
        "grantType": "refresh_token",
        "refreshToken": first["refreshToken"],
    }
    assert error_of(client.post("/token", json=refresh))[1] == "InvalidGrantException"


def test_wrong_verifier(client: httpx.Client, registration: dict[str, Any]) -> None:
    code = sso_code(client, registration["clientId"])
    body = _code_body(registration, code, codeVerifier="b" * 64)
    status, error_type, answer = error_of(client.post("/token", json=body))
    assert (status, error_type, answer["error"]) == (400, "InvalidGrantException", "invalid_grant")


def test_redirect_uri_must_equal_the_authorize_request(
    client: httpx.Client, registration: dict[str, Any]
) -> None:
    code = sso_code(client, registration["clientId"])
    body = _code_body(registration, code, redirectUri="http://127.0.0.1:55556/oauth/callback")
    assert error_of(client.post("/token", json=body))[:2] == (400, "InvalidGrantException")


def test_code_of_another_client(client: httpx.Client, registration: dict[str, Any]) -> None:
    code = sso_code(client, registration["clientId"])
    other = register_auth_code_client(client)
    assert error_of(client.post("/token", json=_code_body(other, code)))[:2] == (
        400,
        "InvalidGrantException",
    )


def test_expired_code(client: httpx.Client, registration: dict[str, Any]) -> None:
    code = sso_code(client, registration["clientId"])
    advance(client, 300)
    assert error_of(client.post("/token", json=_code_body(registration, code)))[:2] == (
        400,
        "ExpiredTokenException",
    )


@pytest.mark.parametrize("missing", ["code", "redirectUri", "codeVerifier"])
def test_code_grant_missing_member(
    client: httpx.Client, registration: dict[str, Any], missing: str
) -> None:
    body = _code_body(registration, sso_code(client, registration["clientId"]))
    del body[missing]
    assert error_of(client.post("/token", json=body))[:2] == (400, "InvalidRequestException")


def test_device_client_cannot_use_code_grant(client: httpx.Client) -> None:
    device_client = register(client)
    body = _code_body(device_client, "whatever")
    assert error_of(client.post("/token", json=body))[:2] == (400, "UnauthorizedClientException")


def test_stats_count_code_presentations(client: httpx.Client, registration: dict[str, Any]) -> None:
    code = sso_code(client, registration["clientId"])
    client.post("/token", json=_code_body(registration, code))
    client.post("/token", json=_code_body(registration, code))
    stats = client.get("/__emulator/stats").json()
    assert stats["redemptions"]["sso-oidc"] == {code: 2}


# --- /authorize refusals ----------------------------------------------------------------------


def test_authorize_unknown_client_is_not_redirected(client: httpx.Client) -> None:
    response = client.get("/authorize?" + authorize_url_query("no-such-client"))
    assert "location" not in response.headers
    assert error_of(response)[:2] == (401, "InvalidClientException")


@pytest.mark.parametrize(
    "redirect_uri",
    ["http://127.0.0.1:55555/other/path", "http://evil.example.com/oauth/callback"],
)
def test_authorize_unregistered_redirect_is_not_redirected(
    client: httpx.Client, registration: dict[str, Any], redirect_uri: str
) -> None:
    query = authorize_url_query(registration["clientId"], redirect_uri=redirect_uri)
    response = client.get("/authorize?" + query)
    assert "location" not in response.headers
    assert error_of(response)[:2] == (400, "InvalidRequestException")


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        ({"code_challenge_method": "plain"}, "invalid_request"),
        ({"code_challenge": ""}, "invalid_request"),
        ({"response_type": "token"}, "unsupported_response_type"),
    ],
)
def test_authorize_errors_go_back_to_the_redirect(
    client: httpx.Client, registration: dict[str, Any], extra: dict[str, str], error: str
) -> None:
    response = client.get("/authorize?" + authorize_url_query(registration["clientId"], **extra))
    params = redirect_params(response)
    assert params["error"] == error
    assert params["state"] == "00000000-0000-0000-0000-000000000000"
    assert "code" not in params


def test_authorize_denied(client: httpx.Client, registration: dict[str, Any]) -> None:
    client.post("/__emulator/sso/deny", json={"deny": True})
    params = redirect_params(
        client.get("/authorize?" + authorize_url_query(registration["clientId"]))
    )
    assert params["error"] == "access_denied"


def test_authorize_for_device_only_client(client: httpx.Client) -> None:
    device_client = register(
        client,
        grantTypes=["urn:ietf:params:oauth:grant-type:device_code"],
        redirectUris=["http://127.0.0.1/oauth/callback"],
    )
    params = redirect_params(
        client.get("/authorize?" + authorize_url_query(device_client["clientId"]))
    )
    assert params["error"] == "unauthorized_client"
