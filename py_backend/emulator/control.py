"""The control API under ``/__emulator/``: what a test or the demo does in place of a user.

Every endpoint takes and returns JSON; an error is ``{"message": ...}`` with 400 (bad
input), 404 (unknown user code or issuer) or 409 (device not pending). See
:data:`CONTROL_ROUTES` for the list.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from py_backend.emulator.config import PortalAccount
from py_backend.emulator.errors import EmulatorError, control_error
from py_backend.emulator.faults import parse_fault
from py_backend.emulator.http import Request, Response, json_response
from py_backend.emulator.jws import jwks, sign_jwt
from py_backend.emulator.sso_authorize import decide_device
from py_backend.emulator.state import EmulatorState
from py_backend.emulator.wire import Members, parse_json_object, request_members

__all__ = ["CONTROL_PREFIX", "CONTROL_ROUTES"]

CONTROL_PREFIX = "/__emulator/"

Handler = Callable[[EmulatorState, Request], Response]


def _bad(message: str) -> EmulatorError:
    return control_error(400, message)


def _body(request: Request) -> dict[str, Any]:
    return parse_json_object(request.body, _bad)


#: How far the clock may be moved, and an assertion's lifetime may reach, either way: ten
#: years keeps every time the emulator computes inside what datetimes and JWTs can hold.
MAX_SECONDS = 10 * 365 * 86400


def _number(body: dict[str, Any], name: str, default: float | None = None) -> float:
    value = body.get(name, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _bad(f"{name} must be a number")
    # JSON's 1e999 reads as infinity; NaN compares false with everything.
    if not math.isfinite(value) or abs(value) > MAX_SECONDS:
        raise _bad(f"{name} must be a finite number of seconds within +/-{MAX_SECONDS}")
    return float(value)


# --- devices --------------------------------------------------------------------------------


def _decide(approve: bool) -> Handler:
    def handler(state: EmulatorState, request: Request) -> Response:
        user_code = request_members(request.body, _bad).required("userCode")
        problem = decide_device(state, user_code, approve=approve)
        if problem is not None:
            raise control_error(404 if problem.startswith("no device") else 409, problem)
        device = state.device_by_user_code(user_code)
        assert device is not None
        return json_response(200, {"userCode": device.user_code, "status": device.status})

    handler.__doc__ = f"{'Approve' if approve else 'Deny'} a pending device authorization."
    return handler


def _devices(state: EmulatorState, request: Request) -> Response:
    """List device authorizations (user code, client, status, expiry; no device codes)."""
    items = [
        {
            "userCode": d.user_code,
            "clientId": d.client_id,
            "status": d.status,
            "expiresAt": int(d.expires_at),
            "interval": d.interval,
        }
        for d in state.devices.values()
    ]
    return json_response(200, {"devices": items})


# --- clock, toggles, reset ------------------------------------------------------------------


def _clock(state: EmulatorState, request: Request) -> Response:
    """``GET``: the emulator's time; ``POST {"advanceSeconds": N}``: move it forward."""
    if request.method == "POST":
        seconds = _number(_body(request), "advanceSeconds")
        if abs(state.clock_offset + seconds) > MAX_SECONDS:
            raise _bad(f"the clock may be moved at most {MAX_SECONDS} seconds either way in all")
        state.clock_offset += seconds
    return json_response(200, {"now": int(state.now()), "offsetSeconds": state.clock_offset})


def _toggle(attribute: str, member: str) -> Handler:
    def handler(state: EmulatorState, request: Request) -> Response:
        if request.method == "POST":
            value = _body(request).get(member)
            if not isinstance(value, bool):
                raise _bad(f"{member} must be true or false")
            setattr(state, attribute, value)
        return json_response(200, {member: getattr(state, attribute)})

    handler.__doc__ = f"``GET``: read; ``POST {{{member!r}: bool}}``: set ``{attribute}``."
    return handler


def _reset(state: EmulatorState, request: Request) -> Response:
    """Forget all clients, codes, tokens, faults, statistics and the clock offset."""
    state.reset()
    return json_response(200, {"reset": True})


# --- faults and stats -----------------------------------------------------------------------


