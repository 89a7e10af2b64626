"""The default clock: every module that reads the time takes a ``Clock`` it can be given."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import TypeAlias

#: A function returning the current time, timezone-aware (injected by tests).
Clock: TypeAlias = Callable[[], datetime]


def utc_now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(timezone.utc)
