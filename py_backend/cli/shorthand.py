"""The AWS CLI's shorthand syntax for structure options: ``--token-input a=b,c=d``.

Grammar (awscli ``shorthand.py``, reproduced so that values parse and errors read the same)::

    parameter  = keyval *("," keyval)
    keyval     = key ("=" / "@=") [values]          ; "@=" reads file:// values from files
    values     = csv-list / explicit-list / hash-literal
    csv-list   = first-value *("," second-value)    ; a=b,c -> {"a": ["b", "c"]}
    explicit-list = "[" [value *("," value)] "]"
    hash-literal  = "{" keyval *("," keyval) "}"

Values may be single- or double-quoted; ``\\,`` is a literal comma.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Callable
from typing import Any

from py_backend.cli.paramfile import load_paramfile
from py_backend.errors import TokenBridgeError

_KEY_CHARS = frozenset(string.ascii_letters + string.digits + "-_.#/:")
_START_WORD = r"\!\#-&\(-\+\--\<\>-Z\\\\-z\u007c-\uffff"
_FIRST_FOLLOW = r"\s\!\#-&\(-\+\--\\\\\^-\|~-\uffff"
_SECOND_FOLLOW = r"\s\!\#-&\(-\+\--\<\>-\uffff"
_ESCAPED_COMMA = "(\\\\,)"
_FIRST_VALUE = f"({_ESCAPED_COMMA}|[{_START_WORD}])({_ESCAPED_COMMA}|[{_FIRST_FOLLOW}])*"
_SECOND_VALUE = f"({_ESCAPED_COMMA}|[{_START_WORD}])({_ESCAPED_COMMA}|[{_SECOND_FOLLOW}])*"
_SINGLE_QUOTED = r"'(?:\\'|[^'])*'"
_DOUBLE_QUOTED = r'"(?:\\"|[^"])*"'
_QUOTED = {"'": _SINGLE_QUOTED, '"': _DOUBLE_QUOTED}
#: The names errors give the patterns ("singled quoted" is the AWS CLI's spelling).
_REGEX_NAMES = {
    _SECOND_VALUE: "second",
    _SINGLE_QUOTED: "singled quoted",
    _DOUBLE_QUOTED: "double quoted",
}


@functools.cache
def _regex(pattern: str) -> re.Pattern[str]:
    # Compiled on first use: the character ranges take milliseconds to compile, which every
    # command would pay at start-up otherwise.
    return re.compile(pattern)


class ShorthandParseError(TokenBridgeError):
    """A value that is not valid shorthand; the message shows where, with a ``^``."""


class _ExpectedError(ShorthandParseError):
    """ "Expected X, received Y": the parser backtracks on some of these."""

    def __init__(self, value: str, expected: str, actual: str, index: int) -> None:
        super().__init__(
            f"Expected: '{expected}', received: '{actual}' for input:\n"
            f"{error_location(value, index)}"
        )


def error_location(value: str, index: int) -> str:
    """The input with a caret under ``index`` (on the line of ``index``)."""
    consumed, remaining, spaces = value, "", index
    if "\n" in value[:index]:
        spaces = index - value[:index].rindex("\n") - 1
    if "\n" in value[index:]:
        next_newline = index + value[index:].index("\n")
        consumed, remaining = value[:next_newline], value[next_newline:]
    return f"{consumed}\n{' ' * spaces}^{remaining}"


def parse_shorthand(value: str) -> dict[str, Any]:
    """Parse shorthand into a dict of strings, lists and dicts (errors: the AWS CLI's)."""
    return _Parser(value).parameter()


class _Parser:
    def __init__(self, value: str) -> None:
        self.text = value
        self.index = 0
        self.read_files = False

    def parameter(self) -> dict[str, Any]:
        params: dict[str, Any] = {}
        key = self._key()
        params[key] = self._values()
        last_index = self.index
        while self.index < len(self.text):
            self._expect(",", consume_whitespace=True)
            key = self._key()
            value = self._values()
            if key in params:
                raise ShorthandParseError(
                    f'Second instance of key "{key}" encountered for input:\n'
                    f"{error_location(self.text, last_index + 1)}\n"
                    'This is often because there is a preceding "," instead of a space.'
                )
            params[key] = value
            last_index = self.index
        return params

    def _optional(self, char: str) -> bool:
        try:
            self._expect(char, consume_whitespace=True)
        except _ExpectedError:
            return False
        return True

    def _key(self) -> str:
        """A key and the ``=`` after it (``@=``: the value's ``file://`` is read)."""
        start = self.index
        while not self._at_eof() and self.text[self.index] in _KEY_CHARS:
            self.index += 1
        key = self.text[start : self.index]
        self.read_files = self._optional("@")
        self._expect("=", consume_whitespace=True)
        return key

    def _values(self) -> Any:
        return "" if self._at_eof() else self._explicit_values(self._csv_value)

    def _csv_value(self) -> Any:
        first = self._first_value()
        self._consume_whitespace()
        if self._at_eof() or self.text[self.index] != ",":
            return first
        self._expect(",", consume_whitespace=True)
        values = [first]
        while True:
            try:
                current = self._second_value()
                self._consume_whitespace()
                if self._at_eof():
                    values.append(current)
                    break
                self._expect(",", consume_whitespace=True)
                values.append(current)
            except _ExpectedError:
                # "a=b,c=d": "c" was a key, not a second value; go back to the comma.
                if self._at_eof():
                    raise
                self._backtrack_to(",")
                break
        return first if len(values) == 1 else values

    def _explicit_list(self) -> list[Any]:
        self._expect("[", consume_whitespace=True)
        values = []
        while self._current() != "]":
            values.append(self._explicit_values())
            self._consume_whitespace()
            if self._current() != "]":
                self._expect(",")
                self._consume_whitespace()
        self._expect("]")
        return values

    def _explicit_values(self, scalar: Callable[[], Any] | None = None) -> Any:
        """A list, a hash, or else ``scalar`` (default: a first value)."""
        if self._current() == "[":
            return self._explicit_list()
        if self._current() == "{":
            return self._hash_literal()
        return (scalar or self._first_value)()

    def _hash_literal(self) -> dict[str, Any]:
        # Not one helper with _explicit_list: a frame more per level would cut the depth of
        # nesting that parses below the AWS CLI's.
        self._expect("{", consume_whitespace=True)
        pairs: dict[str, Any] = {}
        while self._current() != "}":
            key = self._key()
            item = self._explicit_values()
            self._consume_whitespace()
            if self._current() != "}":
                self._expect(",")
                self._consume_whitespace()
            pairs[key] = item
        self._expect("}")
        return pairs

    def _first_value(self) -> Any:
        if self._current() in _QUOTED:
            return self._quoted()
        match = _regex(_FIRST_VALUE).match(self.text[self.index :])
        if match is None:
            return ""
        return self._resolved(self._consume(match).replace("\\,", ",").rstrip())

    def _second_value(self) -> Any:
        if self._current() in _QUOTED:
            return self._quoted()
        consumed = self._must_consume(_SECOND_VALUE)
        return self._resolved(consumed.replace("\\,", ",").rstrip())

    def _quoted(self) -> Any:
        quote = self.text[self.index]
        value = self._must_consume(_QUOTED[quote])[1:-1]
        value = value.replace("\\" + quote, quote).replace("\\\\", "\\")
        return self._resolved(value)

    def _resolved(self, value: str) -> Any:
        if self.read_files:
            loaded = load_paramfile(value)
            if loaded is not None:
                return loaded
        return value

    def _expect(self, char: str, consume_whitespace: bool = False) -> None:
        if consume_whitespace:
            self._consume_whitespace()
        if self.index >= len(self.text):
            raise _ExpectedError(self.text, char, "EOF", self.index)
        actual = self.text[self.index]
        if actual != char:
            raise _ExpectedError(self.text, char, actual, self.index)
        self.index += 1
        if consume_whitespace:
            self._consume_whitespace()

    def _must_consume(self, pattern: str) -> str:
        match = _regex(pattern).match(self.text[self.index :])
        if match is None:
            expected = f"<{_REGEX_NAMES[pattern]}>"
            raise _ExpectedError(self.text, expected, "<none>", self.index)
        return self._consume(match)

    def _consume(self, match: re.Match[str]) -> str:
        start, end = match.span()
        consumed = self.text[self.index + start : self.index + end]
        self.index += end - start
        return consumed

    def _current(self) -> str | None:
        return self.text[self.index] if self.index < len(self.text) else None

    def _at_eof(self) -> bool:
        return self.index >= len(self.text)

    def _backtrack_to(self, char: str) -> None:
        while self.index >= 0 and self.text[self.index] != char:
            self.index -= 1

    def _consume_whitespace(self) -> None:
        while (current := self._current()) is not None and current in string.whitespace:
            self.index += 1
