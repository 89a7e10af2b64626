"""AWS Sign-In's token service and sessions (``signin`` 2023-01-01): eight operations' models.

The OAuth operations (``/v1/token``, ``/v1/introspect``, ``/v1/revoke``) put most members on
the wire under RFC 6749 names (``grant_type``, ``access_token``): ``wire_names`` maps a member
name (what boto3 takes and returns) to that location name; members not in it travel under
their own name. The session operations (``/get-session`` ...) use member names throughout.
Validation follows botocore: required members, types, string and list minimum lengths and
integer minimums (never maximums or patterns, which are the service's to enforce).
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from annotated_types import MinLen
from pydantic import Field, SecretStr

from py_backend.models._base import OutputModel, RequestModel, ResponseModel
from py_backend.models._members import Shape

Resource = Annotated[str, Shape("Resource")]
Scope = Annotated[str, Shape("Scope")]
OAuthAccessToken = Annotated[SecretStr, Shape("OAuthAccessToken", min=1, required=True)]
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

    grant_type: Annotated[str, Shape("ClientCredentialsGrantType")]
    resource: Resource = Field(min_length=1)


class CreateOAuth2TokenWithIAMResponse(ResponseModel):
    """Output of ``CreateOAuth2TokenWithIAM``: a bearer access token scoped to the resource."""

    wire_names: ClassVar[dict[str, str]] = _TOKEN_OUT

    access_token: OAuthAccessToken | None = None
    token_type: BearerTokenType | None = None
    expires_in: Annotated[int, Shape("TokenExpiresIn", min=1, required=True)] | None = None


class CreateOAuth2TokenWithTokenExchangeRequest(RequestModel):
    """Input of ``CreateOAuth2TokenWithTokenExchange`` (RFC 8693 or RFC 7523), unsigned."""

    operation: ClassVar[str] = "CreateOAuth2TokenWithTokenExchange"
    wire_names: ClassVar[dict[str, str]] = {
        "grantType": "grant_type",
        "subjectToken": "subject_token",
        "subjectTokenType": "subject_token_type",
        "clientId": "client_id",
    }

    grant_type: Annotated[str, Shape("TokenExchangeGrantType")]
    subject_token: Annotated[SecretStr, Shape("SubjectToken")] | None = Field(
        default=None, min_length=4
    )
    subject_token_type: Annotated[str, Shape("SubjectTokenType")] | None = None
    assertion: Annotated[SecretStr, Shape("Assertion")] | None = Field(default=None, min_length=4)
    client_id: Annotated[str, Shape("JwtBearerClientId")] | None = Field(default=None, min_length=1)
    resource: Resource | None = Field(default=None, min_length=1)
    scope: Scope | None = Field(default=None, min_length=1)


class CreateOAuth2TokenWithTokenExchangeResponse(ResponseModel):
    """Output of ``CreateOAuth2TokenWithTokenExchange``."""

    wire_names: ClassVar[dict[str, str]] = {
        **_TOKEN_OUT,
        "issuedTokenType": "issued_token_type",
    }

    access_token: OAuthAccessToken | None = None
    issued_token_type: Annotated[str, Shape("IssuedOAuthAccessTokenType")] | None = None
    token_type: BearerTokenType | None = None
    expires_in: Annotated[int, Shape("TokenExpiresIn", min=1, required=True)] | None = None
    resource: Annotated[str, Shape("Resource", min=1)] | None = None
    scope: Annotated[str, Shape("Scope", min=1)] | None = None


class CreateBearerTokenRequest(RequestModel):
    """Input of ``CreateBearerToken``: IAM credentials to a service's bearer token (SigV4)."""

    operation: ClassVar[str] = "CreateBearerToken"
    wire_names: ClassVar[dict[str, str]] = {
        "grantType": "grant_type",
        "durationSeconds": "duration",
    }

    grant_type: Annotated[str, Shape("ClientCredentialsGrantType")]
    resource: Resource = Field(min_length=1)
    duration_seconds: Annotated[int, Shape("TokenDuration")] | None = Field(default=None, ge=300)


class CreateBearerTokenResponse(ResponseModel):
    """Output of ``CreateBearerToken``: the bearer token and its lifetime."""

    wire_names: ClassVar[dict[str, str]] = _TOKEN_OUT

    access_token: OAuthAccessToken | None = None
    token_type: BearerTokenType | None = None
    expires_in: Annotated[int, Shape("BearerTokenExpiresIn", min=1, required=True)] | None = None


class IntrospectOAuth2TokenWithIAMRequest(RequestModel):
    """Input of ``IntrospectOAuth2TokenWithIAM`` (RFC 7662 §2.1), SigV4-signed."""

    operation: ClassVar[str] = "IntrospectOAuth2TokenWithIAM"
    wire_names: ClassVar[dict[str, str]] = {"tokenTypeHint": "token_type_hint"}

    token: Annotated[SecretStr, Shape("IntrospectionToken")] = Field(min_length=1)
    token_type_hint: Annotated[str, Shape("TokenTypeHint")] | None = None


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

    active: Annotated[bool, Shape("Boolean", required=True)] | None = None
    client_id: Annotated[str, Shape("String")] | None = None
    user_id: Annotated[str, Shape("String")] | None = None
    token_type: Annotated[str, Shape("IntrospectedTokenType")] | None = None
    exp: Long | None = None
    iat: Long | None = None
    nbf: Long | None = None
    sub: Annotated[str, Shape("String")] | None = None
    aud: Annotated[str, Shape("String")] | None = None
    iss: Annotated[str, Shape("String")] | None = None
    jti: Annotated[str, Shape("String")] | None = None
    account_id: Annotated[str, Shape("AccountId", min=12)] | None = None
    signin_session: Annotated[str, Shape("String")] | None = None
    resource: Annotated[str, Shape("Resource", min=1)] | None = None


