"""Reading JSON request bodies: the object itself and its typed members.

Each service reports a bad body with its own shape (SSO OIDC ``InvalidRequestException``,
Sign-In ``ValidationException``), so the readers take a function that builds that error
from a message. Messages name members, never values.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from py_backend.emulator.errors import EmulatorError

__all__ = ["Members", "parse_json_object", "request_members"]

Invalid = Callable[[str], EmulatorError]


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


class Members:
    """Typed access to the members of a parsed body (``body``), raising the service's error."""

    def __init__(self, body: dict[str, Any], invalid: Invalid) -> None:
        self.body = body
        self._invalid = invalid

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
