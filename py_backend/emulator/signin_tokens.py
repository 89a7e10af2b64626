"""AWS Sign-In's token service and sessions (issue 20): eight operations beyond CreateOAuth2Token.

``docs/signin-operations.md`` §4 lists the rules the emulator keeps. The caller of a signed
operation is the configured Sign-In identity, or the portal role whose credentials signed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from py_backend.emulator.errors import EmulatorError, signin_error
from py_backend.emulator.http import Request, Response, json_response
from py_backend.emulator.jws import JWTError, verify_jwt
from py_backend.emulator.signin import account_of, principal_arn, refresh_session
from py_backend.emulator.signin import signin_invalid as _invalid
from py_backend.emulator.sigv4_verify import verify_request
from py_backend.emulator.sso_iam import ACCESS_TOKEN_TYPE, JWT_BEARER, TOKEN_EXCHANGE
from py_backend.emulator.state import EmulatorState, SigninSession, SigninToken
from py_backend.emulator.wire import DEFAULT_PAGE_SIZE, Members, page, page_size, request_members

__all__ = [
    "batch_revoke_sessions",
    "create_bearer_token",
    "create_oauth2_token_with_iam",
    "create_oauth2_token_with_token_exchange",
    "get_session",
    "introspect_oauth2_token_with_iam",
    "list_sessions",
    "revoke_oauth2_token_with_iam",
]

CLIENT_CREDENTIALS = "client_credentials"
JWT_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:jwt"
ISSUER = "signin.amazonaws.com"
ACCESS_TOKEN_LIFETIME = 3600
BEARER_DEFAULT = 43200
BEARER_MINIMUM = 300
SIGNING_NAME = "signin"


def _members(request: Request) -> Members:
    return request_members(request.body, _invalid)


@dataclass(frozen=True)
class _Caller:
    """An IAM identity and its account: who signed the request (or a token exchange's subject)."""

    principal: str
    account: str

    def owns(self, principal: str, wanted: str | None) -> bool:
        """Whether the caller may see ``principal``'s sessions (``wanted`` is the filter)."""
        if wanted is None:
            return principal == self.principal
        same_account = account_of(principal) == self.account
        return same_account and wanted in (principal, f"arn:aws:iam::{self.account}:*")


def _signed(state: EmulatorState, request: Request) -> tuple[_Caller, Members]:
    """Who signed the request (the signature is checked first), and its JSON members."""
    key = verify_request(state, request, SIGNING_NAME)
    minted = state.role_credentials.get(key.access_key_id)
    if minted is not None and minted.role_name != "signin":
        role = f"arn:aws:iam::{minted.account_id}:role/{minted.role_name}"
        caller = _Caller(role, minted.account_id)
    else:
        identity = state.config.signin_identity_arn
        caller = _Caller(principal_arn(identity), account_of(identity))
    return caller, _members(request)


def _client_credentials(members: Members) -> str:
    grant_type = members.required("grant_type")
    if grant_type != CLIENT_CREDENTIALS:
        raise _invalid("grant_type must be client_credentials", "unsupported_grant_type")
    return members.required("resource")


def _issue(state: EmulatorState, caller: _Caller, resource: str, lifetime: int) -> dict[str, Any]:
    """Mint and remember an access token (``ASOA...``) for ``caller``; the answer handing it out."""
    now = state.now()
    token = SigninToken(
        token=state.random_token(48, "ASOA"),
        principal_arn=caller.principal,
        account_id=caller.account,
        resource=resource,
        issued_at=now,
        expires_at=now + lifetime,
        jti=state.random_token(12),
    )
    state.signin_tokens[token.token] = token
    return {"access_token": token.token, "token_type": "Bearer", "expires_in": lifetime}


def create_oauth2_token_with_iam(state: EmulatorState, request: Request) -> Response:
    """``POST /v1/token?x-amz-client-auth-method=iam``: an access token for a resource."""
    caller, members = _signed(state, request)
    resource = _client_credentials(members)
    return json_response(200, _issue(state, caller, resource, ACCESS_TOKEN_LIFETIME))


def create_bearer_token(state: EmulatorState, request: Request) -> Response:
    """``POST /v1/token?x-amz-token-request-type=bearer``: a bearer token for a service."""
    caller, members = _signed(state, request)
    resource = _client_credentials(members)
    duration = members.body.get("duration", BEARER_DEFAULT)
    if not isinstance(duration, int) or isinstance(duration, bool):
        raise _invalid("duration must be an integer")
    if not BEARER_MINIMUM <= duration <= BEARER_DEFAULT:
        raise _invalid(f"duration must be {BEARER_MINIMUM} to {BEARER_DEFAULT} seconds")
    return json_response(200, _issue(state, caller, resource, duration))


def create_oauth2_token_with_token_exchange(state: EmulatorState, request: Request) -> Response:
    """``POST /v1/token?x-amz-oauth-token-method=token-exchange`` (unsigned)."""
    members = _members(request)
    grant_type = members.required("grant_type")
    if grant_type == TOKEN_EXCHANGE:
        subject_type = members.required("subject_token_type")
        if subject_type != JWT_TOKEN_TYPE:
            raise _invalid(f"subject_token_type must be {JWT_TOKEN_TYPE}", "invalid_request")
        claims = _trusted_jwt(state, members.required("subject_token"))
        resource = members.required("resource")
        answer_extra: dict[str, Any] = {"issued_token_type": ACCESS_TOKEN_TYPE}
    elif grant_type == JWT_BEARER:
        claims = _trusted_jwt(state, members.required("assertion"))
        resource = members.optional("resource") or str(claims.get("resource") or "")
        if not resource:
            raise _invalid("resource is required when the assertion has none", "invalid_target")
        answer_extra = {"resource": resource}
    else:
        raise _invalid("Unsupported grant type", "unsupported_grant_type")
    remaining = int(float(claims.get("exp", 0)) - state.now())
    lifetime = max(1, min(ACCESS_TOKEN_LIFETIME, remaining))
    subject = str(claims.get("sub", ""))
    answer = _issue(state, _Caller(principal_arn(subject), account_of(subject)), resource, lifetime)
    return json_response(200, {**answer, **answer_extra})


def _trusted_jwt(state: EmulatorState, value: str) -> dict[str, Any]:
    """The claims of a JWT this emulator signed and that has not expired."""
    try:
        claims = verify_jwt(value, state.signing_key.public_key())
    except (JWTError, ValueError):
        raise signin_error("InvalidGrantException", "The subject token is invalid") from None
    if float(claims.get("exp", 0)) <= state.now():
        raise signin_error("InvalidGrantException", "The subject token has expired")
    return claims


def introspect_oauth2_token_with_iam(state: EmulatorState, request: Request) -> Response:
    """``POST /v1/introspect``: RFC 7662; ``active`` false for any unusable token."""
    caller, members = _signed(state, request)
    value = members.required("token")
    hint = members.optional("token_type_hint")
    if hint is not None and hint not in ("access_token", "refresh_token"):
        raise _invalid("token_type_hint must be access_token or refresh_token")
    claims = _refresh_claims(state, value) or _access_claims(state, value)
    if claims is None or claims["account_id"] != caller.account:
        return json_response(200, {"active": False})
    return json_response(200, {"active": True, **claims})


def _access_claims(state: EmulatorState, value: str) -> dict[str, Any] | None:
    token = state.signin_tokens.get(value)
    if token is None or state.now() >= token.expires_at:
        return None
    return {
        "token_type": "access_token",
        "exp": int(token.expires_at),
        "iat": int(token.issued_at),
        "nbf": int(token.issued_at),
        "sub": token.principal_arn,
        "aud": token.resource,
        "iss": ISSUER,
        "jti": token.jti,
        "account_id": token.account_id,
    }


def _refresh_claims(state: EmulatorState, value: str) -> dict[str, Any] | None:
    record = state.signin_refresh.get(value)
    if record is None:
        return None
    try:
        session = refresh_session(state, record)
    except EmulatorError:
        return None  # expired or revoked: not active
    if record.spent(state.now()):
        return None
    return {
        "client_id": record.client_id,
        "token_type": "refresh_token",
        "exp": int(session.expires_at),
        "iat": int(record.issued_at),
        "nbf": int(record.issued_at),
        "sub": session.principal_arn,
        "iss": ISSUER,
        "jti": record.token[4:20],
        "account_id": account_of(session.principal_arn),
        "signin_session": session.session_arn,
    }


def revoke_oauth2_token_with_iam(state: EmulatorState, request: Request) -> Response:
    """``POST /v1/revoke``: end the refresh token's session and so its whole chain."""
    caller, members = _signed(state, request)
    value = members.required("token")
    if value.startswith("ASOA"):  # every access token _issue mints, and any look-alike
        raise _invalid("Only refresh tokens can be revoked", "unsupported_token_type")
    record = state.signin_refresh.get(value)
    session = state.signin_sessions.get(record.session_arn) if record else None
    if session is not None:
        if account_of(session.principal_arn) != caller.account:
            raise signin_error("AccessDeniedException", "The token belongs to another account")
        session.status = "REVOKED"
    return json_response(200, {})


def _session_view(session: SigninSession, *, full: bool) -> dict[str, Any]:
    view: dict[str, Any] = {
        "sessionArn": session.session_arn,
        "principalArn": session.principal_arn,
        "status": session.status,
        "issuedAt": int(session.issued_at),
        "expiresAt": int(session.expires_at),
        "clientId": session.client_id,
        "clientType": session.client_type,
    }
    if ":role/" in session.principal_arn:
        view["role"] = session.principal_arn
    if full:
        view["issuedInRegion"] = session.region
        if session.last_used_at is not None:
            view["lastUsedAt"] = int(session.last_used_at)
    return view


def _status(state: EmulatorState, session: SigninSession) -> None:
    if session.status == "ACTIVE" and state.now() >= session.expires_at:
        session.status = "REVOKED"  # the model has no EXPIRED: an ended session is not active


def _owned(state: EmulatorState, caller: _Caller, arn: str, wanted: str | None) -> SigninSession:
    session = state.signin_sessions.get(arn)
    if session is None or not caller.owns(session.principal_arn, wanted):
        raise signin_error("ResourceNotFoundException", f"Session not found: {arn}")
    _status(state, session)
    return session


def get_session(state: EmulatorState, request: Request) -> Response:
    """``POST /get-session``: one of the caller's sessions (ResourceNotFound otherwise)."""
    caller, members = _signed(state, request)
    session = _owned(
        state, caller, members.required("sessionArn"), members.optional("principalArn")
    )
    return json_response(200, _session_view(session, full=True))


def list_sessions(state: EmulatorState, request: Request) -> Response:
    """``POST /list-sessions``: the caller's sessions, filtered, ``maxResults`` a page."""
    caller, members = _signed(state, request)
    body = members.body
    wanted = members.optional("principalArn")
    sessions = [s for s in state.signin_sessions.values() if caller.owns(s.principal_arn, wanted)]
    for session in sessions:
        _status(state, session)
    sessions = [s for s in sessions if _matches(s, body)]
    size = page_size(
        body.get("maxResults", DEFAULT_PAGE_SIZE), lambda: _invalid("maxResults must be 1 to 100")
    )
    answer = page(
        [_session_view(s, full=False) for s in sessions],
        "items",
        "sessions",
        body.get("nextToken"),
        size,
        lambda: _invalid("nextToken is not a token this listing gave"),
    )
    return json_response(200, answer)


def _matches(session: SigninSession, body: dict[str, Any]) -> bool:
    if body.get("status") not in (None, session.status):
        return False
    if body.get("clientId") not in (None, session.client_id):
        return False
    after, before = body.get("issuedAfter"), body.get("issuedBefore")
    if isinstance(after, int) and session.issued_at < after:
        return False
    return not (isinstance(before, int) and session.issued_at >= before)


def batch_revoke_sessions(state: EmulatorState, request: Request) -> Response:
    """``POST /batch-revoke-sessions``: revoke each session; unknown ones are listed as errors."""
    caller, members = _signed(state, request)
    arns = members.body.get("sessionArns")
    if not isinstance(arns, list) or not 1 <= len(arns) <= 5:
        raise _invalid("sessionArns must list 1 to 5 session ARNs")
    wanted = members.optional("principalArn")
    revoked: list[dict[str, str]] = []
    errors: list[dict[str, str]] = []
    for arn in arns:
        try:
            session = _owned(state, caller, str(arn), wanted)
        except EmulatorError:
            errors.append(
                {"sessionArn": str(arn), "code": "RESOURCE_NOT_FOUND", "message": "Not found"}
            )
            continue
        session.status = "REVOKED"
        revoked.append({"sessionArn": session.session_arn})
    return json_response(200, {"revokedSessions": revoked, "errors": errors})
