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

import ssl
import sys
import time

from bench.clients import RawClient, boto3_client, invoke_refresh
from bench.context import BenchContext
from bench.processes import read_listening_url, spawn, stop
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


def run(context: BenchContext) -> list[Section]:
    """Time the three contenders ``tls_calls`` times each, interleaved; one section."""
    counts = context.counts
    emulator = context.need_emulator()
    context.progress(f"tls: {counts.tls_calls} rounds of {len(LABELS)} calls over loopback TLS")
    front = TlsFrontProcess(context, emulator.base_url)
    chains = {name: emulator.refresh_chain() for name in LABELS}
    theirs = boto3_client(front.base_url, verify=str(front.ca))
    raw = RawClient(front.base_url, ssl.create_default_context(cafile=str(front.ca)))
    environ = {**context.environ, "AWS_CA_BUNDLE": str(front.ca)}
    started = time.perf_counter()
    try:
        with Backend(environ, context.cwd) as backend:
            backend.call("initialize", {"protocolVersion": "1.0"})

            def rpc() -> None:
                chain = chains["rpc_tls"]
                invoke_refresh(backend, chain, front.base_url, "New-SSOOIDCToken over TLS")

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
