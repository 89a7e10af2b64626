"""The in-process transport's round trip beside the stdio one, same cmdlet calls, same run.

Four contenders take turns, ``rpc_calls`` times each:

- ``initialize`` through :func:`py_backend.rpc.inprocess.InProcessSession.call` (what the
  pythonnet host calls) and through a warm ``python -m py_backend rpc`` child: the protocol's
  floor on each transport;
- ``invoke`` of ``New-SSOOIDCToken`` with a refresh token, against the emulator, on each.

Both sides build the request line with ``json.dumps`` and read the answer with ``json.loads``,
and both receive the request's notifications (counted), so the difference is the transport:
a pipe, a second process and its reader on one side; a function call on the other. The .NET
side's own cost (marshalling two strings, taking the GIL) is not in these figures.

Run it alone with ``python -m bench --only inprocess [--quick]``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import Any

from bench.clients import invoke_refresh
from bench.context import BenchContext
from bench.processes import BenchError
from bench.report import Section, stats_heading, timing_report
from bench.rpc_client import Backend
from bench.timing import run_interleaved
from py_backend.rpc.inprocess import InProcessSession
from py_backend.rpc.methods import PROTOCOL_VERSION

__all__ = ["run"]

LABELS = {
    "inprocess_initialize": "in-process initialize (protocol floor)",
    "stdio_initialize": "stdio RPC initialize",
    "inprocess_refresh": "in-process invoke New-SSOOIDCToken refresh",
    "stdio_refresh": "stdio RPC invoke New-SSOOIDCToken refresh",
}
COMPARISONS = (
    ("inprocess_initialize", "stdio_initialize"),
    ("inprocess_refresh", "stdio_refresh"),
)
STATS = ("p50", "p99")


class _InProcess:
    """The in-process side: a session of its own, called with string lines."""

    def __init__(self) -> None:
        self.session = InProcessSession()
        self.notifications = 0
        self._next_id = 0

    def call(self, method: str, params: Mapping[str, Any]) -> dict[str, Any]:
        self._next_id += 1
        line = json.dumps(
            {"jsonrpc": "2.0", "id": self._next_id, "method": method, "params": params},
            separators=(",", ":"),
        )
        answers = self.session.call(line, self._count)
        if len(answers) != 1:
            raise BenchError(f"the in-process backend gave {len(answers)} answers to {method}")
        answer: dict[str, Any] = json.loads(answers[0])
        return answer

    def _count(self, line: str) -> None:
        self.notifications += 1


class _Workload:
    """The four contenders: two transports, two calls, one emulator, two refresh chains."""

    def __init__(self, context: BenchContext, backend: Backend, inprocess: _InProcess) -> None:
        emulator = context.need_emulator()
        self.endpoint = emulator.base_url
        self.transports: dict[str, Any] = {"inprocess": inprocess, "stdio": backend}
        self.chains = {name: emulator.refresh_chain() for name in self.transports}

    def contenders(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for name in self.transports:
            found[f"{name}_initialize"] = lambda name=name: self.initialize(name)
            found[f"{name}_refresh"] = lambda name=name: self.refresh(name)
        return {key: found[key] for key in LABELS}

    def initialize(self, transport: str) -> None:
        answer = self.transports[transport].call(
            "initialize", {"protocolVersion": PROTOCOL_VERSION}
        )
        if "result" not in answer:
            raise BenchError(f"{transport} initialize failed")

    def refresh(self, transport: str) -> None:
        chain = self.chains[transport]
        what = f"{transport} New-SSOOIDCToken refresh"
        invoke_refresh(self.transports[transport], chain, self.endpoint, what)


def run(context: BenchContext) -> list[Section]:
    """Time both transports' round trips, interleaved; one section."""
    counts = context.counts
    context.progress(f"inprocess: {counts.rpc_calls} rounds of {len(LABELS)} calls")
    started = time.perf_counter()
    inprocess = _InProcess()
    with Backend(context.environ, context.cwd) as backend:
        workload = _Workload(context, backend, inprocess)
        samples = run_interleaved(workload.contenders(), counts.rpc_calls, warmup=counts.rpc_warmup)
        notifications = {"inprocess": inprocess.notifications, "stdio": backend.notifications}
    inprocess.session.dispatcher.shutdown()
    report = timing_report(LABELS, samples, COMPARISONS, STATS)
    data = {
        "title": "In-process round trip beside stdio",
        **report.data,
        "calls_per_contender": counts.rpc_calls,
        "warmup_calls_per_contender": counts.rpc_warmup,
        "notifications_received": notifications,
        "elapsed_seconds": time.perf_counter() - started,
    }
    title = stats_heading("In-process transport beside stdio (warm)", STATS)
    return [Section("inprocess_round_trip", title, data, report.rows)]
