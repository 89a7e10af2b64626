"""GET_SSO_ACCOUNT_ROLE_LIST."""

from __future__ import annotations

from py_backend.cmdlets.spec_model import CmdletSpec, OperationRef
from py_backend.cmdlets.specs.blocks import (
    ITERATION_NOTE,
    NO_AUTO_ITERATION,
    SSO_PORTAL_CLIENT_CONFIG,
    access_token_parameter,
    account_id_parameter,
    parameters,
    portal_outputs,
    portal_paging,
    portal_response,
    select,
)
from py_backend.cmdlets.vocabulary import SSO

GET_SSO_ACCOUNT_ROLE_LIST = CmdletSpec(
    verb="Get",
    noun="SSOAccountRoleList",
    operation=OperationRef("sso", SSO, "ListAccountRoles"),
    synopsis="Calls the AWS Single Sign-On ListAccountRoles API operation.",
    description=(
        "Lists all roles that are assigned to the user for a given AWS account.\n" + ITERATION_NOTE
    ),
    dotnet_class="Amazon.PowerShell.Cmdlets.SSO.GetSSOAccountRoleListCmdlet",
    response_type=portal_response("ListAccountRoles"),
    output_type="Amazon.SSO.Model.RoleInfo",
    default_select="RoleList",
    outputs_help=portal_outputs(
        "a collection of Amazon.SSO.Model.RoleInfo objects", "ListAccountRoles"
    ),
    should_process_target="AccountId",
    supports_should_process=False,
    auto_iterate=True,
    parameters=parameters(
        (
            access_token_parameter("ListAccountRoles", pipeline=False),
            account_id_parameter("ListAccountRoles", pipeline=True),
            *portal_paging("ListAccountRoles"),
        ),
        select(portal_response("ListAccountRoles"), "RoleList"),
        SSO_PORTAL_CLIENT_CONFIG,
        tail=(NO_AUTO_ITERATION,),
    ),
)
