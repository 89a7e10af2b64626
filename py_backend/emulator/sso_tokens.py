"""SSO OIDC grants shared by CreateToken and CreateTokenWithIAM.

Authorization codes are spent on first presentation (RFC 6749 §4.1.2: a code used twice
also revokes the tokens issued from it); refresh tokens rotate (each is good for one use).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from py_backend.auth.pkce import verify_code_challenge
from py_backend.emulator.errors import sso_error
from py_backend.emulator.state import (
    AccessTokenRecord,
    AuthorizationCode,
    EmulatorState,
    RefreshTokenRecord,
    SsoTokenRecord,
)
from py_backend.emulator.wire import Members

__all__ = [
    "Grant",
    "redeem_code",
    "revoke_family",
    "spend_refresh_token",
    "token_answer",
]

_Record = TypeVar("_Record", bound=SsoTokenRecord)


@dataclass(frozen=True)
class Grant:
    """What a grant decided: who, which scopes, which family, whether a refresh token."""

    subject: str
    scopes: tuple[str, ...]
    family: str
    with_refresh: bool = True


def token_answer(state: EmulatorState, client_id: str, grant: Grant) -> dict[str, Any]:
    """Mint and remember the grant's tokens; the CreateToken body: ``accessToken``,
    ``tokenType``, ``expiresIn`` and, when the grant has one, ``refreshToken``."""
    config = state.config
    access = _mint(state, AccessTokenRecord, "aoa", config.access_token_lifetime, client_id, grant)
    state.access_tokens[access.token] = access
    answer: dict[str, Any] = {
        "accessToken": access.token,
        "tokenType": "Bearer",
        "expiresIn": config.access_token_lifetime,
    }
    if grant.with_refresh:
        lifetime = config.refresh_token_lifetime
        refresh = _mint(state, RefreshTokenRecord, "aor", lifetime, client_id, grant)
        state.refresh_tokens[refresh.token] = refresh
        answer["refreshToken"] = refresh.token
    return answer


def _mint(
    state: EmulatorState,
    kind: type[_Record],
    prefix: str,
    lifetime: int,
    client_id: str,
    grant: Grant,
) -> _Record:
    token = state.random_token(48, prefix)
    expires_at = state.now() + lifetime
    return kind(token, client_id, grant.subject, grant.scopes, expires_at, grant.family)


def redeem_code(state: EmulatorState, members: Members, client_id: str) -> AuthorizationCode:
    """Check and spend an authorization code for ``client_id`` (RFC 6749 §4.1.3, RFC 7636 §4.6).

    ``code``, ``redirectUri`` and ``codeVerifier`` are required. The code must exist, be
    unused, belong to the client, be unexpired, come with the authorize request's exact
    redirect URI, and the verifier must match the challenge.
    """
    code_value = members.required("code")
    redirect_uri = members.required("redirectUri")
    verifier = members.required("codeVerifier")
    code = state.present_code("sso-oidc", code_value)
    if code is None:
        raise sso_error("InvalidGrantException", "Invalid authorization code provided")
    if code.used:
        revoke_family(state, code.family)
        raise sso_error("InvalidGrantException", "Authorization code has already been used")
    code.used = True
    if code.client_id != client_id:
        raise sso_error("InvalidGrantException", "Authorization code was issued to another client")
    if state.now() >= code.expires_at:
        raise sso_error("ExpiredTokenException", "Authorization code has expired")
    if code.redirect_uri != redirect_uri:
        raise sso_error("InvalidGrantException", "redirectUri does not match the authorize request")
    if not verify_code_challenge(verifier, code.challenge, code.method):
        raise sso_error("InvalidGrantException", "codeVerifier does not match the code challenge")
    return code


def revoke_family(state: EmulatorState, family: str) -> None:
    """Revoke every access and refresh token issued from one grant."""
    for record in [*state.access_tokens.values(), *state.refresh_tokens.values()]:
        if record.family == family:
            record.revoked = True


def spend_refresh_token(
    state: EmulatorState, members: Members, client_id: str
) -> RefreshTokenRecord:
    """Check and spend a refresh token of ``client_id``; a spent token cannot be used again."""
    record = state.refresh_tokens.get(members.required("refreshToken"))
    if record is None or record.revoked or record.client_id != client_id:
        raise sso_error("InvalidGrantException", "Invalid refresh token provided")
    if record.used:
        raise sso_error("InvalidGrantException", "Refresh token has already been used")
    if state.now() >= record.expires_at:
        raise sso_error("InvalidGrantException", "Refresh token has expired")
    record.used = True
    return record
