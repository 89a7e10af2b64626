"""Parameter binding: the checks PowerShell makes before a cmdlet runs, and the request it sends.

The module hands over ``$PSBoundParameters`` under PowerShell names. Here they are matched to
the specification (by name or alias, case-insensitively), type-checked, and checked for
missing mandatory parameters with PowerShell's own messages, so a caller that bypasses the
module's param blocks gets the same errors. Values are never quoted in messages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from py_backend.cmdlets.errors import binding_error
from py_backend.cmdlets.spec_model import CmdletSpec, ParameterSpec
from py_backend.cmdlets.vocabulary import INT32, INT64, STRING, STRING_ARRAY, SWITCH
from py_backend.cmdlets.vocabulary import POWERSHELL_COMMON_PARAMETERS as COMMON_PARAMETER_NAMES

#: PowerShell's common parameters: PowerShell acts on them, so they are not bound here
#: (``WhatIf`` is still noted: with it the cmdlet must not call the service).
POWERSHELL_COMMON_PARAMETERS = frozenset(name.casefold() for name in COMMON_PARAMETER_NAMES)

NULL_REQUIRED_WARNING = (
    "You are passing $null as a value for parameter {name} which is marked as required. In case "
    "you believe this parameter was incorrectly marked as required, report this by opening an "
    "issue at https://github.com/aws/aws-tools-for-powershell/issues."
)


@dataclass(frozen=True)
class BoundParameters:
    """The parameters of one invocation, by canonical name; ``None`` for an explicit ``$null``."""

    values: Mapping[str, Any]
    what_if: bool = False

    def __contains__(self, name: object) -> bool:
        """Whether the parameter was bound (``ParameterWasBound``), even to ``$null``."""
        return name in self.values

    def get(self, name: str) -> Any:
        """The bound value, or ``None``."""
        return self.values.get(name)

    def is_present(self, name: str) -> bool:
        """A switch's ``IsPresent``."""
        return self.values.get(name) is True

    def text(self, name: str) -> str | None:
        """A string parameter's value; empty counts as not given."""
        value = self.values.get(name)
        return value if isinstance(value, str) and value else None


def bind_parameters(
    spec: CmdletSpec, raw: Mapping[str, Any], warn: Callable[[str], None]
) -> BoundParameters:
    """Bind ``raw`` to ``spec``'s parameters or raise :class:`CmdletError`.

    ``warn`` receives PowerShell's warning for each obsolete parameter bound.
    """
    values: dict[str, Any] = {}
    what_if = False
    for key, value in raw.items():
        if str(key).casefold() in POWERSHELL_COMMON_PARAMETERS:
            what_if = what_if or (str(key).casefold() == "whatif" and value is True)
            continue
        param = spec.parameter(key) if isinstance(key, str) else None
        if param is None:
            message = f"A parameter cannot be found that matches parameter name '{key}'."
            raise binding_error(spec.name, "NamedParameterNotFound", message, str(key))
        if param.name in values:
            raise binding_error(
                spec.name,
                "ParameterAlreadyBound",
                f"Cannot bind parameter because parameter '{param.name}' is specified more "
                "than once.",
                param.name,
            )
        values[param.name] = _convert(spec, param, value)
        if param.obsolete:
            warn(f"Parameter '{param.name}' is obsolete. {param.obsolete}")
    missing = [p.name for p in spec.parameters if p.mandatory and p.name not in values]
    if missing:
        raise binding_error(
            spec.name,
            "MissingMandatoryParameter",
            "Cannot process command because of one or more missing mandatory parameters: "
            + " ".join(missing)
            + ".",
            missing[0],
        )
    return BoundParameters(values, what_if)


def _convert(spec: CmdletSpec, param: ParameterSpec, value: Any) -> Any:
    """Check ``value`` against the parameter's type (PowerShell's conversions for JSON values)."""
    integer = isinstance(value, int) and not isinstance(value, bool)
    if param.type == SWITCH:
        if value is None or isinstance(value, bool):
            return value is True
    elif value is None:
        return None
    elif param.type == STRING:
        if isinstance(value, str):
            return value
    elif param.type == STRING_ARRAY:
        items = [value] if isinstance(value, str) else value
        if isinstance(items, list) and all(isinstance(item, str) for item in items):
            return list(items)
    elif param.type == INT32:
        # [System.Nullable[int]] in the param block has converted what the user typed.
        if integer and -(2**31) <= value < 2**31:
            return value
    elif param.type == INT64:
        if integer:
            return value
    else:
        # Objects (Region, Credential, ClientConfig...) are checked where they are used.
        return value
    # The message names the value's JSON type, never the value.
    got = next((name for kind, name in _JSON_TYPES if isinstance(value, kind)), None)
    raise binding_error(
        spec.name,
        "ParameterArgumentTransformationError",
        f"Cannot process argument transformation on parameter '{param.name}'. "
        f"Expected {param.type}, got {got or 'a value of another type'}.",
        param.name,
    )


_JSON_TYPES = (
    (bool, "a boolean"),
    ((int, float), "a number"),
    (str, "a string"),
    (list, "an array"),
    (Mapping, "an object"),
)


def null_required_warnings(spec: CmdletSpec, bound: BoundParameters) -> list[str]:
    """The AWS Tools' warning for each required parameter bound to ``$null``."""
    return [
        NULL_REQUIRED_WARNING.format(name=p.name)
        for p in spec.parameters
        if p.mandatory and p.name in bound and bound.get(p.name) is None
    ]


def request_arguments(spec: CmdletSpec, bound: BoundParameters) -> dict[str, Any]:
    """The operation's keyword arguments: every non-null member parameter at its wire path.

    Flattened members go back into their structure (``TokenInput_Code`` ->
    ``tokenInput={"code": ...}``); a structure none of whose members is set is left out, as
    the AWS Tools leave ``request.TokenInput`` null.
    """
    arguments: dict[str, Any] = {}
    for param in spec.parameters:
        value = bound.get(param.name)
        if param.wire is None or value is None:
            continue
        *parents, leaf = param.wire.split(".")
        container = arguments
        for part in parents:
            container = container.setdefault(part, {})
        container[leaf] = list(value) if isinstance(value, list) else value
    return arguments
