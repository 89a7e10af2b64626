"""The RPC methods' params, read without pydantic: strict, extra members ignored, problems named."""

from __future__ import annotations

from typing import Any

import pytest

from py_backend.rpc.params import (
    CancelParams,
    DescribeParams,
    InitializeParams,
    InvokeParams,
    ParamProblem,
    ShutdownParams,
)


def problems(model: Any, params: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(ParamProblem) as caught:
        model.from_json(params)
    result: list[tuple[str, str]] = caught.value.problems
    return result


def test_members_are_read_under_their_wire_names_and_unknown_ones_ignored() -> None:
    params = InitializeParams.from_json(
        {"protocolVersion": "1.0", "clientInfo": {"name": "m"}, "extra": 1}
    )
    assert params == InitializeParams(protocol_version="1.0", client_info={"name": "m"})
    assert ShutdownParams.from_json({"anything": True}) == ShutdownParams()


def test_optional_members_take_null_as_not_given() -> None:
    assert DescribeParams.from_json({"cmdlet": None}).cmdlet is None
    invoke = InvokeParams.from_json({"cmdlet": "X", "context": None})
    assert invoke.context is None
    assert invoke.parameters == {}


@pytest.mark.parametrize(
    ("model", "params", "expected"),
    [
        (InitializeParams, {}, [("protocolVersion", "Field required")]),
        (
            InitializeParams,
            {"protocolVersion": None},
            [("protocolVersion", "Input should be a valid string")],
        ),
        (
            InitializeParams,
            {"protocolVersion": 1},
            [("protocolVersion", "Input should be a valid string")],
        ),
        (DescribeParams, {"cmdlet": ["x"]}, [("cmdlet", "Input should be a valid string")]),
        (
            InvokeParams,
            {"parameters": None},
            [
                ("cmdlet", "Field required"),
                ("parameters", "Input should be a valid dictionary"),
            ],
        ),
        (
            InvokeParams,
            {"cmdlet": "X", "context": []},
            [("context", "Input should be a valid dictionary")],
        ),
        (CancelParams, {"id": True}, [("id", "Input should be a valid integer or string")]),
        (CancelParams, {"id": 1.5}, [("id", "Input should be a valid integer or string")]),
    ],
)
def test_each_bad_member_is_named_without_its_value(
    model: Any, params: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    assert problems(model, params) == expected


def test_no_coercion() -> None:
    assert problems(CancelParams, {"id": None}) == [
        ("id", "Input should be a valid integer or string")
    ]
    assert CancelParams.from_json({"id": "7"}).id == "7"
    assert CancelParams.from_json({"id": 7}).id == 7
