"""The AWS CLI v2's token caches: where they live, what their files are called, timestamps.

Files are JSON as ``json.dumps`` writes it by default (what botocore writes).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from py_backend.config.context import expand_path
from py_backend.flows.files import write_private_file

__all__ = [
    "LOGIN_CACHE_DIR",
    "LOGIN_CACHE_VARIABLE",
    "SSO_CACHE_DIR",
    "TokenCache",
    "format_timestamp",
    "login_cache_dir",
    "login_cache_key",
    "parse_timestamp",
    "sso_cache_dir",
    "sso_registration_cache_key",
    "sso_token_cache_key",
]

SSO_CACHE_DIR = "~/.aws/sso/cache"
LOGIN_CACHE_DIR = "~/.aws/login/cache"
#: Overrides :data:`LOGIN_CACHE_DIR`; ``~`` and ``$VAR`` in it are expanded (botocore does).
LOGIN_CACHE_VARIABLE = "AWS_LOGIN_CACHE_DIRECTORY"

_TIMESTAMP = re.compile(
    r"\s*(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?\s*",
    re.IGNORECASE,
)


def _environ(environ: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if environ is None else environ


def sso_cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """``~/.aws/sso/cache`` (``aws sso login``, botocore's ``SSOTokenProvider``), with ``~``
    taken from ``environ`` (``HOME``/``USERPROFILE``)."""
    return expand_path(SSO_CACHE_DIR, _environ(environ))


def login_cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """``$AWS_LOGIN_CACHE_DIRECTORY`` if set, else ``~/.aws/login/cache`` (``aws login``,
    botocore's ``LoginProvider``)."""
    env = _environ(environ)
    return expand_path(env.get(LOGIN_CACHE_VARIABLE) or LOGIN_CACHE_DIR, env)


def sso_token_cache_key(start_url: str, session_name: str | None = None) -> str:
    """The SSO token file name (no ``.json``): sha1 of the ``sso-session`` name, else (a
    legacy profile) of the start URL."""
    name = start_url if session_name is None else session_name
    return hashlib.sha1(name.encode("utf-8")).hexdigest()


def sso_registration_cache_key(
    start_url: str, region: str, scopes: Sequence[str] | None, session_name: str | None
) -> str:
    """The client registration file name, as ``BaseSSOTokenFetcher._registration_cache_key``.

    ``scopes`` must be what the configuration gave: ``None`` when it names none (JSON
    ``null``), else the list; the key changes with any of the four values.
    """
    description = {
        "tool": "botocore",
        "startUrl": start_url,
        "region": region,
        "scopes": None if scopes is None else list(scopes),
        "session_name": session_name,
    }
    return hashlib.sha1(json.dumps(description, sort_keys=True).encode("utf-8")).hexdigest()


def login_cache_key(login_session: str) -> str:
    """The login cache file name (no ``.json``): sha256 of the login session ARN."""
    return hashlib.sha256(login_session.encode("utf-8")).hexdigest()


def format_timestamp(moment: datetime) -> str:
    """``YYYY-MM-DDTHH:MM:SSZ`` in UTC, as the AWS CLI writes ``expiresAt``."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_timestamp(text: str) -> datetime:
    """Read a cache timestamp as an aware UTC datetime; no zone means UTC.

    Accepts every form the other AWS tools write: fractional seconds (the JavaScript SDK),
    ``+00:00`` and botocore's ``UTC`` suffix. Raises ``ValueError`` for anything that is not
    an ISO-8601 date and time.
    """
    match = _TIMESTAMP.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError("not an ISO-8601 timestamp")
    year, month, day, hour, minute, second = (int(part) for part in match.groups()[:6])
    micros = int((match.group(7) or "0")[:6].ljust(6, "0"))
    try:
        moment = datetime(year, month, day, hour, minute, second, micros, tzinfo=timezone.utc)
        return moment - _offset(match.group(8))
    except OverflowError:  # 9999-12-31T23:59:59-01:00 is after the last datetime
        raise ValueError("timestamp out of range") from None


def _offset(zone: str | None) -> timedelta:
    if zone is None or zone.upper() in ("Z", "UTC", "GMT"):
        return timedelta(0)
    digits = zone[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return -offset if zone[0] == "-" else offset


def _read_object(path: Path) -> dict[str, Any] | None:
    """The JSON object in ``path``, or ``None`` for a missing, unreadable or non-object file."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # RecursionError: "[" x 100,000
        return None
    return value if isinstance(value, dict) else None


class TokenCache:
    """One cache directory of JSON files named ``<key>.json``; botocore's ``JSONFileCache``.

    Reads forgive (a missing, unreadable or non-object file reads as ``None``, which
    botocore treats as "not cached"); writes are atomic and private (:mod:`.files`).
    """

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)

    def __repr__(self) -> str:
        return f"TokenCache({str(self.directory)!r})"

    def path(self, key: str) -> Path:
        """The file that holds ``key``."""
        return self.directory / f"{key}.json"

    def load(self, key: str) -> dict[str, Any] | None:
        """The JSON object stored under ``key``, or ``None``."""
        return _read_object(self.path(key))

    def entries(self) -> Iterator[tuple[Path, dict[str, Any]]]:
        """Every file of the directory that holds a JSON object, as (path, object), by name.

        Any file name, not only ``<key>.json``: the AWS CLI's ``sso logout`` sweeps every file.
        Unreadable and non-object files are skipped, as :meth:`load` reads them as ``None``.
        """
        if not self.directory.is_dir():
            return
        for path in sorted(self.directory.iterdir()):
            value = _read_object(path)
            if value is not None:
                yield path, value

    def save(self, key: str, value: Mapping[str, Any]) -> Path:
        """Store ``value`` under ``key`` (atomically, mode 0600); returns the file's path."""
        path = self.path(key)
        write_private_file(path, json.dumps(dict(value)).encode("utf-8"))
        return path

    def delete(self, key: str) -> bool:
        """Remove ``key``'s file; ``False`` if there was none."""
        try:
            self.path(key).unlink()
        except FileNotFoundError:
            return False
        return True
