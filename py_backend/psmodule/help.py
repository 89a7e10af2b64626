"""Comment-based help for a generated function, from its specification (sections in the order
``Get-Help`` shows them)."""

from __future__ import annotations

from collections.abc import Iterable

from py_backend.cmdlets.spec_model import CmdletSpec, ParameterSpec
from py_backend.psmodule.examples import Example, examples_for
from py_backend.psmodule.text import check_help_lines, to_ascii, wrap

#: Columns of help text (after the 8 columns of indentation the function file adds).
HELP_WIDTH = 92
REFERENCE_URL = "https://docs.aws.amazon.com/powershell/latest/reference/items/{name}.html"

NOTES = (
    "This cmdlet behaves like the AWS Tools for PowerShell cmdlet of the same name and runs "
    "the operation in the AWS Token Bridge backend (Python), which the module starts on first "
    "use; see about_AwsTokenBridge. Errors are terminating, with the FullyQualifiedErrorId "
    "<ErrorType>,{name} (for a service error the ErrorType is the AWS SDK for .NET exception "
    "type, such as Amazon.SSOOIDC.Model.AuthorizationPendingException). Secret values (tokens, "
    "client secrets, device codes, secret keys) are masked in the default view and never "
    "written to the verbose, debug or error streams; the objects keep the real values."
)


FLOW_NOTES = (
    "This cmdlet does the work of the AWS CLI's '{cli}' in the AWS Token Bridge backend "
    "(Python), which the module starts on first use; see about_AwsTokenBridge. What you must "
    "act on (the URL to open, the code to enter) is written to the information stream and "
    "shown by default (-InformationAction Ignore hides it); Write-Progress shows each step. "
    "Ctrl+C cancels the sign-in at once. Errors are terminating, with the "
    "FullyQualifiedErrorId <ErrorCode>,{name}. The tokens are written only to the AWS CLI's "
    "cache files, never to the pipeline or to any stream."
)


def _notes(spec: CmdletSpec) -> list[str]:
    text = NOTES.format(name=spec.name)
    if spec.flow is not None:
        text = FLOW_NOTES.format(name=spec.name, cli=spec.flow.cli_command)
    return _section(".NOTES", wrap(text, HELP_WIDTH))


def _section(keyword: str, body: Iterable[str]) -> list[str]:
    """``keyword`` and its body, indented; the body must not end the comment or start a
    section of its own."""
    lines = list(body)
    check_help_lines(lines)
    return [keyword, *(f"    {line}" if line else "" for line in lines), ""]


def _parameter(param: ParameterSpec) -> list[str]:
    text = param.help
    # The notes of the common parameters tell users where this wrapper differs from the AWS
    # Tools; the other notes are for the generator (-PassThru: no [Obsolete] attribute).
    if param.note and param.kind == "common":
        text += f"\nAWS Token Bridge: {param.note}"
    return _section(f".PARAMETER {param.name}", wrap(text, HELP_WIDTH))


def _example(example: Example) -> list[str]:
    # No prompt before the code: Get-Help adds its own.
    body = [*to_ascii(example.code).splitlines(), "", *wrap(example.remarks, HELP_WIDTH)]
    return _section(".EXAMPLE", body)


def _inputs(spec: CmdletSpec) -> list[str]:
    by_value = [p for p in spec.parameters if p.value_from_pipeline and p.kind == "service"]
    lines = [f"{p.type}\n    You can pipe a value for -{p.name} to this cmdlet." for p in by_value]
    every = all(p.value_from_pipeline_by_property_name for p in spec.parameters)
    which = "Every parameter binds" if every else "The parameters shown bind"
    lines.append(
        "System.Management.Automation.PSObject\n"
        f"    {which} from the property of the same name of a piped object."
    )
    return _section(".INPUTS", "\n".join(lines).split("\n"))


def _outputs(spec: CmdletSpec) -> list[str]:
    body = [spec.output_type, *("    " + line for line in wrap(spec.outputs_help, HELP_WIDTH))]
    return _section(".OUTPUTS", body)


def _links(spec: CmdletSpec, others: Iterable[str]) -> list[str]:
    # The sign-in cmdlets are this module's own: the AWS Tools' reference has no page for them.
    lines = [] if spec.flow else _section(".LINK", [REFERENCE_URL.format(name=spec.name)])
    lines += _section(".LINK", ["about_AwsTokenBridge"])
    for name in others:
        lines += _section(".LINK", [name])
    return lines


def render_help(spec: CmdletSpec, related: Iterable[str] = ()) -> list[str]:
    """The lines between ``<#`` and ``#>`` (not indented)."""
    lines = [
        *_section(".SYNOPSIS", wrap(spec.synopsis, HELP_WIDTH)),
        *_section(".DESCRIPTION", wrap(spec.description, HELP_WIDTH)),
    ]
    for param in spec.parameters:
        lines += _parameter(param)
    for example in examples_for(spec.name):
        lines += _example(example)
    lines += _inputs(spec)
    lines += _outputs(spec)
    lines += _notes(spec)
    lines += _links(spec, related)
    while lines and not lines[-1]:
        lines.pop()
    return lines
