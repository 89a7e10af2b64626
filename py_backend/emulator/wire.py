"""Reading JSON request bodies (the object itself and its typed members), and paging lists.

Each service reports a bad body with its own shape (SSO OIDC ``InvalidRequestException``,
Sign-In ``ValidationException``), so the readers take a function that builds that error
from a message. Messages name members, never values.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from py_backend.auth._b64 import b64url_decode, b64url_encode, compact_json
from py_backend.emulator.errors import EmulatorError

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "MAX_PAGE_SIZE",
    "Members",
    "page",
    "page_size",
    "parse_json_object",
    "request_members",
]

Invalid = Callable[[str], EmulatorError]

#: The page a list answers when the request names no size (the portal's and Sign-In's).
DEFAULT_PAGE_SIZE = 20
#: The models' largest ``maxResults``.
MAX_PAGE_SIZE = 100


def parse_json_object(body: bytes, invalid: Invalid) -> dict[str, Any]:
    """Parse a JSON object body; an empty body counts as ``{}``."""
    if not body.strip():
        return {}
    try:
        value = json.loads(body)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise invalid("The request body is not valid JSON") from None
    if not isinstance(value, dict):
        raise invalid("The request body must be a JSON object")
    return value


def request_members(body: bytes, invalid: Invalid) -> Members:
    """The members of a JSON object request body (see :func:`parse_json_object`)."""
    return Members(parse_json_object(body, invalid), invalid)


@dataclass(frozen=True)
class Members:
    """Typed access to the members of a parsed body (``body``), raising the service's error."""

    body: dict[str, Any] = field(repr=False)  # request bodies carry secrets
    _invalid: Invalid

    def required(self, name: str) -> str:
        """A required non-empty string member."""
        value = self.optional(name)
        if not value:
            raise self._invalid(f"{name} is required")
        return value

    def optional(self, name: str) -> str | None:
        """An optional string member (``None`` when absent)."""
        value = self.body.get(name)
        if value is not None and not isinstance(value, str):
            raise self._invalid(f"{name} must be a string")
        return value

    def string_list(self, name: str) -> tuple[str, ...]:
        """An optional list-of-strings member (empty when absent)."""
        value = self.body.get(name)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self._invalid(f"{name} must be a list of strings")
        return tuple(value)


def page_size(value: object, refuse: Callable[[], EmulatorError]) -> int:
    """A page size the request gave: an integer 1..100 (JSON ``true`` is not 1)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise refuse()
    if not 1 <= value <= MAX_PAGE_SIZE:
        raise refuse()
    return value


def page(
    items: Sequence[Any],
    member: str,
    listing: str,
    token: object,
    size: int,
    refuse: Callable[[], EmulatorError],
) -> dict[str, Any]:
    """One page of ``items`` under ``member``, plus the opaque ``nextToken`` unless it is the last.

    ``token`` is absent, empty, or one this listing handed out; ``listing`` names the list (a
    token of another list is refused, as is anything that does not decode).
    """
    start = _offset(token, listing, len(items), refuse)
    end = start + size
    answer: dict[str, Any] = {member: list(items[start:end])}
    if end < len(items):
        answer["nextToken"] = b64url_encode(compact_json({"l": listing, "o": end}))
    return answer


def _offset(token: object, listing: str, total: int, refuse: Callable[[], EmulatorError]) -> int:
    """Where the page starts: 0, or the offset a next token of the same listing carries."""
    if token is None or token == "":
        return 0
    try:
        decoded: Any = json.loads(b64url_decode(token)) if isinstance(token, str) else None
    except (ValueError, UnicodeDecodeError, RecursionError):
        decoded = None
    offset: Any = decoded.get("o") if isinstance(decoded, dict) else None
    valid = isinstance(offset, int) and not isinstance(offset, bool) and 0 <= offset <= total
    if not valid or decoded.get("l") != listing:
        raise refuse()
    return int(offset)
