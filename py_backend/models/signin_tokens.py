"""AWS Sign-In's token service and sessions (``signin`` 2023-01-01): eight operations' models.

The OAuth operations (``/v1/token``, ``/v1/introspect``, ``/v1/revoke``) put most members on
the wire under RFC 6749 names (``grant_type``, ``access_token``): ``wire_names`` maps a member
name (what boto3 takes and returns) to that location name; members not in it travel under
their own name. The session operations (``/get-session`` ...) use member names throughout.
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from annotated_types import MinLen
from pydantic import Field, SecretStr

from py_backend.models._base import OutputModel, RequestModel, ResponseModel
from py_backend.models._members import Doc, Shape

Resource = Annotated[str, Shape("Resource")]
Scope = Annotated[str, Shape("Scope")]
# A type's Doc is the sentence every member of that type shares; a field's own Doc overrides it.
OAuthAccessToken = Annotated[
    SecretStr,
    Shape("OAuthAccessToken", min=1, required=True),
    Doc("The access token containing principal identity, resource scope, and session metadata."),
]
BearerTokenType = Annotated[str, Shape("BearerTokenType", required=True)]
Long = Annotated[int, Shape("Long", long=True)]
SessionArn = Annotated[str, Shape("SessionArn")]
PrincipalArnFilter = Annotated[str, Shape("PrincipalArnFilter")]
PrincipalArn = Annotated[str, Shape("PrincipalArn")]
SessionStatus = Annotated[str, Shape("SessionStatus", enum=("ACTIVE", "REVOKED"))]
ClientType = Annotated[str, Shape("ClientType", enum=("CLI", "MCP"))]
NextToken = Annotated[str, Shape("NextToken")]

_TOKEN_OUT = {"accessToken": "access_token", "tokenType": "token_type", "expiresIn": "expires_in"}


class CreateOAuth2TokenWithIAMRequest(RequestModel):
    """Input of ``CreateOAuth2TokenWithIAM``: client credentials for a resource (SigV4)."""

    operation: ClassVar[str] = "CreateOAuth2TokenWithIAM"
    wire_names: ClassVar[dict[str, str]] = {"grantType": "grant_type"}

    grant_type: Annotated[
        str,
        Shape("ClientCredentialsGrantType"),
        Doc('The OAuth 2.0 grant type. Must be "client_credentials".'),
    ]
    resource: Annotated[
        Resource,
        Doc(
            "The OAuth resource for which the access token is requested. Example: "
            '"aws-mcp.amazonaws.com".'
        ),
    ] = Field(min_length=1)


class CreateOAuth2TokenWithIAMResponse(ResponseModel):
    """Output of ``CreateOAuth2TokenWithIAM``: a bearer access token scoped to the resource."""

    wire_names: ClassVar[dict[str, str]] = _TOKEN_OUT

    access_token: OAuthAccessToken | None = None
    token_type: Annotated[
        BearerTokenType | None, Doc('The token type. Always "Bearer" as defined in RFC 6749.')
    ] = None
    expires_in: Annotated[
        int | None,
        Shape("TokenExpiresIn", min=1, required=True),
        Doc(
            "The token lifetime in seconds. Value is the minimum of the caller's session "
            "validity and 1 hour (3600 seconds)."
        ),
    ] = None


class CreateOAuth2TokenWithTokenExchangeRequest(RequestModel):
    """Input of ``CreateOAuth2TokenWithTokenExchange`` (RFC 8693 or RFC 7523), unsigned."""

    operation: ClassVar[str] = "CreateOAuth2TokenWithTokenExchange"
    wire_names: ClassVar[dict[str, str]] = {
        "grantType": "grant_type",
        "subjectToken": "subject_token",
        "subjectTokenType": "subject_token_type",
        "clientId": "client_id",
    }

    grant_type: Annotated[
        str,
        Shape("TokenExchangeGrantType"),
        Doc(
            "The OAuth 2.0 grant type. Currently supports "
            '"urn:ietf:params:oauth:grant-type:token-exchange" and '
            '"urn:ietf:params:oauth:grant-type:jwt-bearer".'
        ),
    ]
    subject_token: Annotated[
        SecretStr | None,
        Shape("SubjectToken"),
        Doc(
            "The subject token that represents the identity of the party on whose behalf "
            "the request is made. Required when "
            '"grant_type=urn:ietf:params:oauth:grant-type:token-exchange".'
        ),
    ] = Field(default=None, min_length=4)
    subject_token_type: Annotated[
        str | None,
        Shape("SubjectTokenType"),
        Doc(
            "The token type of the subject token. Currently only supports "
            '"urn:ietf:params:oauth:token-type:jwt". Required when '
            '"grant_type=urn:ietf:params:oauth:grant-type:token-exchange".'
        ),
    ] = None
    assertion: Annotated[
        SecretStr | None,
        Shape("Assertion"),
        Doc(
            "The JWT authorization grant, as defined in RFC 7523. Required when "
            '"grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer".'
        ),
    ] = Field(default=None, min_length=4)
    client_id: Annotated[
        str | None,
        Shape("JwtBearerClientId"),
        Doc(
            "The OAuth 2.0 client identifier. If provided with "
            '"grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer", must match the '
            'assertion\'s "client_id" claim.'
        ),
    ] = Field(default=None, min_length=1)
    resource: Annotated[
        Resource | None,
        Doc(
            "The OAuth resource for which the access token is requested:\no "
            '"grant_type=urn:ietf:params:oauth:grant-type:token-exchange": Required. '
            'Must be a service principal. Example: "glue.amazonaws.com".\no '
            '"grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer": Required when the '
            'assertion has no "resource" claim, otherwise must match it. Must be a URI. '
            'Example: "https://aws-mcp.us-east-1.api.aws/mcp".'
        ),
    ] = Field(default=None, min_length=1)
    scope: Annotated[
        Scope | None,
        Doc(
            "The IAM managed policy Amazon Resource Names (ARNs) to apply as session "
            "policies that further scope down the permissions of the issued access "
            "token, provided as a space-delimited list. Example: "
            '"arn:aws:iam::444455556666:policy/MyPolicy".\n\nIf provided with '
            '"grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer", must match the '
            'assertion\'s "scope" claim.'
        ),
    ] = Field(default=None, min_length=1)


class CreateOAuth2TokenWithTokenExchangeResponse(ResponseModel):
    """Output of ``CreateOAuth2TokenWithTokenExchange``."""

    wire_names: ClassVar[dict[str, str]] = {
        **_TOKEN_OUT,
        "issuedTokenType": "issued_token_type",
    }

    access_token: OAuthAccessToken | None = None
    issued_token_type: Annotated[
        str | None,
        Shape("IssuedOAuthAccessTokenType"),
        Doc(
            "The token type of the issued token. Returned when "
            '"grant_type=urn:ietf:params:oauth:grant-type:token-exchange". Value is '
            '"urn:ietf:params:oauth:token-type:access_token" as defined in RFC 8693 '
            "§2.2.1."
        ),
    ] = None
    token_type: Annotated[
        BearerTokenType | None,
        Doc('The token type. Currently only supports "Bearer" as defined in RFC 6749.'),
    ] = None
    expires_in: Annotated[
        int | None,
        Shape("TokenExpiresIn", min=1, required=True),
        Doc(
            "The token lifetime in seconds. Value is the minimum of the provided token's "
            "validity and 1 hour (3600 seconds)."
        ),
    ] = None
    resource: Annotated[
        str | None,
        Shape("Resource", min=1),
        Doc(
            "The resource the access token is scoped to. Returned when "
            '"grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer".'
        ),
    ] = None
    scope: Annotated[
        str | None,
        Shape("Scope", min=1),
        Doc(
            "The IAM managed policy ARNs applied as session policies, as a "
            "space-delimited list. Returned when "
            '"grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer" and the assertion '
            "has a scope."
        ),
    ] = None


class CreateBearerTokenRequest(RequestModel):
    """Input of ``CreateBearerToken``: IAM credentials to a service's bearer token (SigV4)."""

    operation: ClassVar[str] = "CreateBearerToken"
    wire_names: ClassVar[dict[str, str]] = {
        "grantType": "grant_type",
        "durationSeconds": "duration",
    }

    grant_type: Annotated[
        str,
        Shape("ClientCredentialsGrantType"),
        Doc('The grant type. Must be "client_credentials".'),
    ]
    resource: Annotated[
        Resource, Doc('The AWS service the bearer token is for. Example: "ecr.amazonaws.com".')
    ] = Field(min_length=1)
    duration_seconds: Annotated[
        int | None,
        Shape("TokenDuration"),
        Doc(
            "The requested token lifetime in seconds, from 300 (5 minutes) up to the "
            "maximum allowed for the service, currently 43200 (12 hours). If omitted, "
            "the token is valid for 12 hours."
        ),
    ] = Field(default=None, ge=300)


