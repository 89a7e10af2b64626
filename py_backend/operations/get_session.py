"""Sign-In ``GetSession``: ``POST /get-session``.

One of the caller's sign-in sessions; SigV4-signed.
"""

from py_backend.models.signin_tokens import GetSessionRequest, GetSessionResponse
from py_backend.operations._spec import OperationSpec

GET_SESSION = OperationSpec(
    service="signin",
    name="GetSession",
    python_name="get_session",
    method="POST",
    path="/get-session",
    query="",
    input_model=GetSessionRequest,
    endpoint_context="control-plane",
    output_model=GetSessionResponse,
    signed=True,
    signing_name="signin",
)
