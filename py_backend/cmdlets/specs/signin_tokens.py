"""AWS.Tools.Signin's token and session cmdlets (issue 20; docs/signin-operations.md section 3).

From the generated V5 sources ``modules/AWSPowerShell/Cmdlets/Signin/Basic/*-Cmdlet.cs`` and the
V5 command reference: members alphabetical, all named (no pipeline parameter), every one
``ValueFromPipelineByPropertyName``; required members Mandatory with AllowNull; ``-Select``
defaults to ``*`` (the whole response), except Revoke-AMSPOAuth2TokenWithIAM, which writes
nothing unless ``-Select`` is given; Get- cmdlets have no ShouldProcess and no ``-Force``.
"""

from __future__ import annotations

from py_backend.cmdlets.spec_model import CmdletSpec, OperationRef
from py_backend.cmdlets.specs.blocks import (
    ITERATION_NOTE,
    NO_AUTO_ITERATION,
    SIGNIN_CLIENT_CONFIG,
    member,
    paging,
    parameters,
    select,
)
from py_backend.service_members import member_doc

SIGNIN_DATA_PLANE = "AWS Sign-In Data Plane"
SIGNIN_SERVICE = "AWS Sign-In Service"


def _response(name: str) -> str:
    return f"Amazon.Signin.Model.{name}Response"


def _doc(operation: str, wire: str) -> str:
    """The Sign-In member's documentation, as its model states it (``Doc``): the text the
    command line's ``help`` prints too, written once."""
    return member_doc("signin", operation, wire)


def _whole(name: str) -> str:
    return f"This cmdlet returns an {_response(name)} object containing multiple properties."


NEW_AMSP_OAUTH2_TOKEN_WITH_IAM = CmdletSpec(
    verb="New",
    noun="AMSPOAuth2TokenWithIAM",
    operation=OperationRef("signin", SIGNIN_DATA_PLANE, "CreateOAuth2TokenWithIAM"),
    synopsis="Calls the AWS Sign-In Data Plane CreateOAuth2TokenWithIAM API operation.",
    description=(
        "Grants permission to exchange client credentials for an OAuth 2.0 access token scoped "
        "to a resource that can be used to access AWS services from applications"
    ),
    dotnet_class="Amazon.PowerShell.Cmdlets.AMSP.NewAMSPOAuth2TokenWithIAMCmdlet",
    response_type=_response("CreateOAuth2TokenWithIAM"),
    output_type=_response("CreateOAuth2TokenWithIAM"),
    default_select="*",
    outputs_help=_whole("CreateOAuth2TokenWithIAM"),
    # The source's resourceIdentifiersText is empty; this module names the resource instead.
    should_process_target="Resource",
    parameters=parameters(
        (
            member("GrantType", "grantType", 'OAuth 2.0 grant type. Must be "client_credentials".'),
            member(
                "Resource",
                "resource",
                _doc("CreateOAuth2TokenWithIAM", "resource"),
            ),
        ),
        select(_response("CreateOAuth2TokenWithIAM"), "*"),
        SIGNIN_CLIENT_CONFIG,
    ),
)

