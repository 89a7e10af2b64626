"""Portal ``GetRoleCredentials``: ``GET /federation/credentials`` with the bearer token."""

from py_backend.models.sso import GetRoleCredentialsRequest, GetRoleCredentialsResponse
from py_backend.operations._spec import OperationSpec

GET_ROLE_CREDENTIALS = OperationSpec(
    service="sso",
    name="GetRoleCredentials",
    python_name="get_role_credentials",
    method="GET",
    path="/federation/credentials",
    query="",
    input_model=GetRoleCredentialsRequest,
    output_model=GetRoleCredentialsResponse,
)
