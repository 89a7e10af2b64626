"""``login``: AWS Sign-In for developer tools, as ``aws login`` does it, then cached.

Authorization code + PKCE (RFC 7636) + DPoP (RFC 9449), in two variants:

- same device: the ``…/devtools/same-device`` client redirects to a loopback listener
  (``http://127.0.0.1:PORT/oauth/callback``); the browser is opened for the user;
- remote (``aws login --remote``): the ``…/devtools/cross-device`` client redirects to
  ``{base}/v1/sessions/confirmation``, which shows the user base64 of
  ``state=...&code=...``; the user pastes it here.

A new P-256 DPoP key is made for every login; the refresh token is bound to it, so it is
cached with the credentials (``dpopKey``, SEC1 PEM).
"""

from __future__ import annotations

import base64
import binascii
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from cryptography.hazmat.primitives.asymmetric import ec

from py_backend.auth.dpop import generate_private_key
from py_backend.auth.pkce import generate_code_verifier, s256_challenge
from py_backend.client import SigninClient
from py_backend.clock import Clock
from py_backend.config.context import ConfigContext
from py_backend.flows._clients import ClientFactory, origin
from py_backend.flows.authorize import Redirect, signin_authorize_url
from py_backend.flows.cache import TokenCache, login_cache_dir, login_cache_key
from py_backend.flows.errors import LoginAuthorizationCodeError, LoginInsufficientPermissions
from py_backend.flows.interaction import (
    DEFAULT_INTERACTION,
    BrowserOpener,
    Interaction,
    Printer,
    show_authorization,
)
from py_backend.flows.loopback import LoopbackListener, authorization_code
from py_backend.flows.profiles import check_login_profile, write_login_profile
from py_backend.flows.signin_token import LoginCredentials, login_cache_entry
from py_backend.models.signin import CROSS_DEVICE_CLIENT_ID, SAME_DEVICE_CLIENT_ID

__all__ = ["CONFIRMATION_PATH", "PASTE_PROMPT", "parse_pasted_code", "signin_login"]

CONFIRMATION_PATH = "/v1/sessions/confirmation"
PASTE_PROMPT = "\nEnter the authorization code displayed in your browser: "
_ACTIVITY = "AWS sign-in"
_PAGE = "AWS sign-in"


@dataclass(frozen=True)
class _Grant:
    """What the browser step produced: the client, redirect URI, code and its verifier."""

    client_id: str
    redirect_uri: str
    code: str = field(repr=False)
    verifier: str = field(repr=False)


def signin_login(
    *,
    region: str | None = None,
    remote: bool = False,
    no_browser: bool = False,
    cache_dir: str | os.PathLike[str] | None = None,
    clients: ClientFactory | None = None,
    interaction: Interaction = DEFAULT_INTERACTION,
    dpop_key: ec.EllipticCurvePrivateKey | None = None,
    profile: str | None = None,
    update_profile: bool = False,
    config_file: str | os.PathLike[str] | None = None,
) -> LoginCredentials:
    """Sign in with AWS Sign-In, cache the session, and return its credentials.

    ``region`` (else the session's) picks the Sign-In endpoint, unless the ``clients``
    factory's ``endpoint_url`` or ``AWS_ENDPOINT_URL_SIGNIN`` overrides it. ``remote`` prints
    the URL and reads the pasted code with the interaction's ``read_code(prompt)``; otherwise
    a loopback listener takes the redirect and the browser is opened unless ``no_browser``.
    With ``update_profile``, ``profile`` (default: the session's, else ``default``) gets
    ``login_session`` (and ``region`` if it has none) in the config file; a profile that
    already has other credentials is refused before anything else happens. The interaction's
    ``cancelled`` ends the wait for the browser at once (:class:`AuthorizationCancelledError`).

    Raises :class:`LoginAuthorizationCodeError` (no code, wrong state, expired code),
    :class:`LoginInsufficientPermissions`, :class:`PendingAuthorizationExpiredError`
    (listener timeout), and other service errors as they are.
    """
    clients = clients or ClientFactory()
    environ = clients.environ
    context = ConfigContext.from_environ(environ, profile=profile, config_file=config_file)
    if update_profile:
        check_login_profile(context, context.active_profile)
    key = dpop_key if dpop_key is not None else generate_private_key()
    with clients.signin(region, key) as client:
        if remote:
            grant = _remote_grant(client, interaction.printer, interaction.read_code)
        else:
            opener = None if no_browser else interaction.open_browser
            grant = _same_device_grant(client, interaction, opener)
        interaction.progress(_ACTIVITY, "Redeeming the authorization code")
        entry, login_session = _redeem(client, grant, key, interaction.clock)
    cache = TokenCache(cache_dir if cache_dir is not None else login_cache_dir(environ))
    path = cache.save(login_cache_key(login_session), entry)
    if update_profile:
        write_login_profile(context, context.active_profile, login_session, client.meta.region_name)
    interaction.progress(_ACTIVITY, "Signed in; credentials cached", 100)
    return LoginCredentials.from_cache_entry(entry, login_session, path)


