"""The shorthand syntax (``--token-input a=b,c=d``) against the AWS CLI's own parser.

Generated inputs, well-formed and not, must parse to the same value or fail with the same
message (the message quotes the input and points at the problem with ``^``).
"""

from __future__ import annotations

import random

import pytest

from py_backend.cli.shorthand import ShorthandParseError, parse_shorthand
from tests.cli.oracle import ask_awscli

pytestmark = pytest.mark.awscli

_PIECES = [
    "a",
    "clientId",
    "b",
    "=",
    ",",
    "[",
    "]",
    "{",
    "}",
    "'",
    '"',
    "\\",
    "\\,",
    "@",
    " ",
    "\n",
]
_PIECES += ["x y", "é", "日本", "file://", ":", "/", "#", ".", "-"]


def _well_formed(rng: random.Random) -> str:
    pairs = []
    for key in rng.sample(
        ["clientId", "grantType", "code", "a.b", "k-1", "x:y"], rng.randint(1, 4)
    ):
        value = rng.choice(
            ["v", "arn:aws:signin:::devtools/same-device", "a,b", "'q,uo'", '"dq"', "[1,2]",
             "{n=m,o=[p]}", "", "sp ace", "esc\\,aped", "é"]
        )  # fmt: skip
        pairs.append(f"{key}={value}")
    return rng.choice([",", ", "]).join(pairs)


def _inputs() -> list[str]:
    rng = random.Random(7)
    inputs = ["a=b", "a=b,c", "a=b,c=d", "a=,b=", "clientId=a,,b", "x", "a=b,a=c", "=x", "a={"]
    while len(inputs) < 600:
        inputs.append(_well_formed(rng))
        inputs.append("".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 12))))
    return inputs


def _ours(value: str) -> dict[str, object]:
    try:
        return {"out": parse_shorthand(value), "error": None}
    except ShorthandParseError as error:
        return {"out": str(error), "error": "error"}


def test_same_as_aws_cli_shorthand_parser() -> None:
    inputs = _inputs()
    expected = ask_awscli("shorthand", inputs)
    mismatches = []
    for value, theirs in zip(inputs, expected, strict=True):
        ours = _ours(value)
        same_error = ours["error"] and theirs["error"] and ours["out"] == theirs["out"]
        if not same_error and ours != theirs:
            mismatches.append((value, ours, theirs))
    assert not mismatches, mismatches[:3]
    assert sum(1 for answer in expected if answer["error"] is None) > 250


def test_at_equals_reads_a_file(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "code.txt"
    path.write_text("from-file")
    assert parse_shorthand(f"code@=file://{path},other=file://{path}") == {
        "code": "from-file",
        "other": f"file://{path}",
    }