INVOKE_AMSP_INTROSPECT_OAUTH2_TOKEN_WITH_IAM = CmdletSpec(
    verb="Invoke",
    noun="AMSPIntrospectOAuth2TokenWithIAM",
    operation=OperationRef("signin", SIGNIN_DATA_PLANE, "IntrospectOAuth2TokenWithIAM"),
    synopsis="Calls the AWS Sign-In Data Plane IntrospectOAuth2TokenWithIAM API operation.",
    description=(
        "Grants permission to inspect the metadata and state of an OAuth 2.0 access token or "
        "refresh token Implements RFC 7662 OAuth 2.0 Token Introspection over a "
        "SigV4-authenticated endpoint. Inspects the metadata of an access_token or "
        "refresh_token issued by AWS Sign-In and returns the claims associated with it. "
        "Inactive token semantics (RFC 7662 section 2.2): when the supplied token is unknown, "
        "expired, revoked, malformed, or owned by a different account, the response body is "
        'exactly { "active": false } with all other claims omitted.'
    ),
    dotnet_class="Amazon.PowerShell.Cmdlets.AMSP.InvokeAMSPIntrospectOAuth2TokenWithIAMCmdlet",
    response_type=_response("IntrospectOAuth2TokenWithIAM"),
    output_type=_response("IntrospectOAuth2TokenWithIAM"),
    default_select="*",
    outputs_help=_whole("IntrospectOAuth2TokenWithIAM"),
    should_process_target="Token",
    parameters=parameters(
        (
            member("Token", "token", _doc("IntrospectOAuth2TokenWithIAM", "token")),
            member(
                "TokenTypeHint",
                "tokenTypeHint",
                "An optional hint about the type of the token submitted for introspection, as "
                "defined in RFC 7662 section 2.1. The server checks both token types regardless "
                'of the hint. Allowed values: "access_token", "refresh_token".',
            ),
        ),
        select(_response("IntrospectOAuth2TokenWithIAM"), "*"),
        SIGNIN_CLIENT_CONFIG,
    ),
)

REVOKE_AMSP_OAUTH2_TOKEN_WITH_IAM = CmdletSpec(
    verb="Revoke",
    noun="AMSPOAuth2TokenWithIAM",
    operation=OperationRef("signin", SIGNIN_DATA_PLANE, "RevokeOAuth2TokenWithIAM"),
    synopsis="Calls the AWS Sign-In Data Plane RevokeOAuth2TokenWithIAM API operation.",
    description=(
        "Grants permission to revoke an OAuth 2.0 refresh token and its associated refresh "
        "tokens Revokes a refresh_token issued by AWS Sign-In, invalidating the entire token "
        "chain so that the refresh_token can no longer be used to mint new access_tokens. "
        "Idempotency: revoking an already-revoked, expired, or otherwise invalid token still "
        "returns 200 OK with an empty body. Only the refresh_token type is accepted."
    ),
    dotnet_class="Amazon.PowerShell.Cmdlets.AMSP.RevokeAMSPOAuth2TokenWithIAMCmdlet",
    response_type=_response("RevokeOAuth2TokenWithIAM"),
    output_type="None",
    default_select="*",
    outputs_help=(
        "This cmdlet does not generate any output. The service response (type "
        f"{_response('RevokeOAuth2TokenWithIAM')}) can be returned by specifying '-Select *'."
    ),
    should_process_target="Token",
    writes_by_default=False,
    parameters=parameters(
        (
            member(
                "Token",
                "token",
                _doc("RevokeOAuth2TokenWithIAM", "token"),
            ),
        ),
        select(_response("RevokeOAuth2TokenWithIAM"), "*", writes_by_default=False),
        SIGNIN_CLIENT_CONFIG,
    ),
)

GET_AMSP_SESSION = CmdletSpec(
    verb="Get",
    noun="AMSPSession",
    operation=OperationRef("signin", SIGNIN_SERVICE, "GetSession"),
    synopsis="Calls the AWS Sign-In Service GetSession API operation.",
    description=(
        "Returns the details of a single sign-in session. The session must belong to the "
        "identity specified by principalArn, or to the caller if principalArn is omitted. A "
        "session that belongs to a different identity or account is reported as not found."
    ),
    dotnet_class="Amazon.PowerShell.Cmdlets.AMSP.GetAMSPSessionCmdlet",
    response_type=_response("GetSession"),
    output_type=_response("GetSession"),
    default_select="*",
    outputs_help=_whole("GetSession"),
    should_process_target="SessionArn",
    supports_should_process=False,
    parameters=parameters(
        (
            member("SessionArn", "sessionArn", _doc("GetSession", "sessionArn")),
            member(
                "PrincipalArn",
                "principalArn",
                _doc("GetSession", "principalArn"),
            ),
        ),
        select(_response("GetSession"), "*"),
        SIGNIN_CLIENT_CONFIG,
        tail=(),
    ),
)

