"""Portal ``Logout``: ``POST /logout`` with no body; the session of the bearer token ends."""

from py_backend.models.sso import LogoutRequest, LogoutResponse
from py_backend.operations._spec import OperationSpec

LOGOUT = OperationSpec(
    service="sso",
    name="Logout",
    python_name="logout",
    method="POST",
    path="/logout",
    query="",
    input_model=LogoutRequest,
    output_model=LogoutResponse,
)
