"""Cancellation frees what the call held: its worker, its connection, its retries.

A server that accepts connections and never answers holds 8 calls of one backend process
(as many as it has workers). Each is cancelled with ``$/cancelRequest``: each connection must
be closed by the backend, and a ninth call must be answered at once (the bound is generous: the
point is that it does not wait for the 60 s read timeouts and their retries).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from py_backend.emulator import EmulatorServer
from tests.reliability.support import Control
from tests.rpc.client import RpcClient

pytestmark = pytest.mark.timeout(90)

WORKERS = 8  # the backend's default max_workers
BOUND = 10.0  # seconds: a generous "at once"; the transport's timeouts are 60 s


class SilentServer:
    """Accepts connections on 127.0.0.1, reads what comes, never answers; notes each close."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.lock = threading.Condition()
        self.received = 0  # connections that delivered request bytes
        self.closed_by_peer = 0
        self.held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return  # the listener was closed
            self.held.append(conn)
            threading.Thread(target=self._read, args=(conn,), daemon=True).start()

    def _read(self, conn: socket.socket) -> None:
        first = True
        while True:
            try:
                data = conn.recv(65536)
            except OSError:
                data = b""
            with self.lock:
                if not data:
                    self.closed_by_peer += 1
                    self.lock.notify_all()
                    return
                if first:
                    self.received += 1
                    first = False
                    self.lock.notify_all()

    def wait_for(self, predicate_name: str, count: int, timeout: float) -> bool:
        with self.lock:
            return self.lock.wait_for(lambda: getattr(self, predicate_name) >= count, timeout)

    def close(self) -> None:
        self.listener.close()
        for conn in self.held:
            conn.close()


@pytest.fixture
def silent() -> Iterator[SilentServer]:
    server = SilentServer()
    yield server
    server.close()


def register(name: str, endpoint: str) -> dict[str, object]:
    parameters = {
        "ClientName": name,
        "ClientType": "public",
        "Select": "^ClientName",
        "Region": "us-east-1",
        "EndpointUrl": endpoint,
    }
    return {"cmdlet": "Register-SSOOIDCClient", "parameters": parameters}


def test_eight_cancelled_calls_do_not_delay_a_ninth(
    server: EmulatorServer, control: Control, silent: SilentServer
) -> None:
    silent_url = f"http://127.0.0.1:{silent.port}"
    with RpcClient() as backend:
        backend.result("initialize", {"protocolVersion": "1.0"})
        stuck = [
            backend.request("invoke", register(f"stuck{k}", silent_url), id=f"stuck{k}")
            for k in range(WORKERS)
        ]
        # Every worker is now blocked on a request the silent server will never answer.
        assert silent.wait_for("received", WORKERS, 30), "the 8 calls did not reach the server"
        for request_id in stuck:
            backend.notify("$/cancelRequest", {"id": request_id})
        for request_id in stuck:
            assert backend.response(request_id)["error"]["code"] == -32800

        ninth = backend.request("invoke", register("ninth", server.base_url))
        answer = backend.response(ninth, timeout=BOUND)
        assert answer.get("result", {}).get("items") == ["ninth"], answer
        # The silent server never closed anything: the backend closed all 8 connections...
        assert silent.wait_for("closed_by_peer", WORKERS, BOUND), silent.closed_by_peer
        # ...and sent no retry after the cancellation (one connection per cancelled call).
        assert silent.received == WORKERS
        assert control.requests("/client/register") == 1
        assert backend.close() == 0


def test_a_cancelled_sign_in_closes_its_request_in_flight(silent: SilentServer) -> None:
    """Ctrl+C during a sign-in cmdlet's first request (RegisterClient, which the silent server
    never answers) closes that connection at once, not at the 60 s read timeout."""
    silent_url = f"http://127.0.0.1:{silent.port}"
    login = {
        "cmdlet": "Invoke-SSOOIDCLogin",
        "parameters": {
            "StartUrl": "https://d-1234567890.awsapps.com/start",
            "SSORegion": "us-east-1",
            "UseDeviceCode": True,
            "EndpointUrl": silent_url,
        },
    }
    with RpcClient() as backend:
        backend.result("initialize", {"protocolVersion": "1.0"})
        request_id = backend.request("invoke", login, id="login")
        assert silent.wait_for("received", 1, 30), "the sign-in did not reach the server"
        backend.notify("$/cancelRequest", {"id": request_id})
        assert backend.response(request_id)["error"]["code"] == -32800
        assert silent.wait_for("closed_by_peer", 1, BOUND), "the request in flight stayed open"
        assert silent.received == 1  # and nothing was sent again
        assert backend.close() == 0
