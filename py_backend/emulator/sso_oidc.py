"""SSO OIDC: RegisterClient, StartDeviceAuthorization and CreateToken (RFC 8628, RFC 6749).

Rules kept from the real service: only ``public`` clients register; a client secret
expires (``clientSecretExpiresAt``); a device code answers ``AuthorizationPendingException``
until approved, ``SlowDownException`` (and five more seconds of interval) when polled
faster than its interval, ``ExpiredTokenException`` once expired, ``AccessDeniedException``
once denied and ``InvalidGrantException`` once spent. Refresh tokens are issued only to
clients registered with scopes (as IAM Identity Center does for ``sso-session`` profiles).
"""

from __future__ import annotations

import hmac
import re
from typing import Any

from py_backend.emulator.errors import EmulatorError, sso_error
from py_backend.emulator.http import Request, Response, json_response
from py_backend.emulator.redirects import is_valid_redirect_uri
from py_backend.emulator.sso_tokens import Grant, redeem_code, spend_refresh_token, token_answer
from py_backend.emulator.state import DeviceAuthorization, EmulatorState, RegisteredClient
from py_backend.emulator.wire import Members, request_members

__all__ = [
    "AUTHORIZATION_CODE",
    "allows_grant",
    "create_token",
    "register_client",
    "sso_body",
    "start_device_authorization",
]

DEVICE_CODE = "urn:ietf:params:oauth:grant-type:device_code"
AUTHORIZATION_CODE = "authorization_code"
REFRESH_TOKEN = "refresh_token"
_REGISTRABLE_GRANTS = frozenset({DEVICE_CODE, AUTHORIZATION_CODE, REFRESH_TOKEN})
_DEFAULT_GRANTS = (DEVICE_CODE, REFRESH_TOKEN)
_SCOPE = re.compile(r"[A-Za-z0-9:_./*-]{1,256}")


def _invalid(message: str) -> EmulatorError:
    return sso_error("InvalidRequestException", message)


def sso_body(request: Request) -> Members:
    """The request's JSON members, with SSO OIDC's error for a bad body."""
    return request_members(request.body, _invalid)


def register_client(state: EmulatorState, request: Request) -> Response:
    """``POST /client/register``: remember a public client and hand out its id and secret."""
    members = sso_body(request)
    members.required("clientName")  # required and checked as the service does; not kept
    if members.required("clientType") != "public":
        raise sso_error("InvalidClientMetadataException", "clientType must be public")
    grants, redirect_uris = members.string_list("grantTypes"), members.string_list("redirectUris")
    scopes = members.string_list("scopes")
    if not all(g in _REGISTRABLE_GRANTS for g in grants):
        raise sso_error("UnsupportedGrantTypeException", "grantTypes has an unsupported grant type")
    if not all(_SCOPE.fullmatch(s) for s in scopes):
        raise sso_error("InvalidScopeException", "scopes has an invalid scope")
    if not all(is_valid_redirect_uri(uri) for uri in redirect_uris):
        raise sso_error("InvalidRedirectUriException", "redirectUris has an invalid URI")
    if AUTHORIZATION_CODE in grants and not redirect_uris:
        raise sso_error("InvalidRedirectUriException", "authorization_code needs redirectUris")
    members.optional("issuerUrl")  # a string if given; not kept either
    issued = int(state.now())
    client = RegisteredClient(
        client_id=state.random_token(16),
        client_secret=state.random_token(96, "eyJ"),  # a JWS, as the service's are
        issued_at=issued,
        secret_expires_at=issued + state.config.client_secret_lifetime,
        scopes=scopes,
        grant_types=grants,
        redirect_uris=redirect_uris,
    )
    state.clients[client.client_id] = client
    answer: dict[str, Any] = {
        "clientId": client.client_id,
        "clientSecret": client.client_secret,
        "clientIdIssuedAt": issued,
        "clientSecretExpiresAt": client.secret_expires_at,
    }
    if redirect_uris:
        answer["authorizationEndpoint"] = f"{request.base_url}/authorize"
        answer["tokenEndpoint"] = f"{request.base_url}/token"
    return json_response(200, answer)


