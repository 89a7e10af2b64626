"""The status, logout and credential cmdlets (issue 17): the PowerShell side of
``aws-token-bridge sso status``/``login status``, ``sso logout``/``logout [--all]`` and
``configure export-credentials``, specified like the sign-in cmdlets (a :class:`FlowSpec`) and
run by :mod:`py_backend.cmdlets.session_cmdlets` through the same flows as the command line.

Names (docs/credentials.md says more): approved verbs only, and the noun prefixes of the
sign-in cmdlets they go with, so that each pair reads alike (``Invoke-SSOOIDCLogin``,
``Get-SSOOIDCLoginStatus``, ``Invoke-SSOOIDCLogout``; ``Invoke-AMSPLogin``,
``Get-AMSPLoginStatus``, ``Invoke-AMSPLogout``) and none clashes with the AWS Tools' (their
``Invoke-AWSSSOLogin`` family lives in AWS.Tools.Common). The credentials come from the whole
chain, not from one service, so that cmdlet has the module's own noun:
``Get-AwsTokenBridgeCredential`` (``Get-AWSCredential`` is the AWS Tools').
"""

from __future__ import annotations

from py_backend.cmdlets.login_specs import PROFILE_LOCATION, _option, _profile_name
from py_backend.cmdlets.outputs import (
    CREDENTIAL_ENVIRONMENT,
    CREDENTIALS,
    LOGOUT_RESULT,
    SIGNIN_STATUS,
)
from py_backend.cmdlets.spec_model import CmdletSpec, FlowSpec, OperationRef, TargetRule
from py_backend.cmdlets.vocabulary import FORCE, SIGNIN, SSO, SSO_OIDC, STRING, SWITCH

SOURCE = "session_specs.py"
_STATUS_HELP = (
    f"This cmdlet returns an {SIGNIN_STATUS} object: Status (valid, refreshable: expired but "
    "the next use refreshes it without a person, or expired: a new sign-in is needed), Kind, "
    "ProfileName, Session, StartUrl, AccountId, TokenExpiration and CredentialsExpiration "
    "(DateTime, UTC), Refreshable, Reason (why a sign-in is needed) and LoginCommand (the "
    "cmdlet that signs in again). It holds no secret."
)
_STATUS_DESCRIPTION = (
    "Reads the cache only: nothing is refreshed, sent or opened. The Status property is what "
    "the command line's exit code says (0 valid, 1 refreshable, 2 expired). A profile that "
    "cannot be read is an error."
)

GET_SSOOIDC_LOGIN_STATUS = CmdletSpec(
    verb="Get",
    noun="SSOOIDCLoginStatus",
    operation=OperationRef("sso-oidc", SSO_OIDC, "CreateToken"),
    synopsis=(
        "Tells whether the cached IAM Identity Center token of a profile or sso-session is "
        "valid, as aws-token-bridge sso status does."
    ),
    description=(
        "Reads the token that Invoke-SSOOIDCLogin (or aws sso login) cached for the profile's "
        "sso_session (or -SSOSession, or a legacy profile's start URL) and returns who is "
        "signed in, which session, and when the token expires. " + _STATUS_DESCRIPTION
    ),
    dotnet_class="AwsTokenBridge.Cmdlets.GetSSOOIDCLoginStatusCmdlet",
    response_type=SIGNIN_STATUS,
    output_type=SIGNIN_STATUS,
    default_select="*",
    outputs_help=_STATUS_HELP,
    should_process_target="ProfileName",
    supports_should_process=False,
    parameters=(
        _profile_name("whose SSO session to check"),
        PROFILE_LOCATION,
        _option(
            "SSOSession",
            STRING,
            "The [sso-session NAME] section to check, instead of the profile's.",
        ),
    ),
    flow=FlowSpec(
        kind="sso-status",
        cli_command="aws-token-bridge sso status",
        targets=(),
        default_target="",
        source=SOURCE,
    ),
)

GET_AMSP_LOGIN_STATUS = CmdletSpec(
    verb="Get",
    noun="AMSPLoginStatus",
    operation=OperationRef("signin", SIGNIN, "CreateOAuth2Token"),
    synopsis=(
        "Tells whether the cached AWS Sign-In session of a profile is valid, as "
        "aws-token-bridge login status does."
    ),
    description=(
        "Reads the session that Invoke-AMSPLogin (or aws login) cached for the profile's "
        "login_session and returns who is signed in (the login session, the account) and "
        "when the credentials expire. " + _STATUS_DESCRIPTION
    ),
    dotnet_class="AwsTokenBridge.Cmdlets.GetAMSPLoginStatusCmdlet",
    response_type=SIGNIN_STATUS,
    output_type=SIGNIN_STATUS,
    default_select="*",
    outputs_help=_STATUS_HELP,
    should_process_target="ProfileName",
    supports_should_process=False,
    parameters=(_profile_name("whose login session to check"), PROFILE_LOCATION),
    flow=FlowSpec(
        kind="login-status",
        cli_command="aws-token-bridge login status",
        targets=(),
        default_target="",
        source=SOURCE,
    ),
)

_LOGOUT_HELP = (
    f"This cmdlet returns an {LOGOUT_RESULT} object: Kind (sso or login), ProfileName (for "
    "one profile's logout) and RemovedCount, the number of cache files removed."
)

