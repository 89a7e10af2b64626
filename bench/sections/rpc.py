"""RPC round trips and the backend's memory, from one warm backend.

Four contenders take turns, ``rpc_calls`` times each:

- ``initialize``: the protocol's floor (answered on the reading thread, no cmdlet);
- ``invoke`` of ``New-SSOOIDCToken`` without its mandatory parameters: a cmdlet call that
  needs no network and fails validation;
- ``invoke`` of ``New-SSOOIDCToken`` with a refresh token, against the emulator;
- the same refresh through the Python API in this process: the peer that shows what the RPC
  and cmdlet layers add to the call.

The backend's resident memory is read every ``memory_checkpoint_every`` requests (between
rounds, untimed), and set beside the memory of an idle interpreter and of processes that
have built a boto3 or a py_backend ``sso-oidc`` client.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

import py_backend
from bench.clients import invoke_refresh
from bench.context import BenchContext
from bench.emulator import RefreshChain
from bench.environment import rss_kib
from bench.processes import BenchError, Watchdog, spawn, stop
from bench.report import Row, Section, format_ratio, stats_heading, timing_report
from bench.rpc_client import Backend
from bench.stats import linear_slope
from bench.timing import Contender, run_interleaved

__all__ = ["run"]

LABELS = {
    "rpc_initialize": "initialize (the protocol floor)",
    "rpc_validation_error": "invoke, validation error (no network)",
    "rpc_refresh": "invoke New-SSOOIDCToken, refresh",
    "api_refresh": "Python API refresh, in-process",
}
COMPARISONS = (
    ("rpc_validation_error", "rpc_initialize"),
    ("rpc_refresh", "api_refresh"),
)
STATS = ("p50", "p99")
MEMORY_AT_CALLS = 10_000

_PEER_PROCESSES = {
    "python_idle": "pass",
    "boto3_client": (
        "import boto3\nboto3.session.Session(region_name='us-east-1').client('sso-oidc')"
    ),
    "py_backend_client": (
        "import py_backend\npy_backend.Session(region_name='us-east-1').client('sso-oidc')"
    ),
}
_PEER_LABELS = {
    "python_idle": "idle python",
    "boto3_client": "python + boto3 client",
    "py_backend_client": "python + py_backend client",
}


class _Workload:
    """The four contenders, bound to one backend, one emulator and two refresh chains."""

    def __init__(self, context: BenchContext, backend: Backend) -> None:
        emulator = context.need_emulator()
        self.backend = backend
        self.endpoint = emulator.base_url
        self.rpc_chain = emulator.refresh_chain()
        self.api_chain = emulator.refresh_chain()
        session = py_backend.Session(
            region_name="us-east-1",
            environ={},
            config_file=os.devnull,
            credentials_file=os.devnull,
        )
        self.client = session.client("sso-oidc", endpoint_url=self.endpoint)

    def contenders(self) -> dict[str, Contender]:
        return {
            "rpc_initialize": self.initialize,
            "rpc_validation_error": self.validation_error,
            "rpc_refresh": self.rpc_refresh,
            "api_refresh": self.api_refresh,
        }

    def initialize(self) -> None:
        answer = self.backend.call("initialize", {"protocolVersion": "1.0"})
        if "result" not in answer:
            raise BenchError("initialize failed")

    def validation_error(self) -> None:
        parameters = {"GrantType": "refresh_token", "Region": "us-east-1"}
        answer = self.backend.call(
            "invoke", {"cmdlet": "New-SSOOIDCToken", "parameters": parameters}
        )
        if answer.get("error", {}).get("code") != -32000:
            raise BenchError("the validation call was not refused as a cmdlet error")

    def rpc_refresh(self) -> None:
        invoke_refresh(self.backend, self.rpc_chain, self.endpoint, "New-SSOOIDCToken refresh")

    def api_refresh(self) -> None:
        chain: RefreshChain = self.api_chain
        chain.advance(self.client.create_token(**chain.request())["refreshToken"])

    def close(self) -> None:
        self.client.close()


def _peer_rss(context: BenchContext, code: str) -> int | None:
    """The resident memory of a python process that ran ``code`` and is waiting, in KiB."""
    script = f"{code}\nimport sys\nprint('ready', flush=True)\nsys.stdin.read()\n"
    process = spawn([sys.executable, "-c", script], context.environ, context.cwd, stdin=True)
    watchdog = Watchdog(process)
    try:
        with watchdog.armed(120):
            assert process.stdout is not None
            if process.stdout.readline().strip() != b"ready":
                raise BenchError("a memory peer did not start")
        return rss_kib(process.pid)
    finally:
        watchdog.close()
        stop(process, 30)


def run(context: BenchContext) -> list[Section]:
    """Measure the round trips and sample the backend's memory; two sections."""
    counts = context.counts
    context.progress(
        f"rpc: {counts.rpc_calls} rounds of {len(LABELS)} calls, memory every "
        f"{counts.memory_checkpoint_every} requests"
    )
    started = time.perf_counter()
    with Backend(context.environ, context.cwd) as backend:
        workload = _Workload(context, backend)
        try:
            workload.initialize()
            checkpoints = [(backend.calls, rss_kib(backend.pid))]

            def probe(_: int) -> None:
                if backend.calls - checkpoints[-1][0] >= counts.memory_checkpoint_every:
                    checkpoints.append((backend.calls, rss_kib(backend.pid)))

            samples = run_interleaved(
                workload.contenders(), counts.rpc_calls, warmup=counts.rpc_warmup, between=probe
            )
            if checkpoints[-1][0] != backend.calls:
                checkpoints.append((backend.calls, rss_kib(backend.pid)))
            notifications = backend.notifications
        finally:
            workload.close()
    report = timing_report(LABELS, samples, COMPARISONS, STATS)
    round_trips = {
        "title": "RPC round trip",
        **report.data,
        "calls_per_contender": counts.rpc_calls,
        "warmup_calls_per_contender": counts.rpc_warmup,
        "notifications_received": notifications,
        "elapsed_seconds": time.perf_counter() - started,
    }
    sections = [
        Section(
            "rpc_round_trip",
            stats_heading("RPC round trip, one warm backend", STATS),
            round_trips,
            report.rows,
        )
    ]
    memory = _memory_section(context, checkpoints)
    if memory is not None:
        sections.append(memory)
    return sections


