"""Redirect URIs: which are acceptable, when two match, and building the redirect.

Native apps register a loopback redirect without a port and listen on whatever port is
free, so for loopback URIs the port does not count when matching (RFC 8252 §7.3). The AWS
CLI registers ``http://127.0.0.1/oauth/callback`` and redirects to
``http://127.0.0.1:<port>/oauth/callback``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from urllib.parse import SplitResult, urlencode, urlsplit, urlunsplit

from py_backend.emulator.http import Response

__all__ = [
    "add_query",
    "authorization_redirect",
    "is_loopback",
    "is_valid_redirect_uri",
    "matches_registered",
    "redirect",
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


def add_query(uri: str, params: Mapping[str, str]) -> str:
    """``uri`` with ``params`` appended to its query (RFC 6749 §4.1.2 keeps existing ones)."""
    parts = urlsplit(uri)
    extra = urlencode(dict(params))
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def redirect(location: str) -> Response:
    """A ``302 Found`` to ``location`` with an empty body."""
    return Response(302, b"", [("Location", location)])


def authorization_redirect(
    redirect_uri: str, query: Mapping[str, str], answer: Mapping[str, str]
) -> Response:
    """The authorize endpoints' 302: ``answer`` (a ``code`` or an ``error``) and the request's
    ``state``, if it had one, added to ``redirect_uri``."""
    back = {"state": query["state"]} if "state" in query else {}
    return redirect(add_query(redirect_uri, {**answer, **back}))
