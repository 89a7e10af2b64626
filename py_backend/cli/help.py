"""``help`` pages, laid out like the AWS CLI's manual pages (plain text, 79 columns)."""

from __future__ import annotations

import json
import textwrap

from py_backend.cli.commands import SERVICES
from py_backend.cli.docs import (
    CLI_INPUT_JSON_DOC,
    GENERATE_CLI_SKELETON_DOC,
    GLOBAL_OPTION_DOCS,
    NOTES,
    OPERATION_DOCS,
    PAGINATED_NOTE,
    PAGING_OPTION_DOCS,
    SERVICE_DOCS,
)
from py_backend.cli.model import Member, Operation, Service, Shape
from py_backend.cli.parser import PROG

WIDTH = 79


def _wrap(text: str, indent: int) -> str:
    """Paragraphs (blank-line separated) wrapped at ``indent``; ``o`` lines are bullets."""
    pad = " " * indent
    blocks = []
    for paragraph in text.split("\n\n"):
        lines = []
        for line in paragraph.split("\n"):
            bullet = line.startswith("o ")
            lines.append(
                textwrap.fill(
                    line,
                    WIDTH,
                    initial_indent=pad,
                    subsequent_indent=pad + ("  " if bullet else ""),
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            )
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _header(title: str) -> str:
    mark = f"{title.upper()}()"
    return mark + " " * max(1, WIDTH - 2 * len(mark)) + mark + "\n\n\n\n"


def _section(name: str, body: str) -> str:
    return f"{name}\n{body}\n\n"


def provider_help() -> str:
    """``aws-token-bridge help``."""
    commands = "\n".join(f"       o {name}" for name in sorted(SERVICES))
    return (
        _header(PROG)
        + _section("NAME", f"       {PROG} -")
        + _section(
            "DESCRIPTION",
            _wrap(
                "AWS Sign-In and SSO OIDC OAuth2 tokens, with the AWS CLI v1's commands, "
                "options and output.",
                7,
            ),
        )
        + _section("SYNOPSIS", f"          {PROG} [options] <command> <subcommand> [parameters]")
        + _section("OPTIONS", _global_options())
        + _section("AVAILABLE SERVICES", commands)
    )


def service_help(service: Service) -> str:
    """``aws-token-bridge <service> help``."""
    commands = [op.cli_name for op in service.operations] + ["help"]
    listing = "\n\n".join(f"       o {name}" for name in sorted(commands))
    return (
        _header(service.name)
        + _section("NAME", f"       {service.name} -")
        + _section("DESCRIPTION", _wrap(SERVICE_DOCS[service.name], 7))
        + _section("AVAILABLE COMMANDS", listing)
    )


def operation_help(operation: Operation) -> str:
    """``aws-token-bridge <service> <command> help``."""
    docs = OPERATION_DOCS[operation.name]
    description = docs[""]
    if operation.paging is not None:
        note = PAGINATED_NOTE.format(
            command=operation.cli_name, result_key=operation.paging.result_key
        )
        description += "\n\n" + note
    return (
        _header(operation.cli_name)
        + _section("NAME", f"       {operation.cli_name} -")
        + _section("DESCRIPTION", _wrap(description, 7))
        + _section("SYNOPSIS", _synopsis(operation))
        + _section("OPTIONS", _options(operation, docs))
        + _section("GLOBAL OPTIONS", _global_options())
        + _section("OUTPUT", _outputs(operation.output, docs, ">", 7))
        + _section("NOTES", _wrap(NOTES, 7))
    )


def _documented(operation: Operation) -> list[Member]:
    """The members with documented options: a paginated command hides its token and limit."""
    paging = operation.paging
    hidden = (paging.input_token, paging.limit_key) if paging else ()
    return [m for m in operation.input.members if m.name not in hidden]


def _synopsis(operation: Operation) -> str:
    lines = [f"            {operation.cli_name}"]
    for member in _documented(operation):
        option = f"--{member.cli_name} <value>"
        required = member.name in operation.input.required
        lines.append(f"          {option}" if required else f"          [{option}]")
    lines.append("          [--cli-input-json <value>]")
    if operation.paging is not None:
        lines += [f"          [{name} <value>]" for name in PAGING_OPTION_DOCS]
    lines.append("          [--generate-cli-skeleton <value>]")
    for name, (kind, _) in GLOBAL_OPTION_DOCS.items():
        lines.append(f"          [{name}]" if kind == "boolean" else f"          [{name} <value>]")
    return "\n".join(lines)


def _options(operation: Operation, docs: dict[str, str]) -> str:
    parts = []
    for member in _documented(operation):
        text = f"       --{member.cli_name} ({member.shape.type})\n"
        text += _wrap(docs.get(member.name, ""), 10)
        text += _syntax(member, docs)
        parts.append(text)
    parts.append(_wrap(f"--cli-input-json (string) {CLI_INPUT_JSON_DOC}", 7))
    if operation.paging is not None:
        for name, (kind, text) in PAGING_OPTION_DOCS.items():
            parts.append(f"       {name} ({kind})\n{_wrap(text, 10)}")
    parts.append(_wrap(f"--generate-cli-skeleton (string) {GENERATE_CLI_SKELETON_DOC}", 7))
    return "\n\n".join(parts)


def _syntax(member: Member, docs: dict[str, str]) -> str:
    shape = member.shape
    if shape.type == "list":
        return '\n\n          Syntax:\n\n            "string" "string" ...'
    if shape.type != "structure":
        return ""
    nested = _outputs(shape, docs, f"{member.name}.", 10)
    shorthand = ",".join(f"{m.name}={m.shape.type}" for m in shape.members)
    document = json.dumps({m.name: m.shape.type for m in shape.members}, indent=2)
    document = textwrap.indent(document, "            ")
    return (
        f"\n\n{nested}\n\n          Shorthand Syntax:\n\n            {shorthand}"
        f"\n\n          JSON Syntax:\n\n{document}"
    )


def _outputs(shape: Shape, docs: dict[str, str], prefix: str, indent: int) -> str:
    parts = []
    for member in shape.members:
        path = prefix + member.name
        text = " " * indent + f"{member.name} -> ({member.shape.type})"
        doc = docs.get(path, "")
        if doc:
            text += "\n" + _wrap(doc, indent + 3)
        inner = member.shape.member if member.shape.type == "list" else member.shape
        if inner is not None and inner.type == "structure":
            text += "\n\n" + _outputs(inner, docs, path + ".", indent + 3)
        parts.append(text)
    return "\n\n".join(parts)


def _global_options() -> str:
    return "\n\n".join(
        f"       {name} ({kind})\n\n{_wrap(text, 7)}"
        for name, (kind, text) in GLOBAL_OPTION_DOCS.items()
    )
