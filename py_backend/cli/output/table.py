"""The table renderer of ``--output table`` (the AWS CLI's ``table.py``): sections and borders.

Widths are computed exactly as the AWS CLI computes them (East Asian wide characters count
twice), so the output matches byte for byte.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any, Protocol

#: ANSI sequences of the AWS CLI's colorama styling: bright blue cells, dim yellow bars.
BRIGHT_BLUE = "\x1b[1m\x1b[34m"
DIM_YELLOW = "\x1b[2m\x1b[33m"
RESET = "\x1b[0m"
#: The spaces a column gets besides its widest cell.
_PADDING = 4


class Stream(Protocol):
    """Anything with ``write``."""

    def write(self, text: str, /) -> Any:
        """Write ``text``."""


def text_length(text: object) -> int:
    """Display width: East Asian wide, full-width and ambiguous characters count as 2."""
    return sum(2 if unicodedata.east_asian_width(char) in "WFA" else 1 for char in str(text))


def center_text(text: str, length: int, left_edge: str, right_edge: str, width: int) -> str:
    """``text`` (``width`` wide) centred between the edges, ``length`` wide in all."""
    start = (length // 2) - (width // 2) - 1
    so_far = text_length(left_edge) + start + width
    right = length - text_length(right_edge) - so_far
    return left_edge + " " * start + text + " " * right + right_edge


def align_left(text: str, length: int, left_edge: str, right_edge: str, width: int) -> str:
    """``text`` (``width`` wide) after a two-space pad (when it fits), padded to ``length``."""
    computed = width + 2 + text_length(left_edge) + text_length(right_edge)
    padding = 2 if length - computed >= 0 else 0
    so_far = len(left_edge) + padding + width
    return left_edge + " " * padding + text + " " * (length - so_far - len(right_edge)) + right_edge


@dataclass
class Section:
    """One titled block of a table: optional column headers and rows."""

    #: ``None`` for an untitled section (its width still counts the four letters of "None",
    #: as in the AWS CLI).
    title: str | None = ""
    headers: list[str] = field(default_factory=list)
    #: The cells: the command's output, tokens and secret keys included (so not in the repr).
    rows: list[list[str]] = field(default_factory=list, repr=False)
    indent_level: int = 0
    _columns: int | None = None
    _max_widths: list[int] = field(default_factory=list)

    def add_header(self, headers: list[str]) -> None:
        """Set the column headers."""
        self._update_widths(headers)
        if self._columns is None:
            self._columns = len(headers)
        self.headers = headers

    def add_row(self, row: list[Any]) -> None:
        """Append a row (cells are shown with ``str()``)."""
        if self._columns is None:
            self._columns = len(row)
        if len(row) != self._columns:
            raise ValueError(f"Row should have {self._columns} elements, instead it has {len(row)}")
        cells = [str(cell) for cell in row]
        self.rows.append(cells)
        self._update_widths(cells)

    def _update_widths(self, row: list[str]) -> None:
        if not self._max_widths:
            self._max_widths = [text_length(cell) for cell in row]
            return
        for i, cell in enumerate(row):
            self._max_widths[i] = max(text_length(cell), self._max_widths[i])

    def column_widths(self, max_width: int) -> list[int]:
        """Each padded column's width, scaled so that they add up to ``max_width``."""
        unscaled = [w + _PADDING for w in self._max_widths]
        if not unscaled:
            return unscaled
        scale = max_width / float(sum(unscaled))
        scaled = [round(scale * w) for w in unscaled]
        off_by = sum(scaled) - max_width
        while off_by != 0:
            order = range(len(scaled)) if off_by > 0 else reversed(range(len(scaled)))
            for i in order:
                step = 1 if off_by > 0 else -1
                scaled[i] -= step
                off_by -= step
                if off_by == 0:
                    break
        return scaled

    def total_width(self) -> int:
        """The width this section needs, borders and indentation included."""
        indentation = 2 * self.indent_level
        columns = sum(w + _PADDING for w in self._max_widths) + 2 + indentation
        return max(text_length(self.title) + 2 + indentation, columns)


