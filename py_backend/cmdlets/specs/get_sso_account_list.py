"""GET_SSO_ACCOUNT_LIST."""

from __future__ import annotations

from py_backend.cmdlets.spec_model import CmdletSpec, OperationRef
from py_backend.cmdlets.specs.blocks import (
    ITERATION_NOTE,
    NO_AUTO_ITERATION,
    SSO_PORTAL_CLIENT_CONFIG,
    access_token_parameter,
    parameters,
    portal_outputs,
    portal_paging,
    portal_response,
    select,
)
from py_backend.cmdlets.vocabulary import SSO

GET_SSO_ACCOUNT_LIST = CmdletSpec(
    verb="Get",
    noun="SSOAccountList",
    operation=OperationRef("sso", SSO, "ListAccounts"),
    synopsis="Calls the AWS Single Sign-On ListAccounts API operation.",
    description=(
        "Lists all AWS accounts assigned to the user. These AWS accounts are assigned by the "
        "administrator of the account. For more information, see Assign User Access in the IAM "
        "Identity Center User Guide. This operation returns a paginated response.\n"
        + ITERATION_NOTE
    ),
    dotnet_class="Amazon.PowerShell.Cmdlets.SSO.GetSSOAccountListCmdlet",
    response_type=portal_response("ListAccounts"),
    output_type="Amazon.SSO.Model.AccountInfo",
    default_select="AccountList",
    outputs_help=portal_outputs(
        "a collection of Amazon.SSO.Model.AccountInfo objects", "ListAccounts"
    ),
    should_process_target="AccessToken",
    supports_should_process=False,
    auto_iterate=True,
    parameters=parameters(
        (
            access_token_parameter("ListAccounts", pipeline=True),
            *portal_paging("ListAccounts"),
        ),
        select(portal_response("ListAccounts"), "AccountList"),
        SSO_PORTAL_CLIENT_CONFIG,
        tail=(NO_AUTO_ITERATION,),
    ),
)
