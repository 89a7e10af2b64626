"""Sign-In ``CreateOAuth2TokenWithIAM``: ``POST /v1/token?x-amz-client-auth-method=iam``.

Client credentials to an access token scoped to a resource; SigV4-signed.
"""

from py_backend.models.signin_tokens import (
    CreateOAuth2TokenWithIAMRequest,
    CreateOAuth2TokenWithIAMResponse,
)
from py_backend.operations._spec import OperationSpec

CREATE_OAUTH2_TOKEN_WITH_IAM = OperationSpec(
    service="signin",
    name="CreateOAuth2TokenWithIAM",
    python_name="create_oauth2_token_with_iam",
    method="POST",
    path="/v1/token",
    query="x-amz-client-auth-method=iam",
    input_model=CreateOAuth2TokenWithIAMRequest,
    endpoint_context="oauth",
    output_model=CreateOAuth2TokenWithIAMResponse,
    signed=True,
    signing_name="signin",
)
