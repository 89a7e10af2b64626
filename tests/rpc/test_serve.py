"""serve() on in-memory streams and pipes: the stream level of the protocol, in-process."""

from __future__ import annotations

import io
import json
import os
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from py_backend.rpc.dispatcher import Dispatcher
from py_backend.rpc.server import serve
from tests.rpc.fakes import FakeLayer

WAIT = 30.0


@pytest.fixture
def layer() -> Iterator[FakeLayer]:
    fake = FakeLayer()
    yield fake
    fake.release.set()


def run(layer: FakeLayer, data: bytes) -> tuple[int, bytes]:
    out = io.BytesIO()
    code = serve(io.BytesIO(data), out, backend=layer.backend())
    return code, out.getvalue()


def request(request_id: Any, method: str, params: Any = None) -> bytes:
    message = {"jsonrpc": "2.0", "id": request_id, "method": method}
    if params is not None:
        message["params"] = params
    return json.dumps(message).encode() + b"\n"


def messages(out: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


def test_output_lines_are_compact_ascii_json_without_bom(layer: FakeLayer) -> None:
    code, out = run(
        layer, request(1, "initialize", {"protocolVersion": "1.0"}) + request(2, "describe")
    )
    assert code == 0
    lines = out.split(b"\n")
    assert lines[-1] == b""  # every line, the last included, ends with \n
    for raw in lines[:-1]:
        assert raw.isascii()
        assert not raw.startswith(b"\xef\xbb\xbf")
        assert raw == json.dumps(json.loads(raw), separators=(",", ":")).encode()
    assert [m["id"] for m in messages(out)] == [1, 2]


def test_an_unknown_method_gets_exactly_these_bytes(layer: FakeLayer) -> None:
    _, out = run(layer, request(3, "nope"))
    assert out == (
        b'{"jsonrpc":"2.0","id":3,"error":{"code":-32601,"message":"Method not found: \'nope\'"}}\n'
    )


def test_shutdown_is_answered_null_and_nothing_after_it_is_read(layer: FakeLayer) -> None:
    code, out = run(layer, request(1, "shutdown") + request(2, "describe"))
    assert code == 0
    assert out == b'{"jsonrpc":"2.0","id":1,"result":null}\n'


MALFORMED: list[tuple[str, bytes, int]] = [
    ("invalid JSON", b'{"jsonrpc":"2.0","id":1,"method":\n', -32700),
    (
        "invalid UTF-8",
        b'{"jsonrpc":"2.0","id":1,"method":"describe","params":{"x":"\xc3\x28"}}\n',
        -32700,
    ),
    ("a batch", b'[{"jsonrpc":"2.0","id":1,"method":"describe"}]\n', -32600),
    ("a number", b"17\n", -32600),
    ("an id of the wrong type", b'{"jsonrpc":"2.0","id":[1],"method":"describe"}\n', -32600),
    ("no jsonrpc member", b'{"id":1,"method":"describe"}\n', -32600),
    ("a method that is not a string", b'{"jsonrpc":"2.0","id":1,"method":5}\n', -32600),
    (
        "params that are not an object",
        b'{"jsonrpc":"2.0","id":1,"method":"describe","params":[]}\n',
        -32602,
    ),
    ("a params member of the wrong type", request(1, "describe", {"cmdlet": 5}), -32602),
    ("an unknown method", request(1, "nope"), -32601),
    ("a line over 1 MiB", b'{"x":"' + b"a" * (2 * 1024 * 1024) + b'"}\n', -32600),
]


@pytest.mark.parametrize(("case", "data", "code"), MALFORMED, ids=[c[0] for c in MALFORMED])
def test_each_bad_line_gets_one_error_and_the_server_stays_up(
    layer: FakeLayer, case: str, data: bytes, code: int
) -> None:
    exit_code, out = run(layer, data + request("alive", "describe"))
    answers = messages(out)
    assert exit_code == 0
    assert len(answers) == 2
    assert answers[0]["error"]["code"] == code
    assert answers[1]["id"] == "alive" and "result" in answers[1]


def test_a_notification_without_id_gets_no_answer(layer: FakeLayer) -> None:
    _, out = run(layer, b'{"jsonrpc":"2.0","method":"describe"}\n' + request("alive", "describe"))
    assert [m["id"] for m in messages(out)] == ["alive"]


def test_crlf_and_a_leading_bom_are_accepted(layer: FakeLayer) -> None:
    data = b"\xef\xbb\xbf" + request(1, "describe").replace(b"\n", b"\r\n") + request(2, "describe")
    _, out = run(layer, data)
    assert [("result" in m, m["id"]) for m in messages(out)] == [(True, 1), (True, 2)]


def test_a_partial_line_at_the_end_is_answered_then_the_server_exits(layer: FakeLayer) -> None:
    code, out = run(layer, request(1, "describe") + b'{"jsonrpc":"2.0","id":2,"method":"describe"}')
    answers = messages(out)
    assert code == 0
    assert answers[0]["id"] == 1
    assert answers[1] == {
        "jsonrpc": "2.0",
        "id": None,
        "error": {"code": -32700, "message": answers[1]["error"]["message"]},
    }


def test_a_thousand_pipelined_requests_each_get_an_answer(layer: FakeLayer) -> None:
    data = b"".join(
        request(n, "invoke", {"cmdlet": "Get-Echo"}) if n % 2 else request(n, "describe")
        for n in range(1000)
    )
    _, out = run(layer, data + request("last", "describe"))
    answered = [m["id"] for m in messages(out)]
    assert all("result" in m for m in messages(out))
    assert sorted(answered, key=str) == sorted([*range(1000), "last"], key=str)


def test_the_end_of_input_waits_for_requests_in_flight(layer: FakeLayer) -> None:
    read_end, write_end = os.pipe()
    out = io.BytesIO()
    with os.fdopen(read_end, "rb") as instream:
        server = threading.Thread(
            target=serve, args=(instream, out), kwargs={"backend": layer.backend()}
        )
        server.start()
        with os.fdopen(write_end, "wb") as writer:
            writer.write(request("slow", "invoke", {"cmdlet": "Wait-Gate"}))
        assert layer.started.acquire(timeout=WAIT)  # the input has ended; the call still runs
        server.join(0.2)
        assert server.is_alive()  # ...and serve() is waiting for it
        layer.release.set()
        server.join(WAIT)
    assert messages(out.getvalue())[-1]["result"] == {"items": ["released"]}


def test_the_server_stops_when_its_output_is_gone(layer: FakeLayer) -> None:
    out = io.BytesIO()
    out.close()
    assert serve(io.BytesIO(request(1, "describe") * 3), out, backend=layer.backend()) == 1


def test_printing_in_a_cmdlet_never_reaches_the_protocol_stream(
    layer: FakeLayer, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out = run(layer, request(1, "invoke", {"cmdlet": "Write-Print"}))
    assert messages(out) == [{"jsonrpc": "2.0", "id": 1, "result": {"items": ["printed"]}}]
    assert "noise from print" in capsys.readouterr().out  # it went to sys.stdout, not to `out`


def test_a_given_dispatcher_is_used(layer: FakeLayer) -> None:
    dispatcher = Dispatcher(backend=layer.backend())
    out = io.BytesIO()
    serve(io.BytesIO(request(1, "shutdown")), out, dispatcher=dispatcher)
    assert dispatcher.stopped
