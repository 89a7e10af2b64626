"""Which handler serves which method and path, and which service owns a path.

``POST /token`` is two operations: CreateToken, and CreateTokenWithIAM when the query has
``aws_iam`` (its model's ``requestUri`` is ``/token?aws_iam=t``). Statistics and faults key
requests by path, with ``?aws_iam=t`` added for the latter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs

from py_backend.emulator.errors import (
    EmulatorError,
    control_error,
    portal_error,
    signin_error,
    sso_error,
)
from py_backend.emulator.http import Request, Response
from py_backend.emulator.portal import (
    get_role_credentials,
    list_account_roles,
    list_accounts,
    logout,
)
from py_backend.emulator.signin import confirmation_page, create_oauth2_token, signin_authorize
from py_backend.emulator.signin_tokens import (
    batch_revoke_sessions,
    create_bearer_token,
    create_oauth2_token_with_iam,
    create_oauth2_token_with_token_exchange,
    get_session,
    introspect_oauth2_token_with_iam,
    list_sessions,
    revoke_oauth2_token_with_iam,
)
from py_backend.emulator.sso_authorize import authorize, device_action, device_page
from py_backend.emulator.sso_iam import create_token_with_iam
from py_backend.emulator.sso_oidc import create_token, register_client, start_device_authorization
from py_backend.emulator.state import EmulatorState

__all__ = ["request_key", "resolve", "service_error", "service_of"]

Handler = Callable[[EmulatorState, Request], Response]
IAM_TOKEN_KEY = "/token?aws_iam=t"


@dataclass(frozen=True)
class Route:
    """A resolved request: the operation's name and its handler."""

    operation: str
    handler: Handler


Methods = dict[str, Route]

_SSO_OIDC_ROUTES: dict[str, Methods] = {
    "/client/register": {"POST": Route("RegisterClient", register_client)},
    "/device_authorization": {
        "POST": Route("StartDeviceAuthorization", start_device_authorization)
    },
    "/token": {"POST": Route("CreateToken", create_token)},
    IAM_TOKEN_KEY: {"POST": Route("CreateTokenWithIAM", create_token_with_iam)},
    "/authorize": {"GET": Route("Authorize", authorize)},
    "/device": {
        "GET": Route("DevicePage", device_page),
        "POST": Route("DeviceAction", device_action),
    },
}

#: Sign-In's ``POST /v1/token`` is four operations: three are told apart by one query member.
_SIGNIN_TOKEN_OPERATIONS: dict[tuple[str, str], Route] = {
    ("x-amz-client-auth-method", "iam"): Route(
        "CreateOAuth2TokenWithIAM", create_oauth2_token_with_iam
    ),
    ("x-amz-oauth-token-method", "token-exchange"): Route(
        "CreateOAuth2TokenWithTokenExchange", create_oauth2_token_with_token_exchange
    ),
    ("x-amz-token-request-type", "bearer"): Route("CreateBearerToken", create_bearer_token),
}

_SIGNIN_ROUTES: dict[str, Methods] = {
    "/v1/authorize": {"GET": Route("SigninAuthorize", signin_authorize)},
    "/v1/token": {"POST": Route("CreateOAuth2Token", create_oauth2_token)},
    "/v1/sessions/confirmation": {"GET": Route("SigninConfirmation", confirmation_page)},
    **{
        f"/v1/token?{name}={value}": {"POST": route}
        for (name, value), route in _SIGNIN_TOKEN_OPERATIONS.items()
    },
    "/v1/introspect": {
        "POST": Route("IntrospectOAuth2TokenWithIAM", introspect_oauth2_token_with_iam)
    },
    "/v1/revoke": {"POST": Route("RevokeOAuth2TokenWithIAM", revoke_oauth2_token_with_iam)},
}

#: Sign-In's session operations, outside ``/v1/``.
_SIGNIN_SESSION_ROUTES: dict[str, Methods] = {
    "/get-session": {"POST": Route("GetSession", get_session)},
    "/list-sessions": {"POST": Route("ListSessions", list_sessions)},
    "/batch-revoke-sessions": {"POST": Route("BatchRevokeSessions", batch_revoke_sessions)},
}

#: The IAM Identity Center portal (service ``sso``).
_PORTAL_ROUTES: dict[str, Methods] = {
    "/assignment/accounts": {"GET": Route("ListAccounts", list_accounts)},
    "/assignment/roles": {"GET": Route("ListAccountRoles", list_account_roles)},
    "/federation/credentials": {"GET": Route("GetRoleCredentials", get_role_credentials)},
    "/logout": {"POST": Route("Logout", logout)},
}

_ROUTES: dict[str, Methods] = {
    **_SSO_OIDC_ROUTES,
    **_SIGNIN_ROUTES,
    **_SIGNIN_SESSION_ROUTES,
    **_PORTAL_ROUTES,
}


def request_key(path: str, query: str) -> str:
    """The key statistics and faults use: the path, or ``/token?aws_iam=t``, or Sign-In's
    ``/v1/token`` with the query member that names its operation."""
    if path == "/token" and "aws_iam" in parse_qs(query, keep_blank_values=True):
        return IAM_TOKEN_KEY
    if path == "/v1/token" and query:
        params = parse_qs(query, keep_blank_values=True)
        for name, value in _SIGNIN_TOKEN_OPERATIONS:
            if value in params.get(name, ()):
                return f"{path}?{name}={value}"
    return path


def resolve(request: Request) -> Route:
    """The route for ``request``; 404 for an unknown path, 405 for a wrong method."""
    methods = _ROUTES.get(request_key(request.path, request.query))
    if methods is None:
        raise EmulatorError(404, "UnknownOperationException", {"message": "Not Found"})
    route = methods.get(request.method)
    if route is None:
        allowed = sorted(methods)
        raise control_error(405, f"Method not allowed; use {', '.join(allowed)}", allowed)
    return route


def service_of(path: str) -> str:
    """The service that owns ``path``: ``signin`` (``/v1/...`` and the sessions), ``sso`` (the
    portal) or ``sso-oidc``."""
    if path.startswith("/v1/") or path in _SIGNIN_SESSION_ROUTES:
        return "signin"
    return "sso" if path in _PORTAL_ROUTES else "sso-oidc"


_ERROR_BUILDERS: dict[str, Callable[[str, str], EmulatorError]] = {
    "signin": signin_error,
    "sso": portal_error,
    "sso-oidc": sso_error,
}


def service_error(path: str, shape: str, message: str) -> EmulatorError:
    """An error (modeled ``shape``) of the service that owns ``path``."""
    return _ERROR_BUILDERS[service_of(path)](shape, message)
