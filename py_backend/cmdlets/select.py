"""``-Select`` and ``-PassThru``: which objects a cmdlet writes to the pipeline.

The rules are the AWS Tools' ``CreateSelectDelegate`` (``modules/AWSPowerShell/Common/
BaseCmdlets.cs``; aws-tools-powershell.md section 2):

- ``*``: the whole response object.
- ``^Name``: the value of the cmdlet's own parameter ``Name`` (or an alias), bound or not;
  the common parameters (``Region``, ``ClientConfig``...) live on base classes and are not
  found.
- anything else: a dotted path of properties, each segment naming exactly one property the
  current type declares (case-insensitively), so the inherited ``ResponseMetadata``,
  ``ContentLength`` and ``HttpStatusCode`` cannot be named. Lists are flattened; nulls are
  dropped.
- ``null``, ``""`` or a path that does not resolve: "Invalid value for -Select parameter.".

Paths are resolved against the types, before the call, as the AWS Tools resolve them when they
build the delegate. One difference: a segment after a scalar (``AccessToken.Length``) is
invalid here, where .NET would find ``System.String``'s own properties.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from py_backend.cmdlets.errors import ARGUMENT, CmdletError
from py_backend.cmdlets.outputs import OUTPUT_TYPES
from py_backend.cmdlets.parameters import BoundParameters
from py_backend.cmdlets.spec_model import CmdletSpec
from py_backend.cmdlets.vocabulary import SWITCH

INVALID_SELECT = "Invalid value for -Select parameter."
PASSTHRU_WITH_SELECT = "-PassThru cannot be used when -Select is specified."


@dataclass(frozen=True)
class Step:
    """One path segment, resolved: the property and whether its values are flattened."""

    name: str
    is_list: bool


@dataclass(frozen=True)
class Selector:
    """What to write to the pipeline: a path into the response, or a parameter's value."""

    #: Property steps from the response; empty (with no parameter) means the whole response.
    path: tuple[Step, ...] = ()
    #: The cmdlet parameter whose value is written instead of the response.
    parameter: str | None = None
    #: The parameter is a switch, whose value is never null (an unbound one is False).
    parameter_is_switch: bool = False
    #: Nothing is written (the default of a cmdlet whose operation has no output).
    silent: bool = False

    def apply(self, response: Mapping[str, Any], bound: BoundParameters) -> list[Any]:
        """The objects written to the pipeline, in order (PowerShell enumerates a result)."""
        if self.silent:
            return []
        if self.parameter is not None:
            value = bound.get(self.parameter)
            if self.parameter_is_switch:
                return [value is True]
            if value is None:
                return []
            return list(value) if isinstance(value, list) else [value]
        items: list[Any] = [response]
        for step in self.path:
            items = [value for item in items for value in _step(item, step)]
        return items


def _step(item: Any, step: Step) -> list[Any]:
    value = item.get(step.name) if isinstance(item, Mapping) else None
    if step.is_list:
        return [v for v in (value or ()) if v is not None]
    return [] if value is None else [value]


def compile_select(spec: CmdletSpec, select: str | None) -> Selector:
    """The selector for an explicit ``-Select`` value, or raise the AWS Tools' error."""
    if not select:
        raise invalid_select(spec)
    if select == "*":
        return Selector()
    if select.startswith("^"):
        return _parameter_selector(spec, select[1:])
    return Selector(path=_resolve_path(spec, select.split(".")))


def _parameter_selector(spec: CmdletSpec, name: str) -> Selector:
    param = spec.parameter(name) if name else None
    if param is None or not param.declared_on_cmdlet:
        raise invalid_select(spec)
    return Selector(parameter=param.name, parameter_is_switch=param.type == SWITCH)


def _resolve_path(spec: CmdletSpec, segments: list[str]) -> tuple[Step, ...]:
    steps: list[Step] = []
    type_name: str | None = spec.response_type
    for segment in segments:
        # Exactly one property the type itself declares (case-insensitively).
        net_type = OUTPUT_TYPES.get(type_name or "")
        declared = net_type.properties if net_type else ()
        matches = [p for p in declared if p.name.casefold() == segment.casefold()]
        if len(matches) != 1:
            raise invalid_select(spec)
        prop = matches[0]
        steps.append(Step(prop.name, prop.element is not None))
        type_name = prop.element or prop.type
    return tuple(steps)


def choose_selector(spec: CmdletSpec, bound: BoundParameters) -> Selector:
    """The selector the cmdlet uses, with the AWS Tools' ``-Select``/``-PassThru`` rules.

    An unbound ``-Select`` uses the cmdlet's default (the AWS Tools use a fixed delegate, with
    the same results; ``Close-SSOSession``'s writes nothing). ``-PassThru`` (where it exists)
    writes the pipeline parameter's value; with a bound ``-Select`` it is an error, even
    ``-Select *``.
    """
    passthru = bound.is_present("PassThru")
    if "Select" in bound:
        selector = compile_select(spec, bound.get("Select"))
        if passthru:
            raise ARGUMENT(PASSTHRU_WITH_SELECT, spec.name, "Select")
        return selector
    if passthru:
        return _parameter_selector(spec, _pipeline_parameter(spec))
    if not spec.writes_by_default:
        return Selector(silent=True)
    return compile_select(spec, spec.default_select)


def _pipeline_parameter(spec: CmdletSpec) -> str:
    return next(p.name for p in spec.parameters if p.kind == "service" and p.value_from_pipeline)


def invalid_select(spec: CmdletSpec) -> CmdletError:
    """The error for a ``-Select`` value that selects nothing valid."""
    return ARGUMENT(INVALID_SELECT, spec.name, "Select")
