"""A password in an endpoint or proxy URL never reaches ``$/log`` or an RPC error."""

from __future__ import annotations

import json
import socket
from typing import Any

import pytest

from py_backend.rpc.dispatcher import Dispatcher

PASSWORD = "PWuserinfo0123456789"


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def invoke(parameters: dict[str, Any]) -> tuple[dict[str, Any], list[bytes]]:
    notes: list[bytes] = []
    dispatcher = Dispatcher()
    request = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "invoke",
        "params": {
            "cmdlet": "Register-SSOOIDCClient",
            "parameters": {"ClientName": "x", "ClientType": "public", **parameters},
            "context": {"environment": {"PATH": "/usr/bin"}},
        },
    }
    (answer,) = dispatcher.call(json.dumps(request), notes.append, timeout=60)
    dispatcher.close(0)
    return dict(json.loads(answer)), notes


@pytest.mark.parametrize("where", ["EndpointUrl", "ProxyHost"])
def test_a_url_password_is_masked_in_logs_and_errors(where: str) -> None:
    port = closed_port()
    parameters: dict[str, Any] = {"Region": "us-east-1", "Debug": True, "Verbose": True}
    if where == "EndpointUrl":
        parameters["EndpointUrl"] = f"http://user:{PASSWORD}@127.0.0.1:{port}"
    else:
        parameters["EndpointUrl"] = f"http://127.0.0.1:{closed_port()}"
        parameters["ClientConfig"] = {
            "ProxyHost": f"http://user:{PASSWORD}@127.0.0.1:{port}",
            "MaxErrorRetry": 0,
        }
    answer, notes = invoke(parameters)
    said = b"".join(notes).decode() + json.dumps(answer)
    assert "error" in answer and answer["error"]["data"]["errorCode"] != "InternalError", answer
    assert PASSWORD not in said
    if where == "EndpointUrl":
        assert "user:***@127.0.0.1" in said
