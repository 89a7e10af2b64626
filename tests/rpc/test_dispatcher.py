"""The dispatcher in-process (the pythonnet entry point), with a fake cmdlet layer."""

from __future__ import annotations

import json
import logging
import platform
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import py_backend
from py_backend.rpc import dispatcher as dispatcher_module
from py_backend.rpc.dispatcher import Dispatcher
from py_backend.rpc.protocol import encode, notification
from py_backend.transport import use_http_transport
from tests.rpc.fakes import PLANTED_SECRET, FakeLayer

WAIT = 30.0


@pytest.fixture
def layer() -> Iterator[FakeLayer]:
    fake = FakeLayer()
    yield fake
    fake.release.set()  # never leave a worker blocked


@pytest.fixture
def dispatcher(layer: FakeLayer) -> Dispatcher:
    return Dispatcher(backend=layer.backend(), shutdown_timeout=WAIT)


def line(method: str, params: Any = None, request_id: Any = 1) -> bytes:
    message: dict[str, Any] = {"jsonrpc": "2.0", "method": method}
    if request_id is not None:
        message["id"] = request_id
    if params is not None:
        message["params"] = params
    return json.dumps(message).encode()


class Collector:
    """An ``emit`` that keeps every line and can wait for answers."""

    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []
        self._changed = threading.Condition()

    def __call__(self, out: bytes) -> None:
        assert out.endswith(b"\n") and out.count(b"\n") == 1
        with self._changed:
            self.messages.append(json.loads(out))
            self._changed.notify_all()

    def answer(self, request_id: Any) -> dict[str, Any]:
        with self._changed:
            assert self._changed.wait_for(lambda: self._answers(request_id), WAIT)
            return self._answers(request_id)[0]

    def _answers(self, request_id: Any) -> list[dict[str, Any]]:
        return [m for m in self.messages if "method" not in m and m.get("id") == request_id]


def call(dispatcher: Dispatcher, raw: bytes, notes: list[bytes] | None = None) -> dict[str, Any]:
    answers = dispatcher.call(raw, notes.append if notes is not None else None, timeout=WAIT)
    assert len(answers) == 1
    answer: dict[str, Any] = json.loads(answers[0])
    return answer


def result(dispatcher: Dispatcher, method: str, params: Any = None) -> Any:
    answer = call(dispatcher, line(method, params))
    assert "error" not in answer, answer
    return answer["result"]


def error(dispatcher: Dispatcher, method: str, params: Any = None) -> Any:
    answer = call(dispatcher, line(method, params))
    assert "result" not in answer, answer
    return answer["error"]


# --- initialize and describe --------------------------------------------------------------


def test_initialize_reports_versions_cmdlets_and_capabilities(dispatcher: Dispatcher) -> None:
    answer = result(
        dispatcher, "initialize", {"protocolVersion": "1.0", "clientInfo": {"name": "t"}}
    )
    assert answer["protocolVersion"] == "1.0"
    assert answer["serverVersion"] == py_backend.__version__
    assert answer["pythonVersion"] == platform.python_version()
    assert "Get-Echo" in answer["cmdlets"] and "Wait-Gate" in answer["cmdlets"]
    assert answer["capabilities"] == {"cancel": True, "progress": True}


def test_initialize_accepts_a_newer_minor_version(dispatcher: Dispatcher) -> None:
    assert result(dispatcher, "initialize", {"protocolVersion": "1.7"})["protocolVersion"] == "1.0"


def test_initialize_refuses_another_major_version_and_says_what_to_do(
    dispatcher: Dispatcher,
) -> None:
    problem = error(dispatcher, "initialize", {"protocolVersion": "2.0"})
    assert problem["code"] == -32002
    assert "1.0" in problem["message"] and "2.0" in problem["message"]
    assert "upgrade" in problem["message"].lower()
    assert problem["data"]["supportedVersions"] == ["1.0"]


