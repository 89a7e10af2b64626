"""Secrets never leave the backend except as requested output.

A backend runs with ``--log-level debug``. A marked value is planted in every parameter the
specification calls secret, in the shell context, in the backend's environment, in malformed
requests, and in requests that fail in every way the tests can provoke. The marker must then
be absent from stderr, from every ``$/log`` and ``$/progress`` notification, and from every
error answer.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

import pytest

from py_backend.cmdlets import describe_cmdlets
from py_backend.emulator import EmulatorServer
from tests.rpc.client import RpcClient, child_environ
from tests.support.peers import ACCESS_KEY

MARKER = "zqPLANTEDzq"
_counter = itertools.count(1)

#: Values for the mandatory parameters that are not secret, so calls get as far as they can.
REQUIRED = {
    "ClientId": "client-id",
    "GrantType": "refresh_token",
    "TokenInput_ClientId": "arn:aws:signin:::devtools/same-device",
    "TokenInput_GrantType": "authorization_code",
    "ClientName": "n",
    "ClientType": "public",
    "StartUrl": "https://d-1234567890.awsapps.com/start",
    "AccountId": "111111111111",
    "RoleName": "ReadOnlyAccess",
    "Resource": "aws-mcp.amazonaws.com",
    "SessionArn": "arn:aws:signin:us-east-1:123456789012:session/planted",
}
#: Members a grant needs although the cmdlet does not make them mandatory.
EXTRA = {"New-AMSPOAuth2Token": {"TokenInput_RedirectUri": "http://127.0.0.1:55555/oauth/callback"}}


def planted() -> str:
    """A fresh marked value, long enough for any length rule (a PKCE verifier needs 43)."""
    return f"{MARKER}{next(_counter)}".ljust(50, "x")


def secret_value(parameter: dict[str, Any]) -> Any:
    """A planted value of the parameter's shape."""
    if parameter["name"] == "Credential":
        return {"AccessKey": ACCESS_KEY, "SecretKey": planted(), "Token": planted()}
    if parameter["name"] == "NetworkCredential":
        return {"UserName": "user", "Password": planted()}
    return planted()


def cmdlet_cases() -> list[tuple[str, dict[str, Any]]]:
    """For every cmdlet: all its secrets planted, plus required values and one access key."""
    cases = []
    # The sign-in cmdlets run whole flows and have no credential parameters: their secrets
    # are checked in test_login.py.
    for spec in (s for s in describe_cmdlets() if s["flow"] is None):
        parameters = {p["name"]: secret_value(p) for p in spec["parameters"] if p["secret"]}
        for p in spec["parameters"]:
            if p["mandatory"] and not p["secret"]:
                parameters[p["name"]] = REQUIRED[p["name"]]
        parameters.update(EXTRA.get(spec["name"], {}))
        cases.append((spec["name"], parameters))
    return cases


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorServer]:
    with EmulatorServer(shutdown_timeout=1.0) as server:
        yield server


@pytest.fixture(scope="module")
def backend() -> Iterator[RpcClient]:
    environ = child_environ(
        {
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": planted(),
            "AWS_SESSION_TOKEN": planted(),
        }
    )
    with RpcClient(["--log-level", "debug"], environ=environ) as client:
        client.result("initialize", {"protocolVersion": "1.0"})
        yield client


def invoke(
    backend: RpcClient, emulator: EmulatorServer, cmdlet: str, parameters: Any, context: Any = None
) -> dict[str, Any]:
    where = {"Region": "us-east-1", "EndpointUrl": emulator.base_url}
    params: dict[str, Any] = {"cmdlet": cmdlet, "parameters": {**where, **parameters}}
    if context is not None:
        params["context"] = context
    return backend.call("invoke", params)


@pytest.mark.parametrize(("cmdlet", "parameters"), cmdlet_cases(), ids=lambda v: str(v)[:40])
def test_every_secret_parameter(
    backend: RpcClient, emulator: EmulatorServer, cmdlet: str, parameters: dict[str, Any]
) -> None:
    usable = {k: v for k, v in parameters.items() if k != "NetworkCredential"}
    answer = invoke(backend, emulator, cmdlet, {**usable, "AccessKey": ACCESS_KEY})
    if cmdlet != "Register-SSOOIDCClient":  # the one cmdlet without a secret of its own
        assert answer["error"]["data"]["httpStatus"] in (400, 401, 403)  # the service said no
    without_keys = {k: v for k, v in usable.items() if k not in ("SecretKey", "SessionToken")}
    invoke(backend, emulator, cmdlet, without_keys)  # -Credential (planted) is used instead
    invoke(backend, emulator, cmdlet, parameters)  # -NetworkCredential is refused
    invoke(backend, emulator, cmdlet, {**usable, "Bogus": planted()})
    invoke(backend, emulator, cmdlet, {**usable, "Select": "^Nope"})
    wrong_type = {name: [value] for name, value in usable.items() if isinstance(value, str)}
    invoke(backend, emulator, cmdlet, {**usable, **wrong_type})


