"""AWS.Tools.Signin's cmdlets: ``New-AMSPOAuth2Token`` (seed 000) and the token service's and
sessions' six (issue 20; docs/signin-operations.md section 3), which follow the generated V5
sources and the V5 command reference. None has a pipeline parameter: ``NoPipelineParameter="true"``
in signin.xml.

The token cmdlets' descriptions are the AWS Tools' own: their reference pages are generated
from an older Sign-In model (the AWS CLI v1's vendored botocore 1.43), whose words differ from
the current model's that the command line's ``help`` prints.
"""

from __future__ import annotations

from py_backend.cmdlets.specs.blocks import member, operation_cmdlet

#: The session operations' service name in the AWS Tools (the token service's is
#: ``vocabulary.SIGNIN``).
SIGNIN_SERVICE = "AWS Sign-In Service"


NEW_AMSP_OAUTH2_TOKEN = operation_cmdlet(
    "New",
    "AMSPOAuth2Token",
    "signin",
    "CreateOAuth2Token",
    (
        member(
            "tokenInput.clientId",
            "The client identifier (ARN) used during Sign-In onboarding Required for both "
            "authorization code and refresh token flows",
        ),
        member(
            "tokenInput.code",
            "The authorization code received from /v1/authorize Required only when "
            "grant_type=authorization_code",
        ),
        member(
            "tokenInput.codeVerifier",
            "PKCE code verifier to prove possession of the original code challenge Required "
            "only when grant_type=authorization_code",
        ),
        member(
            "tokenInput.grantType",
            "OAuth 2.0 grant type - determines which flow is used Must be "
            '"authorization_code" or "refresh_token"',
        ),
        member(
            "tokenInput.redirectUri",
            "The redirect URI that must match the original authorization request Required "
            "only when grant_type=authorization_code",
        ),
        member(
            "tokenInput.refreshToken",
            "The refresh token returned from auth_code redemption Required only when "
            "grant_type=refresh_token",
        ),
    ),
    should_process_target="TokenInput_ClientId",
    select_default="TokenOutput",
    description=(
        "CreateOAuth2Token API Path: /v1/token Request Method: POST Content-Type: "
        "application/json or application/x-www-form-urlencoded This API implements OAuth 2.0 "
        "flows for AWS Sign-In CLI clients, supporting both:\n"
        "  1. Authorization code redemption (grant_type=authorization_code) - NOT idempotent\n"
        "  2. Token refresh (grant_type=refresh_token) - Idempotent within token validity "
        "window\n"
        "The operation behavior is determined by the grant_type parameter in the request body: "
        "Authorization Code Flow (NOT Idempotent):\n"
        "  \u2022 JSON or form-encoded body with client_id, grant_type=authorization_code, code, "
        "redirect_uri, code_verifier\n"
        "  \u2022 Returns access_token, token_type, expires_in, refresh_token, and id_token\n"
        "  \u2022 Each authorization code can only be used ONCE for security (prevents replay "
        "attacks)\n"
        "Token Refresh Flow (Idempotent):\n"
        "  \u2022 JSON or form-encoded body with client_id, grant_type=refresh_token, "
        "refresh_token\n"
        "  \u2022 Returns access_token, token_type, expires_in, and refresh_token (no id_token)\n"
        "  \u2022 Multiple calls with same refresh_token return consistent results within "
        "validity window\n"
        "Authentication and authorization:\n"
        "  \u2022 Confidential clients: sigv4 signing required with signin:ExchangeToken "
        "permissions\n"
        "  \u2022 CLI clients (public): authn/authz skipped based on client_id & grant_type\n"
        "Note: This operation cannot be marked as @idempotent because it handles both "
        "idempotent (token refresh) and non-idempotent (auth code redemption) flows in a single "
        "endpoint."
    ),
)

