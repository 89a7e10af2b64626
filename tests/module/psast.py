"""Reading PowerShell with a real parser (tree-sitter-powershell): syntax trees, not regexes.

Small accessors over the grammar's nodes: functions, their attributes and param blocks, the
comment-based help, commands with their parameters, and an evaluator for the literals a
manifest or an attribute holds (strings, integers, ``$true``/``$false``/``$null``, ``@()``,
``@{}``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tree_sitter
import tree_sitter_powershell

LANGUAGE = tree_sitter.Language(tree_sitter_powershell.language())
PARSER = tree_sitter.Parser(LANGUAGE)
Node = tree_sitter.Node

#: Expression nodes that only wrap one child.
_WRAPPERS = frozenset(
    (
        "pipeline",
        "pipeline_chain",
        "logical_expression",
        "bitwise_expression",
        "comparison_expression",
        "additive_expression",
        "multiplicative_expression",
        "format_expression",
        "range_expression",
        "array_literal_expression",
        "unary_expression",
        "statement_list",
        "logical_argument_expression",
        "bitwise_argument_expression",
        "comparison_argument_expression",
        "additive_argument_expression",
        "multiplicative_argument_expression",
        "format_argument_expression",
        "range_argument_expression",
        "argument_expression",
    )
)


def parse(text: str) -> tree_sitter.Tree:
    """The syntax tree of ``text``."""
    return PARSER.parse(text.encode("utf-8"))


def parse_file(path: Path) -> tree_sitter.Tree:
    """The syntax tree of the file at ``path``."""
    return PARSER.parse(path.read_bytes())


def walk(node: Node) -> Iterator[Node]:
    """Every node under ``node`` (itself first), depth first."""
    yield node
    for child in node.children:
        yield from walk(child)


def text(node: Node) -> str:
    """The source text of ``node``."""
    return (node.text or b"").decode("utf-8")


def problems(tree: tree_sitter.Tree) -> list[str]:
    """``line:column: ERROR|MISSING <text>`` for each place the parser could not parse."""
    found = []
    for node in walk(tree.root_node):
        if node.type == "ERROR" or node.is_missing:
            kind = "MISSING" if node.is_missing else "ERROR"
            row, column = node.start_point
            found.append(f"{row + 1}:{column + 1}: {kind} {text(node)[:60]!r}")
    return found


def unwrap(node: Node) -> Node:
    """``node`` without the single-child expression wrappers around its value."""
    while node.type in _WRAPPERS and node.named_child_count == 1:
        node = node.named_children[0]
    return node


class NotALiteral(ValueError):
    """The node is not one of the literals :func:`literal` evaluates."""


def _string(node: Node) -> str:
    inner = node.named_children[0] if node.named_children else node
    raw = text(inner)
    if inner.type in ("verbatim_string_characters", "verbatim_here_string_characters"):
        body = raw[1:-1] if inner.type == "verbatim_string_characters" else raw[3:-3]
        return body.replace("''", "'")
    if "$" in raw or "`" in raw:
        raise NotALiteral(f"an expandable string is not a literal: {raw}")
    return raw[1:-1]


def literal(node: Node) -> Any:
    """The value of a literal expression; raises :class:`NotALiteral` otherwise."""
    node = unwrap(node)
    if node.type == "string_literal":
        return _string(node)
    if node.type == "integer_literal":
        return int(text(node))
    if node.type == "variable":
        values = {"$true": True, "$false": False, "$null": None}
        if text(node).lower() in values:
            return values[text(node).lower()]
    if node.type == "array_literal_expression":
        return [literal(child) for child in node.named_children if child.type != "comment"]
    if node.type == "array_expression":
        items = [child for child in node.named_children if child.type != "comment"]
        if not items:
            return []
        value = literal(items[0])
        return value if isinstance(value, list) else [value]
    if node.type == "hash_literal_expression":
        return _hashtable(node)
    raise NotALiteral(f"{node.type}: {text(node)[:60]}")


def _hashtable(node: Node) -> dict[str, Any]:
    result: dict[str, Any] = {}
    body = next((c for c in node.named_children if c.type == "hash_literal_body"), None)
    for entry in body.named_children if body else []:
        if entry.type != "hash_entry":
            continue
        key_node, value_node = entry.named_children[0], entry.named_children[-1]
        key = text(key_node)
        result[key.strip("'\"")] = literal(value_node)
    return result


def data_file(path: Path) -> Any:
    """The value of a PowerShell data file (``.psd1``): its one hashtable."""
    tree = parse_file(path)
    statements = [c for c in tree.root_node.named_children if c.type != "comment"]
    assert len(statements) == 1, f"{path}: a data file holds one statement"
    return literal(statements[0])


# --- functions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attribute:
    """``[Name(positional..., Named = value...)]``; a bare ``Named`` is ``True``."""

    name: str
    positional: tuple[Any, ...] = ()
    named: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Parameter:
    """One ``param()`` entry: name, type literal, attributes and default value."""

    name: str
    type: str | None
    attributes: tuple[Attribute, ...]
    #: The default value's source text, or ``None`` without a default.
    default_text: str | None = None
    default_node: Node | None = None

    @property
    def default(self) -> Any:
        """The default value when it is a literal (``None`` without a default)."""
        return None if self.default_node is None else literal(self.default_node)

    def attribute(self, name: str) -> list[Attribute]:
        """The attributes called ``name`` (case-insensitively)."""
        return [a for a in self.attributes if a.name.lower() == name.lower()]


def functions(root: Node) -> dict[str, Node]:
    """Every ``function`` statement under ``root``, by name."""
    return {
        text(child): node
        for node in walk(root)
        if node.type == "function_statement"
        for child in node.children
        if child.type == "function_name"
    }


def _attribute(node: Node) -> Attribute | None:
    """An attribute, or ``None`` for a type constraint (``[string]``)."""
    name_node = next((c for c in node.named_children if c.type == "attribute_name"), None)
    if name_node is None:
        return None
    positional: list[Any] = []
    named: dict[str, Any] = {}
    arguments = next((c for c in node.named_children if c.type == "attribute_arguments"), None)
    for argument in arguments.named_children if arguments else []:
        children = argument.named_children
        if children and children[0].type == "simple_name":
            named[text(children[0])] = literal(children[-1]) if len(children) > 1 else True
        else:
            positional.append(literal(argument.named_children[0]))
    return Attribute(text(name_node), tuple(positional), named)


def _type_constraint(node: Node) -> str | None:
    literal_node = next((c for c in node.named_children if c.type == "type_literal"), None)
    if literal_node is None:
        return None
    return text(literal_node)[1:-1]


def _param_block(function: Node) -> Node | None:
    block = next((c for c in function.named_children if c.type == "script_block"), None)
    if block is None:
        return None
    return next((c for c in block.named_children if c.type == "param_block"), None)


def function_attributes(function: Node) -> list[Attribute]:
    """The attributes before ``param()`` (``CmdletBinding``, ``OutputType``)."""
    block = _param_block(function)
    found: list[Attribute] = []
    for attribute_list in (
        c for c in (block.named_children if block else []) if c.type == "attribute_list"
    ):
        found += [a for a in map(_attribute, attribute_list.named_children) if a is not None]
    return found


def function_parameters(function: Node) -> list[Parameter]:
    """The ``param()`` block's parameters, in order."""
    return block_parameters(_param_block(function))