@pytest.mark.parametrize("params", [{}, {"protocolVersion": 1}, {"protocolVersion": "one"}])
def test_initialize_without_a_usable_version_names_the_field(
    dispatcher: Dispatcher, params: dict[str, Any]
) -> None:
    problem = error(dispatcher, "initialize", params)
    assert problem["code"] == -32602
    assert [e["field"] for e in problem["data"]["errors"]] == ["protocolVersion"]


def test_describe_lists_every_cmdlet_or_one(dispatcher: Dispatcher, layer: FakeLayer) -> None:
    assert result(dispatcher, "describe") == {"cmdlets": layer.describe()}
    one = result(dispatcher, "describe", {"cmdlet": "Wait-Gate"})
    assert [spec["name"] for spec in one["cmdlets"]] == ["Wait-Gate"]


def test_describe_of_an_unknown_cmdlet_names_the_field(dispatcher: Dispatcher) -> None:
    problem = error(dispatcher, "describe", {"cmdlet": "Get-Nothing"})
    assert problem["code"] == -32602
    assert problem["data"]["errors"][0]["field"] == "cmdlet"


# --- invoke -------------------------------------------------------------------------------


def test_invoke_returns_the_items(dispatcher: Dispatcher) -> None:
    params = {"cmdlet": "Get-Echo", "parameters": {"ClientId": "c", "Select": "*"}}
    assert result(dispatcher, "invoke", params) == {
        "items": [{"$type": "Fake.Echo", "Names": ["ClientId", "Select"]}]
    }


def test_the_context_and_transport_reach_the_cmdlet(layer: FakeLayer) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200))
    dispatcher = Dispatcher(backend=layer.backend(), http_transport=transport)
    context = {"storedRegion": "eu-west-1"}
    result(dispatcher, "invoke", {"cmdlet": "Get-Echo", "context": context})
    assert layer.shells_seen[-1].data == context
    assert layer.transports_seen[-1] is transport


def test_without_a_transport_the_cmdlet_has_the_network(layer: FakeLayer) -> None:
    with use_http_transport(httpx.MockTransport(lambda request: httpx.Response(500))):
        # Set here, in the test's thread: the dispatcher's worker must not see it.
        result(Dispatcher(backend=layer.backend()), "invoke", {"cmdlet": "Get-Echo"})
    assert layer.transports_seen == [None]


def test_log_and_progress_are_notifications_before_the_answer(dispatcher: Dispatcher) -> None:
    emitted = Collector()
    dispatcher.handle_line(line("invoke", {"cmdlet": "Write-Chatty"}, request_id="r1"), emitted)
    assert emitted.answer("r1")["result"] == {"items": [1, 2]}
    assert emitted.messages == [
        {
            "jsonrpc": "2.0",
            "method": "$/log",
            "params": {"id": "r1", "level": "verbose", "message": "step one"},
        },
        {
            "jsonrpc": "2.0",
            "method": "$/progress",
            "params": {"id": "r1", "activity": "Fake", "status": "half", "percentComplete": 50},
        },
        {
            "jsonrpc": "2.0",
            "method": "$/log",
            "params": {"id": "r1", "level": "warning", "message": "step two"},
        },
        emitted.answer("r1"),
    ]


def test_call_streams_notifications_through_the_callback(dispatcher: Dispatcher) -> None:
    notes: list[bytes] = []
    answer = call(dispatcher, line("invoke", {"cmdlet": "Write-Chatty"}), notes)
    assert answer["result"] == {"items": [1, 2]}
    assert [json.loads(n)["method"] for n in notes] == ["$/log", "$/progress", "$/log"]


def test_a_cmdlet_error_is_a_domain_error_with_its_data(dispatcher: Dispatcher) -> None:
    problem = error(dispatcher, "invoke", {"cmdlet": "Invoke-Fail"})
    assert problem["code"] == -32000
    assert problem["message"] == "Authorization is pending"
    assert problem["data"]["errorCode"] == "AuthorizationPendingException"
    assert set(problem["data"]) >= {"errorCode", "message", "exceptionType", "category", "errorId"}


