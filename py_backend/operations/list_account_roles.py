"""Portal ``ListAccountRoles``: ``GET /assignment/roles``, paged by ``nextToken``."""

from py_backend.models.sso import ListAccountRolesRequest, ListAccountRolesResponse
from py_backend.operations._spec import OperationSpec, PaginatorSpec

LIST_ACCOUNT_ROLES = OperationSpec(
    service="sso",
    name="ListAccountRoles",
    python_name="list_account_roles",
    method="GET",
    path="/assignment/roles",
    query="",
    input_model=ListAccountRolesRequest,
    output_model=ListAccountRolesResponse,
    paginator=PaginatorSpec("nextToken", "nextToken", "maxResults", "roleList"),
)
