"""AWS.Tools.SSO: the IAM Identity Center portal's four cmdlets (no seed: the generated V5
sources; docs/portal.md section 5). -AccessToken also binds by property name, so
New-SSOOIDCToken's output can be piped in.
"""

from __future__ import annotations

from py_backend.cmdlets.specs.blocks import member, operation_cmdlet

GET_SSO_ROLE_CREDENTIAL = operation_cmdlet(
    "Get",
    "SSORoleCredential",
    "sso",
    "GetRoleCredentials",
    (
        member("accessToken"),
        member("accountId"),
        member("roleName", pipeline=True),
    ),
    should_process_target="RoleName",
    select_default="RoleCredentials",
)

GET_SSO_ACCOUNT_LIST = operation_cmdlet(
    "Get",
    "SSOAccountList",
    "sso",
    "ListAccounts",
    (member("accessToken", pipeline=True),),
    should_process_target="AccessToken",
    select_default="AccountList",
)

GET_SSO_ACCOUNT_ROLE_LIST = operation_cmdlet(
    "Get",
    "SSOAccountRoleList",
    "sso",
    "ListAccountRoles",
    (member("accessToken"), member("accountId", pipeline=True)),
    should_process_target="AccountId",
    select_default="RoleList",
)

CLOSE_SSO_SESSION = operation_cmdlet(
    "Close",
    "SSOSession",
    "sso",
    "Logout",
    (member("accessToken", pipeline=True),),
    should_process_target="AccessToken",
    writes_by_default=False,
)

#: The four, in the order the package lists them.
SSO_CMDLETS = (
    GET_SSO_ROLE_CREDENTIAL,
    GET_SSO_ACCOUNT_LIST,
    GET_SSO_ACCOUNT_ROLE_LIST,
    CLOSE_SSO_SESSION,
)
