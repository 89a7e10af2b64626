"""The emulator's Sign-In token service and sessions (issue 20), through the real clients.

py_backend's signin client talks to the in-process emulator (its clock starts at the real
time, so SigV4 dates are current; the control API moves it on). Each rule has a test that
shows it refusing: unknown keys, wrong grant and subject token types, inactive tokens, the
refresh refused after revocation, sessions of the login listed and revoked.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import ec

import py_backend
from py_backend.emulator import EmulatorApp, EmulatorConfig, create_app
from tests.emulator.support import (
    ACCESS_KEY,
    BASE_URL,
    SAME_DEVICE,
    SECRET_KEY,
    FakeClock,
    advance,
    code_body,
    error_of,
    signed_iam_request,
    signin_code,
)
from tests.support.peers import CLEAN_ENVIRON

EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange"
JWT_TYPE = "urn:ietf:params:oauth:token-type:jwt"


@pytest.fixture
def emu() -> EmulatorApp:
    clock = FakeClock(now=time.time())
    return create_app(EmulatorConfig(clock=clock, sleep=clock.sleep))


@pytest.fixture
def http(emu: EmulatorApp) -> Iterator[httpx.Client]:
    with httpx.Client(transport=httpx.WSGITransport(app=emu), base_url=BASE_URL) as client:
        yield client


def signin(emu: EmulatorApp, **keys: Any) -> Any:
    """A py_backend signin client of the in-process emulator (static keys by default)."""
    credentials = {"aws_access_key_id": ACCESS_KEY, "aws_secret_access_key": SECRET_KEY}
    credentials.update(keys)
    session = py_backend.Session(region_name="us-east-1", environ=CLEAN_ENVIRON, **credentials)
    return session.client(
        "signin", endpoint_url=BASE_URL, http_transport=httpx.WSGITransport(app=emu)
    )


class Login:
    """An ``aws login`` done against the emulator: its key, tokens and credentials."""

    def __init__(self, emu: EmulatorApp, http: httpx.Client) -> None:
        self.emu = emu
        self.key = ec.generate_private_key(ec.SECP256R1())
        answer = signin(emu).create_oauth2_token(
            tokenInput=code_body(signin_code(http)), dpop_key=self.key
        )
        self.output = answer.token_output
        self.refresh_token = self.output.refresh_token.get_secret_value()
        self.id_token = self.output.id_token.get_secret_value()

    def client(self) -> Any:
        """A signin client signing with the login's own credentials."""
        creds = self.output.access_token
        return signin(
            self.emu,
            aws_access_key_id=creds.access_key_id,
            aws_secret_access_key=creds.secret_access_key.get_secret_value(),
            aws_session_token=creds.session_token.get_secret_value(),
        )

    def refresh(self) -> Any:
        return signin(self.emu).create_oauth2_token(
            tokenInput={
                "clientId": SAME_DEVICE,
                "grantType": "refresh_token",
                "refreshToken": self.refresh_token,
            },
            dpop_key=self.key,
        )


def error(exc: pytest.ExceptionInfo[py_backend.ServiceError]) -> tuple[str, str]:
    return exc.value.error_code, str(exc.value.response.get("error", ""))


# --- sessions ---------------------------------------------------------------------------------


def test_a_login_session_is_listed_with_its_client_type(
    emu: EmulatorApp, http: httpx.Client
) -> None:
    login = Login(emu, http)
    items = signin(emu).list_sessions().items_
    assert items is not None and len(items) == 1
    (session,) = items
    assert (session.client_type, session.client_id, session.status) == (
        "CLI",
        SAME_DEVICE,
        "ACTIVE",
    )
    assert session.session_arn.startswith("arn:aws:signin:us-east-1:123456789012:session/")
    details = login.client().get_session(sessionArn=session.session_arn)
    assert details.issued_in_region == "us-east-1"
    assert details.expires_at - details.issued_at == 12 * 3600


