"""The ``param()`` block of a generated function, exactly as the specification declares it."""

from __future__ import annotations

from py_backend.cmdlets.spec_model import ALL_PARAMETER_SETS, ParameterSpec
from py_backend.psmodule.text import single_quoted

#: The specification's ``ps_type`` -> the type literal written in the param block.
TYPE_LITERALS = {
    "string": "string",
    "string[]": "string[]",
    "int?": "System.Nullable[int]",
    "long?": "System.Nullable[long]",
    "switch": "switch",
    "object": "object",
    "pscredential": "System.Management.Automation.PSCredential",
}


def parameter_attribute(param: ParameterSpec) -> str:
    """``[Parameter(...)]`` with the flags that are set (``$true``) and the position."""
    arguments = []
    if param.mandatory:
        arguments.append("Mandatory = $true")
    if param.position is not None:
        arguments.append(f"Position = {param.position}")
    if param.parameter_set != ALL_PARAMETER_SETS:
        arguments.append(f"ParameterSetName = {single_quoted(param.parameter_set)}")
    if param.value_from_pipeline:
        arguments.append("ValueFromPipeline = $true")
    if param.value_from_pipeline_by_property_name:
        arguments.append("ValueFromPipelineByPropertyName = $true")
    if param.dont_show:
        arguments.append("DontShow = $true")
    return f"[Parameter({', '.join(arguments)})]"


def render_parameter(param: ParameterSpec) -> list[str]:
    """One parameter's lines (no trailing comma)."""
    lines = [parameter_attribute(param)]
    if param.allow_null:
        lines += ["[AllowNull()]", "[AllowEmptyString()]"]
    if param.aliases:
        lines.append(f"[Alias({', '.join(single_quoted(a) for a in param.aliases)})]")
    lines.append(f"[{TYPE_LITERALS[param.ps_type]}]")
    default = f" = {single_quoted(param.default)}" if param.default is not None else ""
    lines.append(f"${param.name}{default}")
    return lines


def render_param_block(parameters: tuple[ParameterSpec, ...]) -> list[str]:
    """``param(`` ... ``)`` with a blank line between parameters (not indented)."""
    lines = ["param("]
    for index, param in enumerate(parameters):
        if index:
            lines[-1] += ","
            lines.append("")
        lines += [f"    {line}" for line in render_parameter(param)]
    return [*lines, ")"]