def test_a_library_error_is_converted_by_the_cmdlet_layer(dispatcher: Dispatcher) -> None:
    problem = error(dispatcher, "invoke", {"cmdlet": "Invoke-LibraryError"})
    assert problem["code"] == -32000
    assert problem["data"]["errorCode"] == "NoRegionError"


def test_a_bug_is_an_internal_error_without_message_or_traceback(
    dispatcher: Dispatcher, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    problem = error(dispatcher, "invoke", {"cmdlet": "Invoke-Bug"})
    assert problem["code"] == -32603
    assert "RuntimeError" in problem["message"]
    assert PLANTED_SECRET not in json.dumps(problem)
    assert "Traceback" not in json.dumps(problem)
    assert PLANTED_SECRET not in caplog.text
    assert "RuntimeError" in caplog.text  # the log says what failed, and where


def test_a_result_json_cannot_carry_is_an_internal_error(dispatcher: Dispatcher) -> None:
    assert error(dispatcher, "invoke", {"cmdlet": "Get-Unserializable"})["code"] == -32603


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "cmdlet"),
        ({"cmdlet": 5}, "cmdlet"),
        ({"cmdlet": "Get-Nothing"}, "cmdlet"),
        ({"cmdlet": "Get-Echo", "parameters": [1]}, "parameters"),
        ({"cmdlet": "Get-Echo", "context": "x"}, "context"),
        ({"cmdlet": "Get-Echo", "context": {"storedRegion": 5}}, "context"),
    ],
)
def test_bad_invoke_params_name_the_field(
    dispatcher: Dispatcher, params: dict[str, Any], field: str
) -> None:
    problem = error(dispatcher, "invoke", params)
    assert problem["code"] == -32602
    assert [e["field"] for e in problem["data"]["errors"]] == [field]
    assert field in problem["message"]


