"""``sso login``: get an SSO OIDC token the way ``aws sso login`` does, and cache it.

Two flows, chosen as the AWS CLI v2 chooses (since 2.22.0): authorization code + PKCE with a
loopback redirect (RFC 6749 §4.1, RFC 7636, RFC 8252), the default for ``sso-session``
profiles; device code (RFC 8628) for legacy profiles, with ``use_device_code``, and as the
fallback when no loopback port can be bound. Both reuse a cached client registration made for
the same grant, and always fetch a new token (the CLI's ``force_refresh``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import Any

from py_backend.auth.pkce import generate_code_verifier, s256_challenge
from py_backend.client import SSOOIDCClient
from py_backend.config.context import ConfigContext
from py_backend.errors import PendingAuthorizationExpiredError
from py_backend.flows._clients import ClientFactory, origin
from py_backend.flows.authorize import DEFAULT_SCOPE, sso_authorize_url
from py_backend.flows.cache import (
    TokenCache,
    format_timestamp,
    parse_timestamp,
    sso_cache_dir,
    sso_registration_cache_key,
    sso_token_cache_key,
)
from py_backend.flows.device import (
    DEFAULT_INTERVAL,
    SLOW_DOWN_SECONDS,
    PollEvent,
    poll_device_token,
)
from py_backend.flows.errors import AuthorizationCodeLoadError, LoopbackListenerError
from py_backend.flows.interaction import (
    DEFAULT_INTERACTION,
    BrowserOpener,
    Interaction,
    device_poll_progress,
    show_authorization,
)
from py_backend.flows.loopback import (
    REDIRECT_URI_WITHOUT_PORT,
    LoopbackListener,
    authorization_code,
)
from py_backend.flows.profiles import SSOSettings, write_sso_profile
from py_backend.flows.sso_token import SSOToken
from py_backend.models._grants import DEVICE_CODE_GRANT
from py_backend.models.sso_oidc import CreateTokenResponse

__all__ = ["DEFAULT_SCOPE", "REGISTRATION_EXPIRY_WINDOW", "sso_login"]

#: A cached registration is reused only if it is valid for longer than this (the CLI's).
REGISTRATION_EXPIRY_WINDOW = timedelta(minutes=15)
_AUTH_CODE_GRANTS = ("authorization_code", "refresh_token")
_ACTIVITY = "AWS SSO sign-in"


@dataclass(frozen=True)
class _Context:
    """Everything one login needs besides the client."""

    settings: SSOSettings
    cache: TokenCache
    interaction: Interaction
    #: The interaction's opener, or ``None`` with ``no_browser``.
    open_browser: BrowserOpener | None

    def progress(self, status: str, percent: int = -1) -> None:
        self.interaction.progress(_ACTIVITY, status, percent)


def sso_login(
    start_url: str,
    sso_region: str,
    *,
    session_name: str | None = None,
    scopes: Sequence[str] | None = None,
    use_device_code: bool = False,
    no_browser: bool = False,
    cache_dir: str | os.PathLike[str] | None = None,
    clients: ClientFactory | None = None,
    interaction: Interaction = DEFAULT_INTERACTION,
    profile: str | None = None,
    update_profile: bool = False,
    config_file: str | os.PathLike[str] | None = None,
) -> SSOToken:
    """Sign in to IAM Identity Center and cache the token; returns it (with ``cache_path``).

    ``session_name`` is the ``sso-session`` name (``None``: a legacy profile, which uses
    the device code flow). ``scopes`` are the configured registration scopes (``None`` if
    none are configured). ``no_browser`` prints the URL without opening it. ``clients``
    makes the SSO OIDC client; ``interaction`` is how the user is met (its ``cancelled`` ends
    the wait for the browser: :class:`AuthorizationCancelledError`). With ``update_profile``,
    ``profile`` (default: ``AWS_PROFILE``, else ``default``) is pointed at these settings in
    the config file (:func:`~py_backend.flows.profiles.write_sso_profile`).

    Raises :class:`PendingAuthorizationExpiredError` when the user does not finish in
    time, :class:`AuthorizationCodeLoadError` for a bad redirect, and the service's errors
    (``AccessDeniedException`` when the user denies) as they are.
    """
    clients = clients or ClientFactory()
    environ = clients.environ
    context = _Context(
        settings=SSOSettings(
            start_url, sso_region, session_name, None if scopes is None else tuple(scopes)
        ),
        cache=TokenCache(cache_dir if cache_dir is not None else sso_cache_dir(environ)),
        interaction=interaction,
        open_browser=None if no_browser else interaction.open_browser,
    )
    with clients.sso_oidc(sso_region) as client:
        token = _login(client, context, use_device_code)
    path = context.cache.save(sso_token_cache_key(start_url, session_name), token.to_cache_entry())
    if update_profile:
        config = ConfigContext.from_environ(environ, profile=profile, config_file=config_file)
        write_sso_profile(config, config.active_profile, context.settings)
    context.progress("Signed in; token cached", 100)
    return replace(token, cache_path=path)


def _login(client: SSOOIDCClient, context: _Context, use_device_code: bool) -> SSOToken:
    if context.settings.session_name is None or use_device_code:
        return _device_code_flow(client, context)
    interaction = context.interaction
    try:
        listener = LoopbackListener(
            port=interaction.redirect_port,
            timeout=interaction.listener_timeout,
            cancelled=interaction.cancelled,
        )
    except LoopbackListenerError as error:
        if interaction.redirect_port:
            raise  # the user asked for this port: say so rather than switch flows
        interaction.printer(f"{error}\nFalling back to the device code flow.\n")
        return _device_code_flow(client, context)
    with listener:
        return _auth_code_flow(client, context, listener)


# --- client registration --------------------------------------------------------------------


def _registration(client: SSOOIDCClient, context: _Context, *, auth_code: bool) -> dict[str, Any]:
    """A cached registration for this flow, or a new one (then cached)."""
    settings = context.settings
    key = sso_registration_cache_key(
        settings.start_url, settings.region, settings.scopes, settings.session_name
    )
    cached = context.cache.load(key)
    if cached is not None and _reusable(cached, auth_code, context.interaction.clock()):
        return cached
    registration = _register(client, context, auth_code)
    context.cache.save(key, registration)
    return registration


def _reusable(registration: Mapping[str, Any], auth_code: bool, now: datetime) -> bool:
    try:
        expires_at = parse_timestamp(registration["expiresAt"])
    except (KeyError, ValueError):
        return False
    # The CLI did not always cache grantTypes: no grant types means a device registration.
    for_auth_code = "authorization_code" in (registration.get("grantTypes") or ())
    complete = bool(registration.get("clientId") and registration.get("clientSecret"))
    return complete and for_auth_code == auth_code and expires_at - now > REGISTRATION_EXPIRY_WINDOW


def _register(client: SSOOIDCClient, context: _Context, auth_code: bool) -> dict[str, Any]:
    name, scopes = context.settings.session_name, context.settings.scopes
    if name is None:  # legacy profiles: a timestamp, as botocore names them
        name = str(int(context.interaction.clock().timestamp()))
    request: dict[str, Any] = {"clientName": f"botocore-client-{name}", "clientType": "public"}
    if auth_code:
        request.update(
            grantTypes=list(_AUTH_CODE_GRANTS),
            redirectUris=[REDIRECT_URI_WITHOUT_PORT],
            issuerUrl=context.settings.start_url,
            scopes=list(scopes or [DEFAULT_SCOPE]),
        )
    elif scopes:
        request["scopes"] = list(scopes)
    context.progress("Registering the client")
    response = client.register_client(**request)
    expires_at = datetime.fromtimestamp(response.client_secret_expires_at or 0, timezone.utc)
    registration: dict[str, Any] = {
        "clientId": response.client_id,
        "clientSecret": response.reveal("clientSecret"),
        "expiresAt": format_timestamp(expires_at),
    }
    if "scopes" in request:
        registration["scopes"] = request["scopes"]
    if auth_code:
        registration["grantTypes"] = request["grantTypes"]
    return registration


# --- authorization code + PKCE --------------------------------------------------------------


def _auth_code_flow(
    client: SSOOIDCClient, context: _Context, listener: LoopbackListener
) -> SSOToken:
    registration = _registration(client, context, auth_code=True)
    verifier, state = generate_code_verifier(), listener.state
    url = sso_authorize_url(
        origin(client.meta.endpoint_url),
        client_id=registration["clientId"],
        redirect_uri=listener.redirect_uri,
        state=state,
        code_challenge=s256_challenge(verifier),
        scopes=context.settings.scopes or (),
    )
    show_authorization(url, printer=context.interaction.printer, open_browser=context.open_browser)
    context.progress("Waiting for the browser to return the authorization code")
    code = authorization_code(listener.wait(), state, AuthorizationCodeLoadError)
    context.progress("Redeeming the authorization code")
    try:
        response = client.create_token(
            grantType="authorization_code",
            clientId=registration["clientId"],
            clientSecret=registration["clientSecret"],
            redirectUri=listener.redirect_uri,
            codeVerifier=verifier,
            code=code,
        )
    except client.exceptions.ExpiredTokenException:
        raise PendingAuthorizationExpiredError() from None
    return _token(response, context, registration)


# --- device code ----------------------------------------------------------------------------


def _device_code_flow(client: SSOOIDCClient, context: _Context) -> SSOToken:
    registration = _registration(client, context, auth_code=False)
    context.progress("Starting device authorization")
    device = client.start_device_authorization(
        clientId=registration["clientId"],
        clientSecret=registration["clientSecret"],
        startUrl=context.settings.start_url,
    )
    interval = device.interval or DEFAULT_INTERVAL
    # The client may be authorized already: one attempt before showing anything (the CLI's).
    early, interval = _early_attempt(client, registration, device.reveal("deviceCode"), interval)
    if early is not None:
        return _token(early, context, registration)
    user_code = device.user_code or ""
    show_authorization(
        device.verification_uri or "",
        printer=context.interaction.printer,
        open_browser=context.open_browser,
        user_code=user_code,
        complete_url=device.verification_uri_complete,
    )

    def on_poll(event: PollEvent) -> None:
        if context.interaction.on_progress is not None:
            context.interaction.on_progress(
                device_poll_progress(event, user_code, device.expires_in)
            )

    response = poll_device_token(
        client,
        client_id=registration["clientId"],
        client_secret=registration["clientSecret"],
        device_code=device.reveal("deviceCode"),
        interval=interval,
        expires_in=device.expires_in,
        sleep=context.interaction.sleep,
        on_poll=on_poll,
        wait_first=True,
    )
    return _token(response, context, registration)


def _early_attempt(
    client: SSOOIDCClient, registration: Mapping[str, Any], device_code: str, interval: int
) -> tuple[CreateTokenResponse | None, int]:
    try:
        response = client.create_token(
            grantType=DEVICE_CODE_GRANT,
            clientId=registration["clientId"],
            clientSecret=registration["clientSecret"],
            deviceCode=device_code,
        )
    except client.exceptions.SlowDownException:
        return None, interval + SLOW_DOWN_SECONDS
    except client.exceptions.AuthorizationPendingException:
        return None, interval
    except client.exceptions.ExpiredTokenException:
        raise PendingAuthorizationExpiredError() from None
    return response, interval


def _token(
    response: CreateTokenResponse, context: _Context, registration: Mapping[str, Any]
) -> SSOToken:
    return SSOToken.from_response(
        response,
        start_url=context.settings.start_url,
        region=context.settings.region,
        registration=registration,
        now=context.interaction.clock(),
    )
