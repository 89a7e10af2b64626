"""The backend's API clients, kept between invokes with their kept-alive connections.

A client per ``invoke`` would cost every cmdlet call (each poll of a device-code login) a new
TCP connection and TLS handshake. Clients are kept by :func:`client_key`, a digest of all they
are built from, so a changed variable, a rewritten ``~/.aws/config`` or new credentials select
another entry, never a stale one. A leased client is its call's alone, with a cancellation of
its own linked to the call's: ``$/cancelRequest`` shuts down that client's sockets only, and a
cancelled client is closed, never handed out again.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Protocol

from py_backend.cancellation import Cancellation, on_cancel

DEFAULT_MAX_IDLE = 16
"""Idle clients kept at most (a shell rarely uses more than a few endpoints and regions)."""


class Closable(Protocol):
    """What the cache needs of a client: ``close()`` (its pooled connections)."""

    def close(self) -> None:
        """Close the client's connections."""
        ...


def client_key(
    service: str,
    keywords: Mapping[str, Any],
    session: Mapping[str, Any],
    environ: Mapping[str, str] | str,
    files: Iterable[str | os.PathLike[str] | None],
) -> str:
    """A digest of what a client is built from (secrets enter only the digest): the
    ``Session.client`` ``keywords``, the ``Session`` arguments, the environment (or its
    :func:`environ_digest`, computed once for many calls) and the shared files' state."""
    environ_part = environ if isinstance(environ, str) else environ_digest(environ)
    parts: list[object] = [service, sorted(session.items()), environ_part]
    for name in sorted(keywords):
        parts.append((name, _identity(keywords[name])))
    parts.append([file_state(path) for path in files])
    return digest(parts)


def environ_digest(environ: Mapping[str, str]) -> str:
    """The digest of an environment, as :func:`client_key` takes it."""
    return digest(sorted(environ.items()))


def digest(parts: object) -> str:
    """The SHA-256 of ``parts``' repr: a cache key that holds no secret in the clear."""
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def file_state(path: str | os.PathLike[str] | None) -> tuple[str, int, int, int] | None:
    """``(path, size, mtime_ns, inode)`` of a file, ``None`` for no path or no file."""
    if path is None:
        return None
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (os.fspath(path), stat.st_size, stat.st_mtime_ns, stat.st_ino)


def _identity(value: Any) -> object:
    """What tells two keyword values apart: plain data as is, dataclasses (a ``ClientConfig``)
    and mappings by every field and item (a field left out of a repr still counts), a DPoP
    key by its public numbers, an ``httpx`` transport by identity."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        items = [(name, _identity(getattr(value, name))) for name in _field_names(type(value))]
        return (type(value).__qualname__, items)
    if isinstance(value, Mapping):
        return ("mapping", sorted((repr(k), _identity(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return ("sequence", [_identity(item) for item in value])
    public_key = getattr(value, "public_key", None)
    if callable(public_key):  # a DPoP private key: its public numbers identify it
        numbers = public_key().public_numbers()
        return ("key", numbers.x, numbers.y)
    if hasattr(value, "handle_request"):  # an httpx transport (tests): that very object
        return ("transport", id(value))
    return ("value", type(value).__qualname__, repr(value))


@functools.lru_cache(maxsize=64)
def _field_names(kind: type) -> tuple[str, ...]:
    # dataclasses.fields filters them anew on every call.
    return tuple(f.name for f in dataclasses.fields(kind))


@dataclasses.dataclass
class _Entry:
    """A built client and the cancellation it was built with."""

    client: Closable
    cancellation: Cancellation
    #: The cache's generation when built: a client built before a close is not kept.
    generation: int


class ClientCache:
    """Clients by key, leased one call at a time; at most ``max_idle`` kept while idle."""

    def __init__(self, max_idle: int = DEFAULT_MAX_IDLE) -> None:
        self._max_idle = max_idle
        self._idle: OrderedDict[str, list[_Entry]] = OrderedDict()
        self._lock = threading.Lock()
        self._generation = 0
        self.built = 0
        """Clients built so far (tests and diagnostics)."""

    @property
    def idle(self) -> int:
        """Clients kept and not leased."""
        with self._lock:
            return sum(len(entries) for entries in self._idle.values())

    @contextmanager
    def lease(
        self,
        key: str,
        build: Callable[[Cancellation], Closable],
        cancelled: threading.Event | None = None,
    ) -> Iterator[Any]:
        """A client for ``key`` (an idle one, or ``build(cancellation)``'s), this call's alone.

        ``cancelled`` (the call's) is linked to the client's own cancellation for the lease;
        once set, the client is closed instead of being kept.
        """
        entry = self._take(key)
        if entry is None:
            cancellation = Cancellation()
            generation = self._generation
            entry = _Entry(build(cancellation), cancellation, generation)
            with self._lock:
                self.built += 1
        unlink = on_cancel(cancelled, entry.cancellation.set)
        try:
            yield entry.client
        finally:
            unlink()
            if entry.cancellation.is_set() or (cancelled is not None and cancelled.is_set()):
                entry.client.close()
            else:
                self._give_back(key, entry)

    def close(self) -> None:
        """Close every idle client; clients leased now are closed when given back.

        The cache stays usable: clients built after this are kept as before.
        """
        with self._lock:
            self._generation += 1
            entries = [entry for kept in self._idle.values() for entry in kept]
            self._idle.clear()
        for entry in entries:
            entry.client.close()

    def _take(self, key: str) -> _Entry | None:
        with self._lock:
            kept = self._idle.get(key)
            if not kept:
                return None
            entry = kept.pop()
            if not kept:
                del self._idle[key]
            return entry

    def _give_back(self, key: str, entry: _Entry) -> None:
        evicted: list[_Entry] = []
        with self._lock:
            if entry.generation != self._generation:
                evicted.append(entry)
            else:
                self._idle.setdefault(key, []).append(entry)
                self._idle.move_to_end(key)
                while sum(len(kept) for kept in self._idle.values()) > self._max_idle:
                    oldest_key, oldest = next(iter(self._idle.items()))
                    evicted.append(oldest.pop(0))
                    if not oldest:
                        del self._idle[oldest_key]
        for old in evicted:
            old.client.close()


CLIENTS = ClientCache()
"""The process's cache (the RPC backend's); closed by ``default_backend().close()``."""