def test_sessions_page_through_the_paginator(emu: EmulatorApp, http: httpx.Client) -> None:
    for _ in range(3):
        Login(emu, http)
    client = signin(emu)
    pages = list(client.get_paginator("list_sessions").paginate(maxResults=2))
    assert [len(page.items_) for page in pages] == [2, 1]
    assert len({s.session_arn for p in pages for s in p.items_}) == 3


def test_list_filters_and_a_bad_next_token(emu: EmulatorApp, http: httpx.Client) -> None:
    Login(emu, http)
    client = signin(emu)
    assert client.list_sessions(status="REVOKED").items_ == []
    assert client.list_sessions(clientId="other").items_ == []
    with pytest.raises(py_backend.ServiceError) as refused:
        client.list_sessions(nextToken="bm90LWEtdG9rZW4=")
    assert refused.value.error_code == "ValidationException"


def list_sessions_raw(emu: EmulatorApp, http: httpx.Client, body: dict[str, Any]) -> Any:
    """ListSessions with a body the typed clients would not send (they check types first)."""
    response = signed_iam_request(
        http, body, now=emu.state.now(), service="signin", path="/list-sessions"
    )
    return error_of(response) if response.status_code != 200 else response.json()


@pytest.mark.parametrize("size", [True, False, 0, 101, "5", 2.0])
def test_max_results_must_be_an_integer_from_1_to_100(
    emu: EmulatorApp, http: httpx.Client, size: Any
) -> None:
    """JSON ``true`` is not a page size of 1 (bool is an int subclass in Python)."""
    Login(emu, http)
    status, shape, body = list_sessions_raw(emu, http, {"maxResults": size})
    assert (status, shape) == (400, "ValidationException")
    assert "maxResults" in body["message"]


def test_a_non_string_principal_arn_filter_is_refused(emu: EmulatorApp, http: httpx.Client) -> None:
    """ListSessions reads ``principalArn`` as GetSession and BatchRevokeSessions do."""
    Login(emu, http)
    assert len(list_sessions_raw(emu, http, {"maxResults": 1})["items"]) == 1
    status, shape, body = list_sessions_raw(emu, http, {"principalArn": 5})
    assert (status, shape) == (400, "ValidationException")
    assert "principalArn" in body["message"]


def test_a_next_token_of_a_page_leads_to_the_rest_only(
    emu: EmulatorApp, http: httpx.Client
) -> None:
    for _ in range(3):
        Login(emu, http)
    first = list_sessions_raw(emu, http, {"maxResults": 2})
    rest = list_sessions_raw(emu, http, {"maxResults": 2, "nextToken": first["nextToken"]})
    assert len(first["items"]) == 2 and len(rest["items"]) == 1 and "nextToken" not in rest
    arns = {s["sessionArn"] for s in first["items"] + rest["items"]}
    assert len(arns) == 3


def test_an_unknown_session_is_not_found(emu: EmulatorApp) -> None:
    arn = "arn:aws:signin:us-east-1:123456789012:session/00000000-0000-0000-0000-000000000000"
    with pytest.raises(py_backend.ServiceError) as missing:
        signin(emu).get_session(sessionArn=arn)
    assert error(missing) == ("ResourceNotFoundException", "RESOURCE_NOT_FOUND")
    assert missing.value.http_status == 404


def test_batch_revocation_ends_the_refresh_chain(emu: EmulatorApp, http: httpx.Client) -> None:
    login = Login(emu, http)
    client = signin(emu)
    (session,) = client.list_sessions().items_
    unknown = session.session_arn[:-4] + "ffff"
    answer = client.batch_revoke_sessions(sessionArns=[session.session_arn, unknown])
    assert [r.session_arn for r in answer.revoked_sessions] == [session.session_arn]
    assert [(e.session_arn, e.code) for e in answer.errors] == [(unknown, "RESOURCE_NOT_FOUND")]
    assert client.list_sessions(status="REVOKED").items_[0].session_arn == session.session_arn
    with pytest.raises(py_backend.ServiceError) as refused:
        login.refresh()
    assert error(refused) == ("AccessDeniedException", "TOKEN_EXPIRED")


