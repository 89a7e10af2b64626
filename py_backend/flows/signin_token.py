"""Cached ``aws login`` sessions: the cache entry, loading it, and refreshing it with DPoP.

The entry is what ``aws login`` writes and botocore's ``LoginProvider`` reads, in
``$AWS_LOGIN_CACHE_DIRECTORY`` or ``~/.aws/login/cache``, named ``sha256(login_session)``::

    {"accessToken": {"accessKeyId", "secretAccessKey", "sessionToken", "accountId",
                     "expiresAt": "...Z"},
     "tokenType": "aws_sigv4", "clientId": "arn:aws:signin:::devtools/same-device",
     "refreshToken": ..., "idToken": ..., "dpopKey": "-----BEGIN EC PRIVATE KEY-----...",
     "signInRegion": "us-east-1"}

``signInRegion`` is the region the session was created in; botocore 1.44 refreshes there
in preference to the profile's region, older readers ignore it. A refresh rewrites only
``accessToken`` and ``refreshToken``, with a DPoP proof signed by the cached key (the refresh
token is bound to it), as botocore's ``LoginCredentialFetcher``.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.asymmetric import ec

from py_backend.auth.credentials import Credentials
from py_backend.auth.dpop import load_private_key_pem, private_key_to_pem
from py_backend.client import SigninClient
from py_backend.clock import Clock, utc_now
from py_backend.flows._clients import ClientFactory, ClientOptions
from py_backend.flows.cache import (
    TokenCache,
    format_timestamp,
    login_cache_dir,
    login_cache_key,
    parse_timestamp,
)
from py_backend.flows.errors import (
    LoginError,
    LoginInsufficientPermissions,
    LoginRefreshRequired,
    LoginTokenLoadError,
)

# Re-exported: callers that read the login cache also make sessions that can use it.
from py_backend.flows.login_session import SessionWithLogin, login_provider
from py_backend.models.signin import CreateOAuth2TokenResponseBody

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = [
    "REFRESH_THRESHOLD",
    "LoginCredentials",
    "SessionWithLogin",
    "account_of",
    "load_login_credentials",
    "login_cache_entry",
    "login_provider",
    "login_session_from_id_token",
    "refresh_login_entry",
]

#: Refresh when this many seconds or fewer remain (botocore's ``_REFRESH_THRESHOLD``).
REFRESH_THRESHOLD = 5 * 60
_REQUIRED = ("accessToken", "refreshToken", "dpopKey", "clientId")


@dataclass(frozen=True)
class LoginCredentials:
    """Temporary AWS credentials of a login session; the secrets are hidden in the repr."""

    login_session: str
    account_id: str
    credentials: Credentials
    expires_at: datetime
    #: The cache file these came from or were written to.
    cache_path: Path | None = field(default=None, compare=False)

    @classmethod
    def from_cache_entry(
        cls, entry: Mapping[str, Any], login_session: str, cache_path: Path | None = None
    ) -> LoginCredentials:
        """The credentials of a login cache entry, if :func:`load_login_credentials` would use it.

        Raises :class:`LoginTokenLoadError` for an entry without a field a refresh needs
        (``accessToken``, ``refreshToken``, ``dpopKey``, ``clientId``, as botocore) or with an
        incomplete ``accessToken``. ``flows.status`` asks this too, so that it says what the
        next use will do.
        """
        missing = [name for name in _REQUIRED if name not in entry]
        if missing:
            raise LoginTokenLoadError(
                "Failed to load access token from token cache, missing required fields: "
                f"{', '.join(missing)}."
            )
        access = entry.get("accessToken")
        if not isinstance(access, Mapping):
            raise LoginTokenLoadError("The cached accessToken is not an object.")
        try:
            credentials = Credentials.from_strings(
                access["accessKeyId"],
                access["secretAccessKey"],
                access["sessionToken"],
                source="login",
            )
            expires_at = parse_timestamp(access["expiresAt"])
        except (KeyError, TypeError, ValueError):
            raise LoginTokenLoadError("The cached accessToken is incomplete.") from None
        return cls(
            login_session, _account_id(access, login_session), credentials, expires_at, cache_path
        )


def login_session_from_id_token(id_token: str) -> str:
    """The ``sub`` claim of the id token: the session ARN (no signature check, as the CLI).

    Raises ``ValueError`` when the token is not a JWT with a string ``sub``.
    """
    parts = id_token.split(".")
    if len(parts) != 3:
        raise ValueError("the id token is not a JWT")
    payload = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload))
    except (ValueError, TypeError):
        raise ValueError("the id token's payload is not base64url JSON") from None
    subject = claims.get("sub") if isinstance(claims, dict) else None
    if not isinstance(subject, str) or not subject:
        raise ValueError("the id token has no sub claim")
    return subject


def account_of(arn: str) -> str:
    """The account id field of an ARN (``arn:partition:service:region:account:resource``)."""
    parts = arn.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn" or not parts[4]:
        raise ValueError("the login session is not an ARN with an account id")
    return parts[4]


def _account_id(access: Mapping[str, Any], login_session: str) -> str:
    """The cached ``accountId``, else the one in the session ARN, else empty."""
    cached = access.get("accountId")
    if isinstance(cached, str) and cached:
        return cached
    try:
        return account_of(login_session)
    except ValueError:
        return ""


def login_cache_entry(
    output: CreateOAuth2TokenResponseBody,
    *,
    client_id: str,
    dpop_key: ec.EllipticCurvePrivateKey,
    region: str | None,
    now: datetime,
) -> tuple[dict[str, Any], str]:
    """The cache entry for a redeemed authorization code, and the login session ARN.

    The layout is the AWS CLI's ``_exchange_auth_code_for_access_token`` (key order too),
    plus ``signInRegion``. Raises ``ValueError`` for an answer without an id token.
    """
    body = output.to_dict()
    id_token = body.get("idToken")
    if not isinstance(id_token, str):
        raise ValueError("the answer has no id token")
    login_session = login_session_from_id_token(id_token)
    entry: dict[str, Any] = {
        "accessToken": _access_entry(body, account_of(login_session), now),
        "tokenType": body.get("tokenType", "aws_sigv4"),
        "clientId": client_id,
        "refreshToken": body["refreshToken"],
        "idToken": id_token,
        "dpopKey": private_key_to_pem(dpop_key),
    }
    if region:
        entry["signInRegion"] = region
    return entry, login_session


def _access_entry(body: Mapping[str, Any], account_id: str, now: datetime) -> dict[str, Any]:
    """The entry's ``accessToken`` object, from a ``CreateOAuth2Token`` answer's token output."""
    access = body["accessToken"]
    return {
        "accessKeyId": access["accessKeyId"],
        "secretAccessKey": access["secretAccessKey"],
        "sessionToken": access["sessionToken"],
        "accountId": account_id,
        "expiresAt": format_timestamp(now + timedelta(seconds=body["expiresIn"])),
    }


def refresh_login_entry(
    client: SigninClient, entry: Mapping[str, Any], login_session: str, now: datetime
) -> dict[str, Any]:
    """Refresh a cache entry with ``CreateOAuth2Token``; returns the new entry.

    The client must sign with the entry's DPoP key. Maps ``AccessDeniedException`` as
    botocore does: ``TOKEN_EXPIRED`` / ``USER_CREDENTIALS_CHANGED`` ->
    :class:`LoginRefreshRequired`, ``INSUFFICIENT_PERMISSIONS`` ->
    :class:`LoginInsufficientPermissions`, others -> :class:`LoginError`. Other service
    errors propagate.
    """
    try:
        response = client.create_oauth2_token(
            tokenInput={
                "clientId": entry["clientId"],
                "refreshToken": entry["refreshToken"],
                "grantType": "refresh_token",
            }
        )
    except client.exceptions.AccessDeniedException as error:
        raise _refresh_error(error.error) from error
    output = response.token_output
    if output is None or output.access_token is None:
        raise LoginTokenLoadError(
            "Unable to refresh access token due to an invalid service response. "
            "Please try running 'aws login' again."
        )
    body = output.to_dict()
    refreshed = dict(entry)
    account_id = _account_id(entry["accessToken"], login_session)
    refreshed["accessToken"] = _access_entry(body, account_id, now)
    refreshed["refreshToken"] = body["refreshToken"]
    return refreshed


def _refresh_error(error: str | None) -> LoginError:
    if error in ("TOKEN_EXPIRED", "USER_CREDENTIALS_CHANGED"):
        return LoginRefreshRequired()
    if error == "INSUFFICIENT_PERMISSIONS":
        return LoginInsufficientPermissions()
    return LoginError()


def load_login_credentials(
    login_session: str,
    *,
    region: str | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    refresh_threshold: float = REFRESH_THRESHOLD,
    force_refresh: bool = False,
    clock: Clock = utc_now,
    **client_options: Unpack[ClientOptions],
) -> LoginCredentials:
    """The credentials of a login session, refreshed (and written back) when no more than
    ``refresh_threshold`` seconds remain (botocore's rule).

    The region of a refresh is the entry's ``signInRegion``, else ``region``, else the
    session's; its clients are made from ``client_options`` (``session``, ``environ``,
    ``endpoint_url``, ``verify``). Raises :class:`LoginTokenLoadError` when the cache has
    no usable entry, :class:`LoginRefreshRequired` when the session must be renewed with a
    new login.
    """
    clients = ClientFactory(**client_options)  # an unknown keyword fails here, before any read
    cache = TokenCache(cache_dir if cache_dir is not None else login_cache_dir(clients.environ))
    key = login_cache_key(login_session)
    entry = cache.load(key)
    if entry is None:
        raise LoginTokenLoadError(
            f"Unable to load an existing login session for session {login_session}. "
            "Please reauthenticate with 'aws login'."
        )
    current = LoginCredentials.from_cache_entry(entry, login_session, cache.path(key))
    now = clock()
    if not force_refresh and (current.expires_at - now).total_seconds() > refresh_threshold:
        return current
    try:
        dpop_key = load_private_key_pem(entry["dpopKey"])
    except ValueError:
        raise LoginTokenLoadError("Unable to load private key from cached token.") from None
    with clients.signin(entry.get("signInRegion") or region, dpop_key) as client:
        refreshed = refresh_login_entry(client, entry, login_session, now)
    path = cache.save(key, refreshed)
    return LoginCredentials.from_cache_entry(refreshed, login_session, path)
