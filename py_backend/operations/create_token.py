"""SSO OIDC ``CreateToken``: ``POST /token``, unsigned."""

from py_backend.models.sso_oidc import CreateTokenRequest, CreateTokenResponse
from py_backend.operations._spec import OperationSpec

CREATE_TOKEN = OperationSpec(
    service="sso-oidc",
    name="CreateToken",
    python_name="create_token",
    method="POST",
    path="/token",
    query="",
    input_model=CreateTokenRequest,
    output_model=CreateTokenResponse,
)