class CreateBearerTokenResponse(ResponseModel):
    """Output of ``CreateBearerToken``: the bearer token and its lifetime."""

    wire_names: ClassVar[dict[str, str]] = _TOKEN_OUT

    access_token: Annotated[
        OAuthAccessToken | None,
        Doc("The bearer token. Present it to the AWS service named in the request."),
    ] = None
    token_type: Annotated[BearerTokenType | None, Doc('The token type. Always "Bearer".')] = None
    expires_in: Annotated[
        int | None,
        Shape("BearerTokenExpiresIn", min=1, required=True),
        Doc("Token lifetime in seconds."),
    ] = None


class IntrospectOAuth2TokenWithIAMRequest(RequestModel):
    """Input of ``IntrospectOAuth2TokenWithIAM`` (RFC 7662 §2.1), SigV4-signed."""

    operation: ClassVar[str] = "IntrospectOAuth2TokenWithIAM"
    wire_names: ClassVar[dict[str, str]] = {"tokenTypeHint": "token_type_hint"}

    token: Annotated[
        SecretStr,
        Shape("IntrospectionToken"),
        Doc("The access token or refresh token issued by AWS Sign-In."),
    ] = Field(min_length=1)
    token_type_hint: Annotated[
        str | None,
        Shape("TokenTypeHint"),
        Doc(
            "An optional hint about the type of the token submitted for introspection, "
            "as defined in RFC 7662 §2.1. The server checks both token types regardless "
            'of the hint. Allowed values: "access_token", "refresh_token".'
        ),
    ] = None


