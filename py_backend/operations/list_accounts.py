"""Portal ``ListAccounts``: ``GET /assignment/accounts``, paged by ``nextToken``."""

from py_backend.models.sso import ListAccountsRequest, ListAccountsResponse
from py_backend.operations._spec import OperationSpec, PaginatorSpec

LIST_ACCOUNTS = OperationSpec(
    service="sso",
    name="ListAccounts",
    python_name="list_accounts",
    method="GET",
    path="/assignment/accounts",
    query="",
    input_model=ListAccountsRequest,
    output_model=ListAccountsResponse,
    paginator=PaginatorSpec("nextToken", "nextToken", "maxResults", "accountList"),
)
