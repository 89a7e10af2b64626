"""What comes with each invocation besides the parameters: the shell's state (the module
sends ``$StoredAWSCredentials`` and ``$StoredAWSRegion`` with every ``invoke``) and the RPC
server's hooks (``$/log``, ``$/progress``, the cancellation flag).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from py_backend.cmdlets.errors import ARGUMENT_EXCEPTION, CmdletError, ErrorKind, operation_canceled

#: What ``storedCredentials`` may be: (the keys it may have, the keys it needs).
_STORED_SHAPES = (
    (("AccessKey", "SecretKey", "Token"), ("AccessKey", "SecretKey")),  # AWSCredentials
    (("ProfileName", "ProfileLocation"), ("ProfileName",)),  # a profile reference
)


def shell_error(message: str, cmdlet: str = "invoke") -> CmdletError:
    """A shell context the backend cannot use: its message names the key, never a value."""
    return ErrorKind("InvalidShellContext", ARGUMENT_EXCEPTION, "InvalidArgument")(message, cmdlet)


@dataclass(frozen=True)
class ShellContext:
    """The shell state one invocation sees (see :meth:`from_json`); ``environ`` defaults to the
    process environment, ``dpop_key_pem`` to the process's key (:mod:`py_backend.cmdlets.dpop`).
    """

    stored_credentials: Mapping[str, Any] | None = field(default=None, repr=False)
    stored_region: str | None = None
    environ: Mapping[str, str] | None = field(default=None, repr=False)
    dpop_key_pem: str | None = field(default=None, repr=False)

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> ShellContext:
        """Read the ``invoke`` request's shell context.

        Keys: ``storedCredentials`` (``{AccessKey, SecretKey, Token}`` or ``{ProfileName,
        ProfileLocation}``), ``storedRegion``; optionally ``environment`` (variables that
        override the backend's own environment for this call, ``null`` unsetting one) and
        ``dpopKey`` (a PEM key). Unknown keys are ignored; a bad shape raises
        :class:`CmdletError` naming the key, never quoting a value.
        """
        if data is None:
            return cls()
        if not isinstance(data, Mapping):
            raise shell_error("The shell context must be an object.")
        return cls(
            stored_credentials=_stored_credentials(data.get("storedCredentials")),
            stored_region=_optional_text(data.get("storedRegion"), "storedRegion"),
            environ=_environment(data.get("environment")),
            dpop_key_pem=_optional_text(data.get("dpopKey"), "dpopKey"),
        )

    def environment(self) -> Mapping[str, str]:
        """The environment variables this invocation resolves configuration from (read-only)."""
        return process_environment() if self.environ is None else self.environ


#: The last snapshot: (a copy of ``os.environ``'s raw table, the decoded read-only view).
_snapshot: tuple[dict[Any, Any], Mapping[str, str]] | None = None


def process_environment() -> Mapping[str, str]:
    """``os.environ`` now, read-only: the same object for as long as the environment is unchanged.

    Copying ``os.environ`` decodes every variable through Python code (about 20 us for 40
    variables) and a warm ``invoke`` reads the environment several times; comparing its raw
    table with the copy taken last time is a C-level dict comparison (under 1 us). Keeping the
    object also lets callers memoize what they derive from it by identity.
    """
    global _snapshot
    raw = getattr(os.environ, "_data", None)
    if not isinstance(raw, dict):  # not CPython's os._Environ: no cheap check, copy each time
        return MappingProxyType(dict(os.environ))
    cached = _snapshot
    if cached is not None and cached[0] == raw:
        return cached[1]
    # Decode from the copy, so the view is exactly what the next comparison is made against
    # (a change made meanwhile by another thread is then seen as a change, never missed).
    copied = dict(raw)
    decode_key = getattr(os.environ, "decodekey", _text)
    decode_value = getattr(os.environ, "decodevalue", _text)
    view: Mapping[str, str] = MappingProxyType(
        {decode_key(key): decode_value(value) for key, value in copied.items()}
    )
    _snapshot = (copied, view)
    return view


def _text(value: Any) -> str:
    return value if isinstance(value, str) else os.fsdecode(value)


@dataclass
class InvocationHooks:
    """Callbacks and flags of one invocation.

    ``log(level, message)`` with level ``verbose``, ``debug``, ``warning`` or
    ``information`` (what the user must see: a URL to open, a code to enter);
    ``progress({"activity", "status", "percentComplete"})``; ``cancelled`` is set by
    ``$/cancelRequest``. The sign-in cmdlets also use ``open_browser(url)`` (default: the
    system browser) and ``sleep(seconds)`` between device-code polls (default: a wait that
    ``cancelled`` ends); tests replace them with a scripted browser and the emulator's clock.
    The network is no hook: tests replace it around the call with
    :func:`~py_backend.transport.use_http_transport`.
    """

    log: Callable[[str, str], None]
    progress: Callable[[Mapping[str, Any]], None]
    cancelled: threading.Event
    open_browser: Callable[[str], Any] | None = None
    sleep: Callable[[float], None] | None = None

    def check_cancelled(self, cmdlet: str) -> None:
        """Raise ``cmdlet``'s cancellation error if ``$/cancelRequest`` came."""
        if self.cancelled.is_set():
            # Alone even when raised while handling a failure (the failure is its effect).
            raise operation_canceled(cmdlet) from None


def _optional_text(value: Any, key: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise shell_error(f"The shell context's {key} must be a string.")


def _stored_credentials(value: Any) -> Mapping[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise shell_error("The shell context's storedCredentials must be an object.")
    for fields, required in _STORED_SHAPES:
        if set(required) <= set(value) <= set(fields):
            break
    else:
        raise shell_error(
            "The shell context's storedCredentials must be {AccessKey, SecretKey, Token} "
            "or {ProfileName, ProfileLocation}."
        )
    for name in fields:
        _optional_text(value.get(name), f"storedCredentials.{name}")
    if not all(value.get(name) for name in required):
        raise shell_error(
            "The shell context's storedCredentials needs " + " and ".join(required) + "."
        )
    return dict(value)


def _environment(value: Any) -> Mapping[str, str] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        raise shell_error("The shell context's environment must be an object of strings.")
    merged = dict(process_environment())
    for name, text in value.items():
        if text is None:
            merged.pop(name, None)
        elif isinstance(text, str):
            merged[name] = text
        else:
            raise shell_error(f"The shell context's environment variable {name} is not text.")
    return merged