def script_parameters(root: Node) -> list[Parameter]:
    """The parameters of a script file's own ``param()`` block."""
    block = next((n for n in walk(root) if n.type == "param_block"), None)
    return block_parameters(block)


def block_parameters(block: Node | None) -> list[Parameter]:
    """The parameters of a ``param_block`` node, in order."""
    parameter_list = next(
        (c for c in (block.named_children if block else []) if c.type == "parameter_list"), None
    )
    result = []
    for node in parameter_list.named_children if parameter_list else []:
        if node.type != "script_parameter":
            continue
        attributes: list[Attribute] = []
        type_name = None
        attribute_list = next((c for c in node.named_children if c.type == "attribute_list"), None)
        for attribute in attribute_list.named_children if attribute_list else []:
            parsed = _attribute(attribute)
            if parsed is not None:
                attributes.append(parsed)
            else:
                type_name = _type_constraint(attribute)
        variable = next(c for c in node.named_children if c.type == "variable")
        default_node = next(
            (c for c in node.named_children if c.type == "script_parameter_default"), None
        )
        value = default_node.named_children[-1] if default_node else None
        result.append(
            Parameter(
                text(variable)[1:],
                type_name,
                tuple(attributes),
                text(value) if value is not None else None,
                value,
            )
        )
    return result


def help_comment(function: Node) -> str | None:
    """The function's comment-based help block (``<# ... #>`` at the top of its body)."""
    for child in function.children:
        if child.type == "comment" and text(child).startswith("<#"):
            return text(child)
    return None


def help_sections(comment: str) -> list[tuple[str, str, str]]:
    """``(KEYWORD, argument, body)`` for each ``.KEYWORD [argument]`` section, in order."""
    body = comment.removeprefix("<#").removesuffix("#>")
    sections: list[tuple[str, str, list[str]]] = []
    for line in body.splitlines():
        match = re.match(r"^\s*\.([A-Z]+)(?:\s+(\S+))?\s*$", line)
        if match:
            sections.append((match.group(1), match.group(2) or "", []))
        elif sections:
            sections[-1][2].append(line)
    return [
        (keyword, argument, "\n".join(lines).strip("\n")) for keyword, argument, lines in sections
    ]


# --- commands -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    """A command invocation: its name, its ``-Parameter`` names, its other arguments."""

    name: str
    parameters: tuple[str, ...]
    arguments: tuple[Node, ...]
    node: Node

    @property
    def line(self) -> int:
        """The 1-based line it starts on."""
        return self.node.start_point[0] + 1


def commands(root: Node) -> list[Command]:
    """Every command invocation under ``root``."""
    found = []
    for node in walk(root):
        if node.type != "command":
            continue
        name_node = next(
            (c for c in node.named_children if c.type in ("command_name", "command_name_expr")),
            None,
        )
        elements = next((c for c in node.named_children if c.type == "command_elements"), None)
        parameters: list[str] = []
        arguments: list[Node] = []
        for element in elements.named_children if elements else []:
            if element.type == "command_parameter":
                parameters.append(text(element).lstrip("-").rstrip(":"))
            elif element.type not in ("command_argument_sep", "redirection", "comment"):
                arguments.append(element)
        name = text(name_node) if name_node is not None else ""
        found.append(Command(name, tuple(parameters), tuple(arguments), node))
    return found