class IntrospectOAuth2TokenWithIAMResponse(ResponseModel):
    """Output of ``IntrospectOAuth2TokenWithIAM`` (RFC 7662 §2.2): only ``active`` is always
    there; the claims are left out for an inactive token."""

    wire_names: ClassVar[dict[str, str]] = {
        "clientId": "client_id",
        "userId": "user_id",
        "tokenType": "token_type",
        "accountId": "account_id",
        "signinSession": "signin_session",
    }

    active: Annotated[
        bool | None,
        Shape("Boolean", required=True),
        Doc(
            'Indicates whether the token is currently active. Returns "true" only when '
            "the token is valid, has not expired, has not been revoked, and belongs to "
            "the caller's account."
        ),
    ] = None
    client_id: Annotated[
        str | None,
        Doc("Client identifier for the OAuth 2.0 client that requested the token."),
    ] = None
    user_id: Annotated[
        str | None,
        Doc(
            'User identifier matching the "UserId" field from "sts:GetCallerIdentity" '
            "for the token's subject principal."
        ),
    ] = None
    token_type: Annotated[
        str | None,
        Shape("IntrospectedTokenType"),
        Doc(
            'Indicates which kind of token was introspected. One of "access_token" or '
            '"refresh_token".'
        ),
    ] = None
    exp: Annotated[
        Long | None, Doc("Token expiration time as a NumericDate (Unix epoch seconds).")
    ] = None
    iat: Annotated[
        Long | None, Doc("Token issuance time as a NumericDate (Unix epoch seconds).")
    ] = None
    nbf: Annotated[
        Long | None, Doc('Token "not before" time as a NumericDate (Unix epoch seconds).')
    ] = None
    sub: Annotated[
        str | None,
        Doc(
            "The IAM principal Amazon Resource Name (ARN). For assumed-role sessions, "
            "this is the session ARN."
        ),
    ] = None
    aud: Annotated[
        str | None,
        Doc(
            "The OAuth resource the token is scoped to. Omitted for refresh tokens. "
            'Example: "aws-mcp.amazonaws.com".'
        ),
    ] = None
    iss: Annotated[
        str | None,
        Doc('Issuer of the token. Always "signin.amazonaws.com" for AWS Sign-In.'),
    ] = None
    jti: Annotated[str | None, Doc("Unique identifier for the token.")] = None
    account_id: Annotated[
        str | None,
        Shape("AccountId", min=12),
        Doc("12-digit AWS account ID of the token's subject principal."),
    ] = None
    signin_session: Annotated[
        str | None,
        Doc(
            "AWS Sign-In session ARN bound to the token, of the form "
            "arn:aws:signin:{region}:{account}:session/{uuid}."
        ),
    ] = None
    resource: Annotated[
        str | None,
        Shape("Resource", min=1),
        Doc(
            "The OAuth resource the token is scoped to. Only present for refresh token "
            "introspection."
        ),
    ] = None


