"""Redaction, once: which values are secret, and what is shown in their place.

The secrets are the models' ``SecretStr`` members, read from the generated
:mod:`py_backend.service_members` (no pydantic, so every front end can use this at start-up).
URL passwords in messages are :mod:`py_backend.url_secrets`'.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from py_backend.service_members import secret_members

# A secret value inside a document (``--debug`` bodies and arguments), as in a URL's password.
from py_backend.url_secrets import MASK

__all__ = [
    "MASK",
    "REDACTED",
    "SECRET_MEMBERS",
    "describe_parameters",
    "is_secret",
    "redact_data",
]

#: A value a log line leaves out.
REDACTED = "<redacted>"
#: The wire names of every secret member, in any operation's input or output.
SECRET_MEMBERS = secret_members()
_MAX_SHOWN = 80
#: PowerShell's common parameters: their values are the shell's, never a secret.
_COMMON = frozenset(
    name.casefold()
    for name in ("Verbose", "Debug", "WhatIf", "Confirm", "ErrorAction", "WarningAction")
)


def is_secret(wire: str) -> bool:
    """Whether the member at the dotted wire path ``wire`` (``tokenInput.code``) is secret."""
    return wire.rsplit(".", 1)[-1] in SECRET_MEMBERS


def redact_data(value: Any, secret_names: Iterable[str] = SECRET_MEMBERS) -> Any:
    """A copy of ``value`` with the value of every secret member replaced by :data:`MASK`."""
    names = frozenset(secret_names)
    if isinstance(value, dict):
        return {
            key: MASK if key in names and not isinstance(item, dict) else redact_data(item, names)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [redact_data(item, names) for item in value]
    return value


def describe_parameters(parameters: Mapping[str, Any], spec: Mapping[str, Any] | None) -> str:
    """``-Name value -Other <redacted>``: the parameters as a log line shows them.

    A value is shown only when the cmdlet's specification lists the parameter (by name or
    alias) and does not mark it ``secret``, or for a common parameter; every other value,
    including one bound to a name the specification does not know, is :data:`REDACTED`.
    Shown values are shortened, and objects are shown as ``{...}``.
    """
    public = _public_names(spec.get("parameters", ()) if spec else ()) | _COMMON
    shown = (
        f"-{name} {_show(value) if str(name).casefold() in public else REDACTED}"
        for name, value in parameters.items()
    )
    return " ".join(shown) or "(no parameters)"


def _public_names(parameters: Iterable[Mapping[str, Any]]) -> frozenset[str]:
    names: set[str] = set()
    for parameter in parameters:
        if not parameter.get("secret", True):
            names.add(str(parameter.get("name", "")).casefold())
            names.update(str(alias).casefold() for alias in parameter.get("aliases", ()))
    return frozenset(names)


def _show(value: Any) -> str:
    if isinstance(value, Mapping):  # an object (ClientConfig...): its members are not vetted
        return "{...}"
    text = repr(value)
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 3] + "..."
