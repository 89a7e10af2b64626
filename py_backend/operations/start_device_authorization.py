"""SSO OIDC ``StartDeviceAuthorization``: ``POST /device_authorization``, unsigned."""

from py_backend.models.sso_oidc import (
    StartDeviceAuthorizationRequest,
    StartDeviceAuthorizationResponse,
)
from py_backend.operations._spec import OperationSpec

START_DEVICE_AUTHORIZATION = OperationSpec(
    service="sso-oidc",
    name="StartDeviceAuthorization",
    python_name="start_device_authorization",
    method="POST",
    path="/device_authorization",
    query="",
    input_model=StartDeviceAuthorizationRequest,
    output_model=StartDeviceAuthorizationResponse,
)
