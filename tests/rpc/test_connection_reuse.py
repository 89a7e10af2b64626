"""The backend keeps its clients (issue 15.2): 100 invokes over TLS use one connection.

The emulator serves plain HTTP on 127.0.0.1; a TLS front with a test CA stands before it and
counts the TLS handshakes it completes. The backend runs as the module spawns it
(``python -m py_backend rpc``) and trusts the test CA through ``AWS_CA_BUNDLE``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from py_backend.emulator import EmulatorConfig, EmulatorServer
from py_backend.emulator.tls import TlsFront, make_test_ca
from py_backend.rpc.dispatcher import Dispatcher
from tests.rpc.client import WAIT, RpcClient, child_environ

CALLS = 100


@pytest.fixture(scope="module")
def ca(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_test_ca(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorServer]:
    with EmulatorServer(config=EmulatorConfig(), shutdown_timeout=1.0) as server:
        yield server


@pytest.fixture
def front(emulator: EmulatorServer, ca: tuple[Path, Path]) -> Iterator[TlsFront]:
    with TlsFront(emulator.base_url, *ca) as running:
        yield running


def register(front: TlsFront, name: str) -> dict[str, Any]:
    return {
        "cmdlet": "Register-SSOOIDCClient",
        "parameters": {
            "ClientName": name,
            "ClientType": "public",
            "Region": "us-east-1",
            "EndpointUrl": front.base_url,
        },
    }


def test_a_hundred_invokes_over_tls_make_one_handshake(
    front: TlsFront, ca: tuple[Path, Path]
) -> None:
    with RpcClient(environ=child_environ({"AWS_CA_BUNDLE": str(ca[0])})) as backend:
        backend.result("initialize", {"protocolVersion": "1.0"})
        for index in range(CALLS):
            result = backend.result("invoke", register(front, f"reuse-{index}"))
            assert result["items"][0]["ClientId"]
        assert front.handshakes == 1
        backend.result("shutdown")
        assert backend.wait_exit() == 0


def test_without_the_cache_each_invoke_would_handshake(
    front: TlsFront, ca: tuple[Path, Path]
) -> None:
    # The control: a changed environment at every call selects a new client every time, so
    # the front does count one handshake per new client (the count above is not an accident).
    with RpcClient(environ=child_environ({"AWS_CA_BUNDLE": str(ca[0])})) as backend:
        backend.result("initialize", {"protocolVersion": "1.0"})
        for index in range(3):
            request = register(front, f"fresh-{index}")
            request["context"] = {"environment": {"AWSTB_TEST_NONCE": str(index)}}
            backend.result("invoke", request)
        assert front.handshakes == 3
        backend.result("shutdown")


def test_shutdown_closes_the_kept_connections(front: TlsFront, ca: tuple[Path, Path]) -> None:
    # In-process, so the process outliving the shutdown proves the dispatcher closed them.
    dispatcher = Dispatcher()
    context = {"environment": {"AWS_CA_BUNDLE": str(ca[0])}}
    for index in range(3):
        request = {**register(front, f"close-{index}"), "context": context}
        line = json.dumps({"jsonrpc": "2.0", "id": index, "method": "invoke", "params": request})
        (answer,) = dispatcher.call(line, timeout=WAIT)
        assert "result" in json.loads(answer), answer
    assert front.handshakes == 1
    assert front.open_connections == 1
    shutdown = json.dumps({"jsonrpc": "2.0", "id": "s", "method": "shutdown"})
    dispatcher.call(shutdown, timeout=WAIT)
    assert _closed(front)


def _closed(front: TlsFront) -> bool:
    """Wait (bounded) for the front to see its last connection end; a condition, not a time."""
    done = threading.Event()
    for _ in range(200):
        if front.open_connections == 0:
            return True
        done.wait(0.05)
    return front.open_connections == 0
