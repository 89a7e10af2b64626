"""Logging out: the AWS CLI v2's ``sso logout`` and ``logout [--all]``, with no AWS CLI.

Files that are not JSON are left alone, as the AWS CLI leaves them.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from py_backend.config.context import ConfigContext, expand_path
from py_backend.errors import (
    ProfileNotFound,
    RequestCancelledError,
    ServiceError,
    TokenBridgeError,
    TransportError,
)
from py_backend.flows.cache import TokenCache, login_cache_dir, login_cache_key, sso_cache_dir
from py_backend.flows.profiles import login_session_of
from py_backend.session import Session

__all__ = ["LoginLogout", "login_logout", "revoke_login", "sso_logout"]

logger = logging.getLogger(__name__)

#: Where the AWS CLI caches role credentials it got with SSO tokens.
CLI_CREDENTIALS_CACHE = "~/.aws/cli/cache"
_EXPIRY_NOTE = (
    "Note, any local developer tools that have already loaded the access token{s} may continue "
    "to use {them} until {its} expiration. Access tokens expire in 15 minutes."
)


def sso_logout(
    environ: Mapping[str, str] | None = None,
    *,
    session: Session | None = None,
    endpoint_url: str | None = None,
    verify: bool | str | None = None,
    cancelled: threading.Event | None = None,
) -> int:
    """End and remove every cached SSO token; returns how many token files were removed.

    As ``awscli/customizations/sso/logout.py``: every file of the SSO token cache with an
    ``accessToken`` is first ended at the portal (``Logout`` in the token's ``region``; a
    refusal, for a token already gone, is ignored) and then removed; cached role credentials
    (``~/.aws/cli/cache`` entries whose ``ProviderType`` is ``sso``) are removed too.
    ``endpoint_url`` sends the portal's ``Logout`` there (else ``AWS_ENDPOINT_URL_SSO`` or
    the region's endpoint). Once ``cancelled`` is set (a cmdlet's Ctrl+C) the portal is sent
    nothing more, a :class:`~py_backend.cancellation.Cancellation` also ends a call in
    flight, and :class:`RequestCancelledError` stops the sweep: the files not yet removed stay.
    """
    portal_session = session if session is not None else Session(environ=environ)
    options = {"endpoint_url": endpoint_url, "verify": verify, "cancelled": cancelled}
    removed = 0
    for path, contents in TokenCache(sso_cache_dir(environ)).entries():
        if "accessToken" not in contents:
            continue
        region = contents.get("region")
        if isinstance(region, str) and region:
            _portal_logout(portal_session, region, str(contents["accessToken"]), **options)
        path.unlink()
        removed += 1
    env = os.environ if environ is None else environ
    for path, contents in TokenCache(expand_path(CLI_CREDENTIALS_CACHE, env)).entries():
        if contents.get("ProviderType") == "sso":
            path.unlink()
    return removed


def _portal_logout(session: Session, region: str, token: str, **client_options: Any) -> None:
    """``Logout`` for ``token``; a refusal is logged, a cancellation raised."""
    try:
        with session.client("sso", region_name=region, **client_options) as portal:
            portal.logout(accessToken=token)
    except RequestCancelledError:
        raise  # Ctrl+C: stop the whole sweep, not only this call
    except (ServiceError, TransportError) as error:
        # Already expired or ended: the file still goes (the AWS CLI logs and goes on).
        logger.debug("Failed to call logout API: %s", type(error).__name__)


@dataclass(frozen=True)
class LoginLogout:
    """What ``logout`` did: the message to print and the files removed."""

    message: str
    removed: int
    to_stderr: bool = False
    #: How many of the removed sessions the service revoked (their refresh chains are dead).
    revoked: int = 0


def revoke_login(
    entry: Mapping[str, Any],
    *,
    environ: Mapping[str, str] | None = None,
    region: str | None = None,
    endpoint_url: str | None = None,
    verify: bool | str | None = None,
) -> bool:
    """Revoke a login cache entry's refresh token; ``True`` when the service accepted it.

    ``RevokeOAuth2TokenWithIAM`` is SigV4-signed with the entry's own credentials, in its
    ``signInRegion`` (else ``region``, else the environment's); ``AWS_ENDPOINT_URL_SIGNIN``
    or ``endpoint_url`` point it elsewhere (the emulator). Never raises for a service or
    network refusal: logout goes on without it.
    """
    access = entry.get("accessToken")
    refresh = entry.get("refreshToken")
    if not isinstance(access, Mapping) or not isinstance(refresh, str) or not refresh:
        return False
    keys = {
        "aws_access_key_id": access.get("accessKeyId"),
        "aws_secret_access_key": access.get("secretAccessKey"),
        "aws_session_token": access.get("sessionToken"),
    }
    if not all(isinstance(value, str) and value for value in keys.values()):
        return False
    sign_in_region = entry.get("signInRegion")
    try:
        with Session(environ=environ, region_name=region).client(
            "signin",
            region_name=sign_in_region if isinstance(sign_in_region, str) else region,
            endpoint_url=endpoint_url,
            verify=verify,
            **keys,
        ) as client:
            client.revoke_oauth2_token_with_iam(token=refresh)
    except (ServiceError, TransportError, TokenBridgeError) as error:
        # Expired credentials or no service: the cache file still goes (as in sso logout).
        logger.debug("Failed to revoke the login session: %s", type(error).__name__)
        return False
    return True


def login_logout(
    context: ConfigContext,
    *,
    all_sessions: bool = False,
    revoke: bool = True,
    endpoint_url: str | None = None,
) -> LoginLogout:
    """Revoke and remove the profile's login session, or every one with ``all_sessions``
    (every login cache file with an ``accessToken`` object with ``accessKeyId``).

    The AWS CLI (``awscli/customizations/login/logout.py``) only removes the files, as
    ``revoke=False`` does; revoking first (issue 20, :func:`revoke_login`) kills the refresh
    chain even where a copy of the file survives. Credentials already issued stay valid until
    they expire (15 minutes at most), which the messages say.
    """
    cache = TokenCache(login_cache_dir(context.environ))

    def _revoke(contents: Mapping[str, Any]) -> int:
        return int(
            revoke and revoke_login(contents, environ=context.environ, endpoint_url=endpoint_url)
        )

    if all_sessions:
        count = revoked = 0
        for path, contents in cache.entries():
            access = contents.get("accessToken")
            if isinstance(access, dict) and "accessKeyId" in access:
                revoked += _revoke(contents)
                path.unlink()
                count += 1
        if count == 0:
            return LoginLogout("No cached login session tokens found.\n", 0)
        plural = "s" if count != 1 else ""
        note = _EXPIRY_NOTE.format(s="s", them="them", its="their")
        return LoginLogout(
            f"Removed {count} cached login credential{plural}. {note}\n", count, revoked=revoked
        )
    profile = context.active_profile
    try:
        login_session = login_session_of(context)
    except ProfileNotFound:  # it has no login session: the AWS CLI only warns
        login_session = None
    if not login_session:
        return LoginLogout(f"warning: no login session found for profile '{profile}'\n", 0, True)
    key = login_cache_key(login_session)
    entry = cache.load(key)
    revoked = _revoke(entry) if entry is not None else 0
    # A file that is not a JSON object goes too: it is this profile's cache file all the same.
    removed = int(cache.delete(key))
    note = _EXPIRY_NOTE.format(s="", them="it", its="its")
    return LoginLogout(
        f"Removed cached login credentials for profile '{profile}'. {note}\n",
        removed,
        revoked=revoked,
    )
