"""One-shot CLI ``sso-oidc create-token`` (refresh grant): whole-process wall time.

``aws-token-bridge sso-oidc create-token`` beside ``aws sso-oidc create-token`` (the AWS CLI
v1), same arguments, same emulator, taking turns; ``python -c pass`` is the floor (starting
the interpreter). Each CLI follows its own refresh chain, read from its JSON output.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable

from bench.context import BenchContext
from bench.emulator import RefreshChain
from bench.environment import console_command
from bench.processes import BenchError
from bench.report import Section, stats_heading, timing_report
from bench.timing import run_interleaved

__all__ = ["run"]

LABELS = {
    "aws_token_bridge": "aws-token-bridge sso-oidc create-token",
    "aws_cli_v1": "aws sso-oidc create-token (CLI v1)",
    "python_pass": "python -c pass (the floor)",
}
COMPARISONS = (
    ("aws_token_bridge", "aws_cli_v1"),
    ("aws_token_bridge", "python_pass"),
    ("aws_cli_v1", "python_pass"),
)
STATS = ("p50", "p95")


def _create_token(
    context: BenchContext, command: list[str], chain: RefreshChain, endpoint: str
) -> Callable[[], None]:
    def run_once() -> None:
        argv = [
            *command,
            "sso-oidc",
            "create-token",
            "--client-id",
            chain.client_id,
            "--client-secret",
            chain.client_secret,
            "--grant-type",
            "refresh_token",
            "--refresh-token",
            chain.refresh_token,
            "--endpoint-url",
            endpoint,
            "--region",
            "us-east-1",
            "--output",
            "json",
        ]
        done = subprocess.run(
            argv, env=context.environ, cwd=context.cwd, capture_output=True, timeout=120
        )
        if done.returncode != 0:
            raise BenchError(f"{command[-1]} create-token exited {done.returncode}")
        chain.advance(json.loads(done.stdout).get("refreshToken"))

    return run_once


def _python_pass(context: BenchContext) -> None:
    argv = [sys.executable, "-c", "pass"]
    subprocess.run(argv, env=context.environ, cwd=context.cwd, check=True, timeout=120)


def run(context: BenchContext) -> list[Section]:
    """Run each CLI ``cli_runs`` times, interleaved with the interpreter floor."""
    counts = context.counts
    emulator = context.need_emulator()
    context.progress(f"cli: {counts.cli_runs} runs of {len(LABELS)} commands")
    ours = console_command("aws-token-bridge", "py_backend")
    theirs = console_command("aws", "awscli")
    started = time.perf_counter()
    samples = run_interleaved(
        {
            "aws_token_bridge": _create_token(
                context, ours, emulator.refresh_chain(), emulator.base_url
            ),
            "aws_cli_v1": _create_token(
                context, theirs, emulator.refresh_chain(), emulator.base_url
            ),
            "python_pass": lambda: _python_pass(context),
        },
        counts.cli_runs,
        warmup=counts.cli_warmup,
    )
    report = timing_report(LABELS, samples, COMPARISONS, STATS)
    data = {
        "title": "One-shot CLI create-token (refresh)",
        **report.data,
        "runs": counts.cli_runs,
        "warmup_runs": counts.cli_warmup,
        "commands": {"aws_token_bridge": ours, "aws_cli_v1": theirs},
        "notes": [
            "AWS CLI v1 config: cli_follow_urlparam = false (it would fetch http:// values), "
            "retry_mode = standard with 3 attempts (v1 defaults to legacy); no call is retried",
        ],
        "elapsed_seconds": time.perf_counter() - started,
    }
    return [
        Section(
            "cli_one_shot",
            stats_heading("One-shot CLI create-token, whole process", STATS),
            data,
            report.rows,
        )
    ]
