"""The IAM Identity Center portal (service ``sso``): accounts, roles, role credentials, logout.

Every operation is authorized by an SSO OIDC access token in the ``x-amz-sso_bearer_token``
header (read here as ``x-amz-sso-bearer-token``: see ``server.py``). A token the emulator never
issued, a revoked one (Logout, a reused authorization code) and an expired one are all
``UnauthorizedException`` (401), as the portal answers for a session that is gone. Lists are
paged by ``max_result`` (1..100) and an opaque ``next_token``; GetRoleCredentials mints
temporary credentials that the SigV4 check of CreateTokenWithIAM accepts until they expire.
Logout revokes the token and the tokens issued with it (its refresh token); credentials minted
before stay valid, as AWS documents.
"""

from __future__ import annotations

from collections.abc import Sequence

from py_backend.emulator.config import PortalAccount
from py_backend.emulator.errors import EmulatorError, portal_error
from py_backend.emulator.http import Request, Response, json_response
from py_backend.emulator.sso_tokens import revoke_family
from py_backend.emulator.state import AccessTokenRecord, EmulatorState
from py_backend.emulator.wire import page, page_size

__all__ = ["get_role_credentials", "list_account_roles", "list_accounts", "logout"]

BEARER_HEADER = "x-amz-sso-bearer-token"
_SESSION_GONE = "Session token not found or invalid"


def _invalid(message: str) -> EmulatorError:
    return portal_error("InvalidRequestException", message)


def _session(state: EmulatorState, request: Request) -> AccessTokenRecord:
    """The live access token the request carries, or the portal's 401."""
    token = request.header(BEARER_HEADER)
    record = state.access_tokens.get(token) if token else None
    if record is None or not record.live(state.now()):
        raise portal_error("UnauthorizedException", _SESSION_GONE)
    return record


def _required(request: Request, name: str) -> str:
    value = request.query_params.get(name)
    if not value:
        raise _invalid(f"{name} is required")
    return value


def _account(state: EmulatorState, account_id: str) -> PortalAccount:
    account = next((a for a in state.portal_accounts if a.account_id == account_id), None)
    if account is None:
        raise portal_error("ResourceNotFoundException", "Account not found")
    return account


def _page(
    state: EmulatorState,
    request: Request,
    listing: str,
    member: str,
    items: Sequence[dict[str, str]],
) -> Response:
    raw = request.query_params.get("max_result")
    size = state.config.portal_page_size
    if raw is not None:
        try:
            wanted = int(raw)
        except ValueError:
            raise _invalid("max_result must be an integer") from None
        size = page_size(wanted, lambda: _invalid("max_result must be between 1 and 100"))
    token = request.query_params.get("next_token")
    answer = page(items, member, listing, token, size, lambda: _invalid("Invalid next token"))
    return json_response(200, answer)


def list_accounts(state: EmulatorState, request: Request) -> Response:
    """``GET /assignment/accounts``: the accounts assigned to the user, one page."""
    _session(state, request)
    items = [
        {"accountId": a.account_id, "accountName": a.account_name, "emailAddress": a.email_address}
        for a in state.portal_accounts
    ]
    return _page(state, request, "accounts", "accountList", items)


def list_account_roles(state: EmulatorState, request: Request) -> Response:
    """``GET /assignment/roles?account_id=``: the roles the user has in one account, one page."""
    _session(state, request)
    account = _account(state, _required(request, "account_id"))
    items = [{"roleName": role, "accountId": account.account_id} for role in account.roles]
    return _page(state, request, f"roles:{account.account_id}", "roleList", items)


def get_role_credentials(state: EmulatorState, request: Request) -> Response:
    """``GET /federation/credentials?role_name=&account_id=``: temporary credentials."""
    _session(state, request)
    role_name = _required(request, "role_name")
    account = _account(state, _required(request, "account_id"))
    if role_name not in account.roles:
        raise portal_error("ForbiddenException", "No access")
    lifetime = state.config.role_credentials_lifetime
    minted = state.mint_credentials(
        account.account_id, role_name, lifetime, 96, "IQoJb3JpZ2luX2VjE"
    )
    # The portal gives the expiry in milliseconds since the epoch.
    expiration = int(minted.expires_at * 1000)
    return json_response(
        200, {"roleCredentials": {**minted.key.members(), "expiration": expiration}}
    )


def logout(state: EmulatorState, request: Request) -> Response:
    """``POST /logout``: end the session; the token and its refresh token stop working."""
    # The access token is of its own family: this revokes it too.
    revoke_family(state, _session(state, request).family)
    return Response(200, b"", [("Content-Type", "application/json")])
