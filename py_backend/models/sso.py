"""IAM Identity Center portal (service ``sso``, API version 2019-06-10) request and response models.

Every input is bound to the URL or a header, never a body: ``locations`` maps each member's
wire name to where botocore puts it (``querystring`` with its name there, or ``header``). The
access token travels in ``x-amz-sso_bearer_token`` and is a secret, as are the role
credentials' secret key and session token. Validation follows botocore: required members,
types, and ``maxResults`` at least 1 (never the model's maximum of 100).
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field, SecretStr

from py_backend.models._base import OutputModel, RequestModel, ResponseModel
from py_backend.models._members import Shape

# The service model's shape names (the AWS CLI's output skeletons show them).
AccessToken = Annotated[SecretStr, Shape("AccessTokenType")]
AccountId = Annotated[str, Shape("AccountIdType")]
RoleName = Annotated[str, Shape("RoleNameType")]
NextToken = Annotated[str, Shape("NextTokenType")]
MaxResult = Annotated[int, Shape("MaxResultType")]

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

    role_name: RoleName
    account_id: AccountId
    access_token: AccessToken


class ListAccountRolesRequest(PortalRequest):
    """Input of ``ListAccountRoles``: one page of the roles the user has in one account."""

    operation: ClassVar[str] = "ListAccountRoles"
    locations: ClassVar[dict[str, Location]] = {
        **_PAGING,
        "accessToken": _ACCESS_TOKEN,
        "accountId": _ACCOUNT_ID,
    }

    next_token: NextToken | None = None
    # MaxResultType is 1..100; botocore checks an integer's minimum, never its maximum.
    max_results: MaxResult | None = Field(default=None, ge=1)
    access_token: AccessToken
    account_id: AccountId


class ListAccountsRequest(PortalRequest):
    """Input of ``ListAccounts``: one page of the accounts assigned to the user."""

    operation: ClassVar[str] = "ListAccounts"
    locations: ClassVar[dict[str, Location]] = {**_PAGING, "accessToken": _ACCESS_TOKEN}

    next_token: NextToken | None = None
    # MaxResultType is 1..100; botocore checks an integer's minimum, never its maximum.
    max_results: MaxResult | None = Field(default=None, ge=1)
    access_token: AccessToken


class LogoutRequest(PortalRequest):
    """Input of ``Logout``: the access token whose sign-in session ends."""

    operation: ClassVar[str] = "Logout"
    locations: ClassVar[dict[str, Location]] = {"accessToken": _ACCESS_TOKEN}

    access_token: AccessToken


class RoleCredentials(OutputModel):
    """Temporary AWS credentials for a role; ``expiration`` is in milliseconds since the epoch."""

    access_key_id: Annotated[str, Shape("AccessKeyType")] | None = None
    secret_access_key: Annotated[SecretStr, Shape("SecretAccessKeyType")] | None = None
    session_token: Annotated[SecretStr, Shape("SessionTokenType")] | None = None
    expiration: Annotated[int, Shape("ExpirationTimestampType", long=True)] | None = None


class GetRoleCredentialsResponse(ResponseModel):
    """Output of ``GetRoleCredentials``."""

    role_credentials: RoleCredentials | None = None


class RoleInfo(OutputModel):
    """A role assigned to the user in an account."""

    role_name: RoleName | None = None
    account_id: AccountId | None = None


class ListAccountRolesResponse(ResponseModel):
    """Output of ``ListAccountRoles``: one page; ``nextToken`` asks for the next one."""

    next_token: NextToken | None = None
    role_list: Annotated[list[RoleInfo], Shape("RoleListType")] | None = None


class AccountInfo(OutputModel):
    """An AWS account assigned to the user."""

    account_id: AccountId | None = None
    account_name: Annotated[str, Shape("AccountNameType")] | None = None
    email_address: Annotated[str, Shape("EmailAddressType", min=1)] | None = None


class ListAccountsResponse(ResponseModel):
    """Output of ``ListAccounts``: one page; ``nextToken`` asks for the next one."""

    next_token: NextToken | None = None
    account_list: Annotated[list[AccountInfo], Shape("AccountListType")] | None = None


class LogoutResponse(ResponseModel):
    """Output of ``Logout``: the operation has no output shape; only the metadata remains."""
