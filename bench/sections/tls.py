"""A warm call over loopback TLS: the cmdlet through the backend, boto3 in-process, a raw POST.

The emulator stands behind a TLS front with a test CA (``py_backend.emulator.tls``, its own
process, so it shares no interpreter lock with the contenders). Three contenders take turns,
each following its own refresh chain (``CreateToken``, refresh grant):

- ``invoke`` of ``New-SSOOIDCToken`` on one warm backend (``python -m py_backend rpc``, which
  trusts the CA through ``AWS_CA_BUNDLE``): the RPC round trip, the cmdlet layer and the call
  on the backend's kept client;
- boto3's ``create_token`` in this process (``verify=`` the CA), a client built once;
- a raw keep-alive ``http.client.HTTPSConnection`` POST of the same body (the floor).

Thanks to the backend's client cache, each contender keeps one TLS connection throughout
(``tests/rpc/test_connection_reuse.py`` proves it for the backend).
"""

from __future__ import annotations

import http.client
import importlib
import json
import ssl
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.context import BenchContext
from bench.emulator import RefreshChain
from bench.processes import BenchError, read_listening_url, spawn, stop
from bench.report import Section, stats_heading, timing_report
from bench.rpc_client import Backend
from bench.timing import run_interleaved

__all__ = ["TlsFrontProcess", "run"]

LABELS = {
    "rpc_tls": "invoke New-SSOOIDCToken over TLS (warm backend)",
    "boto3_tls": "boto3 create_token over TLS, in-process",
    "raw_tls": "raw keep-alive TLS POST, same body (floor)",
}
COMPARISONS = (("rpc_tls", "boto3_tls"), ("rpc_tls", "raw_tls"), ("boto3_tls", "raw_tls"))
STATS = ("p50", "p99")


class TlsFrontProcess:
    """``python -m py_backend.emulator.tls`` before the emulator, with a fresh test CA."""

    def __init__(self, context: BenchContext, upstream: str) -> None:
        from py_backend.emulator.tls import make_test_ca

        self.ca, key = make_test_ca(context.workdir / "tls")
        argv = [sys.executable, "-m", "py_backend.emulator.tls", "--upstream", upstream]
        self._process = spawn(
            [*argv, "--cert", str(self.ca), "--key", str(key)],
            context.environ,
            context.cwd,
            stdin=True,
        )
        self.base_url = read_listening_url(self._process, "the TLS front")

    def close(self) -> None:
        """Stop the front (it ends when its stdin closes)."""
        stop(self._process, 5)


class _RawTlsClient:
    """``http.client`` over one kept-alive TLS connection: the least a client can do."""

    def __init__(self, base_url: str, ca: Path) -> None:
        parts = urlsplit(base_url)
        assert parts.hostname is not None
        context = ssl.create_default_context(cafile=str(ca))
        self._connection = http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=60, context=context
        )

    def create_token(self, request: dict[str, str]) -> dict[str, Any]:
        body = json.dumps(request).encode()
        headers = {"Content-Type": "application/json"}
        self._connection.request("POST", "/token", body=body, headers=headers)
        response = self._connection.getresponse()
        content = response.read()
        if response.status != 200:
            raise BenchError(f"raw CreateToken over TLS answered HTTP {response.status}")
        answer: dict[str, Any] = json.loads(content)
        return answer

    def close(self) -> None:
        self._connection.close()


def _refresh_parameters(chain: RefreshChain, endpoint: str) -> dict[str, str]:
    return {
        "ClientId": chain.client_id,
        "ClientSecret": chain.client_secret,
        "GrantType": "refresh_token",
        "RefreshToken": chain.refresh_token,
        "Region": "us-east-1",
        "EndpointUrl": endpoint,
    }


def run(context: BenchContext) -> list[Section]:
    """Time the three contenders ``tls_calls`` times each, interleaved; one section."""
    counts = context.counts
    emulator = context.need_emulator()
    context.progress(f"tls: {counts.tls_calls} rounds of {len(LABELS)} calls over loopback TLS")
    front = TlsFrontProcess(context, emulator.base_url)
    chains = {name: emulator.refresh_chain() for name in LABELS}
    boto3 = importlib.import_module("boto3")  # a bench-only dependency, untyped
    theirs = boto3.session.Session(region_name="us-east-1").client(
        "sso-oidc", endpoint_url=front.base_url, verify=str(front.ca)
    )
    raw = _RawTlsClient(front.base_url, front.ca)
    environ = {**context.environ, "AWS_CA_BUNDLE": str(front.ca)}
    started = time.perf_counter()
    try:
        with Backend(environ, context.cwd) as backend:
            backend.call("initialize", {"protocolVersion": "1.0"})

            def rpc() -> None:
                chain = chains["rpc_tls"]
                parameters = _refresh_parameters(chain, front.base_url)
                answer = backend.call(
                    "invoke", {"cmdlet": "New-SSOOIDCToken", "parameters": parameters}
                )
                if "result" not in answer:
                    code = answer.get("error", {}).get("data", {}).get("errorCode")
                    raise BenchError(f"New-SSOOIDCToken over TLS failed: {code}")
                chain.advance(answer["result"]["items"][0].get("RefreshToken"))

            def boto() -> None:
                chain = chains["boto3_tls"]
                chain.advance(theirs.create_token(**chain.request())["refreshToken"])

            def floor() -> None:
                chain = chains["raw_tls"]
                chain.advance(raw.create_token(chain.request())["refreshToken"])

            samples = run_interleaved(
                {"rpc_tls": rpc, "boto3_tls": boto, "raw_tls": floor},
                counts.tls_calls,
                warmup=counts.tls_warmup,
            )
    finally:
        theirs.close()
        raw.close()
        front.close()
    report = timing_report(LABELS, samples, COMPARISONS, STATS)
    data = {
        "title": "Warm call over loopback TLS",
        **report.data,
        "calls_per_contender": counts.tls_calls,
        "warmup_calls_per_contender": counts.tls_warmup,
        "elapsed_seconds": time.perf_counter() - started,
    }
    title = stats_heading("Warm call over loopback TLS (emulator behind a test CA)", STATS)
    return [Section("tls_warm_call", title, data, report.rows)]
