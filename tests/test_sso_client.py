"""The portal client (``session.client("sso")``) beside boto3's, against the emulator.

Wire bytes are compared in ``test_wire_vs_boto3``; here the two clients talk to one emulator
and must agree on results, paginator pages, resume tokens and errors. No AWS credentials are
configured anywhere: the bearer token is all the portal needs.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import httpx
import pytest

import py_backend
from py_backend.emulator import EmulatorConfig, EmulatorServer
from py_backend.errors import ParamValidationError
from tests.support.peers import CLEAN_ENVIRON

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"


@pytest.fixture(scope="module")
def server() -> Iterator[EmulatorServer]:
    with EmulatorServer(config=EmulatorConfig(auto_approve=True), shutdown_timeout=1.0) as live:
        yield live


@pytest.fixture
def token(server: EmulatorServer) -> str:
    """A fresh access token from a device login (auto-approved)."""
    with httpx.Client(base_url=server.base_url) as http:
        registration = http.post(
            "/client/register", json={"clientName": "t", "clientType": "public"}
        ).json()
        secrets = {
            "clientId": registration["clientId"],
            "clientSecret": registration["clientSecret"],
        }
        device = http.post(
            "/device_authorization", json={**secrets, "startUrl": "https://x.awsapps.com/start"}
        ).json()
        answer = http.post(
            "/token",
            json={**secrets, "grantType": DEVICE_GRANT, "deviceCode": device["deviceCode"]},
        )
    value: str = answer.json()["accessToken"]
    return value


@pytest.fixture(autouse=True)
def _no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in CLEAN_ENVIRON.items():
        monkeypatch.setenv(name, value)
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)


_OPEN: list[Any] = []


@pytest.fixture(autouse=True)
def _close_clients() -> Iterator[None]:
    yield
    while _OPEN:
        _OPEN.pop().close()


def ours(server: EmulatorServer) -> Any:
    session = py_backend.Session(region_name="us-east-1", environ=dict(CLEAN_ENVIRON))
    client = session.client("sso", endpoint_url=server.base_url)
    _OPEN.append(client)
    return client


def theirs(server: EmulatorServer) -> Any:
    client = boto3.session.Session(region_name="us-east-1").client(
        "sso", endpoint_url=server.base_url
    )
    _OPEN.append(client)
    return client


def test_results_equal_boto3s(server: EmulatorServer, token: str) -> None:
    mine, boto = ours(server), theirs(server)
    for method, params in (
        ("list_accounts", {"accessToken": token}),
        ("list_accounts", {"accessToken": token, "maxResults": 2}),
        ("list_account_roles", {"accessToken": token, "accountId": "333333333333"}),
    ):
        answer = getattr(mine, method)(**params)
        expected = getattr(boto, method)(**params)
        expected.pop("ResponseMetadata")
        assert answer.to_dict() == expected, method
    credentials = mine.get_role_credentials(
        accessToken=token, accountId="111111111111", roleName="ReadOnlyAccess"
    )
    shape = boto.get_role_credentials(
        accessToken=token, accountId="111111111111", roleName="ReadOnlyAccess"
    )
    assert set(credentials.to_dict()["roleCredentials"]) == set(shape["roleCredentials"])
    assert credentials.role_credentials.access_key_id.startswith("ASIA")


def test_secrets_stay_out_of_reprs(server: EmulatorServer, token: str) -> None:
    answer = ours(server).get_role_credentials(
        accessToken=token, accountId="111111111111", roleName="ReadOnlyAccess"
    )
    secret = answer.role_credentials.secret_access_key.get_secret_value()
    session = answer.role_credentials.session_token.get_secret_value()
    shown = repr(answer) + str(answer)
    assert secret not in shown and session not in shown
    request = py_backend.models.sso.ListAccountsRequest.build({"accessToken": token})
    assert token not in repr(request) + str(request)


@pytest.mark.parametrize(
    "config",
    [
        {},
        {"PageSize": 1},
        {"PageSize": 2, "MaxItems": 1},
        {"PageSize": 2, "MaxItems": 2},
        {"PageSize": 2, "MaxItems": 3},
        {"MaxItems": 2},
        {"MaxItems": 0},
    ],
)
def test_paginators_match_boto3(server: EmulatorServer, token: str, config: dict[str, Any]) -> None:
    mine = ours(server).get_paginator("list_account_roles")
    boto = theirs(server).get_paginator("list_account_roles")
    params = {"accessToken": token, "accountId": "333333333333", "PaginationConfig": config}
    our_pages = mine.paginate(**params)
    their_pages = boto.paginate(**params)
    got = [page.to_dict() for page in our_pages]
    expected = [{k: v for k, v in page.items() if k != "ResponseMetadata"} for page in their_pages]
    assert got == expected
    assert our_pages.resume_token == their_pages.resume_token
    assert (
        mine.paginate(**params).build_full_result() == boto.paginate(**params).build_full_result()
    )
    resume = their_pages.resume_token
    if resume:
        rest = {"PageSize": 1, "StartingToken": resume}
        assert mine.paginate(**{**params, "PaginationConfig": rest}).build_full_result() == (
            boto.paginate(**{**params, "PaginationConfig": rest}).build_full_result()
        )


def test_paginator_questions(server: EmulatorServer, token: str) -> None:
    client = ours(server)
    assert client.can_paginate("list_accounts") and client.can_paginate("list_account_roles")
    assert not client.can_paginate("get_role_credentials")
    with pytest.raises(ParamValidationError, match="operation_name"):
        client.get_paginator("logout")
    with pytest.raises(ParamValidationError, match="PaginationConfig"):
        client.get_paginator("list_accounts").paginate(accessToken=token, PaginationConfig={"X": 1})
    with pytest.raises(ParamValidationError, match="maxResults"):
        list(client.get_paginator("list_accounts").paginate(
            accessToken=token, PaginationConfig={"PageSize": 0}
        ))  # fmt: skip
    with pytest.raises(ParamValidationError, match="MaxItems"):
        client.get_paginator("list_accounts").paginate(
            accessToken=token, PaginationConfig={"MaxItems": "2"}
        )


def test_errors_are_the_modeled_classes(server: EmulatorServer, token: str) -> None:
    client = ours(server)
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.list_account_roles(accessToken=token, accountId="000000000000")
    with pytest.raises(client.exceptions.ClientError) as forbidden:
        client.get_role_credentials(accessToken=token, accountId="222222222222", roleName="X")
    assert forbidden.value.error_code == "ForbiddenException"
    assert type(forbidden.value) is client.exceptions.ClientError
    with pytest.raises(ParamValidationError, match="maxResults"):
        client.list_accounts(accessToken=token, maxResults=0)
    with pytest.raises(ParamValidationError, match="accessToken"):
        client.list_accounts()
    client.logout(accessToken=token)
    with pytest.raises(client.exceptions.UnauthorizedException) as gone:
        client.list_accounts(accessToken=token)
    assert token not in str(gone.value)
