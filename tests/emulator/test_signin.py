"""Sign-In ``/v1/authorize`` and ``/v1/token`` (CreateOAuth2Token) with DPoP, in-process."""

from __future__ import annotations

import base64
import json
import re
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from py_backend.auth._b64 import b64url_decode
from py_backend.auth.dpop import generate_private_key
from py_backend.emulator import EmulatorApp
from py_backend.emulator.jws import verify_jwt
from tests.emulator.support import (
    BASE_URL,
    CROSS_DEVICE,
    LOOPBACK_CALLBACK,
    SAME_DEVICE,
    FakeClock,
    advance,
    code_body,
    dpop_post,
    error_of,
    redirect_params,
    signin_authorize_query,
    signin_code,
)


@pytest.fixture
def key() -> ec.EllipticCurvePrivateKey:
    """The DPoP key of one login."""
    return generate_private_key()


def _login(
    client: httpx.Client, key: ec.EllipticCurvePrivateKey, clock: FakeClock
) -> dict[str, Any]:
    response = dpop_post(client, code_body(signin_code(client)), key, now=clock())
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def _refresh_body(refresh_token: str, client_id: str = SAME_DEVICE) -> dict[str, str]:
    return {"clientId": client_id, "grantType": "refresh_token", "refreshToken": refresh_token}


def _assert_validation(response: httpx.Response, error: str = "INVALID_REQUEST") -> dict[str, Any]:
    status, error_type, body = error_of(response)
    assert (status, error_type, body["error"]) == (400, "ValidationException", error)
    assert set(body) == {"error", "message"}
    return body


# --- /v1/authorize ----------------------------------------------------------------------------


def test_authorize_redirects_with_code_and_state(client: httpx.Client) -> None:
    response = client.get("/v1/authorize?" + signin_authorize_query())
    assert response.headers["location"].startswith(LOOPBACK_CALLBACK + "?")
    params = redirect_params(response)
    assert params["state"] == "00000000-0000-0000-0000-000000000000"
    assert params["code"]


def test_authorize_accepts_s256_too(client: httpx.Client) -> None:
    query = signin_authorize_query(code_challenge_method="S256")
    assert "code" in redirect_params(client.get("/v1/authorize?" + query))


def test_authorize_denied(client: httpx.Client) -> None:
    client.post("/__emulator/signin/deny", json={"deny": True})
    params = redirect_params(client.get("/v1/authorize?" + signin_authorize_query()))
    assert params == {"error": "access_denied", "state": "00000000-0000-0000-0000-000000000000"}


def test_authorize_unknown_client_is_not_redirected(client: httpx.Client) -> None:
    response = client.get("/v1/authorize?" + signin_authorize_query("arn:aws:signin:::devtools/x"))
    assert "location" not in response.headers
    _assert_validation(response)


def test_authorize_same_device_needs_a_loopback_redirect(client: httpx.Client) -> None:
    query = signin_authorize_query(redirect_uri="https://evil.example.com/cb")
    response = client.get("/v1/authorize?" + query)
    assert "location" not in response.headers
    _assert_validation(response)


def test_authorize_bad_challenge_method_goes_back_as_error(client: httpx.Client) -> None:
    query = signin_authorize_query(code_challenge_method="plain")
    assert redirect_params(client.get("/v1/authorize?" + query))["error"] == "invalid_request"


def test_cross_device_confirmation_page_shows_the_paste_code(client: httpx.Client) -> None:
    confirmation = f"{BASE_URL}/v1/sessions/confirmation"
    response = client.get("/v1/authorize?" + signin_authorize_query(CROSS_DEVICE, confirmation))
    assert response.headers["location"].startswith(confirmation + "?")
    params = redirect_params(response)
    page = client.get(response.headers["location"])
    shown = re.search(r'<pre id="code">([^<]+)</pre>', page.text)
    assert shown is not None
    pasted = dict(parse_qsl(base64.b64decode(shown.group(1)).decode()))
    assert pasted == {"state": params["state"], "code": params["code"]}


# --- /v1/token, authorization code ------------------------------------------------------------


