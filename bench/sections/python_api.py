"""Python API ``create_token`` (refresh grant) against the emulator on loopback.

Three clients take turns on the same emulator, each following its own refresh chain:
this library's client, boto3's, and a raw keep-alive HTTP POST of the same JSON body with
``http.client`` (the floor: no validation, no signing logic, no retry bookkeeping). Each
client's overhead is its time minus the floor's, at the same percentile.
"""

from __future__ import annotations

import os
import time
from typing import Any

import py_backend
from bench.clients import RawClient, boto3_client
from bench.context import BenchContext
from bench.emulator import RefreshChain
from bench.report import Row, Section, format_ratio, stats_heading, timing_report
from bench.stats import ratio
from bench.timing import run_interleaved

__all__ = ["run"]

LABELS = {
    "py_backend": "py_backend create_token",
    "boto3": "boto3 create_token",
    "raw_http": "raw HTTP POST, same body (floor)",
}
COMPARISONS = (
    ("py_backend", "boto3"),
    ("py_backend", "raw_http"),
    ("boto3", "raw_http"),
)
STATS = ("p50", "p99")


def _overhead_text(extra: dict[str, float]) -> str:
    return f"{extra['p50']:+.3f} / {extra['p99']:+.3f} ms"


def run(context: BenchContext) -> list[Section]:
    """Time the three clients ``api_calls`` times each, interleaved."""
    counts = context.counts
    emulator = context.need_emulator()
    context.progress(f"python api: {counts.api_calls} rounds of {len(LABELS)} clients")
    chains = {name: emulator.refresh_chain() for name in LABELS}
    session = py_backend.Session(
        region_name="us-east-1", environ={}, config_file=os.devnull, credentials_file=os.devnull
    )
    ours = session.client("sso-oidc", endpoint_url=emulator.base_url)
    theirs = boto3_client(emulator.base_url)
    raw = RawClient(emulator.base_url)

    def step(name: str, call: Any) -> Any:
        chain: RefreshChain = chains[name]
        return lambda: chain.advance(call(chain.request())["refreshToken"])

    started = time.perf_counter()
    try:
        samples = run_interleaved(
            {
                "py_backend": step("py_backend", lambda request: ours.create_token(**request)),
                "boto3": step("boto3", lambda request: theirs.create_token(**request)),
                "raw_http": step("raw_http", raw.create_token),
            },
            counts.api_calls,
            warmup=counts.api_warmup,
        )
    finally:
        ours.close()
        theirs.close()
        raw.close()
    report = timing_report(LABELS, samples, COMPARISONS, STATS)
    floor = report.summaries["raw_http"]
    overhead = {
        name: {stat: report.summaries[name][stat] - floor[stat] for stat in STATS}
        for name in ("py_backend", "boto3")
    }
    ours_extra, theirs_extra = overhead["py_backend"], overhead["boto3"]
    report.rows.append(
        Row(
            "py_backend overhead over floor",
            _overhead_text(ours_extra),
            "boto3 overhead over floor",
            _overhead_text(theirs_extra),
            format_ratio(ratio(ours_extra["p50"], theirs_extra["p50"])),
        )
    )
    data = {
        "title": "Python API create_token (refresh) on loopback",
        **report.data,
        "calls_per_contender": counts.api_calls,
        "warmup_calls_per_contender": counts.api_warmup,
        "overhead_over_floor_ms": overhead,
        "elapsed_seconds": time.perf_counter() - started,
    }
    return [
        Section(
            "python_api",
            stats_heading("Python API create_token, refresh grant on loopback", STATS),
            data,
            report.rows,
        )
    ]
