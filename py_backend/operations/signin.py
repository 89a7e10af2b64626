"""AWS Sign-In's nine operations (``signin``): all ``POST``.

``CreateOAuth2Token`` is unsigned (DPoP-bound when given a key), sends ``tokenInput`` as the
whole body and reads the whole answer into ``tokenOutput``. The token service
(``/v1/token``, ``/v1/introspect``, ``/v1/revoke`` on the ``oauth`` host) and the session
operations (``control-plane``) are SigV4-signed as ``signin``, but the RFC 8693 token
exchange, which is unsigned.
"""

from py_backend.models import signin, signin_tokens
from py_backend.operations._spec import OperationSpec, PaginatorSpec, models_of

#: The query that marks a SigV4-authenticated client on the token service's paths.
_IAM = "x-amz-client-auth-method=iam"


def _operation(
    name: str,
    path: str,
    doc: str,
    *,
    context: str,
    query: str = "",
    signed: bool = True,
    python_name: str = "",
    paginator: PaginatorSpec | None = None,
) -> OperationSpec:
    return OperationSpec(
        "signin",
        name,
        "POST",
        path,
        *models_of(signin_tokens, name),
        doc,
        query=query,
        python_name=python_name,
        signed=signed,
        signing_name="signin",
        endpoint_context=context,
        paginator=paginator,
    )


CREATE_OAUTH2_TOKEN = OperationSpec(
    "signin",
    "CreateOAuth2Token",
    "POST",
    "/v1/token",
    *models_of(signin, "CreateOAuth2Token"),
    "Exchanges an authorization code or refresh token for an OAuth 2.0 access token and "
    "refresh token.",
    # botocore's own exception to xform_name, as for the three *OAuth2TokenWithIAM below.
    python_name="create_oauth2_token",
    input_payload="tokenInput",
    output_payload="tokenOutput",
)
CREATE_OAUTH2_TOKEN_WITH_IAM = _operation(
    "CreateOAuth2TokenWithIAM",
    "/v1/token",
    "Exchanges client credentials for an OAuth 2.0 access token scoped to a resource, which "
    "you can use to access AWS services from applications.",
    context="oauth",
    query=_IAM,
    python_name="create_oauth2_token_with_iam",
)
#: RFC 8693 token exchange (or an RFC 7523 JWT grant). boto3 names it by the rule:
#: ``create_o_auth2_token_with_token_exchange``.
CREATE_OAUTH2_TOKEN_WITH_TOKEN_EXCHANGE = _operation(
    "CreateOAuth2TokenWithTokenExchange",
    "/v1/token",
    "Exchanges a supported token for an OAuth 2.0 access token scoped to a resource, which you "
    "can use to access AWS services from applications.",
    context="oauth",
    query="x-amz-oauth-token-method=token-exchange",
    signed=False,
)
#: IAM credentials to a bearer token for a supported service.
CREATE_BEARER_TOKEN = _operation(
    "CreateBearerToken",
    "/v1/token",
    "Creates a bearer token that represents your IAM credentials and can be used to access a "
    "supported AWS service. By default, the token is valid for 12 hours.",
    context="oauth",
    query="x-amz-token-request-type=bearer",
)
INTROSPECT_OAUTH2_TOKEN_WITH_IAM = _operation(
    "IntrospectOAuth2TokenWithIAM",
    "/v1/introspect",
    "Inspects the metadata and active state of an OAuth 2.0 access token or refresh token.\n\n"
    "Implements RFC 7662 OAuth 2.0 Token Introspection over a SigV4-authenticated endpoint. "
    "Returns the claims associated with a token issued by AWS Sign-In.",
    context="oauth",
    query=_IAM,
    python_name="introspect_oauth2_token_with_iam",
)
#: RFC 7009 revocation.
REVOKE_OAUTH2_TOKEN_WITH_IAM = _operation(
    "RevokeOAuth2TokenWithIAM",
    "/v1/revoke",
    "Revokes an OAuth 2.0 refresh token and its associated token chain.",
    context="oauth",
    query=_IAM,
    python_name="revoke_oauth2_token_with_iam",
)
GET_SESSION = _operation(
    "GetSession",
    "/get-session",
    "Returns the details of a single sign-in session. The session must belong to the identity "
    "specified by principalArn, or to the caller if principalArn is omitted. A session that "
    "belongs to a different identity or account is reported as not found.",
    context="control-plane",
)
LIST_SESSIONS = _operation(
    "ListSessions",
    "/list-sessions",
    "Lists sign-in sessions for an IAM identity in your account. If you omit principalArn, the "
    "operation lists the caller's own sessions. Specify a user or role ARN to list that "
    "identity's sessions, or specify arn:aws:iam::{account-id}:* to list all sessions in the "
    "account. Filters are combined with a logical AND.",
    context="control-plane",
    paginator=PaginatorSpec("nextToken", "nextToken", "maxResults", "items"),
)
BATCH_REVOKE_SESSIONS = _operation(
    "BatchRevokeSessions",
    "/batch-revoke-sessions",
    "Revokes up to five sign-in sessions. A revoked session can no longer be refreshed. "
    "Revoking a session that is already revoked succeeds. Each session must belong to the "
    "identity specified by principalArn, or to the caller if principalArn is omitted. Failures "
    "for individual sessions are returned in the errors list and do not fail the whole "
    "request.",
    context="control-plane",
)
