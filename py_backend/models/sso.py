"""IAM Identity Center portal (service ``sso``, API version 2019-06-10) request and response models.

Every input is bound to the URL or a header, never a body: ``locations`` maps each member's
wire name to where botocore puts it (``querystring`` with its name there, or ``header``). The
access token travels in ``x-amz-sso_bearer_token`` and is a secret, as are the role
credentials' secret key and session token. Validation follows botocore: required members,
types, and ``maxResults`` at least 1 (never the model's maximum of 100).
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, SecretStr

from py_backend.models._base import OutputModel, RequestModel, ResponseModel

#: Where botocore sends a member: ``("querystring", name)`` or ``("header", name)``.
Location = tuple[str, str]

BEARER_HEADER = "x-amz-sso_bearer_token"
_ACCESS_TOKEN: Location = ("header", BEARER_HEADER)
_ACCOUNT_ID: Location = ("querystring", "account_id")
_PAGING: dict[str, Location] = {
    "nextToken": ("querystring", "next_token"),
    "maxResults": ("querystring", "max_result"),
}


class PortalRequest(RequestModel):
    """A portal operation's input: members bound to the query string and headers."""

    locations: ClassVar[dict[str, Location]] = {}


class GetRoleCredentialsRequest(PortalRequest):
    """Input of ``GetRoleCredentials``: which role in which account, and the access token."""

    operation: ClassVar[str] = "GetRoleCredentials"
    locations: ClassVar[dict[str, Location]] = {
        "roleName": ("querystring", "role_name"),
        "accountId": _ACCOUNT_ID,
        "accessToken": _ACCESS_TOKEN,
    }

    role_name: str
    account_id: str
    access_token: SecretStr


class ListAccountRolesRequest(PortalRequest):
    """Input of ``ListAccountRoles``: one page of the roles the user has in one account."""

    operation: ClassVar[str] = "ListAccountRoles"
    locations: ClassVar[dict[str, Location]] = {
        **_PAGING,
        "accessToken": _ACCESS_TOKEN,
        "accountId": _ACCOUNT_ID,
    }

    next_token: str | None = None
    # MaxResultType is 1..100; botocore checks an integer's minimum, never its maximum.
    max_results: int | None = Field(default=None, ge=1)
    access_token: SecretStr
    account_id: str


class ListAccountsRequest(PortalRequest):
    """Input of ``ListAccounts``: one page of the accounts assigned to the user."""

    operation: ClassVar[str] = "ListAccounts"
    locations: ClassVar[dict[str, Location]] = {**_PAGING, "accessToken": _ACCESS_TOKEN}

    next_token: str | None = None
    # MaxResultType is 1..100; botocore checks an integer's minimum, never its maximum.
    max_results: int | None = Field(default=None, ge=1)
    access_token: SecretStr


class LogoutRequest(PortalRequest):
    """Input of ``Logout``: the access token whose sign-in session ends."""

    operation: ClassVar[str] = "Logout"
    locations: ClassVar[dict[str, Location]] = {"accessToken": _ACCESS_TOKEN}

    access_token: SecretStr


class RoleCredentials(OutputModel):
    """Temporary AWS credentials for a role; ``expiration`` is in milliseconds since the epoch."""

    access_key_id: str | None = None
    secret_access_key: SecretStr | None = None
    session_token: SecretStr | None = None
    expiration: int | None = None


class GetRoleCredentialsResponse(ResponseModel):
    """Output of ``GetRoleCredentials``."""

    role_credentials: RoleCredentials | None = None


class RoleInfo(OutputModel):
    """A role assigned to the user in an account."""

    role_name: str | None = None
    account_id: str | None = None


class ListAccountRolesResponse(ResponseModel):
    """Output of ``ListAccountRoles``: one page; ``nextToken`` asks for the next one."""

    next_token: str | None = None
    role_list: list[RoleInfo] | None = None


class AccountInfo(OutputModel):
    """An AWS account assigned to the user."""

    account_id: str | None = None
    account_name: str | None = None
    email_address: str | None = None


class ListAccountsResponse(ResponseModel):
    """Output of ``ListAccounts``: one page; ``nextToken`` asks for the next one."""

    next_token: str | None = None
    account_list: list[AccountInfo] | None = None


class LogoutResponse(ResponseModel):
    """Output of ``Logout``: the operation has no output shape; only the metadata remains."""
