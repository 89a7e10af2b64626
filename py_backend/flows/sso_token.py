"""Cached SSO tokens: the cache entry, loading it, and refreshing it before it expires.

The entry is what ``aws sso login`` writes and botocore's ``SSOTokenProvider`` reads::

    {"startUrl": ..., "region": ..., "accessToken": ..., "expiresAt": "...Z",
     "clientId": ..., "clientSecret": ..., "registrationExpiresAt": "...Z",
     "refreshToken": ...}

:func:`load_sso_token` refreshes (``CreateToken`` with ``grant_type=refresh_token``) when
less than :data:`REFRESH_WINDOW` (5 minutes) remains, and writes the new token back. That
is the window this project promises; botocore refreshes earlier (15 minutes, blocking at
10), so a token botocore has refreshed is always fresh enough for us, and a token we have
refreshed may still be refreshed again by botocore.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import SecretStr

from py_backend.client import SSOOIDCClient
from py_backend.clock import Clock, utc_now
from py_backend.errors import ServiceError, TransportError
from py_backend.flows._clients import ClientFactory, ClientOptions
from py_backend.flows.cache import (
    TokenCache,
    format_timestamp,
    parse_timestamp,
    sso_cache_dir,
    sso_token_cache_key,
)
from py_backend.flows.errors import SSOTokenLoadError
from py_backend.models.sso_oidc import CreateTokenResponse

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = ["REFRESH_WINDOW", "SSOToken", "load_sso_token", "refresh_sso_token"]

logger = logging.getLogger(__name__)

#: Refresh when fewer seconds than this remain (the issue's 5 minutes).
REFRESH_WINDOW = 5 * 60


def _secret(value: Any) -> SecretStr | None:
    return SecretStr(value) if isinstance(value, str) and value else None


def _reveal(value: SecretStr | None) -> str | None:
    return value.get_secret_value() if value is not None else None


@dataclass(frozen=True)
class SSOToken:
    """An SSO access token and what refreshing it takes; secrets are hidden in the repr."""

    start_url: str
    region: str
    access_token: SecretStr
    expires_at: datetime
    client_id: str | None = None
    client_secret: SecretStr | None = None
    registration_expires_at: datetime | None = None
    refresh_token: SecretStr | None = None
    #: The cache file this token was read from or written to.
    cache_path: Path | None = field(default=None, compare=False)

    def seconds_left(self, now: datetime) -> float:
        """Seconds until the access token expires (negative once it has)."""
        return (self.expires_at - now).total_seconds()

    def can_refresh(self, now: datetime) -> bool:
        """Whether botocore's conditions for a refresh hold: ``refreshToken``, ``clientId``,
        ``clientSecret`` and an unexpired ``registrationExpiresAt``."""
        registration_valid = (
            self.registration_expires_at is not None and self.registration_expires_at > now
        )
        return bool(
            self.refresh_token and self.client_id and self.client_secret and registration_valid
        )

    def to_cache_entry(self) -> dict[str, Any]:
        """The JSON object of the cache file, keys in the AWS CLI's order."""
        entry: dict[str, Any] = {
            "startUrl": self.start_url,
            "region": self.region,
            "accessToken": self.access_token.get_secret_value(),
            "expiresAt": format_timestamp(self.expires_at),
        }
        if self.client_id is not None:
            entry["clientId"] = self.client_id
            entry["clientSecret"] = _reveal(self.client_secret)
        if self.registration_expires_at is not None:
            entry["registrationExpiresAt"] = format_timestamp(self.registration_expires_at)
        if self.refresh_token is not None:
            entry["refreshToken"] = self.refresh_token.get_secret_value()
        return entry

    @classmethod
    def from_cache_entry(
        cls, entry: Mapping[str, Any], *, name: str = "", cache_path: Path | None = None
    ) -> SSOToken:
        """Read a cache entry; ``accessToken`` and ``expiresAt`` are required (as botocore).

        ``name`` (session name or start URL) is only used in the error message.
        """
        token, expiry = entry.get("accessToken"), entry.get("expiresAt")
        if not isinstance(token, str) or not isinstance(expiry, str):
            raise SSOTokenLoadError(f"Token for {name} is invalid")
        try:
            expires_at = parse_timestamp(expiry)
            registration = entry.get("registrationExpiresAt")
            registration_at = parse_timestamp(registration) if registration else None
        except ValueError:
            raise SSOTokenLoadError(f"Token for {name} has an invalid expiry time") from None
        client_id = entry.get("clientId")
        return cls(
            start_url=str(entry.get("startUrl", "")),
            region=str(entry.get("region", "")),
            access_token=SecretStr(token),
            expires_at=expires_at,
            client_id=client_id if isinstance(client_id, str) else None,
            client_secret=_secret(entry.get("clientSecret")),
            registration_expires_at=registration_at,
            refresh_token=_secret(entry.get("refreshToken")),
            cache_path=cache_path,
        )

    @classmethod
    def from_response(
        cls,
        response: CreateTokenResponse,
        *,
        start_url: str,
        region: str,
        registration: Mapping[str, Any],
        now: datetime,
    ) -> SSOToken:
        """The token a ``CreateToken`` answer gives, with the registration cached alongside."""
        registration_expiry = registration.get("expiresAt")
        return cls(
            start_url=start_url,
            region=region,
            access_token=SecretStr(response.reveal("accessToken")),
            expires_at=_expiry(now, response),
            client_id=registration["clientId"],
            client_secret=SecretStr(registration["clientSecret"]),
            registration_expires_at=(
                parse_timestamp(registration_expiry) if registration_expiry else None
            ),
            refresh_token=response.refresh_token,
        )


