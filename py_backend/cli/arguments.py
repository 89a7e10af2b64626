"""From an operation's options to the parameters of its call, as the AWS CLI v1 builds them.

Parameters keep the AWS CLI's order (model order, then the ``--cli-input-json`` document's),
which is the order of the request body's keys.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import Any

from py_backend.cli.errors import ParamError
from py_backend.cli.model import Member, Operation
from py_backend.cli.paging import add_paging_options
from py_backend.cli.paramfile import ResourceLoadingError, load_paramfile
from py_backend.cli.parser import OperationParser
from py_backend.cli.redact import mask_quoted
from py_backend.cli.shorthand import ShorthandParseError, parse_shorthand

SKELETON_CHOICES = ("input", "output")


def operation_parser(operation: Operation, args: Sequence[str]) -> OperationParser:
    """The parser of ``operation``'s options; nothing is required when the input comes
    from ``--cli-input-json`` or only a skeleton is asked for."""
    enforce_required = not _required_overridden(args)
    parser = OperationParser()
    for member in operation.input.members:
        parser.add_argument(
            "--" + member.cli_name,
            dest=_dest(member),
            nargs="*" if member.shape.type == "list" else None,
            required=enforce_required and member.name in operation.input.required,
        )
    add_paging_options(parser, operation)
    parser.add_argument("--cli-input-json")
    parser.add_argument(
        "--generate-cli-skeleton", nargs="?", const="input", choices=SKELETON_CHOICES
    )
    parser.add_argument("help", nargs="?")
    return parser


def _required_overridden(args: Sequence[str]) -> bool:
    if "--cli-input-json" in args:
        return True
    if "--generate-cli-skeleton" not in args:
        return False
    position = list(args).index("--generate-cli-skeleton")
    # "--generate-cli-skeleton output" validates the input, so it keeps the requirements.
    return position + 1 >= len(args) or args[position + 1] != "output"


def _dest(member: Member) -> str:
    return member.cli_name.replace("-", "_")


def build_parameters(operation: Operation, parsed: argparse.Namespace) -> dict[str, Any]:
    """The call parameters the options give, in model order."""
    params: dict[str, Any] = {}
    for member in operation.input.members:
        value = getattr(parsed, _dest(member), None)
        if value is not None:
            params[member.name] = unpack_value(member, _from_file("--" + member.cli_name, value))
    if parsed.cli_input_json is not None:
        # Read here as the AWS CLI reads it here, so a missing file fails at this point.
        _from_file("--cli-input-json", parsed.cli_input_json)
    return params


def _from_file(cli_name: str, value: Any) -> Any:
    checked = value[0] if isinstance(value, list) and len(value) == 1 else value
    try:
        loaded = load_paramfile(checked)
    except ResourceLoadingError as error:
        raise ParamError(cli_name, str(error)) from None
    return value if loaded is None else loaded


def unpack_value(member: Member, value: Any) -> Any:
    """An option's value as the service parameter (shorthand, JSON or words)."""
    cli_name = "--" + member.cli_name
    kind = member.shape.type
    if kind == "structure":
        return _unpack_structure(member, cli_name, value)
    if kind == "list":
        return _unpack_list(member, cli_name, value)
    if kind in ("integer", "long"):
        # The AWS CLI converts with int(): "abc" fails with Python's own message.
        return int(value)
    return value


def _unpack_structure(member: Member, cli_name: str, value: Any) -> Any:
    text = value.decode() if isinstance(value, bytes) else value
    if not text.strip().startswith(("[", "{")):
        try:
            return parse_shorthand(text)
        except ShorthandParseError as error:
            raise ParamError(cli_name, _quoted(member, str(error), text)) from None
    if text.lstrip()[0] == "{":
        return _load_json(member, cli_name, text)
    raise ParamError(cli_name, f"Invalid JSON:\n{_quoted(member, text, text)}")


def _unpack_list(member: Member, cli_name: str, value: Any) -> Any:
    if isinstance(value, str) and value.lstrip()[0] == "[":
        return _load_json(member, cli_name, value)
    if isinstance(value, list) and len(value) == 1:
        single = value[0].strip()
        if single and single[0] == "[":
            return _load_json(member, cli_name, value[0])
    # A file's text is iterated character by character, as in the AWS CLI.
    return list(value)


def _load_json(member: Member, cli_name: str, text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as error:
        message = f"Invalid JSON: {error}\nJSON received: {text}"
        raise ParamError(cli_name, _quoted(member, message, text)) from None


def _quoted(member: Member, message: str, text: str) -> str:
    """``message`` with the quoted input masked when the option can carry a secret."""
    if not member.carries_secrets:
        return message
    return mask_quoted(message, text)


def add_cli_input_json(params: dict[str, Any], raw: str) -> None:
    """Add the members of the ``--cli-input-json`` document that no option set."""
    loaded = load_paramfile(raw)
    text = raw if loaded is None else loaded
    try:
        document = json.loads(text)
    except ValueError as error:
        shown = text if isinstance(text, str) else text.decode("utf-8", "replace")
        message = f"Invalid JSON: {error}\nJSON received: {shown}"
        raise ParamError("cli-input-json", mask_quoted(message, shown)) from None
    if not isinstance(document, dict):
        # The AWS CLI fails on document.keys(); keep its message.
        raise AttributeError(f"'{type(document).__name__}' object has no attribute 'keys'")
    for key, value in document.items():
        params.setdefault(key, value)
