"""Out-of-range and malformed client settings are parameter errors naming the parameter.

Each of these was an ``InternalError`` once: a timeout too large for a socket, an endpoint
whose host cannot be parsed, a proxy scheme the HTTP stack does not speak.
"""

from __future__ import annotations

from typing import Any

import pytest

from py_backend.cmdlets import CmdletError, InvocationHooks, ShellContext, invoke_cmdlet

BASE = {
    "ClientName": "x",
    "ClientType": "public",
    "Region": "us-east-1",
    "EndpointUrl": "http://127.0.0.1:9",
}

CASES: dict[str, tuple[dict[str, Any], str, str]] = {
    "timeout-1e300": ({"ClientConfig": {"Timeout": 1e300}}, "ClientConfig", "'Timeout'"),
    "timeout-1e999": ({"ClientConfig": {"Timeout": float("inf")}}, "ClientConfig", "'Timeout'"),
    "timeout-timespan": (
        {"ClientConfig": {"Timeout": "99999999999.00:00:00"}},
        "ClientConfig",
        "'Timeout'",
    ),
    "timeout-nan": ({"ClientConfig": {"Timeout": float("nan")}}, "ClientConfig", "'Timeout'"),
    "endpoint-ipv6": ({"EndpointUrl": "http://[::1"}, "EndpointUrl", "-EndpointUrl"),
    "endpoint-port": ({"EndpointUrl": "http://h:99999"}, "EndpointUrl", "-EndpointUrl"),
    "service-url": (
        {"ClientConfig": {"ServiceURL": "http://[::1"}},
        "ClientConfig",
        "'ServiceURL'",
    ),
    "proxy-socks": (
        {"ClientConfig": {"ProxyHost": "socks5://127.0.0.1:1080"}},
        "ClientConfig",
        "'ProxyHost'",
    ),
    "proxy-ipv6": ({"ClientConfig": {"ProxyHost": "http://[::1"}}, "ClientConfig", "'ProxyHost'"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_values_name_the_parameter(
    hooks: InvocationHooks, shell: ShellContext, case: str
) -> None:
    extra, parameter, named = CASES[case]
    with pytest.raises(CmdletError) as raised:
        invoke_cmdlet("Register-SSOOIDCClient", {**BASE, **extra}, shell, hooks)
    data = raised.value.to_data()
    assert data["errorCode"] != "InternalError", data
    assert data["category"] == "InvalidArgument", data
    assert named in data["message"]
    assert parameter in data["message"] or data.get("parameterName") == parameter, data


def test_the_largest_timeout_the_sdk_allows_is_taken(
    hooks: InvocationHooks, shell: ShellContext
) -> None:
    # 24.20:31:23.647 is Int32.MaxValue milliseconds: accepted; the call then fails to connect.
    extra = {"ClientConfig": {"Timeout": "24.20:31:23.647", "MaxErrorRetry": 0}}
    with pytest.raises(CmdletError) as raised:
        invoke_cmdlet("Register-SSOOIDCClient", {**BASE, **extra}, shell, hooks)
    assert raised.value.to_data()["errorCode"] == "EndpointConnectionError"
