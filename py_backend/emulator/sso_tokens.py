"""SSO OIDC grants shared by CreateToken and CreateTokenWithIAM.

Authorization codes are spent on first presentation (RFC 6749 §4.1.2: a code used twice
also revokes the tokens issued from it); refresh tokens rotate (each is good for one use).
"""

from __future__ import annotations

from dataclasses import dataclass

from py_backend.auth.pkce import verify_code_challenge
from py_backend.emulator.errors import sso_error
from py_backend.emulator.state import (
    AccessTokenRecord,
    AuthorizationCode,
    EmulatorState,
    RefreshTokenRecord,
)
from py_backend.emulator.wire import Members

__all__ = [
    "IssuedTokens",
    "code_family",
    "issue_tokens",
    "redeem_code",
    "revoke_family",
    "spend_refresh_token",
]


@dataclass(frozen=True)
class IssuedTokens:
    """The tokens of one successful grant."""

    access: AccessTokenRecord
    refresh: RefreshTokenRecord | None


def issue_tokens(
    state: EmulatorState,
    client_id: str,
    subject: str,
    scopes: tuple[str, ...],
    *,
    family: str,
    with_refresh: bool,
) -> IssuedTokens:
    """Mint an access token (and optionally a refresh token) and remember them."""
    now, config = state.now(), state.config
    access = AccessTokenRecord(
        state.random_token(48, "aoa"),
        client_id,
        subject,
        scopes,
        now + config.access_token_lifetime,
        family,
    )
    state.access_tokens[access.token] = access
    refresh = None
    if with_refresh:
        refresh = RefreshTokenRecord(
            state.random_token(48, "aor"),
            client_id,
            subject,
            scopes,
            now + config.refresh_token_lifetime,
            family,
        )
        state.refresh_tokens[refresh.token] = refresh
    return IssuedTokens(access, refresh)


def redeem_code(state: EmulatorState, members: Members, client_id: str) -> AuthorizationCode:
    """Check and spend an authorization code for ``client_id`` (RFC 6749 §4.1.3, RFC 7636 §4.6).

    ``code``, ``redirectUri`` and ``codeVerifier`` are required. The code must exist, be
    unused, belong to the client, be unexpired, come with the authorize request's exact
    redirect URI, and the verifier must match the challenge.
    """
    code_value = members.required("code")
    redirect_uri = members.required("redirectUri")
    verifier = members.required("codeVerifier")
    state.redemptions["sso-oidc"][code_value] += 1
    code = state.sso_codes.get(code_value)
    if code is None:
        raise sso_error("InvalidGrantException", "Invalid authorization code provided")
    if code.used:
        revoke_family(state, code_family(code))
        raise sso_error("InvalidGrantException", "Authorization code has already been used")
    code.used = True
    _check_code(state, code, client_id, redirect_uri, verifier)
    return code


def _check_code(
    state: EmulatorState, code: AuthorizationCode, client_id: str, redirect_uri: str, verifier: str
) -> None:
    if code.client_id != client_id:
        raise sso_error("InvalidGrantException", "Authorization code was issued to another client")
    if state.now() >= code.expires_at:
        raise sso_error("ExpiredTokenException", "Authorization code has expired")
    if code.redirect_uri != redirect_uri:
        raise sso_error("InvalidGrantException", "redirectUri does not match the authorize request")
    if not verify_code_challenge(verifier, code.challenge, code.method):
        raise sso_error("InvalidGrantException", "codeVerifier does not match the code challenge")


def code_family(code: AuthorizationCode) -> str:
    """The family id of the tokens issued from ``code`` (revoked together on code reuse)."""
    return f"code:{code.code}"


def revoke_family(state: EmulatorState, family: str) -> None:
    """Revoke every access and refresh token issued from one grant."""
    for access in state.access_tokens.values():
        if access.family == family:
            access.revoked = True
    for refresh in state.refresh_tokens.values():
        if refresh.family == family:
            refresh.revoked = True


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
