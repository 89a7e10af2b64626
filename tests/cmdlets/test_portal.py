"""The AWS.Tools.SSO cmdlets against the in-process emulator: auto-iteration, -Select, output.

The rules are the generated sources' (docs/portal.md section 5): the list cmdlets call again
with each NextToken unless -NoAutoIteration is present or -NextToken is bound, writing each
page's selection (a ^Parameter selection once, after the last page); Close-SSOSession writes
nothing unless -Select is given.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from py_backend.cmdlets import CmdletError, ShellContext
from py_backend.cmdlets.outputs import TYPE_KEY
from tests.cmdlets.support import BASE_URL, DEVICE_GRANT, START_URL, Recorder

SSO = "Amazon.SSO.Model"


def _login(run: Any, control: httpx.Client) -> str:
    """An access token from a device login, approved through the control API."""
    (client,) = run(
        "Register-SSOOIDCClient",
        ClientName="portal",
        ClientType="public",
        Scope=["sso:account:access"],
    )
    secrets = {"ClientId": client["ClientId"], "ClientSecret": client["ClientSecret"]}
    (device,) = run("Start-SSOOIDCDeviceAuthorization", **secrets, StartUrl=START_URL)
    control.post("/__emulator/device/approve", json={"userCode": device["UserCode"]})
    (answer,) = run(
        "New-SSOOIDCToken", **secrets, GrantType=DEVICE_GRANT, DeviceCode=device["DeviceCode"]
    )
    value: str = answer["AccessToken"]
    return value


@pytest.fixture
def token(run: Any, control: httpx.Client) -> str:
    """A live access token."""
    return _login(run, control)


def _calls(control: httpx.Client, operation: str) -> int:
    count: int = control.get("/__emulator/stats").json()["operations"].get(operation, 0)
    return count


def test_accounts_of_every_page_are_written_one_object_each(
    run: Any, token: str, control: httpx.Client
) -> None:
    before = _calls(control, "ListAccounts")
    accounts = run("Get-SSOAccountList", AccessToken=token, MaxResult=1)
    assert [a["AccountId"] for a in accounts] == ["111111111111", "222222222222", "333333333333"]
    assert accounts[0] == {
        TYPE_KEY: f"{SSO}.AccountInfo",
        "AccountId": "111111111111",
        "AccountName": "Development",
        "EmailAddress": "dev@example.com",
    }
    assert _calls(control, "ListAccounts") == before + 3


def test_no_auto_iteration_makes_one_call(run: Any, token: str, control: httpx.Client) -> None:
    before = _calls(control, "ListAccounts")
    (page,) = run(
        "Get-SSOAccountList", AccessToken=token, MaxResults=2, NoAutoIteration=True, Select="*"
    )
    assert page[TYPE_KEY] == f"{SSO}.ListAccountsResponse"
    assert [a["AccountId"] for a in page["AccountList"]] == ["111111111111", "222222222222"]
    assert page["NextToken"]
    rest = run("Get-SSOAccountList", AccessToken=token, NextToken=page["NextToken"])
    assert [a["AccountId"] for a in rest] == ["333333333333"]
    assert _calls(control, "ListAccounts") == before + 2


def test_a_bound_next_token_alone_stops_the_iteration(
    run: Any, token: str, control: httpx.Client
) -> None:
    (first,) = run("Get-SSOAccountList", AccessToken=token, MaxResult=1, NoAutoIteration=True,
                   Select="NextToken")  # fmt: skip
    before = _calls(control, "ListAccounts")
    (second,) = run("Get-SSOAccountList", AccessToken=token, MaxResult=1, NextToken=first)
    assert second["AccountId"] == "222222222222"
    assert _calls(control, "ListAccounts") == before + 1


def test_select_star_writes_every_page_and_a_parameter_once(run: Any, token: str) -> None:
    pages = run("Get-SSOAccountRoleList", AccessToken=token, AccountId="333333333333",
                MaxResult=2, Select="*")  # fmt: skip
    assert [len(p["RoleList"]) for p in pages] == [2, 1]
    assert pages[0]["NextToken"] and pages[1]["NextToken"] is None
    assert pages[0]["RoleList"][0] == {
        TYPE_KEY: f"{SSO}.RoleInfo",
        "AccountId": "333333333333",
        "RoleName": "AdministratorAccess",
    }
    written = run("Get-SSOAccountRoleList", AccessToken=token, AccountId="333333333333",
                  MaxResult=1, Select="^AccountId")  # fmt: skip
    assert written == ["333333333333"]


def test_role_credentials_default_to_the_credentials_object(run: Any, token: str) -> None:
    (credentials,) = run(
        "Get-SSORoleCredential",
        AccessToken=token,
        AccountId="111111111111",
        RoleName="ReadOnlyAccess",
    )
    assert credentials[TYPE_KEY] == f"{SSO}.RoleCredentials"
    assert list(credentials)[1:] == ["AccessKeyId", "Expiration", "SecretAccessKey", "SessionToken"]
    assert credentials["AccessKeyId"].startswith("ASIA")
    assert isinstance(credentials["Expiration"], int)
    (whole,) = run("Get-SSORoleCredential", AccessToken=token, AccountId="111111111111",
                   RoleName="ReadOnlyAccess", Select="*")  # fmt: skip
    assert whole[TYPE_KEY] == f"{SSO}.GetRoleCredentialsResponse"
    assert whole["RoleCredentials"][TYPE_KEY] == f"{SSO}.RoleCredentials"


def test_close_session_writes_nothing_unless_selected(run: Any, control: httpx.Client) -> None:
    first = _login(run, control)
    assert run("Close-SSOSession", AccessToken=first) == []
    second = _login(run, control)
    (response,) = run("Close-SSOSession", AccessToken=second, Select="*")
    assert response[TYPE_KEY] == f"{SSO}.LogoutResponse"
    assert response["HttpStatusCode"] == 200
    with pytest.raises(CmdletError) as refused:
        run("Get-SSOAccountList", AccessToken=first)
    data = refused.value.to_data()
    assert data["errorCode"] == "UnauthorizedException"
    assert data["exceptionType"] == "Amazon.SSO.Model.UnauthorizedException"
    assert data["category"] == "AuthenticationError"
    assert first not in str(data)


@pytest.mark.parametrize("value", ["10", 1.5, True, 2**31])
def test_max_result_must_be_an_int32(run: Any, token: str, value: Any) -> None:
    with pytest.raises(CmdletError) as refused:
        run("Get-SSOAccountList", AccessToken=token, MaxResult=value)
    data = refused.value.to_data()
    assert data["errorId"].startswith("ParameterArgumentTransformationError")
    assert "MaxResult" in data["message"]


def test_a_page_size_below_one_is_refused_before_sending(
    run: Any, token: str, control: httpx.Client
) -> None:
    before = _calls(control, "ListAccounts")
    with pytest.raises(CmdletError) as refused:
        run("Get-SSOAccountList", AccessToken=token, MaxResult=0)
    assert "-MaxResult" in refused.value.to_data()["message"]
    assert _calls(control, "ListAccounts") == before


def test_a_repeated_next_token_stops_the_loop(shell: ShellContext) -> None:
    """A service answering the same NextToken again would page for ever; the cmdlet stops."""
    calls: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        calls.append(str(request.url))
        body = {"accountList": [{"accountId": "1"}], "nextToken": "again"}
        return httpx.Response(200, json=body, headers={"x-amzn-RequestId": "r"})

    recorder = Recorder(transport=httpx.MockTransport(answer))
    parameters = {"Region": "us-east-1", "EndpointUrl": BASE_URL, "AccessToken": "t"}
    with pytest.raises(CmdletError) as stopped:
        recorder.invoke("Get-SSOAccountList", parameters, shell)
    assert "repeated a NextToken" in stopped.value.to_data()["message"]
    assert len(calls) == 2
    assert calls[1].endswith("next_token=again")
