"""Resolved credentials kept between invokes, resolved again before they expire.

Resolving at every call would run a ``credential_process`` or read the ``aws login`` cache
each time. A resolution is kept by :func:`credential_key` of its inputs, so any change resolves
afresh. As botocore does, credentials without an expiry are kept as they are; others are
resolved again once less than :data:`ADVISORY_REFRESH` remains.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from py_backend.clock import Clock, utc_now
from py_backend.cmdlets.client_cache import digest, environ_digest, file_state

__all__ = ["ADVISORY_REFRESH", "CREDENTIALS", "CredentialCache", "credential_key"]

#: The cmdlet parameters credentials are resolved from (with the shell and the environment).
CREDENTIAL_PARAMETERS = (
    "AccessKey",
    "SecretKey",
    "SessionToken",
    "ProfileName",
    "ProfileLocation",
    "Credential",
)

ADVISORY_REFRESH = timedelta(minutes=15)
"""botocore's ``RefreshableCredentials._advisory_refresh_timeout``."""


class CredentialCache:
    """Resolutions by key; at most ``max_entries``, least recently used first out."""

    def __init__(self, max_entries: int = 32, clock: Clock = utc_now) -> None:
        self._max_entries = max_entries
        self._clock = clock
        self._found: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

    def resolve(self, key: str, resolve: Callable[[], Any]) -> Any:
        """The kept resolution for ``key`` while fresh, else ``resolve()``'s (then kept)."""
        with self._lock:
            found = self._found.get(key)
            if found is not None:
                self._found.move_to_end(key)
        if found is not None and self._fresh(found):
            return found
        found = resolve()
        with self._lock:
            self._found[key] = found
            self._found.move_to_end(key)
            while len(self._found) > self._max_entries:
                self._found.popitem(last=False)
        return found

    def _fresh(self, found: Any) -> bool:
        expiry: datetime | None = getattr(found.value, "expiry", None)
        return expiry is None or expiry - self._clock() > ADVISORY_REFRESH


CREDENTIALS = CredentialCache()
"""The process's cache (the RPC backend's)."""


def credential_key(
    parameters: Mapping[str, Any],
    stored: Mapping[str, Any] | None,
    environ: Mapping[str, str] | str,
    files: Iterable[str | os.PathLike[str] | None],
) -> str:
    """A digest of a resolution's inputs: the credential parameters among the bound
    ``parameters``, the shell's stored credentials, the environment (or its digest, as
    :func:`~py_backend.cmdlets.client_cache.client_key` takes it) and the shared files' state."""
    bound = sorted((name, repr(parameters.get(name))) for name in CREDENTIAL_PARAMETERS)
    stored_items = sorted((k, repr(v)) for k, v in (stored or {}).items())
    environ_part = environ if isinstance(environ, str) else environ_digest(environ)
    return digest([bound, stored_items, environ_part, [file_state(p) for p in files]])
