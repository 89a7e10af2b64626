"""Backend cold start: spawn ``python -m py_backend rpc`` until ``initialize`` is answered.

Beside it, measured in the same interleaved rounds: ``python -c pass`` (the interpreter's own
start, the floor), importing boto3 and building an ``sso-oidc`` client (what a boto3 user
waits for), and importing this library and building its ``sso-oidc`` client. Each is timed
from the spawn until the child says it is ready (the ``initialize`` answer, a ``ready`` line,
or, for ``pass``, its exit); shutting the child down is not timed.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable

from bench.context import BenchContext
from bench.processes import BenchError, Watchdog, spawn, stop
from bench.report import Section, stats_heading, timing_report
from bench.timing import run_interleaved

__all__ = ["run"]

_INITIALIZE = (
    json.dumps(
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "1.0"}},
        separators=(",", ":"),
    ).encode()
    + b"\n"
)
_BOTO3 = (
    "import boto3\n"
    "boto3.session.Session(region_name='us-east-1').client('sso-oidc')\n"
    "print('ready', flush=True)\n"
)
_PY_BACKEND = (
    "import py_backend\n"
    "py_backend.Session(region_name='us-east-1').client('sso-oidc')\n"
    "print('ready', flush=True)\n"
)

LABELS = {
    "backend": "python -m py_backend rpc, to initialize answer",
    "python_pass": "python -c pass (the floor)",
    "boto3_client": "boto3: import + sso-oidc client",
    "py_backend_client": "py_backend: import + sso-oidc client",
}
COMPARISONS = (
    ("backend", "python_pass"),
    ("backend", "boto3_client"),
    ("py_backend_client", "boto3_client"),
)
STATS = ("p50", "p95")


def _until_ready(
    context: BenchContext, argv: list[str], stdin: bytes | None, ready: Callable[[bytes], bool]
) -> None:
    """Spawn ``argv``, send ``stdin``, read lines until ``ready(line)``; then stop it untimed."""
    process = spawn(argv, context.environ, context.cwd, stdin=stdin is not None)
    watchdog = Watchdog(process)
    try:
        with watchdog.armed(120):
            if stdin is not None:
                assert process.stdin is not None
                process.stdin.write(stdin)
                process.stdin.flush()
            assert process.stdout is not None
            for line in iter(process.stdout.readline, b""):
                if ready(line):
                    return
        raise BenchError(f"{argv[1:3]} exited before it was ready")
    finally:
        watchdog.close()
        stop(process, 30)


def _backend_ready(line: bytes) -> bool:
    message = json.loads(line)
    if message.get("id") != 1:
        return False
    if "result" not in message:
        raise BenchError("the backend refused initialize")
    return True


def contenders(context: BenchContext) -> dict[str, Callable[[], None]]:
    """The four processes to time, by key."""
    python = sys.executable
    return {
        "backend": lambda: _until_ready(
            context, [python, "-m", "py_backend", "rpc"], _INITIALIZE, _backend_ready
        ),
        "python_pass": lambda: _wait_exit(context, [python, "-c", "pass"]),
        "boto3_client": lambda: _until_ready(
            context, [python, "-c", _BOTO3], None, lambda line: line.strip() == b"ready"
        ),
        "py_backend_client": lambda: _until_ready(
            context, [python, "-c", _PY_BACKEND], None, lambda line: line.strip() == b"ready"
        ),
    }


def _wait_exit(context: BenchContext, argv: list[str]) -> None:
    process = spawn(argv, context.environ, context.cwd, stdout=False)
    if process.wait(120) != 0:
        raise BenchError(f"{argv} failed")


def run(context: BenchContext) -> list[Section]:
    """Time every contender ``cold_start_runs`` times, interleaved."""
    counts = context.counts
    context.progress(f"cold start: {counts.cold_start_runs} runs of {len(LABELS)} processes")
    started = time.perf_counter()
    samples = run_interleaved(
        contenders(context), counts.cold_start_runs, warmup=counts.cold_start_warmup
    )
    report = timing_report(LABELS, samples, COMPARISONS, STATS)
    data = {
        "title": "Backend cold start",
        **report.data,
        "runs": counts.cold_start_runs,
        "warmup_runs": counts.cold_start_warmup,
        "elapsed_seconds": time.perf_counter() - started,
    }
    return [
        Section(
            "cold_start",
            stats_heading("Backend cold start, wall time to ready", STATS),
            data,
            report.rows,
        )
    ]
