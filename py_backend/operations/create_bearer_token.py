"""Sign-In ``CreateBearerToken``: ``POST /v1/token?x-amz-token-request-type=bearer``.

IAM credentials to a bearer token for a supported service; SigV4-signed.
"""

from py_backend.models.signin_tokens import CreateBearerTokenRequest, CreateBearerTokenResponse
from py_backend.operations._spec import OperationSpec

CREATE_BEARER_TOKEN = OperationSpec(
    service="signin",
    name="CreateBearerToken",
    python_name="create_bearer_token",
    method="POST",
    path="/v1/token",
    query="x-amz-token-request-type=bearer",
    input_model=CreateBearerTokenRequest,
    endpoint_context="oauth",
    output_model=CreateBearerTokenResponse,
    signed=True,
    signing_name="signin",
)
