"""The browser side of SSO OIDC: ``GET /authorize`` (code + PKCE) and the device page.

``/authorize`` takes the query the AWS CLI builds (response_type, client_id, redirect_uri,
state, code_challenge_method=S256, scopes, code_challenge), and the "user" consents at
once: the answer is a 302 to the redirect URI with ``code`` and ``state``. Problems with
the client or the redirect URI are shown here, never sent to an unverified redirect URI
(RFC 6749 §4.1.2.1); the other problems go back to the redirect URI as ``error=...``.

``client_id`` is a registered client, or an IAM Identity Center application ARN
(``arn:...``) for CreateTokenWithIAM's authorization code grant; application ARNs need no
registration and accept any valid redirect URI.
"""

from __future__ import annotations

import html
from urllib.parse import parse_qsl

from py_backend.emulator.errors import sso_error
from py_backend.emulator.http import Request, Response, html_response
from py_backend.emulator.redirects import (
    authorize_answer,
    authorize_problem,
    is_valid_redirect_uri,
    matches_registered,
)
from py_backend.emulator.sso_oidc import AUTHORIZATION_CODE, allows_grant
from py_backend.emulator.state import EmulatorState

__all__ = ["authorize", "decide_device", "device_action", "device_page"]

_S256 = "S256"


def authorize(state: EmulatorState, request: Request) -> Response:
    """``GET /authorize``: check the request, then redirect with a code or an error."""
    query = request.query_params
    client_id, redirect_uri = query.get("client_id", ""), query.get("redirect_uri", "")
    scopes = _check_client_and_redirect(state, client_id, redirect_uri)
    client = state.clients.get(client_id)
    unauthorized = client is not None and not allows_grant(client, AUTHORIZATION_CODE)
    problem = authorize_problem(query, (_S256,), unauthorized=unauthorized, denied=state.sso_deny)
    requested = tuple(query.get("scopes", "").split()) or scopes
    return authorize_answer(state, "sso-oidc", query, redirect_uri, problem, requested)


def _check_client_and_redirect(
    state: EmulatorState, client_id: str, redirect_uri: str
) -> tuple[str, ...]:
    """Refuse (without redirecting) an unknown client or a redirect URI it did not register."""
    if client_id.startswith("arn:"):
        if not is_valid_redirect_uri(redirect_uri):
            raise sso_error("InvalidRequestException", "redirect_uri is not a valid redirect URI")
        return state.config.iam_default_scopes
    client = state.clients.get(client_id)
    if client is None:
        raise sso_error("InvalidClientException", "Invalid client provided")
    if not matches_registered(redirect_uri, client.redirect_uris):
        raise sso_error("InvalidRequestException", "redirect_uri is not registered for the client")
    return client.scopes


# --- the device verification page -----------------------------------------------------------

_PAGE = """<!doctype html>
<html><head><title>AWS Token Bridge emulator: device</title></head><body>
<h1>Authorize device</h1><p>{message}</p>
<form method="post" action="/device"><input type="hidden" name="user_code" value="{code}">
<button name="action" value="approve">Approve</button>
<button name="action" value="deny">Deny</button></form>
</body></html>
"""


def device_page(state: EmulatorState, request: Request) -> Response:
    """``GET /device?user_code=...``: the page where the "user" approves or denies."""
    user_code = request.query_params.get("user_code", "")
    device = state.device_by_user_code(user_code) if user_code else None
    message = f"Code {user_code}: {device.status}" if device else "Enter the code shown."
    return html_response(
        200, _PAGE.format(message=html.escape(message), code=html.escape(user_code))
    )


def device_action(state: EmulatorState, request: Request) -> Response:
    """``POST /device`` (form): approve or deny a pending device authorization."""
    form = dict(parse_qsl(request.body.decode("utf-8", "replace")))
    action = form.get("action")
    problem: str | None = "unknown action"
    if action in ("approve", "deny"):
        problem = decide_device(state, form.get("user_code", ""), approve=action == "approve")
    if problem is not None:
        return html_response(400, f"<p>{html.escape(problem)}</p>")
    return html_response(
        200, "<p>Request approved.</p>" if action == "approve" else "<p>Request denied.</p>"
    )


def decide_device(state: EmulatorState, user_code: str, *, approve: bool) -> str | None:
    """Approve or deny the pending device authorization with ``user_code``.

    Returns ``None`` on success, else why not: unknown code, expired, or already decided.
    """
    device = state.device_by_user_code(user_code)
    if device is None:
        return "no device authorization has this user code"
    if state.now() >= device.expires_at:
        return "the device authorization has expired"
    if device.status != "pending":
        return f"the device authorization is already {device.status}"
    device.status = "approved" if approve else "denied"
    return None
