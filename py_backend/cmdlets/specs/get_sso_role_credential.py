"""GET_SSO_ROLE_CREDENTIAL."""

from __future__ import annotations

from py_backend.cmdlets.spec_model import CmdletSpec, OperationRef
from py_backend.cmdlets.specs.blocks import (
    SSO_PORTAL_CLIENT_CONFIG,
    access_token_parameter,
    account_id_parameter,
    member,
    parameters,
    portal_doc,
    portal_outputs,
    portal_response,
    select,
)
from py_backend.cmdlets.vocabulary import SSO

GET_SSO_ROLE_CREDENTIAL = CmdletSpec(
    verb="Get",
    noun="SSORoleCredential",
    operation=OperationRef("sso", SSO, "GetRoleCredentials"),
    synopsis="Calls the AWS Single Sign-On GetRoleCredentials API operation.",
    description=(
        "Returns the STS short-term credentials for a given role name that is assigned to the user."
    ),
    dotnet_class="Amazon.PowerShell.Cmdlets.SSO.GetSSORoleCredentialCmdlet",
    response_type=portal_response("GetRoleCredentials"),
    output_type="Amazon.SSO.Model.RoleCredentials",
    default_select="RoleCredentials",
    outputs_help=portal_outputs("an Amazon.SSO.Model.RoleCredentials object", "GetRoleCredentials"),
    should_process_target="RoleName",
    supports_should_process=False,
    parameters=parameters(
        (
            access_token_parameter("GetRoleCredentials", pipeline=False),
            account_id_parameter("GetRoleCredentials", pipeline=False),
            member(
                "RoleName",
                "roleName",
                portal_doc("GetRoleCredentials", "roleName"),
                pipeline=True,
            ),
        ),
        select(portal_response("GetRoleCredentials"), "RoleCredentials"),
        SSO_PORTAL_CLIENT_CONFIG,
        tail=(),
    ),
)