@dataclass
class _ResetAfterEachWrite:
    """The AWS CLI's colour stream (colorama with ``autoreset``): a reset after every write."""

    stream: Stream

    def write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.write(RESET)


@dataclass
class IndentedStream:
    """Writes each line between ``level`` bars on the left and on the right."""

    stream: Stream
    level: int
    bar: str

    def write(self, text: str) -> None:
        """Write ``text``, framing it when it ends a line."""
        # Separate writes on purpose: with colours on, the AWS CLI's colorama stream adds a
        # reset sequence after every write, even an empty one.
        self.stream.write(self.bar * self.level)
        if text.endswith("\n"):
            self.stream.write(text[:-1])
            self.stream.write(self.bar * self.level)
            self.stream.write("\n")
        else:
            self.stream.write(text)


@dataclass
class MultiTable:
    """A table built section by section, then rendered at once."""

    terminal_width: int
    #: The AWS CLI's colours on cells and indentation bars.
    colored: bool = False
    # Not in the repr: the sections' cells are the command's output, secrets included.
    _sections: list[Section] = field(default_factory=list, init=False, repr=False)

    def new_section(self, title: str | None, indent_level: int = 0) -> None:
        """Start a section."""
        self._sections.append(Section(title=title, indent_level=indent_level))

    @property
    def current(self) -> Section:
        """The section rows and headers go to: the last one started."""
        return self._sections[-1]

    def render(self, stream: Stream) -> None:
        """Draw the table; when it is wider than the terminal, single-row sections are
        turned on their side."""
        if self.colored:
            stream = _ResetAfterEachWrite(stream)
        max_width = self._max_width()
        if max_width > self.terminal_width:
            self._sections = [_vertical(section) for section in self._sections]
            max_width = self._max_width()
        stream.write("-" * max_width + "\n")
        for section in self._sections:
            framed = IndentedStream(stream, section.indent_level, self._style("|", DIM_YELLOW))
            width = max_width - section.indent_level * 2
            self._render_title(section, width, framed)
            self._render_headers(section, width, framed)
            self._render_rows(section, width, framed)

    def _style(self, text: str, color: str) -> str:
        return color + text + RESET if self.colored else text

    def _max_width(self) -> int:
        return max(section.total_width() for section in self._sections)

    def _render_title(self, section: Section, width: int, stream: IndentedStream) -> None:
        if not section.title:
            return
        stream.write(center_text(section.title, width, "|", "|", text_length(section.title)) + "\n")
        if not section.headers and not section.rows:
            stream.write("+%s+" % ("-" * (width - 2)) + "\n")

    def _render_headers(self, section: Section, width: int, stream: IndentedStream) -> None:
        if not section.headers:
            return
        widths = section.column_widths(width)
        line = ""
        for i, (column, header) in enumerate(zip(widths, section.headers, strict=False)):
            line += center_text(header, column, "|" if i == 0 else "", "|", text_length(header))
        _write_line_break(stream, widths)
        stream.write(line + "\n")

    def _render_rows(self, section: Section, width: int, stream: IndentedStream) -> None:
        if not section.rows:
            return
        widths = section.column_widths(width)
        if not widths:
            return
        _write_line_break(stream, widths)
        for row in section.rows:
            line = ""
            for i, (column, cell) in enumerate(zip(widths, row, strict=False)):
                styled = self._style(cell, BRIGHT_BLUE)
                line += align_left(styled, column, "|" if i == 0 else "", "|", text_length(cell))
            stream.write(line + "\n")
        _write_line_break(stream, widths)


def _write_line_break(stream: IndentedStream, widths: list[int]) -> None:
    parts = ["+%s+" % ("-" * (widths[0] - 2))] + ["%s+" % ("-" * (w - 1)) for w in widths[1:]]
    stream.write("".join(parts) + "\n")


def _vertical(section: Section) -> Section:
    """A single-row section with headers, turned into ``header | value`` rows."""
    if len(section.rows) != 1 or not section.headers:
        return section
    turned = Section(title=section.title, indent_level=section.indent_level)
    for header, cell in zip(section.headers, section.rows[0], strict=False):
        turned.add_row([header, cell])
    return turned
