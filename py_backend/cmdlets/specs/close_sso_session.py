"""CLOSE_SSO_SESSION."""

from __future__ import annotations

from py_backend.cmdlets.spec_model import CmdletSpec, OperationRef
from py_backend.cmdlets.specs.blocks import (
    SSO_PORTAL_CLIENT_CONFIG,
    access_token_parameter,
    parameters,
    portal_response,
    select,
)
from py_backend.cmdlets.vocabulary import SSO

CLOSE_SSO_SESSION = CmdletSpec(
    verb="Close",
    noun="SSOSession",
    operation=OperationRef("sso", SSO, "Logout"),
    synopsis="Calls the AWS Single Sign-On Logout API operation.",
    description=(
        "Removes the locally stored SSO tokens from the client-side cache and sends an API "
        "call to the IAM Identity Center service to invalidate the corresponding server-side "
        "IAM Identity Center sign in session.\n"
        "If a user uses IAM Identity Center to access the AWS CLI, the user's IAM Identity "
        "Center sign in session is used to obtain an IAM session, as specified in the "
        "corresponding IAM Identity Center permission set. More specifically, IAM Identity "
        "Center assumes an IAM role in the target account on behalf of the user, and the "
        "corresponding temporary AWS credentials are returned to the client.\n"
        "After user logout, any existing IAM role sessions that were created by using IAM "
        "Identity Center permission sets continue based on the duration configured in the "
        "permission set. For more information, see User authentications in the IAM Identity "
        "Center User Guide."
    ),
    dotnet_class="Amazon.PowerShell.Cmdlets.SSO.CloseSSOSessionCmdlet",
    response_type=portal_response("Logout"),
    output_type="None",
    default_select="*",
    outputs_help=(
        "This cmdlet does not generate any output. The service response (type "
        "Amazon.SSO.Model.LogoutResponse) can be returned by specifying '-Select *'."
    ),
    should_process_target="AccessToken",
    writes_by_default=False,
    parameters=parameters(
        (access_token_parameter("Logout", pipeline=True),),
        select(portal_response("Logout"), "*", writes_by_default=False),
        SSO_PORTAL_CLIENT_CONFIG,
    ),
)
