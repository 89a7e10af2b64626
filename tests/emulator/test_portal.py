"""The IAM Identity Center portal (``sso``): tokens checked, lists paged, credentials usable.

In-process through httpx for the rules and refusals (fake clock), and on a loopback socket
with boto3's ``sso`` client, its paginators and the real header spelling.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import boto3
import httpx
import pytest

from py_backend.emulator import EmulatorConfig, EmulatorServer, create_app
from py_backend.emulator.config import DEFAULT_PORTAL_ACCOUNTS, PortalAccount
from tests.emulator.support import (
    APP_A,
    FakeClock,
    advance,
    device_tokens,
    error_of,
    signed_iam_request,
)

BEARER = "x-amz-sso-bearer-token"  # how WSGI (and so httpx's WSGI transport) spells it


@pytest.fixture
def token(client: httpx.Client) -> str:
    """A live access token of the in-process emulator."""
    value: str = device_tokens(client)["accessToken"]
    return value


def _get(client: httpx.Client, path: str, token: str | None, **query: Any) -> httpx.Response:
    headers = {BEARER: token} if token is not None else {}
    return client.get(path, params=query, headers=headers)


def _portal_error(response: httpx.Response) -> tuple[int, str, str]:
    status, error_type, body = error_of(response)
    assert set(body) == {"message"}, body
    return status, error_type, body["message"]


# --- lists and paging -------------------------------------------------------------------------


def test_list_accounts_answers_the_default_accounts(client: httpx.Client, token: str) -> None:
    response = _get(client, "/assignment/accounts", token)
    assert response.status_code == 200, response.text
    body = response.json()
    assert "nextToken" not in body
    assert [a["accountId"] for a in body["accountList"]] == [
        a.account_id for a in DEFAULT_PORTAL_ACCOUNTS
    ]
    assert body["accountList"][0] == {
        "accountId": "111111111111",
        "accountName": "Development",
        "emailAddress": "dev@example.com",
    }


def _walk(client: httpx.Client, path: str, token: str, member: str, **query: Any) -> list[Any]:
    items: list[Any] = []
    pages = 0
    while True:
        response = _get(client, path, token, max_result=1, **query)
        assert response.status_code == 200, response.text
        body = response.json()
        items.extend(body[member])
        pages += 1
        if "nextToken" not in body:
            break
        query["next_token"] = body["nextToken"]
    assert pages == len(items)
    return items


def test_pages_of_one_walk_every_account_and_role(client: httpx.Client, token: str) -> None:
    accounts = _walk(client, "/assignment/accounts", token, "accountList")
    assert [a["accountId"] for a in accounts] == ["111111111111", "222222222222", "333333333333"]
    roles = _walk(client, "/assignment/roles", token, "roleList", account_id="333333333333")
    assert roles == [
        {"roleName": name, "accountId": "333333333333"}
        for name in ("AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess")
    ]


@pytest.mark.parametrize("value", ["0", "101", "ten", "-1", ""])
def test_a_bad_max_result_is_an_invalid_request(
    client: httpx.Client, token: str, value: str
) -> None:
    response = _get(client, "/assignment/accounts", token, max_result=value)
    status, error_type, message = _portal_error(response)
    assert (status, error_type) == (400, "InvalidRequestException")
    assert "max_result" in message


def test_a_next_token_must_be_one_the_listing_gave(client: httpx.Client, token: str) -> None:
    first = _get(client, "/assignment/accounts", token, max_result=1).json()
    for bad in ("not-a-token", "e30", first["nextToken"] + "x"):
        response = _get(client, "/assignment/accounts", token, next_token=bad)
        assert _portal_error(response)[:2] == (400, "InvalidRequestException"), bad
    # A token of the accounts listing is no token for a roles listing.
    response = _get(
        client,
        "/assignment/roles",
        token,
        account_id="333333333333",
        next_token=first["nextToken"],
    )
    assert _portal_error(response) == (400, "InvalidRequestException", "Invalid next token")


def test_roles_of_an_unknown_account_are_not_found(client: httpx.Client, token: str) -> None:
    response = _get(client, "/assignment/roles", token, account_id="999999999999")
    assert _portal_error(response) == (404, "ResourceNotFoundException", "Account not found")


@pytest.mark.parametrize(
    ("path", "query", "missing"),
    [
        ("/assignment/roles", {}, "account_id"),
        ("/federation/credentials", {"account_id": "111111111111"}, "role_name"),
        ("/federation/credentials", {"role_name": "ReadOnlyAccess"}, "account_id"),
        ("/federation/credentials", {"role_name": "", "account_id": "1"}, "role_name"),
    ],
)
def test_a_missing_query_member_is_named(
    client: httpx.Client, token: str, path: str, query: Mapping[str, str], missing: str
) -> None:
    status, error_type, message = _portal_error(_get(client, path, token, **query))
    assert (status, error_type, message) == (
        400,
        "InvalidRequestException",
        f"{missing} is required",
    )


# --- the bearer token -------------------------------------------------------------------------

_OPERATIONS = [
    ("GET", "/assignment/accounts", {}),
    ("GET", "/assignment/roles", {"account_id": "111111111111"}),
    (
        "GET",
        "/federation/credentials",
        {"account_id": "111111111111", "role_name": "ReadOnlyAccess"},
    ),
    ("POST", "/logout", {}),
]


def _call(client: httpx.Client, method: str, path: str, query: Any, token: str | None) -> Any:
    headers = {BEARER: token} if token is not None else {}
    return client.request(method, path, params=query, headers=headers)


@pytest.mark.parametrize(("method", "path", "query"), _OPERATIONS)
def test_unknown_and_missing_tokens_are_unauthorized(
    client: httpx.Client, token: str, method: str, path: str, query: Any
) -> None:
    for bad in (None, "", "aoa-never-issued", token + "x"):
        response = _call(client, method, path, query, bad)
        assert _portal_error(response) == (
            401,
            "UnauthorizedException",
            "Session token not found or invalid",
        ), bad


@pytest.mark.parametrize(("method", "path", "query"), _OPERATIONS)
def test_an_expired_token_is_unauthorized(
    client: httpx.Client, token: str, method: str, path: str, query: Any
) -> None:
    advance(client, 3599)
    assert _get(client, "/assignment/accounts", token).status_code == 200
    advance(client, 1)
    response = _call(client, method, path, query, token)
    assert _portal_error(response)[:2] == (401, "UnauthorizedException")


def test_logout_revokes_the_token_and_its_refresh_token(client: httpx.Client) -> None:
    tokens = device_tokens(client)
    access = tokens["accessToken"]
    other = device_tokens(client)["accessToken"]
    response = _call(client, "POST", "/logout", {}, access)
    assert (response.status_code, response.content) == (200, b"")
    for method, path, query in _OPERATIONS:
        assert _portal_error(_call(client, method, path, query, access))[:2] == (
            401,
            "UnauthorizedException",
        ), path
    # Another session is untouched.
    assert _get(client, "/assignment/accounts", other).status_code == 200
    registration = tokens["registration"]
    refresh = client.post(
        "/token",
        json={
            "clientId": registration["clientId"],
            "clientSecret": registration["clientSecret"],
            "grantType": "refresh_token",
            "refreshToken": tokens["refreshToken"],
        },
    )
    assert error_of(refresh)[:2] == (400, "InvalidGrantException")


def test_the_portal_path_is_refused_with_another_method(client: httpx.Client, token: str) -> None:
    response = client.post("/assignment/accounts", headers={BEARER: token})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"
    assert client.get("/logout", headers={BEARER: token}).headers["allow"] == "POST"


# --- role credentials -------------------------------------------------------------------------


def _credentials(client: httpx.Client, token: str, **query: str) -> dict[str, Any]:
    params = {"account_id": "111111111111", "role_name": "ReadOnlyAccess", **query}
    response = _get(client, "/federation/credentials", token, **params)
    assert response.status_code == 200, response.text
    credentials: dict[str, Any] = response.json()["roleCredentials"]
    return credentials


def test_role_credentials_expire_in_milliseconds_an_hour_later(
    client: httpx.Client, token: str, clock: FakeClock
) -> None:
    credentials = _credentials(client, token)
    assert set(credentials) == {"accessKeyId", "secretAccessKey", "sessionToken", "expiration"}
    assert credentials["accessKeyId"].startswith("ASIA")
    assert len(credentials["accessKeyId"]) == 20
    assert credentials["expiration"] == int((clock() + 3600) * 1000)
    assert _credentials(client, token)["accessKeyId"] != credentials["accessKeyId"]


def test_a_role_the_user_lacks_is_forbidden(client: httpx.Client, token: str) -> None:
    response = _get(
        client,
        "/federation/credentials",
        token,
        account_id="222222222222",
        role_name="AdministratorAccess",
    )
    assert _portal_error(response) == (403, "ForbiddenException", "No access")
    response = _get(
        client, "/federation/credentials", token, account_id="999", role_name="ReadOnlyAccess"
    )
    assert _portal_error(response)[:2] == (404, "ResourceNotFoundException")


def _jwt_body(client: httpx.Client) -> dict[str, Any]:
    answer = client.post(
        "/__emulator/jwt-bearer/assertion", json={"audience": APP_A, "subject": "alice"}
    )
    return {"clientId": APP_A, "grantType": "urn:ietf:params:oauth:grant-type:jwt-bearer",
            "assertion": answer.json()["assertion"]}  # fmt: skip


def test_role_credentials_sign_create_token_with_iam(
    client: httpx.Client, token: str, clock: FakeClock
) -> None:
    credentials = _credentials(client, token)
    response = signed_iam_request(
        client,
        _jwt_body(client),
        now=clock(),
        access_key=credentials["accessKeyId"],
        secret_key=credentials["secretAccessKey"],
        session_token=credentials["sessionToken"],
    )
    assert response.status_code == 200, response.text
    assert response.json()["accessToken"]


def test_role_credentials_need_their_own_secret_and_session_token(
    client: httpx.Client, token: str, clock: FakeClock
) -> None:
    credentials = _credentials(client, token)
    wrong_secret = signed_iam_request(
        client,
        _jwt_body(client),
        now=clock(),
        access_key=credentials["accessKeyId"],
        secret_key="x" * 40,
        session_token=credentials["sessionToken"],
    )
    assert error_of(wrong_secret)[:2] == (403, "InvalidSignatureException")
    no_session = signed_iam_request(
        client,
        _jwt_body(client),
        now=clock(),
        access_key=credentials["accessKeyId"],
        secret_key=credentials["secretAccessKey"],
    )
    assert error_of(no_session)[:2] == (403, "UnrecognizedClientException")


def test_expired_role_credentials_are_refused(
    client: httpx.Client, token: str, clock: FakeClock
) -> None:
    credentials = _credentials(client, token)
    advance(client, 3600)
    response = signed_iam_request(
        client,
        _jwt_body(client),
        now=clock(),
        access_key=credentials["accessKeyId"],
        secret_key=credentials["secretAccessKey"],
        session_token=credentials["sessionToken"],
    )
    status, error_type, body = error_of(response)
    assert (status, error_type) == (403, "ExpiredTokenException")
    assert body == {"message": "The security token included in the request is expired"}


def test_role_credentials_outlive_logout(
    client: httpx.Client, token: str, clock: FakeClock
) -> None:
    credentials = _credentials(client, token)
    assert _call(client, "POST", "/logout", {}, token).status_code == 200
    response = signed_iam_request(
        client,
        _jwt_body(client),
        now=clock(),
        access_key=credentials["accessKeyId"],
        secret_key=credentials["secretAccessKey"],
        session_token=credentials["sessionToken"],
    )
    assert response.status_code == 200, response.text


# --- configuration and the control API --------------------------------------------------------


def test_configured_accounts_replace_the_defaults(clock: FakeClock) -> None:
    config = EmulatorConfig(
        clock=clock,
        portal_accounts=(PortalAccount("123456789012", "Only", "o@example.com", ("R",)),),
    )
    with httpx.Client(
        transport=httpx.WSGITransport(app=create_app(config)), base_url="http://127.0.0.1:8123"
    ) as http:
        token = device_tokens(http)["accessToken"]
        body = _get(http, "/assignment/accounts", token).json()
    assert body == {
        "accountList": [
            {"accountId": "123456789012", "accountName": "Only", "emailAddress": "o@example.com"}
        ]
    }


@pytest.mark.parametrize("bad", [{"portal_page_size": 0}, {"portal_page_size": 101},
                                 {"role_credentials_lifetime": 0}])  # fmt: skip
def test_bad_portal_settings_are_refused(bad: dict[str, int]) -> None:
    with pytest.raises(ValueError, match=next(iter(bad))):
        EmulatorConfig(**bad)  # type: ignore[arg-type]


def test_the_control_api_replaces_accounts_until_reset(client: httpx.Client, token: str) -> None:
    accounts = [
        {"accountId": "444444444444", "accountName": "Data", "emailAddress": "d@example.com",
         "roles": ["Analyst"]},
        {"accountId": "555555555555", "roles": []},
    ]  # fmt: skip
    answer = client.post("/__emulator/portal/accounts", json={"accounts": accounts})
    assert answer.status_code == 200, answer.text
    assert answer.json()["accounts"][1] == {
        "accountId": "555555555555",
        "accountName": "",
        "emailAddress": "",
        "roles": [],
    }
    assert client.get("/__emulator/portal/accounts").json() == answer.json()
    listed = _get(client, "/assignment/accounts", token).json()["accountList"]
    assert [a["accountId"] for a in listed] == ["444444444444", "555555555555"]
    roles = _get(client, "/assignment/roles", token, account_id="555555555555").json()
    assert roles == {"roleList": []}
    assert _credentials(client, token, account_id="444444444444", role_name="Analyst")
    client.post("/__emulator/reset").raise_for_status()
    defaults = client.get("/__emulator/portal/accounts").json()["accounts"]
    assert [a["accountId"] for a in defaults] == [a.account_id for a in DEFAULT_PORTAL_ACCOUNTS]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({}, "accounts must be a list"),
        ({"accounts": "x"}, "accounts must be a list"),
        ({"accounts": [1]}, "accounts[0] must be an object"),
        ({"accounts": [{"roles": []}]}, "accounts[0].accountId is required"),
        ({"accounts": [{"accountId": 5}]}, "accounts[0].accountId must be a string"),
        ({"accounts": [{"accountId": "1", "roles": "R"}]}, "accounts[0].roles must be a list"),
        ({"accounts": [{"accountId": "1", "roles": ["R", "R"]}]}, "distinct"),
        ({"accounts": [{"accountId": "1"}, {"accountId": "1"}]}, "distinct accountId"),
    ],
)
def test_the_control_api_refuses_bad_accounts(
    client: httpx.Client, body: dict[str, Any], problem: str
) -> None:
    before = client.get("/__emulator/portal/accounts").json()
    response = client.post("/__emulator/portal/accounts", json=body)
    assert response.status_code == 400
    assert problem in response.json()["message"]
    assert client.get("/__emulator/portal/accounts").json() == before


@pytest.mark.parametrize(
    ("status", "shape"),
    [
        (429, "TooManyRequestsException"),
        (401, "UnauthorizedException"),
        (404, "ResourceNotFoundException"),
        (400, "InvalidRequestException"),
    ],
)
def test_injected_portal_faults_have_the_portal_shape(
    client: httpx.Client, token: str, status: int, shape: str
) -> None:
    fault = {"path": "/assignment/accounts", "status": status}
    client.post("/__emulator/faults", json=fault).raise_for_status()
    response = _get(client, "/assignment/accounts", token)
    assert _portal_error(response) == (status, shape, f"Injected fault: {shape}")
    assert _get(client, "/assignment/accounts", token).status_code == 200
    stats = client.get("/__emulator/stats").json()
    assert stats["operations"]["ListAccounts"] == 2


# --- on a socket, with boto3 ------------------------------------------------------------------


@pytest.fixture
def live_token(control: httpx.Client) -> str:
    """A live access token of the loopback server."""
    value: str = device_tokens(control)["accessToken"]
    return value


def _sso(live: EmulatorServer) -> Any:
    session = boto3.session.Session(region_name="us-east-1")
    return session.client("sso", endpoint_url=live.base_url)


def test_boto3_pages_through_accounts_and_roles(live: EmulatorServer, live_token: str) -> None:
    sso = _sso(live)
    pages = list(
        sso.get_paginator("list_accounts").paginate(
            accessToken=live_token, PaginationConfig={"PageSize": 2}
        )
    )
    assert [len(page["accountList"]) for page in pages] == [2, 1]
    roles = (
        sso.get_paginator("list_account_roles")
        .paginate(
            accessToken=live_token, accountId="333333333333", PaginationConfig={"PageSize": 1}
        )
        .build_full_result()
    )
    assert [r["roleName"] for r in roles["roleList"]] == [
        "AdministratorAccess",
        "PowerUserAccess",
        "ReadOnlyAccess",
    ]


def test_boto3_gets_credentials_and_logs_out(live: EmulatorServer, live_token: str) -> None:
    sso = _sso(live)
    credentials = sso.get_role_credentials(
        accessToken=live_token, accountId="111111111111", roleName="AdministratorAccess"
    )["roleCredentials"]
    assert credentials["accessKeyId"].startswith("ASIA")
    sso.logout(accessToken=live_token)
    with pytest.raises(sso.exceptions.UnauthorizedException):
        sso.list_accounts(accessToken=live_token)
    with pytest.raises(sso.exceptions.ResourceNotFoundException):
        sso.list_account_roles(accessToken=_device_tokens_live(live), accountId="0")


def _device_tokens_live(live: EmulatorServer) -> str:
    with httpx.Client(base_url=live.base_url) as http:
        value: str = device_tokens(http)["accessToken"]
        return value


def test_the_socket_reads_only_the_underscore_header(live: EmulatorServer, live_token: str) -> None:
    """waitress drops underscore headers; the emulator keeps the portal's, not a dashed one."""
    url = f"{live.base_url}/assignment/accounts"
    dashed = httpx.get(url, headers={"x-amz-sso-bearer-token": live_token})
    assert _portal_error(dashed)[:2] == (401, "UnauthorizedException")
    underscore = httpx.get(url, headers={"X-Amz-Sso_Bearer_Token": live_token})
    assert underscore.status_code == 200, underscore.text
