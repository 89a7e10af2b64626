"""AWS Sign-In ``CreateOAuth2Token``: ``POST /v1/token``, unsigned, DPoP-bound when given a key.

The ``tokenInput`` member is the whole body and the whole answer is ``tokenOutput``.
"""

from py_backend.models.signin import CreateOAuth2TokenRequest, CreateOAuth2TokenResponse
from py_backend.operations._spec import OperationSpec

CREATE_OAUTH2_TOKEN = OperationSpec(
    service="signin",
    name="CreateOAuth2Token",
    python_name="create_oauth2_token",
    method="POST",
    path="/v1/token",
    query="",
    input_model=CreateOAuth2TokenRequest,
    output_model=CreateOAuth2TokenResponse,
    input_payload="tokenInput",
    output_payload="tokenOutput",
)
