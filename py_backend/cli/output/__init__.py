"""``--output json|text|table`` and ``--query``: printing a response as the AWS CLI prints it."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from py_backend.cli.output.table import MultiTable
from py_backend.cli.output.table_builder import build_table
from py_backend.cli.output.text import format_text

FORMATS = ("json", "text", "table")


def write_output(
    output: str,
    command_name: str,
    response: Any,
    *,
    query: Any = None,
    color: str = "auto",
    stream: TextIO | None = None,
    width: int | None = None,
) -> None:
    """Print ``response`` (already without ``ResponseMetadata``) in the ``output`` format.

    ``query`` is a compiled JMESPath expression applied first; ``command_name`` titles a
    table, whose width is ``width`` (default: the terminal's). Raises
    ``ValueError("Unknown output type: ...")`` as the AWS CLI does.
    """
    if output not in FORMATS:
        raise ValueError(f"Unknown output type: {output}")
    out = sys.stdout if stream is None else stream
    data = query.search(response) if query is not None else response
    try:
        if output == "json":
            _write_json(data, out)
        elif output == "text":
            format_text(data, out)
        else:
            _write_table(
                command_name, data, color, out, terminal_width() if width is None else width
            )
    except BrokenPipeError:
        pass  # the reader went away (| head): nothing more to say, as in the AWS CLI


def _write_json(data: Any, stream: TextIO) -> None:
    # An empty response prints nothing; every other value, even null or [], is printed.
    if data != {}:
        json.dump(data, stream, indent=4, ensure_ascii=False)
        stream.write("\n")


def _write_table(title: str, data: Any, color: str, stream: TextIO, width: int) -> None:
    colored = color == "on" or (color == "auto" and _isatty(stream))
    table = MultiTable(width, colored)
    if build_table(table, title, data):
        table.render(stream)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def terminal_width(default: int = 80) -> int:
    """The width of the terminal on stdout, or ``default`` when stdout is not one."""
    try:
        import fcntl
        import struct
        import termios
    except ImportError:  # Windows
        return default
    try:
        packed = fcntl.ioctl(sys.stdout, termios.TIOCGWINSZ, b"\0" * 8)
        return int(struct.unpack("hhhh", packed)[1])
    except Exception:  # not a terminal, or no stdout: the AWS CLI falls back the same way
        return default
