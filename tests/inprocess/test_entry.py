"""The in-process entry point (``py_backend.rpc.inprocess``) in pure Python.

The same calls a pythonnet host makes, minus .NET: strings in, strings out, notifications
through a callback (``call``) or every line through one (``send``), the shared session.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from py_backend.emulator import EmulatorConfig, create_app
from py_backend.rpc import inprocess
from py_backend.rpc.dispatcher import Dispatcher
from py_backend.rpc.inprocess import InProcessSession
from py_backend.rpc.methods import PROTOCOL_VERSION
from tests.rpc.fakes import FakeLayer
from tests.support.peers import CLEAN_ENVIRON

WAIT = 30.0
EMULATOR_URL = "http://127.0.0.1:8123"  # never dialled: requests go to the WSGI transport
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"


@pytest.fixture
def layer() -> Iterator[FakeLayer]:
    fake = FakeLayer()
    yield fake
    fake.release.set()  # never leave a worker blocked


@pytest.fixture
def session(layer: FakeLayer) -> InProcessSession:
    return InProcessSession(Dispatcher(backend=layer.backend(), shutdown_timeout=WAIT))


def request(method: str, params: Any = None, request_id: Any = 1) -> str:
    message: dict[str, Any] = {"jsonrpc": "2.0", "method": method}
    if request_id is not None:
        message["id"] = request_id
    if params is not None:
        message["params"] = params
    return json.dumps(message)


def answer_of(session: InProcessSession, line: str, notes: list[str] | None = None) -> Any:
    answers = session.call(line, notes.append if notes is not None else None, timeout=WAIT)
    assert len(answers) == 1
    assert all(isinstance(a, str) for a in answers)
    return json.loads(answers[0])


# --- call ---------------------------------------------------------------------------------


def test_call_takes_and_returns_strings_without_terminators(session: InProcessSession) -> None:
    answers = session.call(request("describe", {"cmdlet": "Get-Echo"}), timeout=WAIT)
    assert len(answers) == 1
    assert isinstance(answers[0], str) and "\n" not in answers[0]
    assert json.loads(answers[0])["result"]["cmdlets"][0]["name"] == "Get-Echo"


def test_call_answers_as_the_dispatcher_does(session: InProcessSession, layer: FakeLayer) -> None:
    line = request("initialize", {"protocolVersion": PROTOCOL_VERSION})
    direct = Dispatcher(backend=layer.backend()).call(line.encode(), timeout=WAIT)
    assert [a.encode() + b"\n" for a in session.call(line, timeout=WAIT)] == direct


def test_call_streams_notifications_as_strings_before_the_answer(
    session: InProcessSession,
) -> None:
    notes: list[str] = []
    answer = answer_of(session, request("invoke", {"cmdlet": "Write-Chatty"}, "c1"), notes)
    assert answer["result"] == {"items": [1, 2]}
    messages = [json.loads(note) for note in notes]
    assert [m["method"] for m in messages] == ["$/log", "$/progress", "$/log"]
    assert {m["params"]["id"] for m in messages} == {"c1"}


def test_a_notification_is_not_answered(session: InProcessSession) -> None:
    assert session.call(request("describe", request_id=None), timeout=WAIT) == []


def test_a_failing_callback_does_not_fail_the_cmdlet(session: InProcessSession) -> None:
    def broken(line: str) -> None:
        raise RuntimeError("the host's bug")

    answers = session.call(request("invoke", {"cmdlet": "Write-Chatty"}), broken, timeout=WAIT)
    assert json.loads(answers[0])["result"] == {"items": [1, 2]}


def test_non_ascii_text_survives_and_a_lone_surrogate_is_a_parse_error(
    session: InProcessSession,
) -> None:
    params = {"cmdlet": "Get-Echo", "parameters": {"ClientId": "caf\u00e9 \u2603"}}
    assert "result" in answer_of(session, request("invoke", params))
    broken = '{"jsonrpc":"2.0","id":1,"method":"describe","params":{"x":"\ud800"}}'
    assert answer_of(session, broken)["error"]["code"] == -32700


def test_concurrent_calls_each_get_their_own_answer(session: InProcessSession) -> None:
    answers: dict[int, Any] = {}

    def one(n: int) -> None:
        params = {"cmdlet": "Get-Echo", "parameters": {f"P{n}": n}}
        answers[n] = answer_of(session, request("invoke", params, request_id=n))

    threads = [threading.Thread(target=one, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT)
    assert sorted(answers) == list(range(16))
    for n, answer in answers.items():
        assert answer["id"] == n
        assert answer["result"]["items"][0]["Names"] == [f"P{n}"]


# --- send ---------------------------------------------------------------------------------


class Lines:
    """An ``emit`` for :meth:`InProcessSession.send` that keeps the lines and can wait."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._changed = threading.Condition()

    def __call__(self, line: str) -> None:
        assert isinstance(line, str) and "\n" not in line
        with self._changed:
            self.lines.append(line)
            self._changed.notify_all()

    def answer(self, request_id: Any) -> Any:
        def find() -> Any:
            answers = [json.loads(x) for x in self.lines if json.loads(x).get("id") == request_id]
            return answers[0] if answers else None

        with self._changed:
            assert self._changed.wait_for(lambda: find() is not None, WAIT)
            return find()