def test_code_redemption_returns_credentials_and_id_token(
    client: httpx.Client, key: ec.EllipticCurvePrivateKey, clock: FakeClock, app: EmulatorApp
) -> None:
    answer = _login(client, key, clock)
    credentials = answer["accessToken"]
    assert re.fullmatch(r"ASIA[A-Z2-7]{16}", credentials["accessKeyId"])
    assert credentials["secretAccessKey"] and credentials["sessionToken"]
    assert answer["tokenType"] == "aws_sigv4"
    assert 1 <= answer["expiresIn"] <= 900
    assert answer["refreshToken"]
    header = json.loads(b64url_decode(answer["idToken"].split(".")[0]))
    assert header["alg"] == "ES256" and header["kid"]
    claims = verify_jwt(answer["idToken"], app.state.signing_key.public_key())
    assert claims["sub"] == "arn:aws:sts::123456789012:assumed-role/Admin/admin"
    assert claims["aud"] == SAME_DEVICE
    assert claims["exp"] > claims["iat"]
    assert claims["iss"]


def test_jwks_holds_the_id_token_key(
    client: httpx.Client, key: ec.EllipticCurvePrivateKey, clock: FakeClock
) -> None:
    answer = _login(client, key, clock)
    kid = json.loads(b64url_decode(answer["idToken"].split(".")[0]))["kid"]
    assert [k["kid"] for k in client.get("/__emulator/jwks").json()["keys"]] == [kid]


def test_missing_dpop(client: httpx.Client, clock: FakeClock) -> None:
    _assert_validation(dpop_post(client, code_body(signin_code(client)), None, now=clock()))


def test_dpop_for_another_url(
    client: httpx.Client, key: ec.EllipticCurvePrivateKey, clock: FakeClock
) -> None:
    response = dpop_post(
        client, code_body(signin_code(client)), key, now=clock(), htu="http://127.0.0.1:9/v1/token"
    )
    _assert_validation(response)


@pytest.mark.parametrize("offset", [-301, 301])
def test_dpop_iat_out_of_window(
    client: httpx.Client, key: ec.EllipticCurvePrivateKey, clock: FakeClock, offset: int
) -> None:
    response = dpop_post(client, code_body(signin_code(client)), key, now=clock() + offset)
    _assert_validation(response)


def test_dpop_jti_replay(
    client: httpx.Client, key: ec.EllipticCurvePrivateKey, clock: FakeClock
) -> None:
    first = dpop_post(client, code_body(signin_code(client)), key, now=clock(), jti="same-jti")
    assert first.status_code == 200
    again = dpop_post(client, code_body(signin_code(client)), key, now=clock(), jti="same-jti")
    assert "jti" in _assert_validation(again)["message"]


def test_malformed_dpop(client: httpx.Client, clock: FakeClock) -> None:
    response = client.post(
        "/v1/token", json=code_body(signin_code(client)), headers={"DPoP": "not.a.proof"}
    )
    _assert_validation(response)


def test_code_redeems_once(
    client: httpx.Client, key: ec.EllipticCurvePrivateKey, clock: FakeClock
) -> None:
    code = signin_code(client)
    assert dpop_post(client, code_body(code), key, now=clock()).status_code == 200
    _assert_validation(dpop_post(client, code_body(code), key, now=clock()))
    assert client.get("/__emulator/stats").json()["redemptions"]["signin"] == {code: 2}


def test_wrong_verifier(
    client: httpx.Client, key: ec.EllipticCurvePrivateKey, clock: FakeClock
) -> None:
    body = code_body(signin_code(client), codeVerifier="b" * 64)
    _assert_validation(dpop_post(client, body, key, now=clock()))


def test_wrong_redirect_uri(
    client: httpx.Client, key: ec.EllipticCurvePrivateKey, clock: FakeClock
) -> None:
    body = code_body(signin_code(client), redirectUri="http://127.0.0.1:1/oauth/callback")
    _assert_validation(dpop_post(client, body, key, now=clock()))


def test_wrong_client_id(
    client: httpx.Client, key: ec.EllipticCurvePrivateKey, clock: FakeClock
) -> None:
    body = code_body(signin_code(client), CROSS_DEVICE)
    _assert_validation(dpop_post(client, body, key, now=clock()))


