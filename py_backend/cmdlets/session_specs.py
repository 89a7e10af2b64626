"""The status, logout and credential cmdlets (issue 17): the PowerShell side of
``aws-token-bridge sso status``/``login status``, ``sso logout``/``logout [--all]`` and
``configure export-credentials``, specified like the sign-in cmdlets (a :class:`FlowSpec`) and
run by :mod:`py_backend.cmdlets.session_cmdlets` through the same flows as the command line.
docs/credentials.md explains their names.
"""

from __future__ import annotations

from typing import Literal

from py_backend.cmdlets.login_specs import (
    DEFAULT_TARGET,
    PROFILE_LOCATION,
    SIGNIN_TOKEN,
    SSO_TOKEN,
    flow_cmdlet,
    option,
    profile_name,
)
from py_backend.cmdlets.outputs import (
    CREDENTIAL_ENVIRONMENT,
    CREDENTIALS,
    LOGOUT_RESULT,
    SIGNIN_STATUS,
)
from py_backend.cmdlets.spec_model import CmdletSpec, OperationRef, ParameterSpec, TargetRule
from py_backend.cmdlets.vocabulary import FORCE, SSO, STRING, SWITCH

SOURCE = "session_specs.py"


def _status_cmdlet(
    noun: str,
    operation: OperationRef,
    kind: Literal["sso-status", "login-status"],
    *,
    synopsis: str,
    reads: str,
    parameters: tuple[ParameterSpec, ...],
) -> CmdletSpec:
    """``Get-<noun>``: ``aws-token-bridge sso status`` or ``login status`` (``kind``), which
    ``reads`` one cached sign-in and changes nothing (no ShouldProcess)."""
    return flow_cmdlet(
        f"Get-{noun}",
        operation,
        synopsis=synopsis,
        description=(
            f"{reads} Reads the cache only: nothing is refreshed, sent or opened. The Status "
            "property is what the command line's exit code says (0 valid, 1 refreshable, 2 "
            "expired). A profile that cannot be read is an error."
        ),
        result=SIGNIN_STATUS,
        returns=(
            "Status (valid, refreshable: expired but the next use refreshes it without a "
            "person, or expired: a new sign-in is needed), Kind, ProfileName, Session, "
            "StartUrl, AccountId, TokenExpiration and CredentialsExpiration (DateTime, UTC), "
            "Refreshable, Reason (why a sign-in is needed) and LoginCommand (the cmdlet that "
            "signs in again). It holds no secret."
        ),
        parameters=parameters,
        kind=kind,
        cli_command="aws-token-bridge " + kind.replace("-", " "),
        source=SOURCE,
    )


GET_SSOOIDC_LOGIN_STATUS = _status_cmdlet(
    "SSOOIDCLoginStatus",
    SSO_TOKEN,
    "sso-status",
    synopsis=(
        "Tells whether the cached IAM Identity Center token of a profile or sso-session is "
        "valid, as aws-token-bridge sso status does."
    ),
    reads=(
        "Reads the token that Invoke-SSOOIDCLogin (or aws sso login) cached for the profile's "
        "sso_session (or -SSOSession, or a legacy profile's start URL) and returns who is "
        "signed in, which session, and when the token expires."
    ),
    parameters=(
        profile_name("whose SSO session to check"),
        PROFILE_LOCATION,
        option(
            "SSOSession",
            STRING,
            "The [sso-session NAME] section to check, instead of the profile's.",
        ),
    ),
)

GET_AMSP_LOGIN_STATUS = _status_cmdlet(
    "AMSPLoginStatus",
    SIGNIN_TOKEN,
    "login-status",
    synopsis=(
        "Tells whether the cached AWS Sign-In session of a profile is valid, as "
        "aws-token-bridge login status does."
    ),
    reads=(
        "Reads the session that Invoke-AMSPLogin (or aws login) cached for the profile's "
        "login_session and returns who is signed in (the login session, the account) and "
        "when the credentials expire."
    ),
    parameters=(profile_name("whose login session to check"), PROFILE_LOCATION),
)

_LOGOUT_RETURNS = (
    "Kind (sso or login), ProfileName (for one profile's logout) and RemovedCount, the number "
    "of cache files removed."
)

INVOKE_SSOOIDC_LOGOUT = flow_cmdlet(
    "Invoke-SSOOIDCLogout",
    OperationRef("sso", SSO, "Logout"),
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
    result=LOGOUT_RESULT,
    returns=_LOGOUT_RETURNS,
    parameters=(
        option(
            "EndpointUrl",
            STRING,
            "The access portal endpoint to use instead of the region's, such as a local "
            "emulator (http://127.0.0.1:PORT). $env:AWS_ENDPOINT_URL_SSO does the same.",
        ),
        FORCE,
    ),
    kind="sso-logout",
    cli_command="aws sso logout",
    default_target="every cached SSO token",
    should_process_target="EndpointUrl",
    source=SOURCE,
)

INVOKE_AMSP_LOGOUT = flow_cmdlet(
    "Invoke-AMSPLogout",
    SIGNIN_TOKEN,
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
    result=LOGOUT_RESULT,
    returns=_LOGOUT_RETURNS,
    parameters=(
        profile_name("whose login session to remove"),
        PROFILE_LOCATION,
        option(
            "All",
            SWITCH,
            "Removes every cached login session, whichever profile uses it.",
        ),
        FORCE,
    ),
    kind="login-logout",
    cli_command="aws logout",
    targets=(
        TargetRule("All", "every cached login session"),
        TargetRule("ProfileName", "profile '{}'"),
    ),
    default_target=DEFAULT_TARGET,
    action="remove the cached login session",
    source=SOURCE,
)

SET_ENVIRONMENT = "SetEnvironment"

GET_AWSTOKENBRIDGE_CREDENTIAL = flow_cmdlet(
    "Get-AwsTokenBridgeCredential",
    OperationRef("sso", SSO, "GetRoleCredentials"),
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
    result=CREDENTIALS,
    returns=(
        "AccessKey, SecretKey, SessionToken and Expiration (DateTime, UTC; $null for "
        "long-term keys). With -SetEnvironment it returns nothing."
    ),
    parameters=(
        profile_name("whose credentials to return"),
        PROFILE_LOCATION,
        option(
            SET_ENVIRONMENT,
            SWITCH,
            "Sets the AWS_* environment variables of this session instead of returning an object.",
        ),
    ),
    kind="credentials",
    cli_command="aws configure export-credentials",
    extra_output_types=(CREDENTIAL_ENVIRONMENT,),
    environment_switch=SET_ENVIRONMENT,
    source=SOURCE,
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