# --- revocation and introspection -------------------------------------------------------------


def test_revocation_kills_the_chain_and_the_next_refresh(
    emu: EmulatorApp, http: httpx.Client
) -> None:
    login = Login(emu, http)
    first = login.refresh()  # the chain: a second refresh token from the first
    chained = first.token_output.refresh_token.get_secret_value()
    client = login.client()
    assert client.introspect_oauth2_token_with_iam(token=chained).active is True
    client.revoke_oauth2_token_with_iam(token=login.refresh_token)
    for token in (login.refresh_token, chained):
        assert client.introspect_oauth2_token_with_iam(token=token).to_dict() == {"active": False}
    with pytest.raises(py_backend.ServiceError) as refused:
        login.refresh()
    assert error(refused) == ("AccessDeniedException", "TOKEN_EXPIRED")
    assert refused.value.http_status == 401
    (session,) = signin(emu).list_sessions().items_
    assert session.status == "REVOKED"


def test_revocation_takes_refresh_tokens_only(emu: EmulatorApp) -> None:
    client = signin(emu)
    access = client.create_oauth2_token_with_iam(grantType="client_credentials", resource="r")
    with pytest.raises(py_backend.ServiceError) as refused:
        client.revoke_oauth2_token_with_iam(token=access.access_token.get_secret_value())
    assert refused.value.error_code == "ValidationException"
    # RFC 7009 §2.2: an unknown refresh token is not an error.
    assert client.revoke_oauth2_token_with_iam(token="ASORunknown").to_dict() == {}


def test_introspection_of_an_active_refresh_token(emu: EmulatorApp, http: httpx.Client) -> None:
    login = Login(emu, http)
    answer = signin(emu).introspect_oauth2_token_with_iam(token=login.refresh_token)
    (session,) = signin(emu).list_sessions().items_
    assert answer.active is True
    assert answer.token_type == "refresh_token"
    assert answer.signin_session == session.session_arn
    assert answer.client_id == SAME_DEVICE
    assert answer.account_id == "123456789012"
    assert answer.iss == "signin.amazonaws.com"
    assert answer.exp == session.expires_at


def test_introspection_says_inactive_for_unknown_and_expired_tokens(
    emu: EmulatorApp, http: httpx.Client
) -> None:
    login = Login(emu, http)
    client = signin(emu)
    access = client.create_oauth2_token_with_iam(
        grantType="client_credentials", resource="aws-mcp.amazonaws.com"
    )
    token = access.access_token.get_secret_value()
    live = client.introspect_oauth2_token_with_iam(token=token, tokenTypeHint="access_token")
    assert (live.active, live.aud, live.token_type) == (
        True,
        "aws-mcp.amazonaws.com",
        "access_token",
    )
    assert client.introspect_oauth2_token_with_iam(token="ASORnope").to_dict() == {"active": False}
    advance(http, 3601)
    assert client.introspect_oauth2_token_with_iam(token=token).to_dict() == {"active": False}
    advance(http, 12 * 3600)
    answer = client.introspect_oauth2_token_with_iam(token=login.refresh_token)
    assert answer.to_dict() == {"active": False}


# --- tokens for resources ---------------------------------------------------------------------


def test_with_iam_needs_a_key_the_emulator_knows(emu: EmulatorApp, http: httpx.Client) -> None:
    stranger = signin(emu, aws_access_key_id="AKIDUNKNOWN", aws_secret_access_key="x" * 40)
    with pytest.raises(py_backend.ServiceError) as refused:
        stranger.create_oauth2_token_with_iam(grantType="client_credentials", resource="r")
    assert refused.value.error_code == "UnrecognizedClientException"
    wrong_secret = signin(emu, aws_secret_access_key="y" * 40)
    with pytest.raises(py_backend.ServiceError) as refused:
        wrong_secret.create_bearer_token(grantType="client_credentials", resource="r")
    assert refused.value.error_code == "InvalidSignatureException"
    # Credentials the emulator minted (an aws login) sign as well as configured keys.
    minted = Login(emu, http).client()
    answer = minted.create_oauth2_token_with_iam(grantType="client_credentials", resource="r")
    assert answer.token_type == "Bearer" and answer.expires_in == 3600


