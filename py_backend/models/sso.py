"""IAM Identity Center portal (service ``sso``, API version 2019-06-10) request and response models.

Every input is bound to the URL or a header, never a body: ``locations`` maps each member's
wire name to where botocore puts it (``querystring`` with its name there, or ``header``). The
access token travels in ``x-amz-sso_bearer_token`` and is a secret, as are the role
credentials' secret key and session token.
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field, SecretStr

from py_backend.models._base import OutputModel, RequestModel, ResponseModel
from py_backend.models._members import Doc, Shape

# The service model's shape names (the AWS CLI's output skeletons show them).
# A type's Doc is the sentence every member of that type shares; a field's own Doc overrides it.
AccessToken = Annotated[
    SecretStr,
    Shape("AccessTokenType"),
    Doc(
        "The token issued by the CreateToken API call. For more information, see CreateToken in "
        "the IAM Identity Center OIDC API Reference Guide."
    ),
]
AccountId = Annotated[
    str,
    Shape("AccountIdType"),
    Doc("The identifier for the AWS account that is assigned to the user."),
]
RoleName = Annotated[
    str,
    Shape("RoleNameType"),
    Doc("The friendly name of the role that is assigned to the user."),
]
NextToken = Annotated[str, Shape("NextTokenType")]
#: Both list outputs' ``nextToken``.
NextPageToken = Annotated[
    NextToken, Doc("The page token client that is used to retrieve the list of accounts.")
]
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

    next_token: Annotated[
        NextToken | None,
        Doc("The page token from the previous response output when you request subsequent pages."),
    ] = None
    max_results: Annotated[
        MaxResult | None, Doc("The number of items that clients can request per page.")
    ] = Field(default=None, ge=1)
    access_token: AccessToken
    account_id: AccountId


class ListAccountsRequest(PortalRequest):
    """Input of ``ListAccounts``: one page of the accounts assigned to the user."""

    operation: ClassVar[str] = "ListAccounts"
    locations: ClassVar[dict[str, Location]] = {**_PAGING, "accessToken": _ACCESS_TOKEN}

    next_token: Annotated[
        NextToken | None,
        Doc(
            "(Optional) When requesting subsequent pages, this is the page token from the "
            "previous response output."
        ),
    ] = None
    max_results: Annotated[
        MaxResult | None, Doc("This is the number of items clients can request per page.")
    ] = Field(default=None, ge=1)
    access_token: AccessToken


class LogoutRequest(PortalRequest):
    """Input of ``Logout``: the access token whose sign-in session ends."""

    operation: ClassVar[str] = "Logout"
    locations: ClassVar[dict[str, Location]] = {"accessToken": _ACCESS_TOKEN}

    access_token: AccessToken


class RoleCredentials(OutputModel):
    """Temporary AWS credentials for a role; ``expiration`` is in milliseconds since the epoch."""

    access_key_id: Annotated[
        str | None,
        Shape("AccessKeyType"),
        Doc("The identifier used for the temporary security credentials."),
    ] = None
    secret_access_key: Annotated[
        SecretStr | None,
        Shape("SecretAccessKeyType"),
        Doc("The key that is used to sign the request."),
    ] = None
    session_token: Annotated[
        SecretStr | None,
        Shape("SessionTokenType"),
        Doc("The token used for temporary credentials."),
    ] = None
    expiration: Annotated[
        int | None,
        Shape("ExpirationTimestampType", long=True),
        Doc("The date on which temporary security credentials expire, in milliseconds since 1970."),
    ] = None


class GetRoleCredentialsResponse(ResponseModel):
    """Output of ``GetRoleCredentials``."""

    role_credentials: Annotated[
        RoleCredentials | None, Doc("The credentials for the role that is assigned to the user.")
    ] = None


class RoleInfo(OutputModel):
    """A role assigned to the user in an account."""

    role_name: RoleName | None = None
    account_id: AccountId | None = None


class ListAccountRolesResponse(ResponseModel):
    """Output of ``ListAccountRoles``: one page; ``nextToken`` asks for the next one."""

    next_token: NextPageToken | None = None
    role_list: Annotated[
        list[RoleInfo] | None,
        Shape("RoleListType"),
        Doc(
            "A paginated response with the list of roles and the next token if more results "
            "are available."
        ),
    ] = None


class AccountInfo(OutputModel):
    """An AWS account assigned to the user."""

    account_id: Annotated[
        AccountId | None, Doc("The identifier of the AWS account that is assigned to the user.")
    ] = None
    account_name: Annotated[
        str | None,
        Shape("AccountNameType"),
        Doc("The display name of the AWS account that is assigned to the user."),
    ] = None
    email_address: Annotated[
        str | None,
        Shape("EmailAddressType", min=1),
        Doc("The email address of the AWS account that is assigned to the user."),
    ] = None


class ListAccountsResponse(ResponseModel):
    """Output of ``ListAccounts``: one page; ``nextToken`` asks for the next one."""

    next_token: NextPageToken | None = None
    account_list: Annotated[
        list[AccountInfo] | None,
        Shape("AccountListType"),
        Doc(
            "A paginated response with the list of account information and the next token "
            "if more results are available."
        ),
    ] = None


class LogoutResponse(ResponseModel):
    """Output of ``Logout``: the operation has no output shape; only the metadata remains."""