def test_client_id_outside_the_pattern(
    client: httpx.Client, key: ec.EllipticCurvePrivateKey, clock: FakeClock
) -> None:
    body = code_body(signin_code(client), "arn:aws:signin:::devtools/other")
    _assert_validation(dpop_post(client, body, key, now=clock()))


def test_expired_code(
    client: httpx.Client, key: ec.EllipticCurvePrivateKey, clock: FakeClock
) -> None:
    code = signin_code(client)
    advance(client, 300)
    status, error_type, body = error_of(dpop_post(client, code_body(code), key, now=clock()))
    assert (status, error_type, body["error"]) == (401, "AccessDeniedException", "AUTHCODE_EXPIRED")


@pytest.mark.parametrize(
    "missing", ["clientId", "grantType", "code", "redirectUri", "codeVerifier"]
)
def test_missing_member(
    client: httpx.Client, key: ec.EllipticCurvePrivateKey, clock: FakeClock, missing: str
) -> None:
    body = code_body(signin_code(client))
    del body[missing]
    assert missing in _assert_validation(dpop_post(client, body, key, now=clock()))["message"]


def test_unsupported_grant(
    client: httpx.Client, key: ec.EllipticCurvePrivateKey, clock: FakeClock
) -> None:
    body = {"clientId": SAME_DEVICE, "grantType": "password"}
    _assert_validation(dpop_post(client, body, key, now=clock()), "unsupported_grant_type")


# --- /v1/token, refresh -----------------------------------------------------------------------


def test_refresh_is_idempotent_within_the_window(
    client: httpx.Client, key: ec.EllipticCurvePrivateKey, clock: FakeClock
) -> None:
    login = _login(client, key, clock)
    first = dpop_post(client, _refresh_body(login["refreshToken"]), key, now=clock())
    second = dpop_post(client, _refresh_body(login["refreshToken"]), key, now=clock())
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert first.json()["refreshToken"] != login["refreshToken"]
    assert first.json()["accessToken"] != login["accessToken"]
    assert "idToken" not in first.json()


def test_spent_refresh_token_expires_with_its_credentials(
    client: httpx.Client, key: ec.EllipticCurvePrivateKey, clock: FakeClock
) -> None:
    login = _login(client, key, clock)
    first = dpop_post(client, _refresh_body(login["refreshToken"]), key, now=clock()).json()
    advance(client, 900)
    old = dpop_post(client, _refresh_body(login["refreshToken"]), key, now=clock())
    status, error_type, body = error_of(old)
    assert (status, error_type, body["error"]) == (401, "AccessDeniedException", "TOKEN_EXPIRED")
    assert (
        dpop_post(client, _refresh_body(first["refreshToken"]), key, now=clock()).status_code == 200
    )


def test_refresh_with_another_key_is_refused(
    client: httpx.Client, key: ec.EllipticCurvePrivateKey, clock: FakeClock
) -> None:
    login = _login(client, key, clock)
    response = dpop_post(
        client, _refresh_body(login["refreshToken"]), generate_private_key(), now=clock()
    )
    _assert_validation(response)


def test_refresh_after_the_session_ends(
    client: httpx.Client, key: ec.EllipticCurvePrivateKey, clock: FakeClock
) -> None:
    login = _login(client, key, clock)
    advance(client, 12 * 3600)
    status, error_type, body = error_of(
        dpop_post(client, _refresh_body(login["refreshToken"]), key, now=clock())
    )
    assert (status, error_type, body["error"]) == (401, "AccessDeniedException", "TOKEN_EXPIRED")
    assert body["message"] == "The refresh token has expired."


def test_refresh_with_unknown_token(
    client: httpx.Client, key: ec.EllipticCurvePrivateKey, clock: FakeClock
) -> None:
    _assert_validation(dpop_post(client, _refresh_body("ASORnope"), key, now=clock()))


def test_refresh_for_another_client(
    client: httpx.Client, key: ec.EllipticCurvePrivateKey, clock: FakeClock
) -> None:
    login = _login(client, key, clock)
    body = _refresh_body(login["refreshToken"], CROSS_DEVICE)
    _assert_validation(dpop_post(client, body, key, now=clock()))