class RevokeOAuth2TokenWithIAMRequest(RequestModel):
    """Input of ``RevokeOAuth2TokenWithIAM`` (RFC 7009): a Sign-In refresh token, SigV4-signed."""

    operation: ClassVar[str] = "RevokeOAuth2TokenWithIAM"

    token: Annotated[
        SecretStr,
        Shape("RevocationToken"),
        Doc(
            "The refresh token to revoke. Must be a refresh token issued by AWS Sign-In. "
            "Access tokens are not accepted for revocation."
        ),
    ] = Field(min_length=1)


class RevokeOAuth2TokenWithIAMResponse(ResponseModel):
    """Output of ``RevokeOAuth2TokenWithIAM``: no members (200 with an empty body)."""


class GetSessionRequest(RequestModel):
    """Input of ``GetSession``: one sign-in session of the caller (or of ``principalArn``)."""

    operation: ClassVar[str] = "GetSession"

    session_arn: Annotated[SessionArn, Doc("The ARN of the session to retrieve")] = Field(
        min_length=1
    )
    principal_arn: Annotated[
        PrincipalArnFilter | None,
        Doc(
            "The identity that owns the session. Omit to use the caller. Specify "
            "arn:aws:iam::{account-id}:* to retrieve any session in the account."
        ),
    ] = Field(default=None, min_length=20)


# The members GetSession's answer and ListSessions' items have in common, stated once
# (BatchRevokeSessions' errors name their session with the first).
SessionArnMember = Annotated[str, Shape("SessionArn", min=1, required=True), Doc("The session ARN")]
PrincipalArnMember = Annotated[
    str, Shape("PrincipalArn", min=20, required=True), Doc("The IAM identity that owns the session")
]
SessionRoleMember = Annotated[
    str,
    Shape("PrincipalArn", min=20),
    Doc("The IAM role for the session, when the owner is a role"),
]
SessionStatusMember = Annotated[SessionStatus, Doc("The session status")]
SessionClientIdMember = Annotated[str, Doc("The OAuth client that created the session")]
SessionClientTypeMember = Annotated[
    ClientType, Doc("The type of OAuth client that created the session")
]
SessionResourceMember = Annotated[str, Doc("The resource that the session's tokens are bound to")]
SessionIssuedAtMember = Annotated[
    int,
    Shape("Long", long=True, required=True),
    Doc("The time the session was created, in Unix epoch seconds"),
]
SessionExpiresAtMember = Annotated[
    int,
    Shape("Long", long=True, required=True),
    Doc("The time the session expires, in Unix epoch seconds"),
]


class GetSessionResponse(ResponseModel):
    """Output of ``GetSession``: the session's owner, client, state and times (epoch seconds)."""

    session_arn: SessionArnMember | None = None
    principal_arn: PrincipalArnMember | None = None
    role: SessionRoleMember | None = None
    status: SessionStatusMember | None = None
    client_id: SessionClientIdMember | None = None
    client_type: SessionClientTypeMember | None = None
    resource: SessionResourceMember | None = None
    issued_at: SessionIssuedAtMember | None = None
    expires_at: SessionExpiresAtMember | None = None
    last_used_at: Annotated[
        Long | None, Doc("The time the session was last refreshed, in Unix epoch seconds")
    ] = None
    issued_in_region: Annotated[str | None, Doc("The AWS Region where the session was created")] = (
        None
    )
    origin_session_arn: Annotated[
        str | None,
        Shape("SessionArn", min=1),
        Doc("The ARN of the session this session originated from"),
    ] = None
    user_agent: Annotated[
        str | None,
        Doc("The user agent captured when the session was created or last refreshed"),
    ] = None


