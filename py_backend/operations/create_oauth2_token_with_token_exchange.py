"""Sign-In ``CreateOAuth2TokenWithTokenExchange``: ``POST /v1/token`` with the query
``x-amz-oauth-token-method=token-exchange``.

RFC 8693 token exchange (or an RFC 7523 JWT grant); unsigned.
"""

from py_backend.models.signin_tokens import (
    CreateOAuth2TokenWithTokenExchangeRequest,
    CreateOAuth2TokenWithTokenExchangeResponse,
)
from py_backend.operations._spec import OperationSpec

CREATE_OAUTH2_TOKEN_WITH_TOKEN_EXCHANGE = OperationSpec(
    service="signin",
    name="CreateOAuth2TokenWithTokenExchange",
    python_name="create_o_auth2_token_with_token_exchange",
    method="POST",
    path="/v1/token",
    query="x-amz-oauth-token-method=token-exchange",
    input_model=CreateOAuth2TokenWithTokenExchangeRequest,
    endpoint_context="oauth",
    output_model=CreateOAuth2TokenWithTokenExchangeResponse,
)
