"""CreateTokenWithIAM: SigV4 checks and the four grants, in-process."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from typing import Any

import httpx
import pytest

from py_backend.auth._b64 import b64url_decode
from py_backend.auth.credentials import Credentials
from py_backend.auth.sigv4 import sign_headers
from py_backend.emulator import EmulatorApp, EmulatorConfig, TrustedIssuer, create_app
from py_backend.emulator.config import AccessKey
from py_backend.emulator.jws import sign_jwt, verify_jwt
from tests.emulator.support import (
    ACCESS_TOKEN_TYPE,
    APP_A,
    APP_B,
    JWT_BEARER,
    LOOPBACK_CALLBACK,
    REFRESH_TOKEN_TYPE,
    TOKEN_EXCHANGE,
    VERIFIER,
    FakeClock,
    advance,
    error_of,
    signed_iam_request,
    sso_code,
)


def _assertion(client: httpx.Client, audience: str = APP_A, **extra: Any) -> str:
    body = {"audience": audience, "subject": "alice", **extra}
    response = client.post("/__emulator/jwt-bearer/assertion", json=body)
    assert response.status_code == 200, response.text
    assertion: str = response.json()["assertion"]
    return assertion


def _jwt_body(assertion: str, client_id: str = APP_A) -> dict[str, Any]:
    return {"clientId": client_id, "grantType": JWT_BEARER, "assertion": assertion}


def _claims(jwt: str) -> dict[str, Any]:
    claims: dict[str, Any] = json.loads(b64url_decode(jwt.split(".")[1]))
    return claims


# --- SigV4 ------------------------------------------------------------------------------------


def test_signed_jwt_bearer_succeeds(
    client: httpx.Client, clock: FakeClock, app: EmulatorApp
) -> None:
    response = signed_iam_request(client, _jwt_body(_assertion(client)), now=clock())
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["tokenType"] == "Bearer"
    assert answer["issuedTokenType"] == REFRESH_TOKEN_TYPE
    assert answer["scope"] == ["openid", "aws", "sts:identity_context"]
    assert answer["awsAdditionalDetails"]["identityContext"]
    assert answer["refreshToken"]
    claims = verify_jwt(answer["idToken"], app.state.signing_key.public_key())
    assert (claims["sub"], claims["aud"]) == ("alice", APP_A)


def test_missing_authorization(client: httpx.Client) -> None:
    response = client.post("/token?aws_iam=t", json=_jwt_body("x"))
    status, error_type, body = error_of(response)
    assert (status, error_type, body) == (
        403,
        "MissingAuthenticationTokenException",
        {"message": "Missing Authentication Token"},
    )


def test_malformed_authorization(client: httpx.Client) -> None:
    response = client.post(
        "/token?aws_iam=t",
        json=_jwt_body("x"),
        headers={"Authorization": "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE", "X-Amz-Date": "x"},
    )
    assert error_of(response)[:2] == (403, "IncompleteSignatureException")


def test_unknown_access_key(client: httpx.Client, clock: FakeClock) -> None:
    response = signed_iam_request(client, _jwt_body("x"), now=clock(), access_key="AKIDUNKNOWN")
    status, error_type, body = error_of(response)
    assert (status, error_type) == (403, "UnrecognizedClientException")
    assert body == {"message": "The security token included in the request is invalid."}


def test_wrong_secret_is_a_bad_signature(client: httpx.Client, clock: FakeClock) -> None:
    response = signed_iam_request(client, _jwt_body("x"), now=clock(), secret_key="not-the-secret")
    status, error_type, body = error_of(response)
    assert (status, error_type) == (403, "InvalidSignatureException")
    assert body["message"] == (
        "The request signature we calculated does not match the signature you provided. "
        "Check your AWS Secret Access Key and signing method. "
        "Consult the service documentation for details."
    )


def test_tampered_body_is_a_bad_signature(client: httpx.Client, clock: FakeClock) -> None:
    signed = json.dumps(_jwt_body(_assertion(client))).encode()
    honest = signed_iam_request(client, signed, now=clock())
    tampered = signed_iam_request(client, signed, now=clock(), sent_body=signed.replace(b"a", b"b"))
    assert honest.status_code == 200
    assert error_of(tampered)[:2] == (403, "InvalidSignatureException")


_STAMP = r"\d{8}T\d{6}Z"


@pytest.mark.parametrize(
    ("offset", "pattern"),
    [
        (-301, rf"Signature expired: {_STAMP} is now earlier than {_STAMP} \({_STAMP} - 5 min\.\)"),
        (
            301,
            rf"Signature not yet current: {_STAMP} is still later than {_STAMP} "
            rf"\({_STAMP} \+ 5 min\.\)",
        ),
    ],
)
def test_clock_skew(client: httpx.Client, clock: FakeClock, offset: int, pattern: str) -> None:
    response = signed_iam_request(client, _jwt_body("x"), now=clock() + offset)
    status, error_type, body = error_of(response)
    assert (status, error_type) == (403, "InvalidSignatureException")
    assert re.fullmatch(pattern, body["message"])


def test_skew_within_five_minutes_is_accepted(client: httpx.Client, clock: FakeClock) -> None:
    response = signed_iam_request(client, _jwt_body(_assertion(client)), now=clock() - 299)
    assert response.status_code == 200


def test_advancing_the_emulator_clock_does_not_stale_signatures(
    client: httpx.Client, clock: FakeClock
) -> None:
    advance(client, 3600)
    response = signed_iam_request(client, _jwt_body(_assertion(client)), now=clock())
    assert response.status_code == 200


def test_wrong_service_name(client: httpx.Client, clock: FakeClock) -> None:
    response = signed_iam_request(client, _jwt_body("x"), now=clock(), service="sso-oidc")
    status, error_type, body = error_of(response)
    assert (status, error_type) == (403, "InvalidSignatureException")
    assert "sso-oauth" in body["message"]


def test_other_region(client: httpx.Client, clock: FakeClock) -> None:
    response = signed_iam_request(client, _jwt_body("x"), now=clock(), region="eu-west-1")
    status, error_type, body = error_of(response)
    assert (status, error_type, body["error"]) == (
        400,
        "InvalidRequestRegionException",
        "invalid_request",
    )
    assert body["region"] == "us-east-1"
    assert body["endpoint"] == "http://127.0.0.1:8123"


def test_configured_session_token_is_required(clock: FakeClock) -> None:
    key = AccessKey("ASIAEXAMPLE", "secret", "the-session-token")
    app = create_app(EmulatorConfig(clock=clock, access_keys=(key,)))
    with httpx.Client(
        transport=httpx.WSGITransport(app=app), base_url="http://127.0.0.1:8123"
    ) as http:
        body = _jwt_body(_assertion(http))
        common = {"now": clock(), "access_key": "ASIAEXAMPLE", "secret_key": "secret"}
        wrong = signed_iam_request(http, body, session_token="other-token", **common)
        right = signed_iam_request(http, body, session_token="the-session-token", **common)
    assert error_of(wrong)[:2] == (403, "UnrecognizedClientException")
    assert right.status_code == 200


def test_any_session_token_is_accepted_for_keys_without_one(
    client: httpx.Client, clock: FakeClock
) -> None:
    body = _jwt_body(_assertion(client))
    response = signed_iam_request(client, body, now=clock(), session_token="anything")
    assert response.status_code == 200


# --- grants -----------------------------------------------------------------------------------


def test_unsupported_grant(client: httpx.Client, clock: FakeClock) -> None:
    body = {"clientId": APP_A, "grantType": "client_credentials"}
    assert error_of(signed_iam_request(client, body, now=clock()))[:2] == (
        400,
        "UnsupportedGrantTypeException",
    )


def test_missing_grant_type(client: httpx.Client, clock: FakeClock) -> None:
    body = {"clientId": APP_A}
    assert error_of(signed_iam_request(client, body, now=clock()))[:2] == (
        400,
        "InvalidRequestException",
    )


def test_assertion_for_another_audience(client: httpx.Client, clock: FakeClock) -> None:
    body = _jwt_body(_assertion(client, audience=APP_B))
    status, error_type, answer = error_of(signed_iam_request(client, body, now=clock()))
    assert (status, error_type, answer["error"]) == (400, "InvalidGrantException", "invalid_grant")


def test_expired_assertion(client: httpx.Client, clock: FakeClock) -> None:
    body = _jwt_body(_assertion(client, expiresIn=60))
    advance(client, 61)
    assert error_of(signed_iam_request(client, body, now=clock()))[:2] == (
        400,
        "InvalidGrantException",
    )


def test_assertion_from_untrusted_issuer(client: httpx.Client, clock: FakeClock) -> None:
    stranger = TrustedIssuer.generate("https://stranger.example.com")
    assert stranger.private_key is not None
    claims = {"iss": stranger.issuer, "aud": APP_A, "sub": "eve", "exp": int(clock()) + 300}
    body = _jwt_body(sign_jwt(stranger.private_key, claims))
    assert error_of(signed_iam_request(client, body, now=clock()))[:2] == (
        400,
        "InvalidGrantException",
    )


def test_assertion_signed_by_the_wrong_key(client: httpx.Client, clock: FakeClock) -> None:
    impostor = TrustedIssuer.generate("https://idp.example.com")
    assert impostor.private_key is not None
    claims = {"iss": impostor.issuer, "aud": APP_A, "sub": "eve", "exp": int(clock()) + 300}
    body = _jwt_body(sign_jwt(impostor.private_key, claims))
    assert error_of(signed_iam_request(client, body, now=clock()))[:2] == (
        400,
        "InvalidGrantException",
    )


def test_rs256_issuer(clock: FakeClock) -> None:
    issuer = TrustedIssuer.generate("https://rsa.example.com", algorithm="RS256")
    app = create_app(EmulatorConfig(clock=clock, trusted_issuers=(issuer,)))
    with httpx.Client(
        transport=httpx.WSGITransport(app=app), base_url="http://127.0.0.1:8123"
    ) as http:
        assertion = _assertion(http)
        assert json.loads(b64url_decode(assertion.split(".")[0]))["alg"] == "RS256"
        response = signed_iam_request(http, _jwt_body(assertion), now=clock())
    assert response.status_code == 200


def test_malformed_assertion(client: httpx.Client, clock: FakeClock) -> None:
    body = _jwt_body("not-a-jwt")
    assert error_of(signed_iam_request(client, body, now=clock()))[:2] == (
        400,
        "InvalidGrantException",
    )


def _iam_tokens(client: httpx.Client, clock: FakeClock, client_id: str = APP_A) -> dict[str, Any]:
    response = signed_iam_request(
        client, _jwt_body(_assertion(client, audience=client_id), client_id), now=clock()
    )
    answer: dict[str, Any] = response.json()
    return answer


def test_refresh_grant_rotates_and_downscopes(client: httpx.Client, clock: FakeClock) -> None:
    first = _iam_tokens(client, clock)
    body = {
        "clientId": APP_A,
        "grantType": "refresh_token",
        "refreshToken": first["refreshToken"],
        "scope": ["aws"],
    }
    refreshed = signed_iam_request(client, body, now=clock())
    assert refreshed.status_code == 200
    assert refreshed.json()["scope"] == ["aws"]
    assert "idToken" not in refreshed.json()  # openid was scoped away
    assert error_of(signed_iam_request(client, body, now=clock()))[1] == "InvalidGrantException"


def test_refresh_grant_cannot_widen_scope(client: httpx.Client, clock: FakeClock) -> None:
    first = _iam_tokens(client, clock)
    body = {
        "clientId": APP_A,
        "grantType": "refresh_token",
        "refreshToken": first["refreshToken"],
        "scope": ["sso:admin"],
    }
    assert error_of(signed_iam_request(client, body, now=clock()))[:2] == (
        400,
        "InvalidScopeException",
    )


def test_refresh_grant_of_another_application(client: httpx.Client, clock: FakeClock) -> None:
    first = _iam_tokens(client, clock)
    body = {"clientId": APP_B, "grantType": "refresh_token", "refreshToken": first["refreshToken"]}
    assert error_of(signed_iam_request(client, body, now=clock()))[:2] == (
        400,
        "InvalidGrantException",
    )


def _exchange(subject_token: str, client_id: str = APP_B, **extra: str) -> dict[str, Any]:
    body = {
        "clientId": client_id,
        "grantType": TOKEN_EXCHANGE,
        "subjectToken": subject_token,
        "subjectTokenType": ACCESS_TOKEN_TYPE,
    }
    body.update(extra)
    return body


@pytest.mark.parametrize(
    ("requested", "issued", "has_refresh"),
    [(ACCESS_TOKEN_TYPE, ACCESS_TOKEN_TYPE, False), (REFRESH_TOKEN_TYPE, REFRESH_TOKEN_TYPE, True)],
)
def test_token_exchange(
    client: httpx.Client, clock: FakeClock, requested: str, issued: str, has_refresh: bool
) -> None:
    subject = _iam_tokens(client, clock)["accessToken"]
    body = _exchange(subject, requestedTokenType=requested)
    response = signed_iam_request(client, body, now=clock())
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["issuedTokenType"] == issued
    assert ("refreshToken" in answer) is has_refresh
    assert _claims(answer["idToken"])["sub"] == "alice"
    assert answer["awsAdditionalDetails"]["identityContext"]


def test_token_exchange_to_the_same_application(client: httpx.Client, clock: FakeClock) -> None:
    subject = _iam_tokens(client, clock)["accessToken"]
    body = _exchange(subject, client_id=APP_A)
    assert error_of(signed_iam_request(client, body, now=clock()))[:2] == (
        400,
        "InvalidGrantException",
    )


def test_token_exchange_unknown_subject_token(client: httpx.Client, clock: FakeClock) -> None:
    body = _exchange("aoa-not-issued-here")
    assert error_of(signed_iam_request(client, body, now=clock()))[:2] == (
        400,
        "InvalidGrantException",
    )


def test_token_exchange_expired_subject_token(client: httpx.Client, clock: FakeClock) -> None:
    subject = _iam_tokens(client, clock)["accessToken"]
    advance(client, 3600)
    body = _exchange(subject)
    assert error_of(signed_iam_request(client, body, now=clock()))[:2] == (
        400,
        "InvalidGrantException",
    )


def test_token_exchange_wrong_subject_token_type(client: httpx.Client, clock: FakeClock) -> None:
    subject = _iam_tokens(client, clock)["accessToken"]
    body = _exchange(subject, subjectTokenType=REFRESH_TOKEN_TYPE)
    assert error_of(signed_iam_request(client, body, now=clock()))[:2] == (
        400,
        "InvalidRequestException",
    )


def test_iam_authorization_code_grant(client: httpx.Client, clock: FakeClock) -> None:
    code = sso_code(client, APP_A)
    body = {
        "clientId": APP_A,
        "grantType": "authorization_code",
        "code": code,
        "redirectUri": LOOPBACK_CALLBACK,
        "codeVerifier": VERIFIER,
    }
    response = signed_iam_request(client, body, now=clock())
    assert response.status_code == 200, response.text
    again = signed_iam_request(client, body, now=clock())
    assert error_of(again)[:2] == (400, "InvalidGrantException")


def test_iam_authorization_code_wrong_verifier(client: httpx.Client, clock: FakeClock) -> None:
    code = sso_code(client, APP_A)
    body = {
        "clientId": APP_A,
        "grantType": "authorization_code",
        "code": code,
        "redirectUri": LOOPBACK_CALLBACK,
        "codeVerifier": "c" * 43,
    }
    assert error_of(signed_iam_request(client, body, now=clock()))[:2] == (
        400,
        "InvalidGrantException",
    )


def _signed_headers(clock: FakeClock, body: bytes) -> dict[str, str]:
    added = sign_headers(
        "POST",
        "http://127.0.0.1:8123/token?aws_iam=t",
        [("Content-Type", "application/json"), ("Host", "127.0.0.1:8123")],
        body,
        credentials=Credentials.from_strings(
            "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
        ),
        region="us-east-1",
        service="sso-oauth",
        now=datetime.fromtimestamp(clock(), timezone.utc),
    )
    return {"Content-Type": "application/json", **dict(added)}


def test_missing_amz_date(client: httpx.Client, clock: FakeClock) -> None:
    body = json.dumps(_jwt_body("x")).encode()
    headers = _signed_headers(clock, body)
    del headers["X-Amz-Date"]
    response = client.post("/token?aws_iam=t", content=body, headers=headers)
    status, error_type, answer = error_of(response)
    assert (status, error_type) == (403, "IncompleteSignatureException")
    assert "X-Amz-Date" in answer["message"]


def test_amz_date_of_another_day_than_the_scope(client: httpx.Client, clock: FakeClock) -> None:
    body = json.dumps(_jwt_body("x")).encode()
    headers = _signed_headers(clock, body)
    headers["X-Amz-Date"] = datetime.fromtimestamp(clock() + 86400, timezone.utc).strftime(
        "%Y%m%dT%H%M%SZ"
    )
    response = client.post("/token?aws_iam=t", content=body, headers=headers)
    status, error_type, answer = error_of(response)
    assert (status, error_type) == (403, "InvalidSignatureException")
    assert answer["message"].startswith("Date in Credential scope does not match")


def test_host_must_be_signed(client: httpx.Client, clock: FakeClock) -> None:
    body = json.dumps(_jwt_body("x")).encode()
    headers = _signed_headers(clock, body)
    headers["Authorization"] = headers["Authorization"].replace(
        "content-type;host;x-amz-date", "content-type;x-amz-date"
    )
    response = client.post("/token?aws_iam=t", content=body, headers=headers)
    assert error_of(response)[:2] == (403, "IncompleteSignatureException")
