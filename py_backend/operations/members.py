"""Write ``py_backend/service_members.json``: every operation's members, as plain data.

The models are the one statement of each service (:func:`py_backend.models._members.shape_of`
reads them). The command line and redaction, which must start without pydantic, read this
generated copy (:mod:`py_backend.service_members`); ``tests/test_service_members.py`` fails
when it is stale. Run ``python -m py_backend.operations.members`` after changing a model.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from typing import Any

from py_backend.models._members import shape_of
from py_backend.operations import OPERATIONS, OperationSpec
from py_backend.service_members import DATA_FILE


def service_members() -> dict[str, dict[str, dict[str, Any]]]:
    """Each operation's documentation, Python method, whether it is signed, its input and output
    shapes (from its models) and its paginator."""
    return {
        service: {name: _operation(spec) for name, spec in operations.items()}
        for service, operations in OPERATIONS.items()
    }


def _operation(spec: OperationSpec) -> dict[str, Any]:
    data: dict[str, Any] = {
        "doc": spec.doc,
        "method": spec.python_name,
        "signed": spec.signed,
        "input": shape_of(spec.input_model),
        "output": shape_of(spec.output_model),
    }
    if spec.paginator is not None:
        data["paginator"] = dataclasses.asdict(spec.paginator)
    return data


def render() -> str:
    """The text of the data file: unset facts and Python names left out."""
    return json.dumps(_compact(service_members()), indent=1) + "\n"


def _compact(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            key: _compact(item)
            for key, item in value.items()
            if item is not None and key != "python" and item != []
        }
    if isinstance(value, list):
        return [_compact(item) for item in value]
    return value


def main() -> int:
    """Write the file; print where."""
    DATA_FILE.write_text(render(), encoding="utf-8")
    print(f"wrote {DATA_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
