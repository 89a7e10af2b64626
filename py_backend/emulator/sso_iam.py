"""SSO OIDC CreateTokenWithIAM: ``POST /token?aws_iam=t``, SigV4-signed with ``sso-oauth``.

Grants: ``authorization_code`` (code from ``/authorize`` for the application ARN, with
PKCE), ``refresh_token`` (rotating, optional downscoping), ``jwt-bearer`` (RFC 7523: an
assertion from a trusted issuer, checked for signature, ``iss``, ``aud`` = clientId, ``exp``)
and ``token-exchange`` (RFC 8693: an access token this emulator issued to another
application). Answers carry ``issuedTokenType``, ``scope`` and
``awsAdditionalDetails.identityContext``, and an ``idToken`` when ``openid`` is in scope.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from py_backend.auth._b64 import b64url_encode, compact_json
from py_backend.emulator.errors import sso_error
from py_backend.emulator.http import Request, Response, json_response
from py_backend.emulator.jws import JWTError, decode_unverified, key_id, sign_jwt, verify_jwt
from py_backend.emulator.sigv4_verify import verify_request
from py_backend.emulator.sso_oidc import sso_body
from py_backend.emulator.sso_tokens import Grant, redeem_code, spend_refresh_token, token_answer
from py_backend.emulator.state import EmulatorState
from py_backend.emulator.wire import Members

__all__ = ["ACCESS_TOKEN_TYPE", "JWT_BEARER", "TOKEN_EXCHANGE", "create_token_with_iam"]

JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange"
ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token"
REFRESH_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:refresh_token"


def create_token_with_iam(state: EmulatorState, request: Request) -> Response:
    """Verify SigV4, then run the grant named by ``grantType``."""
    verify_request(state, request)
    members = sso_body(request)
    client_id = members.required("clientId")
    grant_type = members.required("grantType")
    grant = _GRANTS.get(grant_type)
    if grant is None:
        raise sso_error("UnsupportedGrantTypeException", "Unsupported grant type")
    return json_response(200, _answer(state, request, client_id, grant(state, client_id, members)))


def _requested_scopes(members: Members, granted: tuple[str, ...]) -> tuple[str, ...]:
    """The requested scopes (must be within ``granted``), or all of ``granted``."""
    requested = members.string_list("scope")
    if requested and not set(requested) <= set(granted):
        raise sso_error("InvalidScopeException", "scope asks for more than was granted")
    return requested or granted


def _code_grant(state: EmulatorState, client_id: str, members: Members) -> Grant:
    code = redeem_code(state, members, client_id)
    scopes = _requested_scopes(members, code.scopes)
    return Grant(state.config.sso_user, scopes, code.family)


def _refresh_grant(state: EmulatorState, client_id: str, members: Members) -> Grant:
    old = spend_refresh_token(state, members, client_id)
    return Grant(old.subject, _requested_scopes(members, old.scopes), old.family)


def _jwt_bearer_grant(state: EmulatorState, client_id: str, members: Members) -> Grant:
    claims = _verified_assertion(state, members.required("assertion"), client_id)
    scopes = members.string_list("scope") or state.config.iam_default_scopes
    family = state.random_token(12, "jwt:")
    return Grant(claims["sub"], scopes, family)


def _verified_assertion(state: EmulatorState, assertion: str, client_id: str) -> dict[str, Any]:
    """RFC 7523 §3: every failure is ``invalid_grant``."""
    try:
        _, unverified = decode_unverified(assertion)
        issuer = state.config.issuer(str(unverified.get("iss")))
        if issuer is None:
            raise JWTError("the assertion's issuer is not trusted")
        claims = verify_jwt(assertion, issuer.public_key)
        audience = claims.get("aud")
        if client_id not in (audience if isinstance(audience, list) else [audience]):
            raise JWTError("aud does not name the clientId")
        if not isinstance(claims.get("exp"), (int, float)) or claims["exp"] <= state.now():
            raise JWTError("the assertion has expired or has no exp")
        if not isinstance(claims.get("sub"), str) or not claims["sub"]:
            raise JWTError("the assertion has no sub")
    except JWTError as problem:
        raise sso_error("InvalidGrantException", f"Invalid assertion: {problem}") from None
    return claims


def _token_exchange_grant(state: EmulatorState, client_id: str, members: Members) -> Grant:
    subject_token = members.required("subjectToken")
    if members.required("subjectTokenType") != ACCESS_TOKEN_TYPE:
        raise sso_error("InvalidRequestException", f"subjectTokenType must be {ACCESS_TOKEN_TYPE}")
    requested = members.optional("requestedTokenType") or ACCESS_TOKEN_TYPE
    if requested not in (ACCESS_TOKEN_TYPE, REFRESH_TOKEN_TYPE):
        raise sso_error("InvalidRequestException", "requestedTokenType is not supported")
    source = state.access_tokens.get(subject_token)
    if source is None or not source.live(state.now()):
        raise sso_error("InvalidGrantException", "Invalid subject token provided")
    if source.client_id == client_id:
        raise sso_error("InvalidGrantException", "The subject token was issued to this application")
    scopes = members.string_list("scope") or state.config.iam_default_scopes
    family = state.random_token(12, "exchange:")
    return Grant(source.subject, scopes, family, with_refresh=requested == REFRESH_TOKEN_TYPE)


_GRANTS: dict[str, Callable[[EmulatorState, str, Members], Grant]] = {
    "authorization_code": _code_grant,
    "refresh_token": _refresh_grant,
    JWT_BEARER: _jwt_bearer_grant,
    TOKEN_EXCHANGE: _token_exchange_grant,
}


def _answer(state: EmulatorState, request: Request, client_id: str, grant: Grant) -> dict[str, Any]:
    """CreateToken's body plus ``idToken`` (with ``openid``), ``issuedTokenType``, ``scope`` and
    ``awsAdditionalDetails``."""
    answer = token_answer(state, client_id, grant)
    context = b64url_encode(compact_json({"sub": grant.subject, "iss": request.base_url}))
    if "openid" in grant.scopes:
        now = int(state.now())
        claims = {
            "iss": request.base_url,
            "sub": grant.subject,
            "aud": client_id,
            "iat": now,
            "exp": now + state.config.access_token_lifetime,
            "sts:identity_context": context,
        }
        answer["idToken"] = sign_jwt(state.signing_key, claims, kid=key_id(state.signing_key))
    refreshable = "refreshToken" in answer
    answer["issuedTokenType"] = REFRESH_TOKEN_TYPE if refreshable else ACCESS_TOKEN_TYPE
    answer["scope"] = list(grant.scopes)
    answer["awsAdditionalDetails"] = {"identityContext": context}
    return answer
