"""The one seam that injects the HTTP layer: :func:`py_backend.transport.use_http_transport`.

Flows, cmdlets and the RPC backend no longer take a transport argument; these tests check
that what is set around the code reaches every client it builds, and nothing else.
"""

from __future__ import annotations

import threading
from typing import Any

import httpx

import py_backend
from py_backend.cmdlets import InvocationHooks
from py_backend.cmdlets.pending_login import PendingLogin, PendingLogins
from py_backend.flows._clients import ClientFactory
from py_backend.transport import injected_http_transport, use_http_transport
from tests.support.peers import CLEAN_ENVIRON

REGISTERED = {"clientId": "c", "clientSecret": "s", "clientSecretExpiresAt": 1}


class Recording:
    """A ``MockTransport`` that keeps the URLs it was sent."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.transport = httpx.MockTransport(self._answer)

    def _answer(self, request: httpx.Request) -> httpx.Response:
        self.urls.append(str(request.url))
        return httpx.Response(200, json=REGISTERED)


def _register(client: Any) -> str:
    with client:
        return str(client.register_client(clientName="seam", clientType="public")["clientId"])


def _session() -> py_backend.Session:
    return py_backend.Session(environ=dict(CLEAN_ENVIRON), region_name="us-east-1")


def test_a_client_built_inside_the_block_sends_through_the_transport() -> None:
    recording = Recording()
    with use_http_transport(recording.transport):
        client = _session().client("sso-oidc")
    assert _register(client) == "c"
    assert recording.urls == ["https://oidc.us-east-1.amazonaws.com/client/register"]
    assert injected_http_transport() is None


def test_the_explicit_keyword_wins_over_the_block() -> None:
    ambient, explicit = Recording(), Recording()
    with use_http_transport(ambient.transport):
        client = _session().client("sso-oidc", http_transport=explicit.transport)
    _register(client)
    assert len(explicit.urls) == 1 and ambient.urls == []


def test_blocks_nest_and_restore_the_outer_transport() -> None:
    outer, inner = Recording(), Recording()
    with use_http_transport(outer.transport):
        with use_http_transport(inner.transport):
            assert injected_http_transport() is inner.transport
        assert injected_http_transport() is outer.transport
        with use_http_transport(None):
            assert injected_http_transport() is None
    assert injected_http_transport() is None


def test_a_flows_client_factory_uses_the_block() -> None:
    recording = Recording()
    factory = ClientFactory(environ=dict(CLEAN_ENVIRON), endpoint_url="http://127.0.0.1:9")
    with use_http_transport(recording.transport):
        _register(factory.sso_oidc("eu-west-1"))
    assert recording.urls == ["http://127.0.0.1:9/client/register"]


def test_another_thread_does_not_see_the_block() -> None:
    seen: list[httpx.BaseTransport | None] = []
    with use_http_transport(Recording().transport):
        worker = threading.Thread(target=lambda: seen.append(injected_http_transport()))
        worker.start()
        worker.join()
    assert seen == [None]


def test_a_remote_sign_in_thread_keeps_the_callers_transport() -> None:
    # The remote sign-in runs its flow on its own thread: its clients must still use the
    # transport of the invocation that started it.
    recording = Recording()
    seen: list[httpx.BaseTransport | None] = []

    def flow(login: PendingLogin) -> dict[str, Any]:
        seen.append(injected_http_transport())
        return {}

    hooks = InvocationHooks(
        log=lambda *_: None, progress=lambda _: None, cancelled=threading.Event()
    )
    with use_http_transport(recording.transport):
        login = PendingLogins().start("Invoke-AMSPLogin", flow, hooks)
    assert login.wait_until_asked(threading.Event())
    assert seen == [recording.transport]