INVOKE_SSOOIDC_LOGOUT = CmdletSpec(
    verb="Invoke",
    noun="SSOOIDCLogout",
    operation=OperationRef("sso", SSO, "Logout"),
    synopsis=(
        "Signs out of IAM Identity Center: ends every cached SSO token at the portal and "
        "removes the caches, as aws sso logout (AWS CLI v2) does."
    ),
    description=(
        "For each token in the AWS CLI's SSO token cache (~/.aws/sso/cache), calls the "
        "access portal's Logout in the token's region (a token already ended is ignored), then "
        "removes the file; the role credentials the AWS CLI cached with SSO tokens "
        "(~/.aws/cli/cache) are removed too. Role credentials already handed out stay valid "
        "until they expire. Supports -WhatIf and -Confirm: files are deleted."
    ),
    dotnet_class="AwsTokenBridge.Cmdlets.InvokeSSOOIDCLogoutCmdlet",
    response_type=LOGOUT_RESULT,
    output_type=LOGOUT_RESULT,
    default_select="*",
    outputs_help=_LOGOUT_HELP,
    should_process_target="EndpointUrl",
    parameters=(
        _option(
            "EndpointUrl",
            STRING,
            "The access portal endpoint to use instead of the region's, such as a local "
            "emulator (http://127.0.0.1:PORT). $env:AWS_ENDPOINT_URL_SSO does the same.",
        ),
        FORCE,
    ),
    flow=FlowSpec(
        kind="sso-logout",
        cli_command="aws sso logout",
        targets=(),
        default_target="every cached SSO token",
        source=SOURCE,
    ),
)

INVOKE_AMSP_LOGOUT = CmdletSpec(
    verb="Invoke",
    noun="AMSPLogout",
    operation=OperationRef("signin", SIGNIN, "CreateOAuth2Token"),
    synopsis=(
        "Removes the cached AWS Sign-In session of a profile (or of every profile), as "
        "aws logout does."
    ),
    description=(
        "Removes the login cache file of the profile's login_session, or with -All every "
        "cached login session ($env:AWS_LOGIN_CACHE_DIRECTORY, else ~/.aws/login/cache). As "
        "with the AWS CLI, no service is called: credentials already handed out stay valid "
        "until they expire (15 minutes at most), which a warning says. A profile without a "
        "login session is a warning, not an error. Supports -WhatIf and -Confirm: files are "
        "deleted."
    ),
    dotnet_class="AwsTokenBridge.Cmdlets.InvokeAMSPLogoutCmdlet",
    response_type=LOGOUT_RESULT,
    output_type=LOGOUT_RESULT,
    default_select="*",
    outputs_help=_LOGOUT_HELP,
    should_process_target="ProfileName",
    parameters=(
        _profile_name("whose login session to remove"),
        PROFILE_LOCATION,
        _option(
            "All",
            SWITCH,
            "Removes every cached login session, whichever profile uses it.",
        ),
        FORCE,
    ),
    flow=FlowSpec(
        kind="login-logout",
        cli_command="aws logout",
        targets=(
            TargetRule("All", "every cached login session"),
            TargetRule("ProfileName", "profile '{}'"),
        ),
        default_target="the default profile",
        action="remove the cached login session",
        source=SOURCE,
    ),
)

SET_ENVIRONMENT = "SetEnvironment"

GET_AWSTOKENBRIDGE_CREDENTIAL = CmdletSpec(
    verb="Get",
    noun="AwsTokenBridgeCredential",
    operation=OperationRef("sso", SSO, "GetRoleCredentials"),
    synopsis=(
        "Returns the current credentials of a profile as an object other cmdlets take by "
        "property name, or sets them as AWS_* environment variables, as aws configure "
        "export-credentials does."
    ),
    description=(
        "Resolves the profile's credentials through the chain the AWS CLI v2 uses (the "
        "environment, SSO role credentials, the credentials file, login_session, "
        "credential_process, the config file), refreshing cached tokens as it would; nothing "
        "opens a browser: when only a new sign-in helps, the error names the cmdlet to run.\n"
        "The object's AccessKey, SecretKey and SessionToken are the AWS Tools' common "
        "credential parameter names, so it can be piped into any AWS Tools cmdlet (or this "
        "module's). Its default view masks the secrets.\n"
        "With -SetEnvironment nothing is written: $env:AWS_ACCESS_KEY_ID, "
        "$env:AWS_SECRET_ACCESS_KEY, $env:AWS_SESSION_TOKEN and $env:AWS_CREDENTIAL_EXPIRATION "
        "are set as the export's env format sets them (one without a value is removed), for "
        "the tools this session starts."
    ),
    dotnet_class="AwsTokenBridge.Cmdlets.GetAwsTokenBridgeCredentialCmdlet",
    response_type=CREDENTIALS,
    output_type=CREDENTIALS,
    default_select="*",
    outputs_help=(
        f"This cmdlet returns an {CREDENTIALS} object: AccessKey, SecretKey, SessionToken and "
        "Expiration (DateTime, UTC; $null for long-term keys). With -SetEnvironment it returns "
        "nothing."
    ),
    should_process_target="ProfileName",
    supports_should_process=False,
    parameters=(
        _profile_name("whose credentials to return"),
        PROFILE_LOCATION,
        _option(
            SET_ENVIRONMENT,
            SWITCH,
            "Sets the AWS_* environment variables of this session instead of returning an object.",
        ),
    ),
    flow=FlowSpec(
        kind="credentials",
        cli_command="aws configure export-credentials",
        targets=(),
        default_target="",
        extra_output_types=(CREDENTIAL_ENVIRONMENT,),
        environment_switch=SET_ENVIRONMENT,
        source=SOURCE,
    ),
)

#: The status, logout and credential cmdlets, by name.
SESSION_CMDLETS: dict[str, CmdletSpec] = {
    spec.name: spec
    for spec in (
        GET_SSOOIDC_LOGIN_STATUS,
        GET_AMSP_LOGIN_STATUS,
        INVOKE_SSOOIDC_LOGOUT,
        INVOKE_AMSP_LOGOUT,
        GET_AWSTOKENBRIDGE_CREDENTIAL,
    )
}
