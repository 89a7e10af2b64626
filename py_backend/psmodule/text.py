"""Text helpers for generated PowerShell: ASCII only, quoting, wrapping, comment-help safety.

Every generated file is ASCII: Windows PowerShell 5.1 reads a ``.ps1`` without a byte order mark
as the ANSI code page, so a UTF-8 character (the seeds' bullets) would turn into mojibake there.
The few typographic characters the specifications use are replaced by their ASCII look-alikes;
anything else is an error, so nothing is lost silently.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable

#: Typographic characters and their ASCII stand-ins.
ASCII_REPLACEMENTS = {
    "\u2022": "*",  # bullet
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u00a0": " ",
    "\u2026": "...",
}

#: The keywords of comment-based help (about_Comment_Based_Help): a help line that starts with
#: one of them, after a dot, would start a new section.
HELP_KEYWORDS = frozenset(
    (
        "SYNOPSIS",
        "DESCRIPTION",
        "PARAMETER",
        "EXAMPLE",
        "INPUTS",
        "OUTPUTS",
        "NOTES",
        "LINK",
        "COMPONENT",
        "ROLE",
        "FUNCTIONALITY",
        "FORWARDHELPTARGETNAME",
        "FORWARDHELPCATEGORY",
        "REMOTEHELPRUNSPACE",
        "EXTERNALHELP",
    )
)


def to_ascii(text: str) -> str:
    """``text`` with typographic characters replaced; raises ``ValueError`` on any other."""
    for char, replacement in ASCII_REPLACEMENTS.items():
        text = text.replace(char, replacement)
    for char in text:
        if ord(char) > 0x7F or (ord(char) < 0x20 and char not in "\n\t"):
            raise ValueError(f"character U+{ord(char):04X} cannot be written to a module file")
    return text


def single_quoted(value: str) -> str:
    """A PowerShell single-quoted string literal: quotes doubled, nothing expanded."""
    return "'" + to_ascii(value).replace("'", "''") + "'"


#: A help line PowerShell reads as a section keyword: a dot, a word, then a space or the end.
#: An unknown keyword (``.NET exception types``) makes PowerShell drop the WHOLE help comment.
_KEYWORD_LINE = re.compile(r"\s*\.(\w+)(\s|$)")

#: Stands for the space before a ``.word`` while wrapping, so that no line starts with it.
_GLUE = "\x00"


def wrap(text: str, width: int) -> list[str]:
    """Wrap ``text`` paragraph by paragraph (``\\n`` separates them) to ``width`` columns.

    A paragraph's own leading spaces (the seeds' list items) are kept, and its continuation
    lines are indented two more, so lists stay readable. A word that starts with a dot
    (``.NET``) is never put at the start of a line, where help would read it as a keyword.
    """
    lines: list[str] = []
    glued = re.sub(r" (?=\.\w)", _GLUE, to_ascii(text))
    for paragraph in glued.split("\n"):
        stripped = paragraph.lstrip(" ")
        indent = " " * (len(paragraph) - len(stripped))
        if not stripped:
            lines.append("")
            continue
        lines += textwrap.wrap(
            stripped,
            width=width,
            initial_indent=indent,
            subsequent_indent=indent + ("  " if indent else ""),
            break_long_words=False,
            break_on_hyphens=False,
        )
    return [line.replace(_GLUE, " ") for line in lines]


def check_help_lines(lines: Iterable[str]) -> None:
    """Raise ``ValueError`` when a help line would end the comment or be read as a keyword (a
    known one starts a new section; an unknown one makes PowerShell ignore the whole comment)."""
    for line in lines:
        if "#>" in line:
            raise ValueError(f"help text contains '#>', which ends the comment: {line!r}")
        match = _KEYWORD_LINE.match(line)
        if match and match.group(1).upper() in HELP_KEYWORDS:
            raise ValueError(f"help text line starts with a help keyword: {line!r}")
        if match:
            raise ValueError(
                f"help text line starts with '.{match.group(1)}', which PowerShell reads as an "
                f"unknown help keyword and then ignores the whole help: {line!r}"
            )


def indent(lines: Iterable[str], spaces: int) -> list[str]:
    """Indent every non-empty line by ``spaces`` spaces."""
    pad = " " * spaces
    return [pad + line if line else "" for line in lines]