def authenticate_client(state: EmulatorState, members: Members) -> RegisteredClient:
    """Check ``clientId`` and ``clientSecret``: ``InvalidClientException`` (401) otherwise."""
    client = state.clients.get(members.required("clientId"))
    secret = members.required("clientSecret")
    if client is None or not hmac.compare_digest(secret.encode(), client.client_secret.encode()):
        raise sso_error("InvalidClientException", "Invalid client provided")
    if state.now() >= client.secret_expires_at:
        raise sso_error("InvalidClientException", "Client registration has expired")
    return client


def allows_grant(client: RegisteredClient, grant: str) -> bool:
    """Tell whether ``client`` may use ``grant``: its registered grant types, else the defaults."""
    return grant in (client.grant_types or _DEFAULT_GRANTS)


def _require_grant(client: RegisteredClient, grant: str) -> None:
    if not allows_grant(client, grant):
        raise sso_error(
            "UnauthorizedClientException", "The client is not registered for this grant"
        )


def start_device_authorization(state: EmulatorState, request: Request) -> Response:
    """``POST /device_authorization``: a device code and a user code (RFC 8628 §3.2)."""
    members = sso_body(request)
    client = authenticate_client(state, members)
    members.required("startUrl")
    _require_grant(client, DEVICE_CODE)
    device = DeviceAuthorization(
        device_code=state.random_token(48),
        user_code=state.user_code(),
        client_id=client.client_id,
        expires_at=state.now() + state.config.device_expires_in,
        interval=state.config.device_interval,
        status="approved" if state.auto_approve else "pending",
    )
    state.devices[device.device_code] = device
    answer = {
        "deviceCode": device.device_code,
        "userCode": device.user_code,
        "verificationUri": f"{request.base_url}/device",
        "verificationUriComplete": f"{request.base_url}/device?user_code={device.user_code}",
        "expiresIn": state.config.device_expires_in,
        "interval": device.interval,
    }
    return json_response(200, answer)


def create_token(state: EmulatorState, request: Request) -> Response:
    """``POST /token``: the device code, authorization code and refresh token grants."""
    members = sso_body(request)
    members.required("clientId")
    members.required("clientSecret")
    grant = members.required("grantType")
    client = authenticate_client(state, members)
    if grant not in _REGISTRABLE_GRANTS:
        raise sso_error("UnsupportedGrantTypeException", "Unsupported grant type")
    _require_grant(client, grant)
    if grant == REFRESH_TOKEN:
        old = spend_refresh_token(state, members, client.client_id)
        decided = Grant(old.subject, old.scopes, old.family)
    else:
        if grant == DEVICE_CODE:
            family = f"device:{_spend_device(state, client, members).user_code}"
        else:
            family = redeem_code(state, members, client.client_id).family
        # The user's grant of the client's scopes; a refresh token only to clients with scopes.
        with_refresh = bool(client.scopes) and allows_grant(client, REFRESH_TOKEN)
        decided = Grant(state.config.sso_user, client.scopes, family, with_refresh)
    return json_response(200, token_answer(state, client.client_id, decided))


def _spend_device(
    state: EmulatorState, client: RegisteredClient, members: Members
) -> DeviceAuthorization:
    """The approved device authorization ``deviceCode`` names, now consumed."""
    device = state.devices.get(members.required("deviceCode"))
    if device is None or device.client_id != client.client_id:
        raise sso_error("InvalidGrantException", "Invalid device code provided")
    if device.status == "consumed":
        raise sso_error("InvalidGrantException", "Device code has already been used")
    now = state.now()
    if now >= device.expires_at:
        raise sso_error("ExpiredTokenException", "Device code has expired")
    if device.status == "denied":
        raise sso_error("AccessDeniedException", "The user denied the authorization request")
    if device.status == "pending":
        previous, device.last_poll = device.last_poll, now
        if previous is not None and now - previous < device.interval:
            # RFC 8628 §3.5: the client must add 5 seconds to its interval from now on.
            device.interval += state.config.slow_down_increment
            raise sso_error("SlowDownException", "Client is polling too fast")
        raise sso_error("AuthorizationPendingException", "Authorization is still pending")
    device.status = "consumed"
    return device
