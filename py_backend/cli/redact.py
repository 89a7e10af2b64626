"""Keeping secrets out of ``--debug`` output and error messages: the command line's syntax.

Secrets are the models' secret members (:mod:`py_backend.redaction`). Here they are masked in
the arguments the debug log repeats and in the input a parse error quotes back. Masks keep the
text's length and structure, so the ``^`` of a shorthand error still points at the right place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from py_backend.cli.commands import SERVICES
from py_backend.redaction import MASK

_MASK_CHAR = "*"
#: Options whose value is, or may hold, a secret.
SECRET_OPTIONS = frozenset(
    {"--cli-input-json"}
    | {
        "--" + member.cli_name
        for service in SERVICES.values()
        for op in service.operations
        for member in op.input.members
        if member.carries_secrets
    }
)
#: Options whose value is a document to mask member by member rather than whole.
_DOCUMENT_OPTIONS = frozenset({"--cli-input-json", "--token-input"})


def redact_argv(argv: Sequence[str]) -> list[str]:
    """The command line with the values of secret options masked."""
    out: list[str] = []
    pending: str | None = None
    for token in argv:
        if pending is not None and not token.startswith("--"):
            out.append(_mask_option_value(pending, token))
            pending = None
            continue
        # An option right after a secret option is an option, not its value: argparse
        # reads "--refresh-token --client-secret S" so, and S is the secret.
        pending = None
        option, equals, value = token.partition("=")
        secret = _secret_option(option) if token.startswith("--") else None
        if secret and equals:
            out.append(f"{option}={_mask_option_value(secret, value)}")
        else:
            out.append(token)
            pending = secret
    return out


def redact_stray(argv: Sequence[str], stray: Sequence[str]) -> list[str]:
    """``stray`` (the words of ``argv`` no parser took, in argparse's order, which moves
    values after the options) with the values of secret options masked as in ``argv``."""
    masked = {
        word: shown for word, shown in zip(argv, redact_argv(argv), strict=True) if word != shown
    }
    return [masked.get(word, word) for word in stray]


def _secret_option(option: str) -> str | None:
    # argparse accepts any unambiguous prefix of an option name (--client-sec).
    if option in SECRET_OPTIONS:
        return option
    if len(option) > 3:
        return next((name for name in sorted(SECRET_OPTIONS) if name.startswith(option)), None)
    return None


def _mask_option_value(option: str, value: str) -> str:
    if option not in _DOCUMENT_OPTIONS:
        return MASK
    if value.startswith(("file://", "fileb://")):
        return value
    return mask_document(value)


def mask_document(text: str) -> str:
    """Mask the values of a JSON or shorthand document, keeping keys and punctuation."""
    return mask_json(text) if text.lstrip().startswith(("{", "[")) else mask_shorthand(text)


def mask_quoted(message: str, text: str) -> str:
    """``message`` with every line of the quoted input ``text`` masked where it appears."""
    masked = mask_document(text)
    for line, masked_line in zip(text.split("\n"), masked.split("\n"), strict=True):
        if line and line != masked_line:
            message = message.replace(line, masked_line)
    return message


_SHORTHAND_KEY = re.compile(r"(?:^|(?<=[,{]))\s*([A-Za-z0-9\-_.#/:]+)(?=\s*@?=)")
_SHORTHAND_PUNCTUATION = frozenset("=,[]{}'\"@")


def mask_shorthand(text: str) -> str:
    """``a=secret,b=[x,y]`` -> ``a=******,b=[*,*]``: keys and punctuation stay."""
    keep = [False] * len(text)
    for match in _SHORTHAND_KEY.finditer(text):
        for i in range(*match.span(1)):
            keep[i] = True
    return "".join(
        char if keep[i] or char in _SHORTHAND_PUNCTUATION or char.isspace() else _MASK_CHAR
        for i, char in enumerate(text)
    )


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"(\s*:)?')


def mask_json(text: str) -> str:
    """Mask every JSON string that is not a key: ``{"a": "s"}`` -> ``{"a": "*"}``."""

    def mask(match: re.Match[str]) -> str:
        if match.group(1):
            return match.group(0)
        literal = match.group(0)
        return '"' + re.sub(r"[^\s]", _MASK_CHAR, literal[1:-1]) + '"'

    return _JSON_STRING.sub(mask, text)