GET_AMSP_SESSION_LIST = CmdletSpec(
    verb="Get",
    noun="AMSPSessionList",
    operation=OperationRef("signin", SIGNIN_SERVICE, "ListSessions"),
    synopsis="Calls the AWS Sign-In Service ListSessions API operation.",
    description=(
        "Lists sign-in sessions for an IAM identity in your account. If you omit principalArn, "
        "the operation lists the caller's own sessions. Specify a user or role ARN to list that "
        "identity's sessions, or specify arn:aws:iam::{account-id}:* to list all sessions in "
        "the account. Filters are combined with a logical AND.\n" + ITERATION_NOTE
    ),
    dotnet_class="Amazon.PowerShell.Cmdlets.AMSP.GetAMSPSessionListCmdlet",
    response_type=_response("ListSessions"),
    output_type="Amazon.Signin.Model.Session",
    default_select="Items",
    outputs_help=(
        "This cmdlet returns a collection of Amazon.Signin.Model.Session objects. The service "
        f"call response (type {_response('ListSessions')}) can be returned by specifying "
        "'-Select *'."
    ),
    should_process_target="PrincipalArn",
    supports_should_process=False,
    auto_iterate=True,
    parameters=parameters(
        (
            member("ClientId", "clientId", _doc("ListSessions", "clientId")),
            member(
                "IssuedAfter",
                "issuedAfter",
                _doc("ListSessions", "issuedAfter"),
            ),
            member(
                "IssuedBefore",
                "issuedBefore",
                _doc("ListSessions", "issuedBefore"),
            ),
            member(
                "PrincipalArn",
                "principalArn",
                _doc("ListSessions", "principalArn"),
            ),
            member("Status", "status", _doc("ListSessions", "status")),
            *paging(_doc("ListSessions", "maxResults"), _doc("ListSessions", "nextToken")),
        ),
        select(_response("ListSessions"), "Items"),
        SIGNIN_CLIENT_CONFIG,
        tail=(NO_AUTO_ITERATION,),
    ),
)

REVOKE_AMSP_SESSION_BATCH = CmdletSpec(
    verb="Revoke",
    noun="AMSPSessionBatch",
    operation=OperationRef("signin", SIGNIN_SERVICE, "BatchRevokeSessions"),
    synopsis="Calls the AWS Sign-In Service BatchRevokeSessions API operation.",
    description=(
        "Revokes up to five sign-in sessions. A revoked session can no longer be refreshed. "
        "Revoking a session that is already revoked succeeds. Each session must belong to the "
        "identity specified by principalArn, or to the caller if principalArn is omitted. "
        "Failures for individual sessions are returned in the errors list and do not fail the "
        "whole request."
    ),
    dotnet_class="Amazon.PowerShell.Cmdlets.AMSP.RevokeAMSPSessionBatchCmdlet",
    response_type=_response("BatchRevokeSessions"),
    output_type=_response("BatchRevokeSessions"),
    default_select="*",
    outputs_help=_whole("BatchRevokeSessions"),
    should_process_target="SessionArn",
    parameters=parameters(
        (
            member(
                "PrincipalArn",
                "principalArn",
                _doc("BatchRevokeSessions", "principalArn"),
            ),
            member("Reason", "reason", _doc("BatchRevokeSessions", "reason")),
            member(
                "SessionArn",
                "sessionArns",
                _doc("BatchRevokeSessions", "sessionArns"),
                aliases=("SessionArns",),
            ),
        ),
        select(_response("BatchRevokeSessions"), "*"),
        SIGNIN_CLIENT_CONFIG,
    ),
)

#: The six, in the order the table lists them.
SIGNIN_TOKEN_CMDLETS = (
    NEW_AMSP_OAUTH2_TOKEN_WITH_IAM,
    INVOKE_AMSP_INTROSPECT_OAUTH2_TOKEN_WITH_IAM,
    REVOKE_AMSP_OAUTH2_TOKEN_WITH_IAM,
    GET_AMSP_SESSION,
    GET_AMSP_SESSION_LIST,
    REVOKE_AMSP_SESSION_BATCH,
)
