"""SSO OIDC ``CreateTokenWithIAM``: ``POST /token?aws_iam=t``, SigV4-signed as ``sso-oauth``."""

from py_backend.models.sso_oidc import CreateTokenWithIAMRequest, CreateTokenWithIAMResponse
from py_backend.operations._spec import OperationSpec

#: The SigV4 signing name of SSO OIDC (not ``sso-oidc`` nor ``oidc``).
SIGNING_NAME = "sso-oauth"

CREATE_TOKEN_WITH_IAM = OperationSpec(
    service="sso-oidc",
    name="CreateTokenWithIAM",
    python_name="create_token_with_iam",
    method="POST",
    path="/token",
    query="aws_iam=t",
    input_model=CreateTokenWithIAMRequest,
    output_model=CreateTokenWithIAMResponse,
    signed=True,
)