class RevokeOAuth2TokenWithIAMRequest(RequestModel):
    """Input of ``RevokeOAuth2TokenWithIAM`` (RFC 7009): a Sign-In refresh token, SigV4-signed."""

    operation: ClassVar[str] = "RevokeOAuth2TokenWithIAM"

    token: Annotated[SecretStr, Shape("RevocationToken")] = Field(min_length=1)


class RevokeOAuth2TokenWithIAMResponse(ResponseModel):
    """Output of ``RevokeOAuth2TokenWithIAM``: no members (200 with an empty body)."""


class GetSessionRequest(RequestModel):
    """Input of ``GetSession``: one sign-in session of the caller (or of ``principalArn``)."""

    operation: ClassVar[str] = "GetSession"

    session_arn: SessionArn = Field(min_length=1)
    principal_arn: PrincipalArnFilter | None = Field(default=None, min_length=20)


class GetSessionResponse(ResponseModel):
    """Output of ``GetSession``: the session's owner, client, state and times (epoch seconds)."""

    session_arn: Annotated[str, Shape("SessionArn", min=1, required=True)] | None = None
    principal_arn: Annotated[str, Shape("PrincipalArn", min=20, required=True)] | None = None
    role: Annotated[str, Shape("PrincipalArn", min=20)] | None = None
    status: SessionStatus | None = None
    client_id: Annotated[str, Shape("String")] | None = None
    client_type: ClientType | None = None
    resource: Annotated[str, Shape("String")] | None = None
    issued_at: Annotated[int, Shape("Long", long=True, required=True)] | None = None
    expires_at: Annotated[int, Shape("Long", long=True, required=True)] | None = None
    last_used_at: Long | None = None
    issued_in_region: Annotated[str, Shape("String")] | None = None
    origin_session_arn: Annotated[str, Shape("SessionArn", min=1)] | None = None
    user_agent: Annotated[str, Shape("String")] | None = None


class ListSessionsRequest(RequestModel):
    """Input of ``ListSessions``: one page of sign-in sessions, with optional filters."""

    operation: ClassVar[str] = "ListSessions"

    principal_arn: PrincipalArnFilter | None = Field(default=None, min_length=20)
    # SessionsMaxResults is 1..100; botocore checks an integer's minimum, never its maximum.
    max_results: Annotated[int, Shape("SessionsMaxResults")] | None = Field(default=None, ge=1)
    next_token: NextToken | None = Field(default=None, min_length=0)
    status: SessionStatus | None = None
    client_id: Annotated[str, Shape("String")] | None = None
    issued_after: Long | None = None
    issued_before: Long | None = None


class Session(OutputModel):
    """A sign-in session's summary (``ListSessions`` items)."""

    session_arn: Annotated[str, Shape("SessionArn", min=1, required=True)] | None = None
    principal_arn: Annotated[str, Shape("PrincipalArn", min=20, required=True)] | None = None
    role: Annotated[str, Shape("PrincipalArn", min=20)] | None = None
    status: SessionStatus | None = None
    issued_at: Annotated[int, Shape("Long", long=True, required=True)] | None = None
    expires_at: Annotated[int, Shape("Long", long=True, required=True)] | None = None
    client_id: Annotated[str, Shape("String")] | None = None
    client_type: ClientType | None = None
    resource: Annotated[str, Shape("String")] | None = None


class ListSessionsResponse(ResponseModel):
    """Output of ``ListSessions``: one page; ``nextToken`` asks for the next one."""

    # ``items`` would hide the mapping's ``items()``: the attribute is ``items_``.
    items_: Annotated[list[Session], Shape("SessionSummaryList", required=True)] | None = Field(
        default=None, alias="items"
    )
    next_token: Annotated[str, Shape("NextToken", min=0)] | None = None


class BatchRevokeSessionsRequest(RequestModel):
    """Input of ``BatchRevokeSessions``: up to five session ARNs to revoke."""

    operation: ClassVar[str] = "BatchRevokeSessions"

    principal_arn: PrincipalArnFilter | None = Field(default=None, min_length=20)
    session_arns: Annotated[
        list[Annotated[str, MinLen(1)]], Shape("SessionArnList", element="SessionArn")
    ] = Field(min_length=1)
    reason: Annotated[str, Shape("RevocationReason")] | None = Field(default=None, min_length=1)


class RevokedSession(OutputModel):
    """A session that was revoked."""

    session_arn: Annotated[str, Shape("SessionArn", min=1, required=True)] | None = None


class BatchRevokeSessionError(OutputModel):
    """A session that could not be revoked, and why."""

    session_arn: Annotated[str, Shape("SessionArn", min=1, required=True)] | None = None
    code: Annotated[str, Shape("String", required=True)] | None = None
    message: Annotated[str, Shape("String", required=True)] | None = None


class BatchRevokeSessionsResponse(ResponseModel):
    """Output of ``BatchRevokeSessions``: what was revoked and what was not."""

    revoked_sessions: (
        Annotated[list[RevokedSession], Shape("RevokedSessionList", required=True)] | None
    ) = None
    errors: (
        Annotated[
            list[BatchRevokeSessionError], Shape("BatchRevokeSessionErrorList", required=True)
        ]
        | None
    ) = None
