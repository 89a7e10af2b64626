"""The same faults seen through the RPC backend and the command line.

Whatever the front end, a retried fault is invisible, a lasting one arrives as that front
end's error (a ``-32000`` answer naming the error and its category; a non-zero exit with the
AWS CLI's message on stderr), and an authorization code is presented once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from py_backend.auth.pkce import generate_code_verifier
from py_backend.emulator import EmulatorServer
from tests.reliability.support import LOOPBACK_REDIRECT, Control, cli, oidc_client, sso_code
from tests.reliability.support import auth_code_client as register_for_codes
from tests.rpc.client import RpcClient, child_environ

pytestmark = pytest.mark.timeout(60)


@pytest.fixture(scope="module")
def backend() -> Iterator[RpcClient]:
    with RpcClient() as client:
        client.result("initialize", {"protocolVersion": "1.0"})
        yield client


def invoke(
    backend: RpcClient, server: EmulatorServer, cmdlet: str, **parameters: Any
) -> dict[str, Any]:
    where = {"Region": "us-east-1", "EndpointUrl": server.base_url}
    return backend.call("invoke", {"cmdlet": cmdlet, "parameters": {**where, **parameters}})


REGISTER = {"ClientName": "faulty", "ClientType": "public"}


def test_rpc_a_retried_fault_is_invisible(
    backend: RpcClient, server: EmulatorServer, control: Control
) -> None:
    control.fault("/client/register", status=503)
    answer = invoke(backend, server, "Register-SSOOIDCClient", **REGISTER)
    assert answer["result"]["items"][0]["ClientId"]
    assert control.requests("/client/register") == 2


@pytest.mark.parametrize(
    ("spec", "code", "category", "words"),
    [
        ({"status": 500}, "InternalServerException", "NotSpecified", "Injected fault"),
        ({"drop": True}, None, "ConnectionError", "Could not connect"),
        ({"delaySeconds": 1.0}, None, "OperationTimeout", "timeout"),
    ],
    ids=["500", "drop", "timeout"],
)
def test_rpc_a_lasting_fault_is_a_cmdlet_error(
    backend: RpcClient,
    server: EmulatorServer,
    control: Control,
    spec: dict[str, Any],
    code: str | None,
    category: str,
    words: str,
) -> None:
    control.fault("/client/register", count=2, **spec)
    config = {"Timeout": 0.5, "MaxErrorRetry": 1}
    answer = invoke(backend, server, "Register-SSOOIDCClient", **REGISTER, ClientConfig=config)
    error = answer["error"]
    assert error["code"] == -32000
    data = error["data"]
    assert words.lower() in data["message"].lower()
    assert data["errorId"].endswith(",Register-SSOOIDCClient")
    if code is not None:
        assert data["errorCode"] == code
        assert data["httpStatus"] == spec["status"]
    else:
        assert data["httpStatus"] is None
        assert data["category"] == category
    assert control.requests("/client/register") == 2  # MaxErrorRetry 1: two attempts


def test_rpc_an_authorization_code_is_presented_once(
    backend: RpcClient, server: EmulatorServer, control: Control
) -> None:
    with oidc_client(server.base_url) as oidc:
        credentials = register_for_codes(oidc)
    verifier = generate_code_verifier()
    code = sso_code(server.base_url, credentials["clientId"], verifier)
    control.fault("/token", status=500, phase="after")
    answer = invoke(
        backend,
        server,
        "New-SSOOIDCToken",
        ClientId=credentials["clientId"],
        ClientSecret=credentials["clientSecret"],
        GrantType="authorization_code",
        Code=code,
        RedirectUri=LOOPBACK_REDIRECT,
        CodeVerifier=verifier,
    )
    assert answer["error"]["data"]["errorCode"] == "InternalServerException"
    assert control.requests("/token") == 1
    assert control.redemptions("sso-oidc", code) == 1


def test_rpc_the_backend_is_fine_after_the_faults(backend: RpcClient) -> None:
    """Runs last: nothing above left the backend broken or talking out of turn."""
    assert backend.result("initialize", {"protocolVersion": "1.0"})["protocolVersion"] == "1.0"
    assert backend.corrupt == []
    assert all(len(answers) == 1 for key, answers in backend.answers.items() if key is not None)


# --- the command line --------------------------------------------------------------------------


def cli_environ() -> dict[str, str]:
    return child_environ({"AWS_MAX_ATTEMPTS": "2", "AWS_DEFAULT_REGION": "us-east-1"})


def register_args(server: EmulatorServer) -> list[str]:
    return [
        "sso-oidc",
        "register-client",
        "--client-name",
        "faulty",
        "--client-type",
        "public",
        "--endpoint-url",
        server.base_url,
    ]


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        (
            {"status": 500},
            "An error occurred (InternalServerException) when calling the RegisterClient "
            "operation (reached max retries: 1)",
        ),
        ({"drop": True}, "Connection was closed before we received a valid response"),
    ],
    ids=["500", "drop"],
)
def test_cli_a_lasting_fault_is_a_clear_error(
    server: EmulatorServer, control: Control, spec: dict[str, Any], words: str
) -> None:
    control.fault("/client/register", count=2, **spec)
    code, out, err = cli(register_args(server), cli_environ())
    assert code != 0
    assert out == ""
    assert words in err
    assert "Traceback" not in err
    assert control.requests("/client/register") == 2


def test_cli_a_retried_fault_is_invisible(server: EmulatorServer, control: Control) -> None:
    control.fault("/client/register", status=429)
    code, out, err = cli(register_args(server), cli_environ())
    assert code == 0, err
    assert '"clientId"' in out
    assert control.requests("/client/register") == 2


def test_cli_an_authorization_code_is_presented_once(
    server: EmulatorServer, control: Control
) -> None:
    with oidc_client(server.base_url) as oidc:
        credentials = register_for_codes(oidc)
    verifier = generate_code_verifier()
    code = sso_code(server.base_url, credentials["clientId"], verifier)
    control.fault("/token", drop=True, phase="after")
    args = [
        "sso-oidc",
        "create-token",
        f"--client-id={credentials['clientId']}",
        f"--client-secret={credentials['clientSecret']}",
        "--grant-type",
        "authorization_code",
        f"--code={code}",
        "--redirect-uri",
        LOOPBACK_REDIRECT,
        f"--code-verifier={verifier}",
        "--endpoint-url",
        server.base_url,
    ]
    exit_code, _, err = cli(args, cli_environ())
    assert exit_code != 0
    assert "Connection was closed before we received a valid response" in err
    assert control.requests("/token") == 1
    assert control.redemptions("sso-oidc", code) == 1
