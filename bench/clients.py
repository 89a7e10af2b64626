"""The clients the timed sections share: the raw floor, boto3, and the cmdlet over an RPC transport.

Each follows a :class:`~bench.emulator.RefreshChain` (``CreateToken``, refresh grant) against
the emulator, so every section times the very same call.
"""

from __future__ import annotations

import http.client
import importlib
import json
import ssl
from collections.abc import Mapping
from typing import Any, Protocol
from urllib.parse import urlsplit

from bench.emulator import RefreshChain
from bench.processes import BenchError

__all__ = ["RawClient", "RpcTransport", "boto3_client", "invoke_refresh"]


class RawClient:
    """``http.client`` over one kept-alive connection (TLS with ``ssl_context``): the least a
    client can do."""

    def __init__(self, base_url: str, ssl_context: ssl.SSLContext | None = None) -> None:
        parts = urlsplit(base_url)
        assert parts.hostname is not None
        self._what = "raw CreateToken" if ssl_context is None else "raw CreateToken over TLS"
        self._connection: http.client.HTTPConnection
        if ssl_context is None:
            self._connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        else:
            self._connection = http.client.HTTPSConnection(
                parts.hostname, parts.port, timeout=60, context=ssl_context
            )

    def create_token(self, request: dict[str, str]) -> dict[str, Any]:
        """POST ``request`` (CreateToken's wire members) to ``/token``; the decoded answer."""
        body = json.dumps(request).encode()
        headers = {"Content-Type": "application/json"}
        self._connection.request("POST", "/token", body=body, headers=headers)
        response = self._connection.getresponse()
        content = response.read()
        if response.status != 200:
            raise BenchError(f"{self._what} answered HTTP {response.status}")
        answer: dict[str, Any] = json.loads(content)
        return answer

    def close(self) -> None:
        """Close the kept connection."""
        self._connection.close()


def boto3_client(endpoint: str, verify: str | None = None) -> Any:
    """boto3's ``sso-oidc`` client for ``endpoint`` (``verify``: a CA bundle for TLS)."""
    boto3 = importlib.import_module("boto3")  # a bench-only dependency, untyped
    session = boto3.session.Session(region_name="us-east-1")
    return session.client("sso-oidc", endpoint_url=endpoint, verify=verify)  # None: the default


class RpcTransport(Protocol):
    """A JSON-RPC peer of the backend: the stdio :class:`~bench.rpc_client.Backend` or an
    in-process session."""

    def call(self, method: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """Send one request and return its answer (``result`` or ``error`` inside)."""
        ...


def invoke_refresh(transport: RpcTransport, chain: RefreshChain, endpoint: str, what: str) -> None:
    """``invoke`` of ``New-SSOOIDCToken`` with the chain's refresh token; the chain advances.

    ``what`` names the call in the error raised when the cmdlet fails.
    """
    parameters = {
        "ClientId": chain.client_id,
        "ClientSecret": chain.client_secret,
        "GrantType": "refresh_token",
        "RefreshToken": chain.refresh_token,
        "Region": "us-east-1",
        "EndpointUrl": endpoint,
    }
    answer = transport.call("invoke", {"cmdlet": "New-SSOOIDCToken", "parameters": parameters})
    if "result" not in answer:
        code = answer.get("error", {}).get("data", {}).get("errorCode")
        raise BenchError(f"{what} failed: {code}")
    chain.advance(answer["result"]["items"][0].get("RefreshToken"))
