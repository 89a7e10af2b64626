"""-Select and -PassThru, with the AWS Tools' rules and exact messages."""

from __future__ import annotations

from typing import Any

import pytest

from py_backend.cmdlets import CMDLETS, CmdletError
from py_backend.cmdlets.outputs import TYPE_KEY, response_object
from py_backend.cmdlets.parameters import BoundParameters
from py_backend.cmdlets.select import choose_selector, compile_select
from py_backend.models.signin import CreateOAuth2TokenResponse
from py_backend.models.sso_oidc import CreateTokenWithIAMResponse, RegisterClientResponse

METADATA = {"RequestId": "req", "HTTPStatusCode": 200, "HTTPHeaders": {}}
IAM = CMDLETS["New-SSOOIDCTokenWithIAM"]
TOKEN = CMDLETS["New-SSOOIDCToken"]
AMSP = CMDLETS["New-AMSPOAuth2Token"]
REGISTER = CMDLETS["Register-SSOOIDCClient"]


def _iam_response() -> dict[str, Any]:
    model = CreateTokenWithIAMResponse.model_validate(
        {"accessToken": "at", "tokenType": "Bearer", "scope": ["openid", "aws"]}
    ).with_metadata(METADATA)
    return response_object(IAM.response_type, model)


def _amsp_response() -> dict[str, Any]:
    body = {
        "accessToken": {"accessKeyId": "ASIAX", "secretAccessKey": "s", "sessionToken": "t"},
        "tokenType": "aws_sigv4",
        "expiresIn": 900,
        "refreshToken": "r",
    }
    model = CreateOAuth2TokenResponse.model_validate({"tokenOutput": body})
    return response_object(AMSP.response_type, model.with_metadata(METADATA))


def _bound(spec: Any, **values: Any) -> BoundParameters:
    """Parameters as binding leaves them (canonical names, checked types)."""
    return BoundParameters(dict(values))


def _select(spec: Any, response: dict[str, Any], select: Any, **values: Any) -> list[Any]:
    return compile_select(spec, select).apply(response, _bound(spec, **values))


def _invalid(call: Any) -> CmdletError:
    with pytest.raises(CmdletError) as caught:
        call()
    return caught.value


def test_star_is_the_whole_response() -> None:
    response = _iam_response()
    assert _select(IAM, response, "*") == [response]


@pytest.mark.parametrize("select", ["AccessToken", "accesstoken", "ACCESSTOKEN"])
def test_property_names_are_case_insensitive(select: str) -> None:
    assert _select(IAM, _iam_response(), select) == ["at"]


def test_lists_are_flattened_and_nulls_dropped() -> None:
    response = _iam_response()
    assert _select(IAM, response, "Scope") == ["openid", "aws"]
    assert _select(IAM, response, "RefreshToken") == []
    assert _select(IAM, response, "AwsAdditionalDetails.IdentityContext") == []


@pytest.mark.parametrize(
    "select",
    ["TokenOutput.AccessToken.AccessKeyId", "tokenoutput.ACCESSTOKEN.accessKeyID"],
)
def test_dotted_paths(select: str) -> None:
    assert _select(AMSP, _amsp_response(), select) == ["ASIAX"]


def test_nested_object_keeps_its_type() -> None:
    (token,) = _select(AMSP, _amsp_response(), "TokenOutput.AccessToken")
    assert token[TYPE_KEY] == "Amazon.Signin.Model.AccessToken"


@pytest.mark.parametrize(
    "select",
    [
        "",
        None,
        "Nope",
        "ResponseMetadata",
        "HttpStatusCode",
        "ContentLength",
        "TokenOutput.",
        "TokenOutput..AccessToken",
        "TokenOutput.TokenType.Length",
        "TokenOutput.Nope",
        "^",
        "^Region",
        "^ClientConfig",
        "^ProfileName",
        "^Nope",
        " *",
    ],
)
def test_invalid_values_fail_with_the_aws_tools_message(select: Any) -> None:
    error = _invalid(lambda: compile_select(AMSP, select))
    assert str(error) == "Invalid value for -Select parameter."
    assert error.to_data() == {
        "errorCode": "ArgumentException",
        "message": "Invalid value for -Select parameter.",
        "httpStatus": None,
        "requestId": None,
        "exceptionType": "System.ArgumentException",
        "category": "NotSpecified",
        "errorId": "System.ArgumentException,New-AMSPOAuth2Token",
        "targetObject": "Select",
        "properties": {},
    }


