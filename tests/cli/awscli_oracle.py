"""Run pieces of the AWS CLI v1 on many inputs at once: ``python awscli_oracle.py < job.json``.

A separate process, because importing ``awscli`` replaces ``botocore`` with the copy the
AWS CLI carries. The job is ``{"kind": "shorthand"|"text"|"table", "inputs": [...]}``;
the answer is one ``{"out": ..., "error": <exception type or null>}`` per input.
"""

from __future__ import annotations

import io
import json
import sys
from types import SimpleNamespace
from typing import Any


def _shorthand(value: str) -> Any:
    from awscli.shorthand import ShorthandParser

    return ShorthandParser().parse(value)


def _formatted(kind: str, data: Any) -> str:
    import jmespath
    from awscli.formatter import TableFormatter, TextFormatter

    # Responses are dicts; anything else reaches a formatter through --query.
    args = SimpleNamespace(query=jmespath.compile("v"), color="off")
    stream = io.StringIO()
    formatter = TableFormatter(args) if kind == "table" else TextFormatter(args)
    formatter("Operation", {"v": data}, stream)
    return stream.getvalue()


def main() -> None:
    job = json.load(sys.stdin)
    answers = []
    for item in job["inputs"]:
        try:
            kind = job["kind"]
            out = _shorthand(item) if kind == "shorthand" else _formatted(kind, item)
            answers.append({"out": out, "error": None})
        except Exception as error:
            answers.append({"out": str(error), "error": type(error).__name__})
    json.dump(answers, sys.stdout)


if __name__ == "__main__":
    main()
