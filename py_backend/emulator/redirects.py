"""Redirect URIs: which are acceptable, when two match, building the redirect, and the answer
of the two authorize endpoints (SSO OIDC's ``/authorize``, Sign-In's ``/v1/authorize``).

Native apps register a loopback redirect without a port and listen on whatever port is
free, so for loopback URIs the port does not count when matching (RFC 8252 §7.3). The AWS
CLI registers ``http://127.0.0.1/oauth/callback`` and redirects to
``http://127.0.0.1:<port>/oauth/callback``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from urllib.parse import SplitResult, urlencode, urlsplit, urlunsplit

from py_backend.emulator.http import Response
from py_backend.emulator.state import AuthorizationCode, EmulatorState

__all__ = [
    "authorize_answer",
    "authorize_problem",
    "is_loopback",
    "is_valid_redirect_uri",
    "matches_registered",
]

_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})


def _split(uri: str) -> SplitResult | None:
    try:
        parts = urlsplit(uri)
        _ = parts.port  # raises for a port that is not a number
    except ValueError:
        return None
    return parts


def is_loopback(uri: str) -> bool:
    """Tell whether ``uri`` is an ``http`` URI on a loopback host."""
    parts = _split(uri)
    return parts is not None and parts.scheme == "http" and parts.hostname in _LOOPBACK_HOSTS


def is_valid_redirect_uri(uri: str) -> bool:
    """An absolute ``https`` URI, or ``http`` on loopback; no fragment (RFC 6749 §3.1.2)."""
    parts = _split(uri)
    if parts is None or not parts.hostname or parts.fragment:
        return False
    return parts.scheme == "https" or is_loopback(uri)


def matches_registered(requested: str, registered: Iterable[str]) -> bool:
    """Tell whether ``requested`` equals one of ``registered`` (loopback: any port)."""
    return any(_same_redirect(requested, candidate) for candidate in registered)


def _same_redirect(requested: str, registered: str) -> bool:
    if requested == registered:
        return True
    if not (is_loopback(requested) and is_loopback(registered)):
        return False
    a, b = _split(requested), _split(registered)
    assert a is not None and b is not None  # both parsed in is_loopback
    return (a.hostname, a.path, a.query) == (b.hostname, b.path, b.query)


def _add_query(uri: str, params: Mapping[str, str]) -> str:
    """``uri`` with ``params`` appended to its query (RFC 6749 §4.1.2 keeps existing ones)."""
    parts = urlsplit(uri)
    extra = urlencode(dict(params))
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def authorize_problem(
    query: Mapping[str, str], methods: tuple[str, ...], *, unauthorized: bool, denied: bool
) -> str | None:
    """The RFC 6749 §4.1.2.1 error to send an authorize request back with, or ``None``: a
    ``response_type`` other than ``code``, a client not registered for the grant, no PKCE
    challenge (RFC 7636 §4.4.1: required here) or a method not in ``methods``, the user's no."""
    if query.get("response_type") != "code":
        return "unsupported_response_type"
    if unauthorized:
        return "unauthorized_client"
    if not query.get("code_challenge") or query.get("code_challenge_method") not in methods:
        return "invalid_request"
    return "access_denied" if denied else None


def authorize_answer(
    state: EmulatorState,
    service: str,
    query: Mapping[str, str],
    redirect_uri: str,
    problem: str | None,
    scopes: tuple[str, ...],
) -> Response:
    """The authorize endpoints' 302 to ``redirect_uri``: ``error=problem`` or, with no problem,
    a new authorization code of ``service`` for ``scopes``; and the request's ``state``."""
    if problem is not None:
        answer = {"error": problem}
    else:
        code = AuthorizationCode(
            state.random_token(32),
            query.get("client_id", ""),
            redirect_uri,
            query["code_challenge"],
            query["code_challenge_method"],
            state.now() + state.config.authorization_code_lifetime,
            scopes,
        )
        state.codes[service][code.code] = code
        answer = {"code": code.code}
    back = {"state": query["state"]} if "state" in query else {}
    return Response(302, b"", [("Location", _add_query(redirect_uri, {**answer, **back}))])
