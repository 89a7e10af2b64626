"""The JSON-RPC 2.0 envelope: decoding requests, encoding answers."""

from __future__ import annotations

import json

import pytest

from py_backend.rpc.protocol import (
    INVALID_PARAMS,
    INVALID_REQUEST,
    PARSE_ERROR,
    BadRequest,
    Request,
    RpcError,
    decode_request,
    encode,
    error_response,
    notification,
    response,
)


def bad(line: bytes) -> BadRequest:
    with pytest.raises(BadRequest) as caught:
        decode_request(line)
    return caught.value


def test_a_request_is_decoded() -> None:
    line = b'{"jsonrpc":"2.0","id":7,"method":"describe","params":{"cmdlet":"X"}}'
    assert decode_request(line) == Request("describe", {"cmdlet": "X"}, 7)


def test_a_message_without_id_is_a_notification() -> None:
    request = decode_request(b'{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}')
    assert request.is_notification
    assert request.params == {"id": 1}


@pytest.mark.parametrize("params", [b"", b',"params":null', b',"params":{}'])
def test_absent_or_null_params_are_an_empty_object(params: bytes) -> None:
    line = b'{"jsonrpc":"2.0","id":"a","method":"m"' + params + b"}"
    assert decode_request(line) == Request("m", {}, "a")


def test_a_leading_byte_order_mark_is_ignored() -> None:
    line = b'\xef\xbb\xbf{"jsonrpc":"2.0","id":1,"method":"m"}'
    assert decode_request(line).method == "m"


def test_non_ascii_text_is_read_as_utf8() -> None:
    line = '{"jsonrpc":"2.0","id":1,"method":"m","params":{"name":"Zoë ✓"}}'.encode()
    assert decode_request(line).params == {"name": "Zoë ✓"}


@pytest.mark.parametrize(
    "line",
    [
        b"\xff\xfe{}",  # not UTF-8
        b'{"jsonrpc":"2.0","id":1,"method":"m"',  # not JSON
        b'{"jsonrpc":"2.0","id":1,"method":"m","params":{"x":NaN}}',  # not JSON (RFC 8259)
        b"[" * 100_000,  # nested too deeply for a recursive parser
        b'{"jsonrpc":"2.0","id":' + b"9" * 5000 + b',"method":"m"}',  # an absurd integer
    ],
)
def test_what_is_not_json_is_a_parse_error_with_a_null_id(line: bytes) -> None:
    problem = bad(line)
    assert problem.error.rpc_code == PARSE_ERROR
    assert problem.request_id is None


@pytest.mark.parametrize(
    "line",
    [
        b"[]",
        b'[{"jsonrpc":"2.0","id":1,"method":"m"}]',
        b'"just a string"',
        b"42",
        b'{"jsonrpc":"2.0","id":true,"method":"m"}',
        b'{"jsonrpc":"2.0","id":1.5,"method":"m"}',
        b'{"jsonrpc":"2.0","id":null,"method":"m"}',
        b'{"jsonrpc":"2.0","id":{"a":1},"method":"m"}',
    ],
)
def test_what_is_not_a_request_is_invalid_with_a_null_id(line: bytes) -> None:
    problem = bad(line)
    assert problem.error.rpc_code == INVALID_REQUEST
    assert problem.request_id is None


@pytest.mark.parametrize(
    "line",
    [
        b'{"id":5,"method":"m"}',
        b'{"jsonrpc":"1.0","id":5,"method":"m"}',
        b'{"jsonrpc":2.0,"id":5,"method":"m"}',
        b'{"jsonrpc":"2.0","id":5}',
        b'{"jsonrpc":"2.0","id":5,"method":""}',
        b'{"jsonrpc":"2.0","id":5,"method":17}',
    ],
)
def test_an_invalid_request_with_a_valid_id_echoes_the_id(line: bytes) -> None:
    problem = bad(line)
    assert problem.error.rpc_code == INVALID_REQUEST
    assert problem.request_id == 5


@pytest.mark.parametrize("params", [b"[1,2]", b'"x"', b"3"])
def test_params_that_are_not_an_object_are_invalid_params(params: bytes) -> None:
    problem = bad(b'{"jsonrpc":"2.0","id":"r","method":"m","params":' + params + b"}")
    assert problem.error.rpc_code == INVALID_PARAMS
    assert problem.request_id == "r"
    assert problem.error.data == {"errors": [{"field": "params", "message": "must be an object"}]}


def test_a_response_is_one_compact_ascii_line() -> None:
    assert encode(response(1, None)) == b'{"jsonrpc":"2.0","id":1,"result":null}\n'
    assert encode(response("x", {"a": [1, 2]})) == (
        b'{"jsonrpc":"2.0","id":"x","result":{"a":[1,2]}}\n'
    )


def test_text_that_could_break_a_line_is_escaped() -> None:
    line = encode(response(1, "a\nb\u2028c\ud800é"))
    assert line.count(b"\n") == 1
    assert line.endswith(b"\n")
    assert line.isascii()
    assert json.loads(line)["result"] == "a\nb\u2028c\ud800é"


def test_values_json_cannot_carry_are_refused() -> None:
    with pytest.raises(ValueError):
        encode(response(1, float("nan")))
    with pytest.raises(TypeError):
        encode(response(1, object()))


def test_an_error_response_carries_code_message_and_data() -> None:
    error = RpcError(-32000, "it failed", {"errorCode": "X"})
    assert encode(error_response(None, error)) == (
        b'{"jsonrpc":"2.0","id":null,"error":{"code":-32000,"message":"it failed",'
        b'"data":{"errorCode":"X"}}}\n'
    )


def test_an_error_without_data_has_no_data_member() -> None:
    assert "data" not in RpcError(-32601, "Method not found").to_json()


def test_a_notification_has_no_id() -> None:
    assert encode(notification("$/log", {"id": 3, "level": "verbose", "message": "m"})) == (
        b'{"jsonrpc":"2.0","method":"$/log","params":{"id":3,"level":"verbose","message":"m"}}\n'
    )


def test_method_not_found_quotes_a_shortened_name() -> None:
    error = RpcError.method_not_found("x" * 1000)
    assert error.rpc_code == -32601
    assert len(error.message) < 200


def test_invalid_params_names_each_field() -> None:
    error = RpcError.invalid_params([("cmdlet", "Field required"), ("context", "bad")])
    assert error.rpc_code == INVALID_PARAMS
    assert "cmdlet" in error.message and "context" in error.message
    assert [e["field"] for e in error.data["errors"]] == ["cmdlet", "context"]