def _memory_section(context: BenchContext, raw: list[tuple[int, int | None]]) -> Section | None:
    points = [(calls, kib) for calls, kib in raw if kib is not None]
    if len(points) < 3:
        context.progress("memory: resident memory cannot be read on this platform; skipped")
        return None
    peers = {name: _peer_rss(context, code) for name, code in _PEER_PROCESSES.items()}
    data = memory_figures(points)
    data["peers_kib"] = peers
    data["title"] = "Backend resident memory"
    rows = memory_rows(data, peers)
    return Section("backend_memory", "Backend resident memory", data, rows)


def memory_figures(points: list[tuple[int, int]]) -> dict[str, Any]:
    """Start, settled, at-10,000 and final RSS, the growth after settling, and the slope.

    "Settled" is the first checkpoint at or after a tenth of the calls (imports, caches and
    the worker threads are in place by then); the growth and the least-squares slope are
    measured from there to the end. It "grows" when that growth is above 2 MiB and 5% of the
    settled size, a bound well above the allocator's noise and well below any real leak of
    a few hundred bytes per call.
    """
    total = points[-1][0]
    settled = next(p for p in points if p[0] >= total / 10 and p is not points[0])
    at_target = next((p for p in points if p[0] >= MEMORY_AT_CALLS), points[-1])
    tail = [p for p in points if p[0] >= settled[0]]
    growth = points[-1][1] - settled[1]
    slope = linear_slope([(float(c), float(k)) for c, k in tail]) * 1000
    return {
        "unit": "KiB",
        "checkpoints": [{"calls": c, "rss_kib": k} for c, k in points],
        "after_start_kib": points[0][1],
        "settled": {"calls": settled[0], "rss_kib": settled[1]},
        "at_target": {"calls": at_target[0], "rss_kib": at_target[1]},
        "final": {"calls": total, "rss_kib": points[-1][1]},
        "growth_after_settled_kib": growth,
        "slope_kib_per_1000_calls": slope,
        "grows": growth > max(2048, 0.05 * settled[1]),
    }


def memory_rows(data: dict[str, Any], peers: dict[str, int | None]) -> list[Row]:
    """Table rows: memory after N calls beside the peers, then the growth verdict."""
    at = data["at_target"]
    measurement = f"backend RSS after {at['calls']:,} calls"
    ours = f"{at['rss_kib'] / 1024:.1f} MiB"
    rows = [
        Row(measurement, ours, _PEER_LABELS[name], f"{kib / 1024:.1f} MiB", _ratio(at, kib))
        for name, kib in peers.items()
        if kib
    ]
    settled, final = data["settled"], data["final"]
    rows.append(
        Row(
            f"backend RSS growth, calls {settled['calls']:,}-{final['calls']:,}",
            f"{data['growth_after_settled_kib'] / 1024:+.2f} MiB "
            f"({data['slope_kib_per_1000_calls']:+.0f} KiB/1000 calls)",
            "bound: max(2 MiB, 5%)",
            "",
            "GROWS" if data["grows"] else "stable",
        )
    )
    return rows


def _ratio(at: dict[str, int], kib: int) -> str:
    return format_ratio(at["rss_kib"] / kib)
