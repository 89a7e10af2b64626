"""The IAM Identity Center portal's four operations (``sso``): unsigned, the bearer token in a
header and the other members in the query string (their models' ``locations``)."""

from py_backend.models import sso
from py_backend.operations._spec import OperationSpec, PaginatorSpec, models_of


def _operation(
    name: str, method: str, path: str, doc: str, *, pages: str | None = None
) -> OperationSpec:
    """``pages``: the result key of a list operation, paged by ``nextToken``."""
    paginator = PaginatorSpec("nextToken", "nextToken", "maxResults", pages) if pages else None
    return OperationSpec("sso", name, method, path, *models_of(sso, name), doc, paginator=paginator)


GET_ROLE_CREDENTIALS = _operation(
    "GetRoleCredentials",
    "GET",
    "/federation/credentials",
    "Returns the STS short-term credentials for a given role name that is assigned to the user.",
)
LIST_ACCOUNTS = _operation(
    "ListAccounts",
    "GET",
    "/assignment/accounts",
    "Lists all AWS accounts assigned to the user. These AWS accounts are assigned by the "
    "administrator of the account. For more information, see Assign User Access in the IAM "
    "Identity Center User Guide. This operation returns a paginated response.",
    pages="accountList",
)
LIST_ACCOUNT_ROLES = _operation(
    "ListAccountRoles",
    "GET",
    "/assignment/roles",
    "Lists all roles that are assigned to the user for a given AWS account.",
    pages="roleList",
)
#: The session of the bearer token ends; the request has no body.
LOGOUT = _operation(
    "Logout",
    "POST",
    "/logout",
    "Removes the locally stored SSO tokens from the client-side cache and sends an API call to "
    "the IAM Identity Center service to invalidate the corresponding server-side IAM Identity "
    "Center sign in session.\n\n"
    "If a user uses IAM Identity Center to access the AWS CLI, the user's IAM Identity Center "
    "sign in session is used to obtain an IAM session, as specified in the corresponding IAM "
    "Identity Center permission set. More specifically, IAM Identity Center assumes an IAM role "
    "in the target account on behalf of the user, and the corresponding temporary AWS "
    "credentials are returned to the client.\n\n"
    "After user logout, any existing IAM role sessions that were created by using IAM Identity "
    "Center permission sets continue based on the duration configured in the permission set. "
    "For more information, see User authentications in the IAM Identity Center User Guide.",
)