@pytest.mark.parametrize("select", ["^ClientId", "^clientid", "^CLIENTID"])
def test_caret_selects_the_bound_parameter(select: str) -> None:
    assert _select(TOKEN, {}, select, ClientId="my-client", Scope=["a"]) == ["my-client"]


def test_caret_by_alias_and_list_values_enumerate() -> None:
    assert _select(REGISTER, {}, "^GrantTypes", GrantType=["refresh_token", "x"]) == [
        "refresh_token",
        "x",
    ]
    assert _select(REGISTER, {}, "^scopes", Scope=["one"]) == ["one"]


def test_caret_of_an_unbound_parameter_writes_nothing_but_a_switch_is_false() -> None:
    assert _select(TOKEN, {}, "^DeviceCode", ClientId="c") == []
    assert _select(TOKEN, {}, "^Force", ClientId="c") == [False]
    assert _select(TOKEN, {}, "^Force", ClientId="c", Force=True) == [True]
    assert _select(TOKEN, {}, "^Select", Select="^Select") == ["^Select"]


def test_defaults() -> None:
    iam = _iam_response()
    amsp = _amsp_response()
    assert choose_selector(IAM, _bound(IAM)).apply(iam, _bound(IAM)) == [iam]
    (body,) = choose_selector(AMSP, _bound(AMSP)).apply(amsp, _bound(AMSP))
    assert body == amsp["TokenOutput"]
    assert body[TYPE_KEY] == "Amazon.Signin.Model.CreateOAuth2TokenResponseBody"


def test_passthru_returns_the_client_id() -> None:
    bound = _bound(TOKEN, ClientId="cid", PassThru=True)
    assert choose_selector(TOKEN, bound).apply({"x": 1}, bound) == ["cid"]
    unbound_value = _bound(TOKEN, ClientId=None, PassThru=True)
    assert choose_selector(TOKEN, unbound_value).apply({"x": 1}, unbound_value) == []


def test_passthru_false_keeps_the_default() -> None:
    response = {"whole": True}
    bound = _bound(TOKEN, ClientId="cid", PassThru=False)
    assert choose_selector(TOKEN, bound).apply(response, bound) == [response]
    with_select = _bound(TOKEN, ClientId="cid", PassThru=False, Select="^ClientId")
    assert choose_selector(TOKEN, with_select).apply(response, with_select) == ["cid"]


@pytest.mark.parametrize("select", ["*", "AccessToken", "^ClientId"])
def test_passthru_with_select_fails(select: str) -> None:
    bound = _bound(TOKEN, ClientId="cid", PassThru=True, Select=select)
    error = _invalid(lambda: choose_selector(TOKEN, bound))
    assert str(error) == "-PassThru cannot be used when -Select is specified."
    assert error.to_data()["exceptionType"] == "System.ArgumentException"
    assert error.to_data()["targetObject"] == "Select"


def test_invalid_select_wins_over_the_passthru_conflict() -> None:
    bound = _bound(TOKEN, ClientId="cid", PassThru=True, Select="Nope")
    assert str(_invalid(lambda: choose_selector(TOKEN, bound))) == (
        "Invalid value for -Select parameter."
    )


def test_bound_null_select_is_invalid() -> None:
    bound = _bound(TOKEN, ClientId="cid", Select=None)
    assert str(_invalid(lambda: choose_selector(TOKEN, bound))) == (
        "Invalid value for -Select parameter."
    )


def test_register_response_properties_are_selectable() -> None:
    model = RegisterClientResponse.model_validate(
        {"clientId": "id", "clientSecret": "sec", "clientIdIssuedAt": 5}
    ).with_metadata(METADATA)
    response = response_object(REGISTER.response_type, model)
    assert _select(REGISTER, response, "clientidissuedat") == [5]
    assert _select(REGISTER, response, "ClientSecret") == ["sec"]