def _same_device_grant(
    client: SigninClient, interaction: Interaction, open_browser: BrowserOpener | None
) -> _Grant:
    listener = LoopbackListener(
        port=interaction.redirect_port,
        timeout=interaction.listener_timeout,
        cancelled=interaction.cancelled,
    )
    with listener:
        verifier, state = generate_code_verifier(), listener.state
        url = signin_authorize_url(
            origin(client.meta.endpoint_url),
            client_id=SAME_DEVICE_CLIENT_ID,
            state=state,
            code_challenge=s256_challenge(verifier),
            redirect_uri=listener.redirect_uri,
        )
        show_authorization(url, printer=interaction.printer, open_browser=open_browser, page=_PAGE)
        interaction.progress(_ACTIVITY, "Waiting for the browser to return the authorization code")
        code = authorization_code(listener.wait(), state, LoginAuthorizationCodeError)
        return _Grant(SAME_DEVICE_CLIENT_ID, listener.redirect_uri, code, verifier)


def _remote_grant(
    client: SigninClient, printer: Printer, read_code: Callable[[str], str]
) -> _Grant:
    verifier, state = generate_code_verifier(), str(uuid.uuid4())
    redirect_uri = origin(client.meta.endpoint_url) + CONFIRMATION_PATH
    url = signin_authorize_url(
        origin(client.meta.endpoint_url),
        client_id=CROSS_DEVICE_CLIENT_ID,
        state=state,
        code_challenge=s256_challenge(verifier),
        redirect_uri=redirect_uri,
    )
    show_authorization(url, printer=printer, open_browser=None, page=_PAGE)
    pasted = parse_pasted_code(read_code(PASTE_PROMPT))
    code = authorization_code(pasted, state, LoginAuthorizationCodeError)
    return _Grant(CROSS_DEVICE_CLIENT_ID, redirect_uri, code, verifier)


def parse_pasted_code(text: str | None) -> Redirect:
    """Read what the confirmation page shows: standard base64 of ``state=...&code=...``.

    Whitespace around it and missing ``=`` padding are forgiven. Raises
    :class:`LoginAuthorizationCodeError` for anything else (never quoting the text).
    """
    value = "".join((text or "").split())
    if not value:
        raise LoginAuthorizationCodeError("No authorization code was entered.")
    try:
        decoded = base64.b64decode(value + "=" * (-len(value) % 4), validate=True)
        query = decoded.decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise LoginAuthorizationCodeError("Failed to decode the verification code.") from None
    params = dict(parse_qsl(query))
    if "state" not in params or "code" not in params:
        raise LoginAuthorizationCodeError(
            "Failed to retrieve an auth_code or state from the verification code."
        )
    return Redirect(params["code"], params["state"], None)


def _redeem(
    client: SigninClient, grant: _Grant, key: ec.EllipticCurvePrivateKey, clock: Clock
) -> tuple[dict[str, object], str]:
    try:
        response = client.create_oauth2_token(
            tokenInput={
                "clientId": grant.client_id,
                "grantType": "authorization_code",
                "code": grant.code,
                "codeVerifier": grant.verifier,
                "redirectUri": grant.redirect_uri,
            }
        )
    except client.exceptions.AccessDeniedException as error:
        if error.error == "AUTHCODE_EXPIRED":
            raise LoginAuthorizationCodeError(
                "Unable to complete the login process due to an expired authorization code. "
                "Please reauthenticate using 'aws login'."
            ) from error
        if error.error == "INSUFFICIENT_PERMISSIONS":
            raise LoginInsufficientPermissions() from error
        raise
    output = response.token_output
    if output is None or output.access_token is None:
        raise LoginAuthorizationCodeError("Failed to retrieve an access token.")
    try:
        return login_cache_entry(
            output,
            client_id=grant.client_id,
            dpop_key=key,
            region=client.meta.region_name,
            now=clock(),
        )
    except (KeyError, ValueError) as error:
        raise LoginAuthorizationCodeError(f"The token answer is unusable: {error}") from None
