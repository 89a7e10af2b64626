"""SSO OIDC ``RegisterClient``: ``POST /client/register``, unsigned."""

from py_backend.models.sso_oidc import RegisterClientRequest, RegisterClientResponse
from py_backend.operations._spec import OperationSpec

REGISTER_CLIENT = OperationSpec(
    service="sso-oidc",
    name="RegisterClient",
    python_name="register_client",
    method="POST",
    path="/client/register",
    query="",
    input_model=RegisterClientRequest,
    output_model=RegisterClientResponse,
)
