"""Finds PowerShell 7 (6+) syntax and commands that Windows PowerShell 5.1 does not have.

Node-type checks where the grammar has a node for the construct (``&&``/``||`` pipeline
chains, commands and their parameters, variables, member names, type literals, strings);
token checks on the source with comments and strings blanked out where it has none (the
grammar predates ``??``, ``?.``, the ternary operator and ``clean`` blocks, which it leaves as
ERROR nodes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import tree_sitter

from tests.module.psast import Node, commands, text, walk

#: Node types whose text is data, not code: blanked out before the token checks.
_OPAQUE = frozenset(
    (
        "comment",
        "string_literal",
        "expandable_string_literal",
        "expandable_here_string_literal",
        "verbatim_string_characters",
        "verbatim_here_string_characters",
    )
)

#: Commands PowerShell 6+ added (not in Windows PowerShell 5.1).
SEVEN_ONLY_COMMANDS = frozenset(
    name.lower()
    for name in (
        "Join-String",
        "Get-Error",
        "Test-Json",
        "ConvertFrom-Markdown",
        "Show-Markdown",
        "Get-MarkdownOption",
        "Set-MarkdownOption",
        "Remove-Alias",
        "Get-Uptime",
        "Remove-Service",
        "Get-ExperimentalFeature",
        "Enable-ExperimentalFeature",
        "Disable-ExperimentalFeature",
        "ConvertTo-CliXml",
        "ConvertFrom-CliXml",
        "Get-PSSubsystem",
    )
)

#: Parameters PowerShell 6+ added to commands 5.1 has.
SEVEN_ONLY_PARAMETERS: dict[str, frozenset[str]] = {
    command.lower(): frozenset(p.lower() for p in parameters)
    for command, parameters in {
        "ConvertFrom-Json": ("AsHashtable", "Depth", "NoEnumerate", "DateKind"),
        "ConvertTo-Json": ("EscapeHandling", "AsArray", "EnumsAsStrings"),
        "ForEach-Object": (
            "Parallel",
            "ThrottleLimit",
            "TimeoutSeconds",
            "AsJob",
            "UseNewRunspace",
        ),
        "%": ("Parallel", "ThrottleLimit", "TimeoutSeconds", "AsJob", "UseNewRunspace"),
        "foreach": ("Parallel", "ThrottleLimit", "TimeoutSeconds", "AsJob", "UseNewRunspace"),
        "Join-Path": ("AdditionalChildPath",),
        "Get-Content": ("AsByteStream",),
        "Set-Content": ("AsByteStream",),
        "Add-Content": ("AsByteStream",),
        "Import-PowerShellDataFile": ("SkipLimitCheck",),
        "Start-Process": ("Environment",),
        "Select-String": ("Raw", "NoEmphasis"),
        "Get-ChildItem": ("FollowSymlink",),
        "Where-Object": ("Not",),
        "Sort-Object": ("Top", "Bottom", "Stable"),
        "Get-Random": ("Shuffle",),
        "Select-Object": ("SkipIndex",),
        "Split-Path": ("Extension", "LeafBase"),
        "Get-Date": ("AsUTC", "UnixTimeSeconds"),
        "Invoke-RestMethod": (
            "SkipCertificateCheck",
            "StatusCodeVariable",
            "ResponseHeadersVariable",
            "Authentication",
            "Token",
            "SkipHttpErrorCheck",
            "MaximumRetryCount",
            "RetryIntervalSec",
            "ConnectionTimeoutSeconds",
            "OperationTimeoutSeconds",
        ),
        "Invoke-WebRequest": (
            "SkipCertificateCheck",
            "Authentication",
            "Token",
            "SkipHttpErrorCheck",
            "MaximumRetryCount",
            "RetryIntervalSec",
            "Resume",
        ),
    }.items()
}

#: Automatic variables PowerShell 6+ defines (undefined, so $null, in 5.1).
SEVEN_ONLY_VARIABLES = frozenset(
    name.lower()
    for name in (
        "PSStyle",
        "IsWindows",
        "IsLinux",
        "IsMacOS",
        "IsCoreCLR",
        "PSNativeCommandArgumentPassing",
        "PSNativeCommandUseErrorActionPreference",
        "EnabledExperimentalFeatures",
    )
)

#: Members that exist only in .NET Core / .NET 5+.
SEVEN_ONLY_MEMBERS = frozenset(("argumentlist",))  # ProcessStartInfo.ArgumentList

#: Type names (prefixes) .NET Framework 4.x does not have.
SEVEN_ONLY_TYPES = (
    "system.text.json",
    "system.management.automation.psstyle",
    "system.range",
    "system.index",
    "system.hashcode",
    "system.span",
    "system.readonlyspan",
)


@dataclass(frozen=True)
class Finding:
    """One construct Windows PowerShell 5.1 lacks."""

    kind: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.kind}: {self.text!r}"


def _line(node: Node) -> int:
    return node.start_point[0] + 1


def masked_source(tree: tree_sitter.Tree) -> str:
    """The source with comments and string contents blanked (spaces; newlines kept)."""
    root = tree.root_node
    # The root node starts at its first token; pad so that byte offsets index the source.
    source = bytearray(b" " * root.start_byte + (root.text or b""))
    for node in walk(tree.root_node):
        if node.type in _OPAQUE:
            for index in range(node.start_byte, node.end_byte):
                if source[index] not in (0x0A, 0x0D):
                    source[index] = 0x20
    return source.decode("utf-8")


_TOKEN_CHECKS = (
    ("null-coalescing operator ??/??=", re.compile(r"\?\?=?")),
    ("null-conditional member access ?. or ?[", re.compile(r"[}\w]\?[.\[]")),
    ("clean block", re.compile(r"(^|[;{])\s*clean\s*\{", re.IGNORECASE | re.MULTILINE)),
    ("background operator &", re.compile(r"(?<![&\s])\s*(?<!&)&[ \t]*$", re.MULTILINE)),
)


def _ternary(masked: str) -> list[Finding]:
    """``cond ? a : b``: a lone ``?`` that does not follow ``|`` (Where-Object's alias)."""
    found = []
    for number, line in enumerate(masked.splitlines(), start=1):
        for match in re.finditer(r"(?<=\s)\?(?=\s)", line):
            before = line[: match.start()].rstrip()
            if before and before[-1] not in "|;{(" and re.search(r"\s:\s", line[match.end() :]):
                found.append(Finding("ternary operator ? :", number, line.strip()))
    return found


def token_findings(tree: tree_sitter.Tree) -> list[Finding]:
    """The token checks (constructs the grammar has no node for)."""
    masked = masked_source(tree)
    found = []
    for kind, pattern in _TOKEN_CHECKS:
        for match in pattern.finditer(masked):
            line = masked.count("\n", 0, match.start()) + 1
            found.append(Finding(kind, line, match.group(0).strip()))
    return found + _ternary(masked)


def _command_findings(root: Node) -> list[Finding]:
    found = []
    for command in commands(root):
        name = command.name.lower()
        if name in SEVEN_ONLY_COMMANDS:
            found.append(Finding("command added in PowerShell 6+", command.line, command.name))
        flagged = SEVEN_ONLY_PARAMETERS.get(name, frozenset())
        for parameter in command.parameters:
            if parameter.lower() in flagged:
                found.append(
                    Finding(
                        "parameter added in PowerShell 6+",
                        command.line,
                        f"{command.name} -{parameter}",
                    )
                )
        if name == "join-path" and len(command.arguments) > len(command.parameters):
            found.append(
                Finding("Join-Path with a third positional path (6+)", command.line, command.name)
            )
    return found


def _variable_name(node: Node) -> str:
    name = text(node).lstrip("$").strip("{}")
    return name.split(":", 1)[1] if ":" in name else name


def node_findings(tree: tree_sitter.Tree) -> list[Finding]:
    """The checks on node types the grammar has."""
    found = _command_findings(tree.root_node)
    for node in walk(tree.root_node):
        if node.type == "pipeline_chain_tail":
            found.append(Finding("pipeline chain operator && or ||", _line(node), text(node)))
        elif node.type == "variable" and _variable_name(node).lower() in SEVEN_ONLY_VARIABLES:
            found.append(
                Finding("automatic variable added in PowerShell 6+", _line(node), text(node))
            )
        elif node.type == "member_name" and text(node).lower() in SEVEN_ONLY_MEMBERS:
            found.append(Finding(".NET Core-only member", _line(node), text(node)))
        elif node.type == "type_literal" and text(node)[1:-1].lower().startswith(SEVEN_ONLY_TYPES):
            found.append(Finding(".NET Core-only type", _line(node), text(node)))
        elif node.type in ("expandable_string_literal", "expandable_here_string_literal") and (
            "`u{" in text(node)
        ):
            found.append(Finding("`u{} escape (6+)", _line(node), text(node)))
    return found


def seven_only(tree: tree_sitter.Tree) -> list[Finding]:
    """Every construct in ``tree`` that Windows PowerShell 5.1 does not have."""
    return sorted(node_findings(tree) + token_findings(tree), key=lambda f: (f.line, f.kind))
