"""The words of ``help`` for Sign-In's token service and session commands (issue 20).

Taken from the botocore 1.44 ``signin`` service model's documentation (HTML removed), as the
AWS CLI builds its reference pages from it.
"""

from __future__ import annotations

SIGNIN_TOKEN_OPERATION_DOCS: dict[str, dict[str, str]] = {
    "CreateOAuth2TokenWithIAM": {
        "": "Exchanges client credentials for an OAuth 2.0 access token "
        "scoped to a resource, which you can use to access AWS "
        "services from applications.",
        "grantType": 'The OAuth 2.0 grant type. Must be "client_credentials".',
        "resource": "The OAuth resource for which the access token is "
        'requested. Example: "aws-mcp.amazonaws.com".',
        ">accessToken": "The access token containing principal identity, "
        "resource scope, and session metadata.",
        ">tokenType": 'The token type. Always "Bearer" as defined in RFC 6749.',
        ">expiresIn": "The token lifetime in seconds. Value is the "
        "minimum of the caller's session validity and 1 "
        "hour (3600 seconds).",
    },
    "CreateOAuth2TokenWithTokenExchange": {
        "": "Exchanges a supported token for an OAuth 2.0 "
        "access token scoped to a resource, which you can "
        "use to access AWS services from applications.",
        "grantType": "The OAuth 2.0 grant type. Currently "
        "supports "
        '"urn:ietf:params:oauth:grant-type:token-exchange" '
        "and "
        '"urn:ietf:params:oauth:grant-type:jwt-bearer".',
        "subjectToken": "The subject token that represents the "
        "identity of the party on whose behalf "
        "the request is made. Required when "
        '"grant_type=urn:ietf:params:oauth:grant-type:token-exchange".',
        "subjectTokenType": "The token type of the subject "
        "token. Currently only supports "
        '"urn:ietf:params:oauth:token-type:jwt". '
        "Required when "
        '"grant_type=urn:ietf:params:oauth:grant-type:token-exchange".',
        "assertion": "The JWT authorization grant, as defined "
        "in RFC 7523. Required when "
        '"grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer".',
        "clientId": "The OAuth 2.0 client identifier. If "
        "provided with "
        '"grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer", '
        'must match the assertion\'s "client_id" '
        "claim.",
        "resource": "The OAuth resource for which the access "
        "token is requested:\n"
        "o "
        '"grant_type=urn:ietf:params:oauth:grant-type:token-exchange": '
        "Required. Must be a service principal. "
        'Example: "glue.amazonaws.com".\n'
        "o "
        '"grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer": '
        "Required when the assertion has no "
        '"resource" claim, otherwise must match '
        "it. Must be a URI. Example: "
        '"https://aws-mcp.us-east-1.api.aws/mcp".',
        "scope": "The IAM managed policy Amazon Resource Names "
        "(ARNs) to apply as session policies that "
        "further scope down the permissions of the "
        "issued access token, provided as a "
        "space-delimited list. Example: "
        '"arn:aws:iam::444455556666:policy/MyPolicy".\n'
        "\n"
        "If provided with "
        '"grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer", '
        'must match the assertion\'s "scope" claim.',
        ">accessToken": "The access token containing principal "
        "identity, resource scope, and session "
        "metadata.",
        ">issuedTokenType": "The token type of the issued "
        "token. Returned when "
        '"grant_type=urn:ietf:params:oauth:grant-type:token-exchange". '
        "Value is "
        '"urn:ietf:params:oauth:token-type:access_token" '
        "as defined in RFC 8693 §2.2.1.",
        ">tokenType": 'The token type. Currently only supports "Bearer" as defined in RFC 6749.',
        ">expiresIn": "The token lifetime in seconds. Value is "
        "the minimum of the provided token's "
        "validity and 1 hour (3600 seconds).",
        ">resource": "The resource the access token is scoped "
        "to. Returned when "
        '"grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer".',
        ">scope": "The IAM managed policy ARNs applied as "
        "session policies, as a space-delimited "
        "list. Returned when "
        '"grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer" '
        "and the assertion has a scope.",
    },
    "CreateBearerToken": {
        "": "Creates a bearer token that represents your IAM credentials and "
        "can be used to access a supported AWS service. By default, the "
        "token is valid for 12 hours.",
        "grantType": 'The grant type. Must be "client_credentials".',
        "resource": 'The AWS service the bearer token is for. Example: "ecr.amazonaws.com".',
        "durationSeconds": "The requested token lifetime in seconds, from 300 "
        "(5 minutes) up to the maximum allowed for the "
        "service, currently 43200 (12 hours). If omitted, "
        "the token is valid for 12 hours.",
        ">accessToken": "The bearer token. Present it to the AWS service named in the request.",
        ">tokenType": 'The token type. Always "Bearer".',
        ">expiresIn": "Token lifetime in seconds.",
    },
    "IntrospectOAuth2TokenWithIAM": {
        "": "Inspects the metadata and active state of an OAuth 2.0 "
        "access token or refresh token.\n"
        "\n"
        "Implements RFC 7662 OAuth 2.0 Token Introspection over "
        "a SigV4-authenticated endpoint. Returns the claims "
        "associated with a token issued by AWS Sign-In.",
        "token": "The access token or refresh token issued by AWS Sign-In.",
        "tokenTypeHint": "An optional hint about the type of the "
        "token submitted for introspection, as "
        "defined in RFC 7662 §2.1. The server "
        "checks both token types regardless of the "
        'hint. Allowed values: "access_token", '
        '"refresh_token".',
        ">active": "Indicates whether the token is currently active. "
        'Returns "true" only when the token is valid, has '
        "not expired, has not been revoked, and belongs "
        "to the caller's account.",
        ">clientId": "Client identifier for the OAuth 2.0 client that requested the token.",
        ">userId": 'User identifier matching the "UserId" field from '
        '"sts:GetCallerIdentity" for the token\'s subject '
        "principal.",
        ">tokenType": "Indicates which kind of token was "
        'introspected. One of "access_token" or '
        '"refresh_token".',
        ">exp": "Token expiration time as a NumericDate (Unix epoch seconds).",
        ">iat": "Token issuance time as a NumericDate (Unix epoch seconds).",
        ">nbf": 'Token "not before" time as a NumericDate (Unix epoch seconds).',
        ">sub": "The IAM principal Amazon Resource Name (ARN). For "
        "assumed-role sessions, this is the session ARN.",
        ">aud": "The OAuth resource the token is scoped to. Omitted "
        "for refresh tokens. Example: "
        '"aws-mcp.amazonaws.com".',
        ">iss": 'Issuer of the token. Always "signin.amazonaws.com" for AWS Sign-In.',
        ">jti": "Unique identifier for the token.",
        ">accountId": "12-digit AWS account ID of the token's subject principal.",
        ">signinSession": "AWS Sign-In session ARN bound to the "
        "token, of the form "
        "arn:aws:signin:{region}:{account}:session/{uuid}.",
        ">resource": "The OAuth resource the token is scoped to. "
        "Only present for refresh token introspection.",
    },
    "RevokeOAuth2TokenWithIAM": {
        "": "Revokes an OAuth 2.0 refresh token and its associated token chain.",
        "token": "The refresh token to revoke. Must be a refresh token "
        "issued by AWS Sign-In. Access tokens are not accepted "
        "for revocation.",
    },
    "GetSession": {
        "": "Returns the details of a single sign-in session. The session must belong "
        "to the identity specified by principalArn, or to the caller if "
        "principalArn is omitted. A session that belongs to a different identity "
        "or account is reported as not found.",
        "sessionArn": "The ARN of the session to retrieve",
        "principalArn": "The identity that owns the session. Omit to use the caller. "
        "Specify arn:aws:iam::{account-id}:* to retrieve any session "
        "in the account.",
        ">sessionArn": "The session ARN",
        ">principalArn": "The IAM identity that owns the session",
        ">role": "The IAM role for the session, when the owner is a role",
        ">status": "The session status",
        ">clientId": "The OAuth client that created the session",
        ">clientType": "The type of OAuth client that created the session",
        ">resource": "The resource that the session's tokens are bound to",
        ">issuedAt": "The time the session was created, in Unix epoch seconds",
        ">expiresAt": "The time the session expires, in Unix epoch seconds",
        ">lastUsedAt": "The time the session was last refreshed, in Unix epoch seconds",
        ">issuedInRegion": "The AWS Region where the session was created",
        ">originSessionArn": "The ARN of the session this session originated from",
        ">userAgent": "The user agent captured when the session was created or last refreshed",
    },
    "ListSessions": {
        "": "Lists sign-in sessions for an IAM identity in your account. If you omit "
        "principalArn, the operation lists the caller's own sessions. Specify a "
        "user or role ARN to list that identity's sessions, or specify "
        "arn:aws:iam::{account-id}:* to list all sessions in the account. "
        "Filters are combined with a logical AND.",
        "principalArn": "The identity whose sessions to list. Omit to list the "
        "caller's own sessions. Specify arn:aws:iam::{account-id}:* "
        "to list all sessions in the account.",
        "maxResults": "Maximum number of results to return",
        "nextToken": "Token for pagination",
        "status": "Returns only sessions with this status",
        "clientId": "Returns only sessions created by this OAuth client",
        "issuedAfter": "Returns only sessions created at or after this time, in Unix epoch seconds",
        "issuedBefore": "Returns only sessions created before this time, in Unix epoch seconds",
        ">items": "List of session summaries",
        ">items.sessionArn": "The session ARN",
        ">items.principalArn": "The IAM identity that owns the session",
        ">items.role": "The IAM role for the session, when the owner is a role",
        ">items.status": "The session status",
        ">items.issuedAt": "The time the session was created, in Unix epoch seconds",
        ">items.expiresAt": "The time the session expires, in Unix epoch seconds",
        ">items.clientId": "The OAuth client that created the session",
        ">items.clientType": "The type of OAuth client that created the session",
        ">items.resource": "The resource that the session's tokens are bound to",
        ">nextToken": "Token for next page of results",
    },
    "BatchRevokeSessions": {
        "": "Revokes up to five sign-in sessions. A revoked session can no "
        "longer be refreshed. Revoking a session that is already revoked "
        "succeeds. Each session must belong to the identity specified by "
        "principalArn, or to the caller if principalArn is omitted. "
        "Failures for individual sessions are returned in the errors list "
        "and do not fail the whole request.",
        "principalArn": "The identity that owns the sessions. Omit to use the "
        "caller. Specify arn:aws:iam::{account-id}:* to "
        "revoke any session in the account.",
        "sessionArns": "The ARNs of the sessions to revoke",
        "reason": "The reason for revoking the sessions",
        ">revokedSessions": "Sessions that were revoked",
        ">revokedSessions.sessionArn": "The revoked session ARN",
        ">errors": "Sessions that could not be revoked",
        ">errors.sessionArn": "The session ARN",
        ">errors.code": "The error code",
        ">errors.message": "The error message",
    },
}