def test_unsigned_with_iam_is_refused(emu: EmulatorApp) -> None:
    response = httpx.Client(transport=httpx.WSGITransport(app=emu), base_url=BASE_URL).post(
        "/v1/token?x-amz-client-auth-method=iam",
        json={"grant_type": "client_credentials", "resource": "r"},
    )
    assert response.status_code == 403
    assert response.headers["x-amzn-errortype"].startswith("MissingAuthenticationToken")


@pytest.mark.parametrize("resource", [None, ""])
def test_with_iam_needs_a_resource(emu: EmulatorApp, http: httpx.Client, resource: Any) -> None:
    """A missing or empty resource is the ValidationException every required member gets."""
    body = {"grant_type": "client_credentials", "resource": resource}
    path = "/v1/token?x-amz-client-auth-method=iam"
    response = signed_iam_request(http, body, now=emu.state.now(), service="signin", path=path)
    status, shape, answer = error_of(response)
    assert (status, shape, answer["error"]) == (400, "ValidationException", "INVALID_REQUEST")
    assert answer["message"] == "resource is required"


def test_with_iam_takes_client_credentials_only(emu: EmulatorApp) -> None:
    with pytest.raises(py_backend.ServiceError) as refused:
        signin(emu).create_oauth2_token_with_iam(grantType="authorization_code", resource="r")
    assert error(refused) == ("ValidationException", "unsupported_grant_type")


def test_bearer_tokens_last_twelve_hours_by_default(emu: EmulatorApp) -> None:
    client = signin(emu)
    default = client.create_bearer_token(grantType="client_credentials", resource="ecr")
    assert default.expires_in == 43200
    short = client.create_bearer_token(
        grantType="client_credentials", resource="ecr", durationSeconds=900
    )
    assert short.expires_in == 900
    with pytest.raises(py_backend.ServiceError) as refused:
        client.create_bearer_token(
            grantType="client_credentials", resource="ecr", durationSeconds=43201
        )
    assert refused.value.error_code == "ValidationException"


def test_token_exchange_checks_the_subject_token_type(emu: EmulatorApp, http: httpx.Client) -> None:
    login = Login(emu, http)
    unsigned = signin(emu, aws_access_key_id="AKIDUNKNOWN", aws_secret_access_key="x" * 40)
    answer = unsigned.create_o_auth2_token_with_token_exchange(
        grantType=EXCHANGE,
        subjectToken=login.id_token,
        subjectTokenType=JWT_TYPE,
        resource="glue.amazonaws.com",
    )
    assert answer.issued_token_type == "urn:ietf:params:oauth:token-type:access_token"
    assert 1 <= answer.expires_in <= 3600
    with pytest.raises(py_backend.ServiceError) as refused:
        unsigned.create_o_auth2_token_with_token_exchange(
            grantType=EXCHANGE,
            subjectToken=login.id_token,
            subjectTokenType="urn:ietf:params:oauth:token-type:access_token",
            resource="glue.amazonaws.com",
        )
    assert refused.value.error_code == "ValidationException"
    with pytest.raises(py_backend.ServiceError) as refused:
        unsigned.create_o_auth2_token_with_token_exchange(
            grantType=EXCHANGE,
            subjectToken="eyJhbGciOiJFUzI1NiJ9.e30.c2ln",
            subjectTokenType=JWT_TYPE,
            resource="glue.amazonaws.com",
        )
    assert error(refused) == ("InvalidGrantException", "invalid_grant")
