"""What of an ``invoke`` request may be logged: parameter names always, values rarely.

A value is shown only when the cmdlet's specification lists the parameter (by name or alias)
and does not mark it ``secret``, or when it is one of PowerShell's common parameters
(``-Verbose``, ``-WhatIf``...). Every other value, including one bound to a name the
specification does not know, is replaced by :data:`REDACTED`. Shown values are shortened, and
objects are shown as ``{...}`` (their members are not described).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["REDACTED", "describe_parameters", "redact_parameters"]

REDACTED = "<redacted>"
_MAX_SHOWN = 80
_COMMON = frozenset(
    name.casefold()
    for name in ("Verbose", "Debug", "WhatIf", "Confirm", "ErrorAction", "WarningAction")
)


def redact_parameters(
    parameters: Mapping[str, Any], spec: Mapping[str, Any] | None
) -> dict[str, str]:
    """``{name: printable value}`` for a log line, secrets and unknown values redacted."""
    public = _public_names(spec.get("parameters", ()) if spec else ()) | _COMMON
    return {
        str(name): _show(value) if str(name).casefold() in public else REDACTED
        for name, value in parameters.items()
    }


def describe_parameters(parameters: Mapping[str, Any], spec: Mapping[str, Any] | None) -> str:
    """``-Name value -Other <redacted>``: the parameters as a log line shows them."""
    shown = redact_parameters(parameters, spec)
    return " ".join(f"-{name} {value}" for name, value in shown.items()) or "(no parameters)"


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
