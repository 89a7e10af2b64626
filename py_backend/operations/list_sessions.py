"""Sign-In ``ListSessions``: ``POST /list-sessions``.

One page of the caller's sign-in sessions; SigV4-signed.
"""

from py_backend.models.signin_tokens import ListSessionsRequest, ListSessionsResponse
from py_backend.operations._spec import OperationSpec, PaginatorSpec

LIST_SESSIONS = OperationSpec(
    service="signin",
    name="ListSessions",
    python_name="list_sessions",
    method="POST",
    path="/list-sessions",
    query="",
    input_model=ListSessionsRequest,
    endpoint_context="control-plane",
    output_model=ListSessionsResponse,
    signed=True,
    signing_name="signin",
    paginator=PaginatorSpec("nextToken", "nextToken", "maxResults", "items"),
)
