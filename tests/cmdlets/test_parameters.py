"""Parameter binding: PowerShell's checks and messages, and the request it builds."""

from __future__ import annotations

from typing import Any

import pytest

from py_backend.cmdlets import CMDLETS, CmdletError
from py_backend.cmdlets.parameters import (
    bind_parameters,
    null_required_warnings,
    request_arguments,
)

TOKEN = CMDLETS["New-SSOOIDCToken"]
AMSP = CMDLETS["New-AMSPOAuth2Token"]
REGISTER = CMDLETS["Register-SSOOIDCClient"]
REQUIRED = {"ClientId": "cid", "ClientSecret": "sec", "GrantType": "refresh_token"}
OBSOLETE_WARNING = (
    "Parameter 'PassThru' is obsolete. The -PassThru parameter is deprecated, use -Select "
    "'^ClientId' instead. This parameter will be removed in a future version."
)


def _bind(spec: Any, raw: dict[str, Any], warnings: list[str] | None = None) -> Any:
    return bind_parameters(spec, raw, (warnings if warnings is not None else []).append)


def _error(spec: Any, raw: dict[str, Any]) -> dict[str, Any]:
    with pytest.raises(CmdletError) as caught:
        _bind(spec, raw)
    return caught.value.to_data()


def test_names_and_aliases_bind_case_insensitively() -> None:
    raw = {
        "clientid": "x",
        "CLIENTSECRET": "s",
        "granttype": "refresh_token",
        "RegionToCall": "eu-west-1",
        "ak": "A",
        "StoredCredentials": "p",
        "ProfilesLocation": "/f",
    }
    bound = _bind(TOKEN, raw)
    assert (bound.get("ClientId"), bound.get("ClientSecret")) == ("x", "s")
    assert bound.get("Region") == "eu-west-1"
    assert bound.get("AccessKey") == "A"
    assert (bound.get("ProfileName"), bound.get("ProfileLocation")) == ("p", "/f")


def test_unknown_parameter_is_named() -> None:
    data = _error(TOKEN, {**REQUIRED, "ClientSecrets": "x"})
    assert (
        data["message"]
        == "A parameter cannot be found that matches parameter name 'ClientSecrets'."
    )
    assert data["errorId"] == "NamedParameterNotFound,New-SSOOIDCToken"
    assert data["exceptionType"] == "System.Management.Automation.ParameterBindingException"
    assert (data["category"], data["targetObject"]) == ("InvalidArgument", "ClientSecrets")


def test_a_parameter_given_twice_through_an_alias() -> None:
    data = _error(TOKEN, {**REQUIRED, "SecretKey": "a", "SK": "b"})
    assert data["errorId"] == "ParameterAlreadyBound,New-SSOOIDCToken"
    assert "'SecretKey'" in data["message"]


def test_missing_mandatory_parameters_use_powershells_message() -> None:
    data = _error(TOKEN, {"ClientId": "cid"})
    assert data["message"] == (
        "Cannot process command because of one or more missing mandatory parameters: "
        "ClientSecret GrantType."
    )
    assert data["errorId"] == "MissingMandatoryParameter,New-SSOOIDCToken"
    amsp = _error(AMSP, {})
    assert amsp["message"].endswith(": TokenInput_ClientId TokenInput_GrantType.")


def test_null_for_a_required_parameter_binds_and_warns() -> None:
    bound = _bind(TOKEN, {**REQUIRED, "ClientSecret": None})
    assert "ClientSecret" in bound and bound.get("ClientSecret") is None
    assert null_required_warnings(TOKEN, bound) == [
        "You are passing $null as a value for parameter ClientSecret which is marked as "
        "required. In case you believe this parameter was incorrectly marked as required, report "
        "this by opening an issue at https://github.com/aws/aws-tools-for-powershell/issues."
    ]
    assert null_required_warnings(TOKEN, _bind(TOKEN, {**REQUIRED, "ClientSecret": ""})) == []


@pytest.mark.parametrize(
    ("name", "value"),
    [("ClientId", 5), ("ClientId", ["a"]), ("Scope", [1]), ("Scope", {"a": 1}), ("Force", "yes")],
)
def test_wrong_types_name_the_parameter_not_the_value(name: str, value: Any) -> None:
    data = _error(TOKEN, {**REQUIRED, name: value})
    assert data["errorId"] == "ParameterArgumentTransformationError,New-SSOOIDCToken"
    assert f"parameter '{name}'" in data["message"] and data["targetObject"] == name
    assert repr(value) not in data["message"]


def test_string_arrays_accept_one_string() -> None:
    assert _bind(TOKEN, {**REQUIRED, "Scope": "openid"}).get("Scope") == ["openid"]
    assert _bind(TOKEN, {**REQUIRED, "Scope": ["a", "b"]}).get("Scope") == ["a", "b"]


def test_switches() -> None:
    assert _bind(TOKEN, {**REQUIRED, "Force": None}).get("Force") is False
    assert _bind(TOKEN, {**REQUIRED, "Force": True}).is_present("Force")
    assert not _bind(TOKEN, REQUIRED).is_present("Force")


def test_powershell_common_parameters_are_ignored_but_whatif_is_kept() -> None:
    bound = _bind(TOKEN, {**REQUIRED, "Verbose": True, "ErrorAction": "Stop", "Confirm": False})
    assert not bound.what_if and "Verbose" not in bound
    assert _bind(TOKEN, {**REQUIRED, "WhatIf": True}).what_if


@pytest.mark.parametrize("value", [True, False])
def test_binding_passthru_warns_it_is_obsolete(value: bool) -> None:
    warnings: list[str] = []
    _bind(TOKEN, {**REQUIRED, "PassThru": value}, warnings)
    assert warnings == [OBSOLETE_WARNING]
    quiet: list[str] = []
    _bind(TOKEN, REQUIRED, quiet)
    assert quiet == []


def test_passthru_does_not_exist_on_the_v5_cmdlets() -> None:
    data = _error(REGISTER, {"ClientName": "n", "ClientType": "public", "PassThru": True})
    assert data["errorId"] == "NamedParameterNotFound,Register-SSOOIDCClient"


def test_request_arguments_use_wire_names_and_skip_nulls() -> None:
    bound = _bind(
        TOKEN, {**REQUIRED, "Scope": ["a"], "Code": None, "Region": "us-east-1", "Force": True}
    )
    assert request_arguments(TOKEN, bound) == {
        "clientId": "cid",
        "clientSecret": "sec",
        "grantType": "refresh_token",
        "scope": ["a"],
    }


def test_flattened_members_go_back_into_their_structure() -> None:
    bound = _bind(
        AMSP,
        {"TokenInput_ClientId": "c", "TokenInput_GrantType": "g", "TokenInput_Code": "k"},
    )
    assert request_arguments(AMSP, bound) == {
        "tokenInput": {"clientId": "c", "code": "k", "grantType": "g"}
    }
    empty = _bind(AMSP, {"TokenInput_ClientId": None, "TokenInput_GrantType": None})
    assert request_arguments(AMSP, empty) == {}


def test_renamed_members_map_back() -> None:
    bound = _bind(
        REGISTER,
        {"ClientName": "n", "ClientType": "public", "GrantTypes": ["refresh_token"], "Scopes": "s"},
    )
    assert request_arguments(REGISTER, bound) == {
        "clientName": "n",
        "clientType": "public",
        "grantTypes": ["refresh_token"],
        "scopes": ["s"],
    }
