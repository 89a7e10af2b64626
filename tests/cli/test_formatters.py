"""``--output text`` and ``--output table`` against the AWS CLI's own formatters.

Hundreds of generated documents (nested dicts and lists, wide and accented characters,
empty values, mixed lists) are formatted by this project and by the AWS CLI v1's code; the
text must be identical, and so must the failures on shapes the AWS CLI cannot format.
"""

from __future__ import annotations

import io
import json
import random
from typing import Any

import jmespath
import pytest

from py_backend.cli.output import write_output
from tests.cli.oracle import ask_awscli

#: The oracle wraps each document as {"v": document} and selects it back with --query v.
QUERY = jmespath.compile("v")

pytestmark = pytest.mark.awscli

_WORDS = [
    "",
    "a",
    "Bearer",
    "eyJhbGciOi.x.y",
    "日本語トークン",
    "é",
    "x" * 90,
    "two words",
    "tab\tin",
]
_KEYS = ["accessToken", "b", "Z", "scope", "日本", "expiresIn", "item", "k" * 30]


def _scalar(rng: random.Random) -> Any:
    return rng.choice([rng.choice(_WORDS), rng.randint(-5, 10**6), True, False, None, 1.5])


def _document(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth >= 3 or roll < 0.3:
        return _scalar(rng)
    if roll < 0.65:
        return {rng.choice(_KEYS): _document(rng, depth + 1) for _ in range(rng.randint(0, 5))}
    if roll < 0.8:
        # A list of dicts sharing some keys, as list members of responses do.
        return [
            {rng.choice(_KEYS[:4]): _document(rng, depth + 2) for _ in range(rng.randint(1, 3))}
            for _ in range(rng.randint(1, 3))
        ]
    return [_document(rng, depth + 1) for _ in range(rng.randint(0, 4))]


def _documents(count: int) -> list[Any]:
    rng = random.Random(20261123)
    documents: list[Any] = [
        {"accessToken": "aoa", "tokenType": "Bearer", "expiresIn": 28800, "scope": ["a", "b"]},
        {"tokenOutput": {"accessToken": {"accessKeyId": "ASIA"}, "expiresIn": 900}},
        {"awsAdditionalDetails": {"identityContext": "c"}, "scope": []},
    ]
    while len(documents) < count:
        documents.append({k: _document(rng) for k in rng.sample(_KEYS, rng.randint(1, 5))})
        documents.append(_document(rng))
    return documents


def _ours(kind: str, data: Any) -> dict[str, Any]:
    stream = io.StringIO()
    try:
        write_output(
            kind, "Operation", {"v": data}, query=QUERY, color="off", stream=stream, width=80
        )
    except Exception as error:
        return {"out": str(error), "error": type(error).__name__}
    return {"out": stream.getvalue(), "error": None}


@pytest.mark.parametrize("kind", ["text", "table"])
def test_same_as_aws_cli_formatter(kind: str) -> None:
    documents = _documents(400)
    expected = ask_awscli(kind, documents)
    mismatches = [
        (json.dumps(document, ensure_ascii=False), ours, theirs)
        for document, theirs in zip(documents, expected, strict=True)
        if (ours := _ours(kind, document)) != theirs
    ]
    assert not mismatches, mismatches[:3]
    # The generated documents do exercise the formatter (not just its failure paths).
    assert sum(1 for answer in expected if answer["error"] is None) > 250


def test_json_output_is_indented_and_keeps_unicode() -> None:
    stream = io.StringIO()
    write_output("json", "Op", {"a": "日本", "b": [1, None]}, stream=stream)
    assert (
        stream.getvalue() == '{\n    "a": "日本",\n    "b": [\n        1,\n        null\n    ]\n}\n'
    )


def test_json_output_prints_nothing_for_an_empty_response() -> None:
    stream = io.StringIO()
    write_output("json", "Op", {}, stream=stream)
    assert stream.getvalue() == ""


def test_unknown_output_type_is_refused_with_the_aws_cli_message() -> None:
    with pytest.raises(ValueError, match=r"^Unknown output type: yaml$"):
        write_output("yaml", "Op", {"a": 1}, stream=io.StringIO())


def test_colored_table_resets_after_every_write() -> None:
    stream = io.StringIO()
    write_output("table", "Op", {"a": "b"}, color="on", stream=stream, width=80)
    lines = stream.getvalue().split("\n")
    assert lines[0] == "-" * 12
    assert lines[1] == "\x1b[0m\x1b[0m|    Op    |\x1b[0m\x1b[0m"
    assert "\x1b[1m\x1b[34ma\x1b[0m" in lines[3]


def test_a_table_repr_shows_no_cell() -> None:
    from py_backend.cli.output.table import MultiTable

    table = MultiTable(80)
    table.new_section("CreateToken")
    table.current.add_header(["accessToken", "clientSecret"])
    table.current.add_row(["aoa-SECRET-TOKEN", "SECRET-CLIENT"])
    shown = repr(table) + repr(table.current)
    assert "CreateToken" in shown
    assert "SECRET" not in shown
