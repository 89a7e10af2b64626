"""The backend killed in the middle of a call: a clear error, then the next call works.

The client is ``tests/rpc/client.py`` (it speaks the protocol exactly as the module does)
wrapped in the module's restart rules (``module/Private/Invoke-Backend.ps1``): a request
that could not be written goes, once, to a new backend; a request written to a backend that
then dies is never sent again (it may have reached the service), the caller gets an error
that says so, and the next call starts a new backend.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from py_backend.auth.pkce import generate_code_verifier
from py_backend.emulator import EmulatorServer
from tests.reliability.support import (
    LOOPBACK_REDIRECT,
    Control,
    auth_code_client,
    oidc_client,
    sso_code,
)
from tests.rpc.client import RpcClient

pytestmark = pytest.mark.timeout(60)

WAIT = 20.0


class BackendExited(RuntimeError):
    """The backend died before it answered (the module's ``AwsTokenBridgeBackendExited``)."""


class RestartingBackend:
    """One backend at a time, started on demand, as the PowerShell module keeps it."""

    def __init__(self) -> None:
        self.current: RpcClient | None = None
        self.started: list[RpcClient] = []

    def connection(self) -> RpcClient:
        if self.current is None or self.current.process.poll() is not None:
            self._drop()
            self.current = RpcClient()
            self.started.append(self.current)
        return self.current

    def send(self, method: str, params: dict[str, Any]) -> Any:
        """Send a request; a backend that cannot take it is replaced once. Returns the id."""
        for _ in range(2):
            client = self.connection()
            try:
                return client.request(method, params)
            except (BrokenPipeError, OSError):  # never written: safe to send again
                self._drop()
        raise BackendExited("the backend does not take requests")

    def receive(self, request_id: Any, activity: str) -> dict[str, Any]:
        """The answer, or :class:`BackendExited` if the backend died first."""
        client = self.current
        assert client is not None
        deadline = time.monotonic() + WAIT
        while request_id not in client.answers:
            if client.process.poll() is not None:
                code = client.wait_exit()  # joins the readers: every line is filed
                if request_id in client.answers:
                    break
                self._drop()
                raise BackendExited(
                    f"The AWS Token Bridge backend exited (code {code}) while running "
                    f"{activity}. The request was not sent again, because it may already "
                    "have reached the service; the next command starts a new backend."
                )
            assert time.monotonic() < deadline, "the backend neither answered nor exited"
            time.sleep(0.01)
        return client.answers[request_id][0]

    def call(self, method: str, params: dict[str, Any], activity: str = "a call") -> Any:
        return self.receive(self.send(method, params), activity)

    def _drop(self) -> None:
        if self.current is not None:
            self.current.__exit__(None, None, None)
        self.current = None

    def close(self) -> None:
        self._drop()


@pytest.fixture
def backend() -> Iterator[RestartingBackend]:
    restarting = RestartingBackend()
    yield restarting
    restarting.close()
    for client in restarting.started:  # every process is gone, none answered an id twice
        assert client.process.poll() is not None
        assert all(len(answers) == 1 for key, answers in client.answers.items() if key)


def invoke_params(server: EmulatorServer, cmdlet: str, **parameters: Any) -> dict[str, Any]:
    where = {"Region": "us-east-1", "EndpointUrl": server.base_url}
    return {"cmdlet": cmdlet, "parameters": {**where, **parameters}}


def register(server: EmulatorServer) -> dict[str, Any]:
    return invoke_params(server, "Register-SSOOIDCClient", ClientName="k", ClientType="public")


def wait_until_in_flight(client: RpcClient, request_id: Any) -> None:
    """Until the backend says it is calling the service (the request is on the wire next)."""
    deadline = time.monotonic() + WAIT
    while not any(
        "Invoking" in n["params"].get("message", "") for n in client.notifications_for(request_id)
    ):
        assert time.monotonic() < deadline, "the call never started"
        time.sleep(0.01)


@pytest.mark.parametrize("how", ["kill", "terminate"])
def test_killed_during_a_redemption(
    backend: RestartingBackend, server: EmulatorServer, control: Control, how: str
) -> None:
    with oidc_client(server.base_url) as oidc:
        credentials = auth_code_client(oidc)
    verifier = generate_code_verifier()
    code = sso_code(server.base_url, credentials["clientId"], verifier)
    control.fault("/token", delaySeconds=3, phase="after")  # spent, then the answer waits
    params = invoke_params(
        server,
        "New-SSOOIDCToken",
        ClientId=credentials["clientId"],
        ClientSecret=credentials["clientSecret"],
        GrantType="authorization_code",
        Code=code,
        RedirectUri=LOOPBACK_REDIRECT,
        CodeVerifier=verifier,
    )
    request_id = backend.send("invoke", params)
    victim = backend.current
    assert victim is not None
    wait_until_in_flight(victim, request_id)
    assert control.wait_until(lambda: control.redemptions("sso-oidc", code) == 1)
    getattr(victim.process, how)()

    with pytest.raises(BackendExited) as caught:
        backend.receive(request_id, "New-SSOOIDCToken")
    assert "exited (code -" in str(caught.value)
    assert "not sent again" in str(caught.value)
    assert code not in str(caught.value)

    answer = backend.call("invoke", register(server))  # a new backend takes the next call
    assert answer["result"]["items"][0]["ClientId"]
    assert backend.current is not victim
    assert control.requests("/token") == 1  # the redemption was never sent again
    assert control.redemptions("sso-oidc", code) == 1


def test_killed_between_calls_the_next_call_goes_to_a_new_backend(
    backend: RestartingBackend, server: EmulatorServer, control: Control
) -> None:
    first = backend.call("initialize", {"protocolVersion": "1.0"})
    assert first["result"]["protocolVersion"] == "1.0"
    victim = backend.current
    assert victim is not None
    victim.kill()
    answer = backend.call("invoke", register(server))
    assert answer["result"]["items"][0]["ClientId"]
    assert backend.current is not victim
    assert control.requests("/client/register") == 1


def test_killed_with_requests_pipelined(
    backend: RestartingBackend, server: EmulatorServer, control: Control
) -> None:
    """Every request in flight gets the error; those already answered keep their answer."""
    control.fault("/client/register", delaySeconds=3, count=3)
    answered = [backend.send("initialize", {"protocolVersion": "1.0"}) for _ in range(3)]
    slow = [backend.send("invoke", register(server)) for _ in range(3)]
    victim = backend.current
    assert victim is not None
    for request_id in answered:
        assert "result" in backend.receive(request_id, "initialize")
    for request_id in slow:
        wait_until_in_flight(victim, request_id)
    victim.kill()
    with pytest.raises(BackendExited):
        backend.receive(slow[0], "Register-SSOOIDCClient")
    assert all(request_id not in victim.answers for request_id in slow)  # none half-answered
    assert victim.corrupt == []
    answer = backend.call("describe", {"cmdlet": "Register-SSOOIDCClient"})
    assert answer["result"]["cmdlets"][0]["name"] == "Register-SSOOIDCClient"
    assert len(backend.started) == 2