def test_parameter_values_are_logged_only_when_not_secret(
    dispatcher: Dispatcher, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    parameters = {
        "ClientId": "visible-client-id",
        "ClientSecret": PLANTED_SECRET,
        "cs": PLANTED_SECRET + "-by-alias",
        "NotInTheSpec": PLANTED_SECRET + "-unknown",
    }
    result(dispatcher, "invoke", {"cmdlet": "Get-Echo", "parameters": parameters})
    assert "visible-client-id" in caplog.text
    assert "NotInTheSpec" in caplog.text
    assert PLANTED_SECRET not in caplog.text


# --- methods and notifications ------------------------------------------------------------


def test_an_unknown_method_is_method_not_found(dispatcher: Dispatcher) -> None:
    problem = error(dispatcher, "frobnicate")
    assert problem["code"] == -32601
    assert "frobnicate" in problem["message"]


@pytest.mark.parametrize("method", ["frobnicate", "describe", "invoke", "$/somethingElse"])
def test_notifications_get_no_answer(dispatcher: Dispatcher, layer: FakeLayer, method: str) -> None:
    emitted = Collector()
    dispatcher.handle_line(line(method, {"cmdlet": "Get-Echo"}, request_id=None), emitted)
    assert dispatcher.call(line("describe", request_id="after"), timeout=WAIT)
    assert emitted.messages == []
    assert layer.hooks_seen == []  # a request sent without id is not run


def test_a_host_may_pass_text_instead_of_bytes(dispatcher: Dispatcher) -> None:
    [answer] = dispatcher.call('{"jsonrpc":"2.0","id":"t","method":"describe"}', timeout=WAIT)
    assert json.loads(answer)["id"] == "t"
    [broken] = dispatcher.call('{"jsonrpc":"2.0","id":1,"method":"\ud800"}', timeout=WAIT)
    assert json.loads(broken)["error"]["code"] == -32700


def test_a_blank_line_is_ignored(dispatcher: Dispatcher) -> None:
    assert dispatcher.call(b"  \t", timeout=WAIT) == []


def test_a_line_over_the_limit_is_refused(layer: FakeLayer) -> None:
    small = Dispatcher(backend=layer.backend(), max_line_bytes=64)
    answer = call(small, line("describe", {"padding": "x" * 100}))
    assert answer["id"] is None
    assert answer["error"]["code"] == -32600
    assert "too large" in answer["error"]["message"].lower()


# --- concurrency, cancellation, shutdown --------------------------------------------------


def start_gate(
    dispatcher: Dispatcher, layer: FakeLayer, request_id: Any, emitted: Collector
) -> None:
    dispatcher.handle_line(line("invoke", {"cmdlet": "Wait-Gate"}, request_id), emitted)
    assert layer.started.acquire(timeout=WAIT)


def test_requests_in_flight_do_not_block_others(dispatcher: Dispatcher, layer: FakeLayer) -> None:
    emitted = Collector()
    start_gate(dispatcher, layer, "a", emitted)
    start_gate(dispatcher, layer, "b", emitted)  # both run at once
    assert result(dispatcher, "describe")  # answered while both wait
    layer.release.set()
    assert emitted.answer("a")["result"] == {"items": ["released"]}
    assert emitted.answer("b")["result"] == {"items": ["released"]}


def test_an_id_in_flight_cannot_be_reused(dispatcher: Dispatcher, layer: FakeLayer) -> None:
    emitted = Collector()
    start_gate(dispatcher, layer, 9, emitted)
    dispatcher.handle_line(line("invoke", {"cmdlet": "Get-Echo"}, 9), emitted)
    assert emitted.answer(9)["error"]["code"] == -32600
    layer.release.set()
    with emitted._changed:
        assert emitted._changed.wait_for(lambda: len(emitted._answers(9)) == 2, WAIT)
    assert emitted._answers(9)[1]["result"] == {"items": ["released"]}


def test_cancel_answers_at_once_and_silences_the_request(
    dispatcher: Dispatcher, layer: FakeLayer
) -> None:
    emitted = Collector()
    start_gate(dispatcher, layer, 4, emitted)
    dispatcher.handle_line(line("$/cancelRequest", {"id": 4}, request_id=None), emitted)
    assert emitted.answer(4)["error"] == {"code": -32800, "message": "Request cancelled"}
    assert layer.hooks_seen[-1].cancelled.is_set()
    # The cmdlet noticed, logged and returned; neither reaches the client.
    assert result(dispatcher, "describe")
    assert [m for m in emitted.messages if m.get("params", {}).get("id") == 4] == []
    assert len(emitted._answers(4)) == 1


def test_cancel_through_call_unblocks_the_waiting_caller(
    dispatcher: Dispatcher, layer: FakeLayer
) -> None:
    answers: list[list[bytes]] = []
    waiter = threading.Thread(
        target=lambda: answers.append(
            dispatcher.call(line("invoke", {"cmdlet": "Wait-Cancel"}, "w"), timeout=WAIT)
        )
    )
    waiter.start()
    assert layer.started.acquire(timeout=WAIT)
    assert dispatcher.call(line("$/cancelRequest", {"id": "w"}, request_id=None)) == []
    waiter.join(WAIT)
    assert json.loads(answers[0][0])["error"]["code"] == -32800


def test_cancel_sent_as_a_request_is_answered_null(dispatcher: Dispatcher) -> None:
    assert result(dispatcher, "$/cancelRequest", {"id": "nothing-in-flight"}) is None


def test_a_cancel_for_an_unknown_id_changes_nothing(dispatcher: Dispatcher) -> None:
    emitted = Collector()
    dispatcher.handle_line(line("$/cancelRequest", {"id": 12345}, request_id=None), emitted)
    dispatcher.handle_line(line("$/cancelRequest", {"id": [1]}, request_id=None), emitted)
    assert emitted.messages == []


def wait_until_closing(dispatcher: Dispatcher) -> None:
    """Return once the dispatcher refuses new requests (shutdown has begun)."""
    for _ in range(3000):
        if call(dispatcher, line("describe")).get("error", {}).get("code") == -32001:
            return
        threading.Event().wait(0.01)
    raise AssertionError("shutdown never began")


def test_shutdown_waits_for_requests_in_flight(dispatcher: Dispatcher, layer: FakeLayer) -> None:
    emitted = Collector()
    start_gate(dispatcher, layer, "slow", emitted)
    shutdown = threading.Thread(
        target=dispatcher.handle_line, args=(line("shutdown", None, "s"), emitted)
    )
    shutdown.start()
    wait_until_closing(dispatcher)
    assert emitted._answers("s") == []  # still waiting for "slow"
    layer.release.set()
    assert emitted.answer("s") == {"jsonrpc": "2.0", "id": "s", "result": None}
    order = [m.get("id") for m in emitted.messages]
    assert order.index("slow") < order.index("s")
    assert emitted.answer("slow")["result"] == {"items": ["released"]}
    shutdown.join(WAIT)
    assert dispatcher.stopped


def test_shutdown_cancels_what_does_not_finish_in_time(layer: FakeLayer) -> None:
    dispatcher = Dispatcher(backend=layer.backend(), shutdown_timeout=0.05)
    emitted = Collector()
    start_gate(dispatcher, layer, "stuck", emitted)
    dispatcher.handle_line(line("shutdown", None, "s"), emitted)
    stuck = emitted.answer("stuck")["error"]
    assert stuck["code"] == -32800
    assert "shutting down" in stuck["message"]
    assert emitted.answer("s")["result"] is None


def test_requests_after_shutdown_are_refused(dispatcher: Dispatcher) -> None:
    assert result(dispatcher, "shutdown") is None
    problem = error(dispatcher, "describe")
    assert problem["code"] == -32001
    assert result(dispatcher, "shutdown") is None  # a second shutdown is harmless


def test_notification_lines_are_the_protocol_encoders_bytes(dispatcher: Dispatcher) -> None:
    """The module skips unwanted $/log lines by their exact prefix: the dispatcher's own
    encoding of notifications must stay byte for byte what ``encode`` writes."""
    raw: list[bytes] = []
    answer = call(dispatcher, line("invoke", {"cmdlet": "Write-Chatty"}, request_id=7), raw)
    assert answer["result"] == {"items": [1, 2]}
    expected = [
        notification("$/log", {"id": 7, "level": "verbose", "message": "step one"}),
        notification(
            "$/progress", {"id": 7, "activity": "Fake", "status": "half", "percentComplete": 50}
        ),
        notification("$/log", {"id": 7, "level": "warning", "message": "step two"}),
    ]
    assert raw == [encode(message) for message in expected]
    assert raw[0].startswith(
        b'{"jsonrpc":"2.0","method":"$/log","params":{"id":7,"level":"verbose",'
    )


def test_a_call_without_a_listener_builds_no_notification(
    dispatcher: Dispatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    encoded: list[Any] = []
    real = encode

    def counting(message: Any) -> bytes:
        if "method" in message:  # a notification (the answer is encoded too)
            encoded.append(message)
        return real(message)

    monkeypatch.setattr(dispatcher_module, "encode", counting)
    assert call(dispatcher, line("invoke", {"cmdlet": "Write-Chatty"}))["result"] == {
        "items": [1, 2]
    }
    assert encoded == []  # nobody listens: nothing was built
    notes: list[bytes] = []
    call(dispatcher, line("invoke", {"cmdlet": "Write-Chatty"}, request_id=2), notes)
    assert len(encoded) == len(notes) == 3