NEW_AMSP_OAUTH2_TOKEN_WITH_IAM = operation_cmdlet(
    "New",
    "AMSPOAuth2TokenWithIAM",
    "signin",
    "CreateOAuth2TokenWithIAM",
    (
        member("grantType", 'OAuth 2.0 grant type. Must be "client_credentials".'),
        member("resource"),
    ),
    # The source's resourceIdentifiersText is empty; this module names the resource instead.
    should_process_target="Resource",
    description=(
        "Grants permission to exchange client credentials for an OAuth 2.0 access token scoped "
        "to a resource that can be used to access AWS services from applications"
    ),
)

INVOKE_AMSP_INTROSPECT_OAUTH2_TOKEN_WITH_IAM = operation_cmdlet(
    "Invoke",
    "AMSPIntrospectOAuth2TokenWithIAM",
    "signin",
    "IntrospectOAuth2TokenWithIAM",
    (
        member("token"),
        member(
            "tokenTypeHint",
            "An optional hint about the type of the token submitted for introspection, as "
            "defined in RFC 7662 section 2.1. The server checks both token types regardless "
            'of the hint. Allowed values: "access_token", "refresh_token".',
        ),
    ),
    should_process_target="Token",
    description=(
        "Grants permission to inspect the metadata and state of an OAuth 2.0 access token or "
        "refresh token Implements RFC 7662 OAuth 2.0 Token Introspection over a "
        "SigV4-authenticated endpoint. Inspects the metadata of an access_token or "
        "refresh_token issued by AWS Sign-In and returns the claims associated with it. "
        "Inactive token semantics (RFC 7662 section 2.2): when the supplied token is unknown, "
        "expired, revoked, malformed, or owned by a different account, the response body is "
        'exactly { "active": false } with all other claims omitted.'
    ),
)

REVOKE_AMSP_OAUTH2_TOKEN_WITH_IAM = operation_cmdlet(
    "Revoke",
    "AMSPOAuth2TokenWithIAM",
    "signin",
    "RevokeOAuth2TokenWithIAM",
    (member("token"),),
    should_process_target="Token",
    writes_by_default=False,
    description=(
        "Grants permission to revoke an OAuth 2.0 refresh token and its associated refresh "
        "tokens Revokes a refresh_token issued by AWS Sign-In, invalidating the entire token "
        "chain so that the refresh_token can no longer be used to mint new access_tokens. "
        "Idempotency: revoking an already-revoked, expired, or otherwise invalid token still "
        "returns 200 OK with an empty body. Only the refresh_token type is accepted."
    ),
)

GET_AMSP_SESSION = operation_cmdlet(
    "Get",
    "AMSPSession",
    "signin",
    "GetSession",
    (member("sessionArn"), member("principalArn")),
    should_process_target="SessionArn",
    service_display_name=SIGNIN_SERVICE,
)

GET_AMSP_SESSION_LIST = operation_cmdlet(
    "Get",
    "AMSPSessionList",
    "signin",
    "ListSessions",
    (
        member("clientId"),
        member("issuedAfter"),
        member("issuedBefore"),
        member("principalArn"),
        member("status"),
    ),
    should_process_target="PrincipalArn",
    service_display_name=SIGNIN_SERVICE,
    select_default="Items",
)

REVOKE_AMSP_SESSION_BATCH = operation_cmdlet(
    "Revoke",
    "AMSPSessionBatch",
    "signin",
    "BatchRevokeSessions",
    (
        member("principalArn"),
        member("reason"),
        member("sessionArns", singular=True),
    ),
    should_process_target="SessionArn",
    service_display_name=SIGNIN_SERVICE,
)

#: The seven, in the order the package lists them.
SIGNIN_CMDLETS = (
    NEW_AMSP_OAUTH2_TOKEN,
    NEW_AMSP_OAUTH2_TOKEN_WITH_IAM,
    INVOKE_AMSP_INTROSPECT_OAUTH2_TOKEN_WITH_IAM,
    REVOKE_AMSP_OAUTH2_TOKEN_WITH_IAM,
    GET_AMSP_SESSION,
    GET_AMSP_SESSION_LIST,
    REVOKE_AMSP_SESSION_BATCH,
)
