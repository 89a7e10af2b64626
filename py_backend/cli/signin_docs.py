"""The words of ``help`` for Sign-In's token service and session commands (issue 20).

Taken from the botocore 1.44 ``signin`` service model's documentation (HTML removed), as the
AWS CLI builds its reference pages from it. The operations' descriptions are here; their
members' texts are the models' ``Doc`` metadata (``py_backend/models/signin_tokens.py``), read
from the generated members file.
"""

from __future__ import annotations

from py_backend.service_members import member_docs

SIGNIN_TOKEN_OPERATION_DOCS: dict[str, dict[str, str]] = {
    "CreateOAuth2TokenWithIAM": {
        "": (
            "Exchanges client credentials for an OAuth 2.0 access token scoped to a resource, "
            "which you can use to access AWS services from applications."
        ),
        **member_docs("signin", "CreateOAuth2TokenWithIAM"),
    },
    "CreateOAuth2TokenWithTokenExchange": {
        "": (
            "Exchanges a supported token for an OAuth 2.0 access token scoped to a resource, "
            "which you can use to access AWS services from applications."
        ),
        **member_docs("signin", "CreateOAuth2TokenWithTokenExchange"),
    },
    "CreateBearerToken": {
        "": (
            "Creates a bearer token that represents your IAM credentials and can be used to "
            "access a supported AWS service. By default, the token is valid for 12 hours."
        ),
        **member_docs("signin", "CreateBearerToken"),
    },
    "IntrospectOAuth2TokenWithIAM": {
        "": (
            "Inspects the metadata and active state of an OAuth 2.0 access token or refresh "
            "token.\n\nImplements RFC 7662 OAuth 2.0 Token Introspection over a "
            "SigV4-authenticated endpoint. Returns the claims associated with a token issued "
            "by AWS Sign-In."
        ),
        **member_docs("signin", "IntrospectOAuth2TokenWithIAM"),
    },
    "RevokeOAuth2TokenWithIAM": {
        "": ("Revokes an OAuth 2.0 refresh token and its associated token chain."),
        **member_docs("signin", "RevokeOAuth2TokenWithIAM"),
    },
    "GetSession": {
        "": (
            "Returns the details of a single sign-in session. The session must belong to the "
            "identity specified by principalArn, or to the caller if principalArn is omitted. "
            "A session that belongs to a different identity or account is reported as not "
            "found."
        ),
        **member_docs("signin", "GetSession"),
    },
    "ListSessions": {
        "": (
            "Lists sign-in sessions for an IAM identity in your account. If you omit "
            "principalArn, the operation lists the caller's own sessions. Specify a user or "
            "role ARN to list that identity's sessions, or specify arn:aws:iam::{account-id}:* "
            "to list all sessions in the account. Filters are combined with a logical AND."
        ),
        **member_docs("signin", "ListSessions"),
    },
    "BatchRevokeSessions": {
        "": (
            "Revokes up to five sign-in sessions. A revoked session can no longer be "
            "refreshed. Revoking a session that is already revoked succeeds. Each session must "
            "belong to the identity specified by principalArn, or to the caller if "
            "principalArn is omitted. Failures for individual sessions are returned in the "
            "errors list and do not fail the whole request."
        ),
        **member_docs("signin", "BatchRevokeSessions"),
    },
}