def _expiry(now: datetime, response: CreateTokenResponse) -> datetime:
    # Whole seconds: what the cache file can hold, so a token equals its re-read self.
    return (now + timedelta(seconds=response.expires_in or 0)).replace(microsecond=0)


def refresh_sso_token(client: SSOOIDCClient, token: SSOToken, now: datetime) -> SSOToken:
    """``CreateToken`` with the refresh token; the new token keeps the registration.

    As botocore does, the new entry has a ``refreshToken`` only if the answer had one.
    Service and transport errors propagate.
    """
    response = client.create_token(
        grantType="refresh_token",
        clientId=token.client_id,
        clientSecret=_reveal(token.client_secret),
        refreshToken=_reveal(token.refresh_token),
    )
    return replace(
        token,
        access_token=SecretStr(response.reveal("accessToken")),
        expires_at=_expiry(now, response),
        refresh_token=response.refresh_token,
    )


def load_sso_token(
    *,
    session_name: str | None = None,
    start_url: str | None = None,
    sso_region: str | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    refresh_window: float = REFRESH_WINDOW,
    force_refresh: bool = False,
    clock: Clock = utc_now,
    **client_options: Unpack[ClientOptions],
) -> SSOToken:
    """The cached SSO token of a session (or legacy start URL), refreshed if it must be.

    With less than ``refresh_window`` seconds left (or ``force_refresh``), the token is
    refreshed against SSO OIDC in the token's ``region`` (else ``sso_region``) and written
    back, with clients made from ``client_options``; a failed refresh leaves the old token in
    use until it expires. Raises :class:`SSOTokenLoadError` when there is no token, or it has
    expired and cannot be refreshed.
    """
    name = session_name if session_name is not None else start_url
    if name is None:
        raise SSOTokenLoadError("a session name or a start URL is needed")
    clients = ClientFactory(**client_options)  # an unknown keyword fails here, before any read
    cache = TokenCache(cache_dir if cache_dir is not None else sso_cache_dir(clients.environ))
    key = sso_token_cache_key(start_url or "", session_name)
    entry = cache.load(key)
    if entry is None:
        raise SSOTokenLoadError(f"Token for {name} does not exist")
    token = SSOToken.from_cache_entry(entry, name=name, cache_path=cache.path(key))
    now = clock()
    if not force_refresh and token.seconds_left(now) >= refresh_window:
        return token
    refreshed = _try_refresh(token, sso_region, clients, now)
    if refreshed is not None:
        cache.save(key, refreshed.to_cache_entry())
        return refreshed
    if token.seconds_left(now) <= 0:
        raise SSOTokenLoadError(f"Token for {name} has expired and refresh failed")
    return token


def _try_refresh(
    token: SSOToken, sso_region: str | None, options: ClientFactory, now: datetime
) -> SSOToken | None:
    if not token.can_refresh(now):
        logger.info("The cached SSO token cannot be refreshed (no refresh token or registration)")
        return None
    try:
        with options.sso_oidc(token.region or sso_region or "") as client:
            return refresh_sso_token(client, token, now)
    except (ServiceError, TransportError) as error:
        logger.warning("SSO token refresh attempt failed: %s", error)
        return None
