"""Sign-In ``BatchRevokeSessions``: ``POST /batch-revoke-sessions``.

Revoke up to five sign-in sessions; SigV4-signed.
"""

from py_backend.models.signin_tokens import BatchRevokeSessionsRequest, BatchRevokeSessionsResponse
from py_backend.operations._spec import OperationSpec

BATCH_REVOKE_SESSIONS = OperationSpec(
    service="signin",
    name="BatchRevokeSessions",
    python_name="batch_revoke_sessions",
    method="POST",
    path="/batch-revoke-sessions",
    query="",
    input_model=BatchRevokeSessionsRequest,
    endpoint_context="control-plane",
    output_model=BatchRevokeSessionsResponse,
    signed=True,
    signing_name="signin",
)
