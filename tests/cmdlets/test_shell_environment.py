"""The shell's environment at each call: proxies read from it, not from the backend's own.

The PowerShell module sends the variables the AWS Tools read at every call (``HTTP_PROXY``,
``NO_PROXY``... among them) in the invocation's shell context; a long-lived backend resolves
each call with them.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest

from py_backend.cmdlets import InvocationHooks, ShellContext, invoke_cmdlet
from py_backend.transport import environment_proxies
from tests.support.recording_server import CannedResponse, RecordingServer

REGISTRATION = {
    "clientId": "client-1",
    "clientSecret": "secret-1",
    "clientIdIssuedAt": 1,
    "clientSecretExpiresAt": 2,
}


def _hooks() -> InvocationHooks:
    return InvocationHooks(
        log=lambda level, text: None, progress=lambda report: None, cancelled=threading.Event()
    )


def _register(environment: dict[str, Any], endpoint: str) -> list[Any]:
    shell = ShellContext.from_json({"environment": environment})
    parameters = {
        "ClientName": "proxy",
        "ClientType": "public",
        "Region": "us-east-1",
        "EndpointUrl": endpoint,
        "Select": "ClientId",
    }
    return invoke_cmdlet("Register-SSOOIDCClient", parameters, shell, _hooks())


@pytest.fixture(autouse=True)
def _no_process_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    # The backend's own environment has no proxy: only the shell's may send a call through one.
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


def test_a_call_goes_through_the_proxy_the_shell_names_now() -> None:
    with RecordingServer() as proxy:
        proxy.respond(CannedResponse.json(200, REGISTRATION))
        answer = _register({"HTTP_PROXY": proxy.url}, "http://oidc.example.invalid")
        (request,) = proxy.take()
    assert answer == ["client-1"]
    assert request.target == "http://oidc.example.invalid/client/register"


def test_no_proxy_in_the_shell_sends_the_call_direct() -> None:
    with RecordingServer() as service:
        service.respond(CannedResponse.json(200, REGISTRATION))
        environment = {"http_proxy": "http://127.0.0.1:9", "no_proxy": "127.0.0.1"}
        assert _register(environment, service.url) == ["client-1"]
        (request,) = service.take()
    assert request.target == "/client/register"


def test_a_proxy_the_shell_unset_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    # The backend started with a (dead) proxy; the shell has since removed it (null).
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    with RecordingServer() as service:
        service.respond(CannedResponse.json(200, REGISTRATION))
        assert _register({"HTTP_PROXY": None}, service.url) == ["client-1"]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, {}),
        ({"HTTPS_PROXY": "proxy:3128"}, {"https://": "http://proxy:3128"}),
        (
            {"HTTP_PROXY": "http://upper:1", "http_proxy": "http://lower:2"},
            {"http://": "http://lower:2"},
        ),
        ({"ALL_PROXY": "socks5://s:1"}, {"all://": "socks5://s:1"}),
        (
            {"NO_PROXY": "127.0.0.1, localhost,.example.com,::1,http://direct"},
            {
                "all://127.0.0.1": None,
                "all://localhost": None,
                "all://*example.com": None,
                "all://[::1]": None,
                "http://direct": None,
            },
        ),
        ({"HTTP_PROXY": "http://p:1", "NO_PROXY": "*"}, {}),
    ],
)
def test_environment_proxies_read_as_httpx_reads_the_process_environment(
    environ: dict[str, str], expected: dict[str, str | None]
) -> None:
    assert environment_proxies(environ) == expected