class ListSessionsRequest(RequestModel):
    """Input of ``ListSessions``: one page of sign-in sessions, with optional filters."""

    operation: ClassVar[str] = "ListSessions"

    principal_arn: Annotated[
        PrincipalArnFilter | None,
        Doc(
            "The identity whose sessions to list. Omit to list the caller's own "
            "sessions. Specify arn:aws:iam::{account-id}:* to list all sessions in the "
            "account."
        ),
    ] = Field(default=None, min_length=20)
    max_results: Annotated[
        int | None, Shape("SessionsMaxResults"), Doc("Maximum number of results to return")
    ] = Field(default=None, ge=1)
    next_token: Annotated[NextToken | None, Doc("Token for pagination")] = Field(
        default=None, min_length=0
    )
    status: Annotated[SessionStatus | None, Doc("Returns only sessions with this status")] = None
    client_id: Annotated[str | None, Doc("Returns only sessions created by this OAuth client")] = (
        None
    )
    issued_after: Annotated[
        Long | None,
        Doc("Returns only sessions created at or after this time, in Unix epoch seconds"),
    ] = None
    issued_before: Annotated[
        Long | None, Doc("Returns only sessions created before this time, in Unix epoch seconds")
    ] = None


class Session(OutputModel):
    """A sign-in session's summary (``ListSessions`` items)."""

    session_arn: SessionArnMember | None = None
    principal_arn: PrincipalArnMember | None = None
    role: SessionRoleMember | None = None
    status: SessionStatusMember | None = None
    issued_at: SessionIssuedAtMember | None = None
    expires_at: SessionExpiresAtMember | None = None
    client_id: SessionClientIdMember | None = None
    client_type: SessionClientTypeMember | None = None
    resource: SessionResourceMember | None = None


class ListSessionsResponse(ResponseModel):
    """Output of ``ListSessions``: one page; ``nextToken`` asks for the next one."""

    # ``items`` would hide the mapping's ``items()``: the attribute is ``items_``.
    items_: Annotated[
        list[Session] | None,
        Shape("SessionSummaryList", required=True),
        Doc("List of session summaries"),
    ] = Field(default=None, alias="items")
    next_token: Annotated[
        str | None, Shape("NextToken", min=0), Doc("Token for next page of results")
    ] = None


class BatchRevokeSessionsRequest(RequestModel):
    """Input of ``BatchRevokeSessions``: up to five session ARNs to revoke."""

    operation: ClassVar[str] = "BatchRevokeSessions"

    principal_arn: Annotated[
        PrincipalArnFilter | None,
        Doc(
            "The identity that owns the sessions. Omit to use the caller. Specify "
            "arn:aws:iam::{account-id}:* to revoke any session in the account."
        ),
    ] = Field(default=None, min_length=20)
    session_arns: Annotated[
        list[Annotated[str, MinLen(1)]],
        Shape("SessionArnList", element="SessionArn"),
        Doc("The ARNs of the sessions to revoke"),
    ] = Field(min_length=1)
    reason: Annotated[
        str | None, Shape("RevocationReason"), Doc("The reason for revoking the sessions")
    ] = Field(default=None, min_length=1)


class RevokedSession(OutputModel):
    """A session that was revoked."""

    session_arn: Annotated[
        str | None, Shape("SessionArn", min=1, required=True), Doc("The revoked session ARN")
    ] = None


class BatchRevokeSessionError(OutputModel):
    """A session that could not be revoked, and why."""

    session_arn: SessionArnMember | None = None
    code: Annotated[str | None, Shape("String", required=True), Doc("The error code")] = None
    message: Annotated[str | None, Shape("String", required=True), Doc("The error message")] = None


class BatchRevokeSessionsResponse(ResponseModel):
    """Output of ``BatchRevokeSessions``: what was revoked and what was not."""

    revoked_sessions: Annotated[
        list[RevokedSession] | None,
        Shape("RevokedSessionList", required=True),
        Doc("Sessions that were revoked"),
    ] = None
    errors: Annotated[
        list[BatchRevokeSessionError] | None,
        Shape("BatchRevokeSessionErrorList", required=True),
        Doc("Sessions that could not be revoked"),
    ] = None
