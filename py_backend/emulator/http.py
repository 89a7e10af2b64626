"""The emulator's request and response values, and reading a WSGI environ into a request.

Handlers are plain functions from :class:`Request` to :class:`Response`; only ``app.py``
touches WSGI. Header names are kept lower-case; values as sent.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from py_backend.errors import TokenBridgeError

__all__ = ["BodyTooLarge", "Request", "Response", "html_response", "json_response", "read_request"]

_JSON = "application/json"


@dataclass(frozen=True)
class Request:
    """One HTTP request as the emulator sees it. ``body`` is never shown in the repr."""

    method: str
    path: str
    query: str
    headers: tuple[tuple[str, str], ...]
    body: bytes = field(repr=False)

    def header(self, name: str) -> str | None:
        """The value of header ``name`` (case-insensitive), or ``None``."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)

    @property
    def query_params(self) -> dict[str, str]:
        """The query string as a dict (last value wins, blanks kept)."""
        return dict(parse_qsl(self.query, keep_blank_values=True))

    @property
    def base_url(self) -> str:
        """``http://`` plus the Host header: the URL the client used to reach the emulator."""
        return f"http://{self.header('host') or 'localhost'}"

    @property
    def url(self) -> str:
        """The request URL without query, as a DPoP ``htu`` names it."""
        return f"{self.base_url}{self.path}"


@dataclass
class Response:
    """An HTTP response: status, header pairs and body bytes."""

    status: int
    body: bytes = field(repr=False)
    headers: list[tuple[str, str]] = field(default_factory=list)


def json_response(
    status: int, payload: Mapping[str, Any], headers: list[tuple[str, str]] | None = None
) -> Response:
    """Compact JSON, as the real services send it (no spaces after ``,`` and ``:``)."""
    body = json.dumps(payload, separators=(",", ":")).encode()
    return Response(status, body, [("Content-Type", _JSON), *(headers or [])])


def html_response(status: int, html: str) -> Response:
    """A small HTML page (the device page and the cross-device confirmation page)."""
    return Response(status, html.encode(), [("Content-Type", "text/html; charset=utf-8")])


class BodyTooLarge(TokenBridgeError):
    """The request body is over the configured limit; the app answers 413."""


def read_request(environ: Mapping[str, Any], max_body: int) -> Request:
    """Build a :class:`Request` from a WSGI environ, reading at most ``max_body`` bytes.

    Raises :class:`BodyTooLarge` when ``Content-Length`` (or the body read so far) is over
    ``max_body``; a chunked body is read up to one byte past the limit to find out.
    """
    headers = tuple(_headers(environ))
    length = _content_length(environ)
    if length is not None and length > max_body:
        raise BodyTooLarge
    stream = environ.get("wsgi.input")
    body = b"" if stream is None else stream.read(max_body + 1 if length is None else length)
    if len(body) > max_body:
        raise BodyTooLarge
    return Request(
        method=str(environ.get("REQUEST_METHOD", "GET")).upper(),
        path=_path(environ),
        query=str(environ.get("QUERY_STRING", "")),
        headers=headers,
        body=body,
    )


def _headers(environ: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [
        (key.removeprefix("HTTP_").replace("_", "-").lower(), str(value))
        for key, value in environ.items()
        if key.startswith("HTTP_") or (key in ("CONTENT_TYPE", "CONTENT_LENGTH") and value)
    ]


def _content_length(environ: Mapping[str, Any]) -> int | None:
    try:
        return int(environ.get("CONTENT_LENGTH") or "")
    except ValueError:
        return None


def _path(environ: Mapping[str, Any]) -> str:
    # PEP 3333 hands PATH_INFO over as latin-1-decoded bytes; undo that to get UTF-8 text.
    raw = str(environ.get("SCRIPT_NAME", "")) + str(environ.get("PATH_INFO", ""))
    try:
        return raw.encode("latin-1").decode("utf-8") or "/"
    except UnicodeError:
        return raw or "/"