IAM = {
    "ClientId": "client-id",
    "GrantType": "urn:ietf:params:oauth:grant-type:jwt-bearer",
    "Assertion": planted(),
}


@pytest.mark.parametrize(
    "context",
    [
        {"storedCredentials": {"AccessKey": ACCESS_KEY, "SecretKey": planted()}},
        {
            "storedCredentials": {
                "AccessKey": ACCESS_KEY,
                "SecretKey": planted(),
                "Token": planted(),
            }
        },
        {"storedCredentials": {"AccessKey": ACCESS_KEY, "SecretKey": 5, "Token": planted()}},
        {"storedCredentials": {"SecretKey": planted()}},
        {"environment": {"AWS_SECRET_ACCESS_KEY": planted()}},
        {"environment": {"AWS_SECRET_ACCESS_KEY": 7, "AWS_SESSION_TOKEN": planted()}},
        {"dpopKey": planted()},
        {"storedRegion": 5, "dpopKey": planted()},
        None,  # the backend's own (planted) environment
    ],
)
def test_secrets_in_the_shell_context(
    backend: RpcClient, emulator: EmulatorServer, context: Any
) -> None:
    assert "error" in invoke(backend, emulator, "New-SSOOIDCTokenWithIAM", IAM, context)
    signin = {"TokenInput_ClientId": "c", "TokenInput_GrantType": "refresh_token"}
    invoke(
        backend,
        emulator,
        "New-AMSPOAuth2Token",
        {**signin, "TokenInput_RefreshToken": planted()},
        context,
    )


@pytest.mark.parametrize(
    "line",
    [
        '{"jsonrpc":"2.0","id":"m1","method":"invoke","params":{"cmdlet":"' + planted() + '"}}',
        '{"jsonrpc":"2.0","id":"m2","method":"invoke","params":{"cmdlet":"New-SSOOIDCToken",'
        '"parameters":"' + planted() + '"}}',
        '{"jsonrpc":"2.0","id":"m3","method":"invoke","params":{"cmdlet":"New-SSOOIDCToken",'
        '"parameters":{},"context":"' + planted() + '"}}',
        '{"jsonrpc":"2.0","id":"m4","method":"invoke","params":{"cmdlet":"New-SSOOIDCToken",'
        '"parameters":{"ClientSecret":"' + planted() + '"',
        '{"jsonrpc":"2.0","id":"m5","method":"initialize","params":{"protocolVersion":"'
        + planted()
        + '"}}',
        '{"jsonrpc":"2.0","id":"m6","method":"describe","params":{"cmdlet":"' + planted() + '"}}',
        '{"jsonrpc":"2.0","id":"m7","method":"invoke","params":{"cmdlet":["' + planted() + '"]}}',
        '{"jsonrpc":"2.0","id":"m8","method":"invoke","params":{"cmdlet":"New-SSOOIDCToken",'
        '"parameters":{"ClientSecret":"' + planted() + '"},"context":{"storedRegion":[1]}}}',
    ],
)
def test_secrets_in_malformed_requests(backend: RpcClient, line: str) -> None:
    before = backend.wait_for_answers(0)
    backend.send_raw(line.encode() + b"\n")
    assert backend.wait_for_answers(before + 1) > before
    assert "error" in backend.answer_log[-1]


def test_the_marker_appears_nowhere(backend: RpcClient) -> None:
    """Runs last in this module (pytest keeps file order): checks everything said so far."""
    assert backend.result("shutdown") is None
    assert backend.wait_exit() == 0
    assert len(backend.answer_log) > 50  # the tests above did run through this backend
    assert MARKER not in backend.stderr
    assert "DEBUG" in backend.stderr  # debug logging was on
    for message in backend.notifications:
        assert MARKER not in json.dumps(message)
    for answer in backend.answer_log:
        assert MARKER not in json.dumps(answer.get("error"))