def test_send_hands_every_line_to_emit_notifications_first(session: InProcessSession) -> None:
    emitted = Lines()
    session.send(request("invoke", {"cmdlet": "Write-Chatty"}, "s1"), emitted)
    assert emitted.answer("s1") == {"jsonrpc": "2.0", "id": "s1", "result": {"items": [1, 2]}}
    messages = [json.loads(line) for line in emitted.lines]
    assert [m.get("method") for m in messages] == ["$/log", "$/progress", "$/log", None]


def test_send_answers_initialize_before_it_returns(session: InProcessSession) -> None:
    emitted = Lines()
    session.send(request("initialize", {"protocolVersion": PROTOCOL_VERSION}), emitted)
    assert [json.loads(line)["result"]["protocolVersion"] for line in emitted.lines] == [
        PROTOCOL_VERSION
    ]


def test_a_sent_request_waits_for_its_cmdlet_and_a_cancel_answers_it(
    session: InProcessSession, layer: FakeLayer
) -> None:
    emitted = Lines()
    session.send(request("invoke", {"cmdlet": "Wait-Gate"}, "g1"), emitted)
    assert layer.started.acquire(timeout=WAIT)
    assert emitted.lines == []
    # The module's Ctrl+C: the same $/cancelRequest line it writes on stdio.
    session.send(request("$/cancelRequest", {"id": "g1"}, request_id=None), emitted)
    assert emitted.answer("g1")["error"]["code"] == -32800


def test_a_sent_notification_produces_nothing(session: InProcessSession) -> None:
    emitted = Lines()
    session.send(request("describe", request_id=None), emitted)
    # Lines are handled in order: once a later request is answered, the first was handled.
    assert session.call(request("describe"), timeout=WAIT)
    assert emitted.lines == []


# --- the shared session -------------------------------------------------------------------


def test_the_shared_session_is_one_per_process_until_shutdown() -> None:
    seen: list[InProcessSession] = []
    threads = [
        threading.Thread(target=lambda: seen.append(inprocess.shared_session())) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT)
    assert len(seen) == 8 and all(s is seen[0] for s in seen)
    [answer] = inprocess.call(request("shutdown"), timeout=WAIT)
    assert json.loads(answer)["result"] is None
    fresh = inprocess.shared_session()
    assert fresh is not seen[0] and not fresh.dispatcher.stopped


def test_module_functions_speak_the_protocol_version() -> None:
    line = request("initialize", {"protocolVersion": inprocess.protocol_version()})
    [answer] = inprocess.call(line, timeout=WAIT)
    assert json.loads(answer)["result"]["protocolVersion"] == PROTOCOL_VERSION
    emitted: list[str] = []
    inprocess.send(line, emitted.append)  # initialize is answered before send returns
    assert [json.loads(x) for x in emitted] == [json.loads(answer)]


# --- the real cmdlet layer ----------------------------------------------------------------


def test_a_device_code_token_through_the_real_cmdlets() -> None:
    app = create_app(EmulatorConfig(auto_approve=True))
    session = InProcessSession(Dispatcher(http_transport=httpx.WSGITransport(app=app)))
    where = {"Region": "us-east-1", "EndpointUrl": EMULATOR_URL}
    context = {"environment": CLEAN_ENVIRON}

    def items(cmdlet: str, **parameters: Any) -> Any:
        params = {"cmdlet": cmdlet, "parameters": {**where, **parameters}, "context": context}
        answer = answer_of(session, request("invoke", params))
        assert "error" not in answer, answer
        return answer["result"]["items"]

    [client] = items("Register-SSOOIDCClient", ClientName="inprocess", ClientType="public")
    secret = {"ClientId": client["ClientId"], "ClientSecret": client["ClientSecret"]}
    [device] = items(
        "Start-SSOOIDCDeviceAuthorization",
        StartUrl="https://d-1234567890.awsapps.com/start",
        **secret,
    )
    [token] = items(
        "New-SSOOIDCToken", GrantType=DEVICE_GRANT, DeviceCode=device["DeviceCode"], **secret
    )
    assert token["$type"] == "Amazon.SSOOIDC.Model.CreateTokenResponse"
    assert token["AccessToken"] and token["TokenType"] == "Bearer"