def _faults(state: EmulatorState, request: Request) -> Response:
    """``POST``: add a fault; ``GET``: list them; ``DELETE``: remove them all."""
    if request.method == "POST":
        try:
            state.faults.append(parse_fault(_body(request)))
        except ValueError as problem:
            raise _bad(str(problem)) from None
    elif request.method == "DELETE":
        state.faults.clear()
    active = [f.describe() for f in state.faults if f.count > 0]
    return json_response(200, {"faults": active})


def _stats(state: EmulatorState, request: Request) -> Response:
    """Request counts per path and per operation; presentations per authorization code."""
    stats = {
        "requests": dict(state.requests),
        "operations": dict(state.operations),
        "redemptions": {service: dict(codes) for service, codes in state.redemptions.items()},
    }
    return json_response(200, stats)


# --- portal accounts ------------------------------------------------------------------------


def _describe_account(account: PortalAccount) -> dict[str, Any]:
    return {
        "accountId": account.account_id,
        "accountName": account.account_name,
        "emailAddress": account.email_address,
        "roles": list(account.roles),
    }


def _parse_account(item: Any, index: int) -> PortalAccount:
    where = f"accounts[{index}]"
    if not isinstance(item, dict):
        raise _bad(f"{where} must be an object")
    members = Members(item, lambda message: _bad(f"{where}.{message}"))
    roles = members.string_list("roles")
    if len(set(roles)) != len(roles) or not all(roles):
        raise _bad(f"{where}.roles must be distinct non-empty role names")
    return PortalAccount(
        members.required("accountId"),
        members.optional("accountName") or "",
        members.optional("emailAddress") or "",
        roles,
    )


def _portal_accounts(state: EmulatorState, request: Request) -> Response:
    """``GET``: the portal's accounts and roles; ``POST {"accounts": [...]}``: replace them."""
    if request.method == "POST":
        items = _body(request).get("accounts")
        if not isinstance(items, list):
            raise _bad("accounts must be a list")
        accounts = [_parse_account(item, index) for index, item in enumerate(items)]
        ids = [account.account_id for account in accounts]
        if len(set(ids)) != len(ids):
            raise _bad("accounts must have distinct accountId values")
        state.portal_accounts = accounts
    return json_response(200, {"accounts": [_describe_account(a) for a in state.portal_accounts]})


# --- keys -----------------------------------------------------------------------------------


def _assertion(state: EmulatorState, request: Request) -> Response:
    """Mint a jwt-bearer assertion signed by a configured issuer's private key."""
    members = request_members(request.body, _bad)
    issuer_url = members.optional("issuer") or state.config.trusted_issuers[0].issuer
    issuer = state.config.issuer(issuer_url)
    if issuer is None or issuer.private_key is None:
        raise control_error(404, "no trusted issuer with a private key has that URL")
    now = int(state.now())
    claims = {
        "iss": issuer.issuer,
        "aud": members.required("audience"),
        "sub": members.optional("subject") or state.config.sso_user,
        "iat": now,
        "exp": now + int(_number(members.body, "expiresIn", 300)),
    }
    return json_response(200, {"assertion": sign_jwt(issuer.private_key, claims)})


def _jwks(state: EmulatorState, request: Request) -> Response:
    """The public key the emulator signs id tokens with, as a JWK Set."""
    return json_response(200, jwks(state.signing_key))


#: path -> (allowed methods, handler)
CONTROL_ROUTES: dict[str, tuple[tuple[str, ...], Handler]] = {
    "/__emulator/device/approve": (("POST",), _decide(approve=True)),
    "/__emulator/device/deny": (("POST",), _decide(approve=False)),
    "/__emulator/devices": (("GET",), _devices),
    "/__emulator/clock": (("GET", "POST"), _clock),
    "/__emulator/faults": (("GET", "POST", "DELETE"), _faults),
    "/__emulator/stats": (("GET",), _stats),
    "/__emulator/reset": (("POST",), _reset),
    "/__emulator/jwt-bearer/assertion": (("POST",), _assertion),
    "/__emulator/jwks": (("GET",), _jwks),
    "/__emulator/portal/accounts": (("GET", "POST"), _portal_accounts),
    "/__emulator/signin/deny": (("GET", "POST"), _toggle("signin_deny", "deny")),
    "/__emulator/sso/deny": (("GET", "POST"), _toggle("sso_deny", "deny")),
    "/__emulator/auto-approve": (("GET", "POST"), _toggle("auto_approve", "enabled")),
}
