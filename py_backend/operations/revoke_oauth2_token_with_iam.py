"""Sign-In ``RevokeOAuth2TokenWithIAM``: ``POST /v1/revoke?x-amz-client-auth-method=iam``.

RFC 7009 revocation of a refresh token and its chain; SigV4-signed.
"""

from py_backend.models.signin_tokens import (
    RevokeOAuth2TokenWithIAMRequest,
    RevokeOAuth2TokenWithIAMResponse,
)
from py_backend.operations._spec import OperationSpec

REVOKE_OAUTH2_TOKEN_WITH_IAM = OperationSpec(
    service="signin",
    name="RevokeOAuth2TokenWithIAM",
    python_name="revoke_oauth2_token_with_iam",
    method="POST",
    path="/v1/revoke",
    query="x-amz-client-auth-method=iam",
    input_model=RevokeOAuth2TokenWithIAMRequest,
    endpoint_context="oauth",
    output_model=RevokeOAuth2TokenWithIAMResponse,
    signed=True,
    signing_name="signin",
)
