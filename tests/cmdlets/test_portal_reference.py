"""The AWS.Tools.SSO cmdlets against their reference: the generated sources of the AWS Tools.

The facts below are read from ``modules/AWSPowerShell/Cmdlets/SSO/Basic/*-Cmdlet.cs`` in
``aws/aws-tools-for-powershell`` (and the module's help file, which agrees); docs/portal.md
section 5 records them. Each cmdlet's parameters, in the generator's order, with their .NET
type, position, pipeline input, mandatory flag (the modular AWS.Tools build) and aliases; its
``-Select`` default, ``[OutputType]``, the type ``-Select *`` returns, and ShouldProcess.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from py_backend.cmdlets.spec_model import CmdletSpec
from py_backend.cmdlets.specs import CMDLETS

STRING = "System.String"
INT32 = "System.Int32"
SWITCH = "System.Management.Automation.SwitchParameter"


@dataclass(frozen=True)
class Declared:
    """One parameter as the cmdlet class declares it."""

    name: str
    type: str = STRING
    position: int | None = None
    by_value: bool = False
    mandatory: bool = False
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reference:
    """One cmdlet's attributes and parameters (the base classes' common ones left out)."""

    operation: str
    select_default: str
    output_type: str
    select_return_type: str
    should_process: bool
    parameters: tuple[Declared, ...]


TOKEN = Declared("AccessToken", mandatory=True)
PIPED_TOKEN = Declared("AccessToken", position=0, by_value=True, mandatory=True)
MAX_RESULT = Declared("MaxResult", INT32, aliases=("MaxResults",))
NEXT_TOKEN = Declared("NextToken")
SELECT = Declared("Select")

REFERENCE = {
    "Get-SSORoleCredential": Reference(
        "GetRoleCredentials",
        "RoleCredentials",
        "Amazon.SSO.Model.RoleCredentials",
        "Amazon.SSO.Model.GetRoleCredentialsResponse",
        False,
        (
            TOKEN,
            Declared("AccountId", mandatory=True),
            Declared("RoleName", position=0, by_value=True, mandatory=True),
            SELECT,
        ),
    ),
    "Get-SSOAccountList": Reference(
        "ListAccounts",
        "AccountList",
        "Amazon.SSO.Model.AccountInfo",
        "Amazon.SSO.Model.ListAccountsResponse",
        False,
        (PIPED_TOKEN, MAX_RESULT, NEXT_TOKEN, SELECT, Declared("NoAutoIteration", SWITCH)),
    ),
    "Get-SSOAccountRoleList": Reference(
        "ListAccountRoles",
        "RoleList",
        "Amazon.SSO.Model.RoleInfo",
        "Amazon.SSO.Model.ListAccountRolesResponse",
        False,
        (
            TOKEN,
            Declared("AccountId", position=0, by_value=True, mandatory=True),
            MAX_RESULT,
            NEXT_TOKEN,
            SELECT,
            Declared("NoAutoIteration", SWITCH),
        ),
    ),
    "Close-SSOSession": Reference(
        "Logout",
        "*",
        "None",
        "Amazon.SSO.Model.LogoutResponse",
        True,
        (PIPED_TOKEN, SELECT, Declared("Force", SWITCH)),
    ),
}


def _own(spec: CmdletSpec) -> list[Declared]:
    return [
        Declared(p.name, p.type, p.position, p.value_from_pipeline, p.mandatory, p.aliases)
        for p in spec.parameters
        if p.declared_on_cmdlet
    ]


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_cmdlet_matches_the_aws_tools_source(name: str) -> None:
    reference, spec = REFERENCE[name], CMDLETS[name]
    assert spec.operation.service == "sso" and spec.operation.operation == reference.operation
    assert spec.dotnet_class == f"Amazon.PowerShell.Cmdlets.SSO.{name.replace('-', '')}Cmdlet"
    assert spec.default_select == reference.select_default
    assert spec.output_type == reference.output_type
    assert spec.response_type == reference.select_return_type
    assert spec.supports_should_process is reference.should_process
    assert _own(spec) == list(reference.parameters)
    # Every parameter binds by property name: New-SSOOIDCToken's output feeds AccessToken.
    assert all(p.value_from_pipeline_by_property_name for p in spec.parameters)
    assert spec.parameter("AccessToken") is not None
    assert spec.parameter("AccessToken").secret  # type: ignore[union-attr]
    assert spec.parameter("PassThru") is None  # V5
    assert spec.synopsis == f"Calls the AWS Single Sign-On {reference.operation} API operation."


def test_the_paginated_cmdlets_are_the_list_operations() -> None:
    paged = sorted(name for name in REFERENCE if CMDLETS[name].auto_iterate)
    assert paged == ["Get-SSOAccountList", "Get-SSOAccountRoleList"]
    assert not CMDLETS["Close-SSOSession"].writes_by_default
