"""Still signed in? The state of a cached SSO token or ``aws login`` session, read only.

Reading never refreshes, calls a service or opens a browser; it says what the next use of the
cache would meet. :attr:`SignInStatus.exit_code` is the command line's answer: 0 signed in and
valid, 1 expired but refreshable (the next use refreshes without a person), 2 a new login is
needed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from py_backend.clock import Clock, utc_now
from py_backend.config.context import ConfigContext
from py_backend.flows.cache import (
    TokenCache,
    format_timestamp,
    login_cache_dir,
    login_cache_key,
    sso_cache_dir,
    sso_token_cache_key,
)
from py_backend.flows.errors import LoginTokenLoadError, SSOTokenLoadError, sign_in_command
from py_backend.flows.profiles import login_session_of, sso_settings
from py_backend.flows.signin_token import LoginCredentials
from py_backend.flows.sso_token import SSOToken

__all__ = [
    "EXIT_LOGIN_NEEDED",
    "EXIT_REFRESHABLE",
    "EXIT_VALID",
    "SignInStatus",
    "login_status",
    "sso_status",
]

EXIT_VALID, EXIT_REFRESHABLE, EXIT_LOGIN_NEEDED = 0, 1, 2
_STATES = {EXIT_VALID: "valid", EXIT_REFRESHABLE: "refreshable", EXIT_LOGIN_NEEDED: "expired"}


@dataclass(frozen=True)
class SignInStatus:
    """Who is signed in, which session, and when the token and credentials expire (no secret)."""

    kind: str  # "sso" or "login"
    profile: str | None
    session: str | None
    exit_code: int
    start_url: str | None = None
    account_id: str | None = None
    token_expiration: datetime | None = None
    credentials_expiration: datetime | None = None
    refreshable: bool = False
    #: Why a new login is needed (missing cache, expired without a refresh token), else None.
    reason: str | None = None
    #: The command that signs in again.
    login_command: str = ""

    @property
    def state(self) -> str:
        """``valid``, ``refreshable`` or ``expired``."""
        return _STATES[self.exit_code]

    def to_dict(self) -> dict[str, Any]:
        """The ``--output json`` object (PascalCase, timestamps as the caches write them)."""

        def stamp(moment: datetime | None) -> str | None:
            return format_timestamp(moment) if moment is not None else None

        return {
            "Status": self.state,
            "Kind": self.kind,
            "Profile": self.profile,
            "Session": self.session,
            "StartUrl": self.start_url,
            "AccountId": self.account_id,
            "TokenExpiration": stamp(self.token_expiration),
            "CredentialsExpiration": stamp(self.credentials_expiration),
            "Refreshable": self.refreshable,
            "Reason": self.reason,
            "LoginCommand": self.login_command,
        }


def _judged(
    base: SignInStatus, expires_at: datetime, refreshable: bool, now: datetime, expired: str
) -> SignInStatus:
    """``base`` with its verdict: valid until ``expires_at``, then refreshable or (with the
    reason ``expired``) not."""
    if expires_at > now:
        code = EXIT_VALID
    else:
        code = EXIT_REFRESHABLE if refreshable else EXIT_LOGIN_NEEDED
    reason = expired if code == EXIT_LOGIN_NEEDED else None
    return replace(base, exit_code=code, refreshable=refreshable, reason=reason)


def sso_status(
    context: ConfigContext, *, sso_session: str | None = None, clock: Clock = utc_now
) -> SignInStatus:
    """The cached SSO token of the profile's (or the named) ``sso-session`` or start URL."""
    settings = sso_settings(context, sso_session=sso_session)
    name = settings.session_name or settings.start_url
    command = sign_in_command(sso=True, profile=context.active_profile, sso_session=sso_session)
    profile = None if sso_session else context.active_profile
    cache = TokenCache(sso_cache_dir(context.environ))
    key = sso_token_cache_key(settings.start_url, settings.session_name)
    entry = cache.load(key)
    base = SignInStatus(
        "sso",
        profile,
        settings.session_name,
        EXIT_LOGIN_NEEDED,
        start_url=settings.start_url,
        login_command=command,
    )
    if entry is None:
        return replace(base, reason="no cached token")
    try:
        token = SSOToken.from_cache_entry(entry, name=name)
    except SSOTokenLoadError as error:
        return replace(base, reason=str(error))
    now = clock()
    base = replace(base, token_expiration=token.expires_at)
    expired = "the token has expired and cannot be refreshed"
    return _judged(base, token.expires_at, token.can_refresh(now), now, expired)


def login_status(context: ConfigContext, *, clock: Clock = utc_now) -> SignInStatus:
    """The cached ``aws login`` session of the profile's ``login_session``."""
    profile = context.active_profile
    command = sign_in_command(sso=False, profile=profile)
    login_session = login_session_of(context)
    base = SignInStatus("login", profile, login_session, EXIT_LOGIN_NEEDED, login_command=command)
    if not login_session:
        return replace(base, reason=f"profile {profile} has no login_session")
    entry = TokenCache(login_cache_dir(context.environ)).load(login_cache_key(login_session))
    if entry is None:
        return replace(base, reason="no cached session")
    # The loader's own rule: an entry it refuses (a missing clientId, an incomplete
    # accessToken) needs a new login, whatever its expiry says.
    try:
        expires_at = LoginCredentials.from_cache_entry(entry, login_session).expires_at
    except LoginTokenLoadError as error:
        return replace(base, reason=str(error))
    access = entry["accessToken"]  # a mapping: from_cache_entry checked it
    # A refresh needs the refresh token and the DPoP key it is bound to; whether the service
    # still honours it is only known by trying, which a status check does not do.
    refreshable = bool(entry.get("refreshToken") and entry.get("dpopKey"))
    account = access.get("accountId")
    base = replace(
        base,
        account_id=account if isinstance(account, str) else None,
        credentials_expiration=expires_at,
    )
    expired = "the credentials have expired and cannot be refreshed"
    return _judged(base, expires_at, refreshable, clock(), expired)
