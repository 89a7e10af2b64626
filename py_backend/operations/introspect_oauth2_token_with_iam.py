"""Sign-In ``IntrospectOAuth2TokenWithIAM``: ``POST /v1/introspect?x-amz-client-auth-method=iam``.

RFC 7662 introspection of a Sign-In token; SigV4-signed.
"""

from py_backend.models.signin_tokens import (
    IntrospectOAuth2TokenWithIAMRequest,
    IntrospectOAuth2TokenWithIAMResponse,
)
from py_backend.operations._spec import OperationSpec

INTROSPECT_OAUTH2_TOKEN_WITH_IAM = OperationSpec(
    service="signin",
    name="IntrospectOAuth2TokenWithIAM",
    python_name="introspect_oauth2_token_with_iam",
    method="POST",
    path="/v1/introspect",
    query="x-amz-client-auth-method=iam",
    input_model=IntrospectOAuth2TokenWithIAMRequest,
    endpoint_context="oauth",
    output_model=IntrospectOAuth2TokenWithIAMResponse,
    signed=True,
    signing_name="signin",
)
