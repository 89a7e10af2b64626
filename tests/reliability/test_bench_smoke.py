"""The benchmark runs (``python -m bench --quick``) and writes the JSON the README describes.

Only the structure and the sanity of the numbers are checked (present, positive, ordered
percentiles); how fast anything is belongs to the benchmark's table, not to a test.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.rpc.client import REPO_ROOT, child_environ

pytestmark = pytest.mark.timeout(120)

SECTIONS = "cold-start,rpc,api"
SUMMARY_KEYS = {"n", "p50", "p95", "p99", "mean", "min", "max"}
EXPECTED = {
    "cold_start": {"backend", "python_pass", "boto3_client", "py_backend_client"},
    "rpc_round_trip": {"rpc_initialize", "rpc_validation_error", "rpc_refresh", "api_refresh"},
    "python_api": {"py_backend", "boto3", "raw_http"},
}


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str]:
    out_dir = tmp_path_factory.mktemp("bench")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "--quick",
            "--only",
            SECTIONS,
            "--output-dir",
            str(out_dir),
        ],
        cwd=REPO_ROOT,
        env=child_environ(),
        capture_output=True,
        text=True,
        timeout=110,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    [result] = list(Path(out_dir).glob("*.json"))
    document: dict[str, Any] = json.loads(result.read_text())
    return document, done.stdout


def positive(value: Any) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value > 0
    )


def test_the_run_is_described(run: tuple[dict[str, Any], str]) -> None:
    document, _ = run
    assert document["schema"] == 1
    assert document["mode"] == "quick"
    assert document["sections_run"] == SECTIONS.split(",")
    assert {"boto3", "botocore", "awscli", "aws-token-bridge", "python"} <= set(
        document["versions"]
    )
    assert positive(document["machine"]["cpu_count"])
    assert positive(document["elapsed_seconds"])


@pytest.mark.parametrize("section", sorted(EXPECTED))
def test_every_contender_has_positive_ordered_figures(
    run: tuple[dict[str, Any], str], section: str
) -> None:
    data = run[0]["sections"][section]
    assert data["unit"] == "ms"
    assert set(data["contenders"]) == EXPECTED[section]
    for name, summary in data["contenders"].items():
        assert set(summary) >= SUMMARY_KEYS, name
        assert all(positive(summary[key]) for key in SUMMARY_KEYS), (name, summary)
        assert (
            summary["min"] <= summary["p50"] <= summary["p95"] <= summary["p99"] <= summary["max"]
        )
        assert isinstance(summary["label"], str) and summary["label"]
    for comparison in data["comparisons"]:
        assert {comparison["subject"], comparison["peer"]} <= EXPECTED[section]
        assert positive(comparison["p50_ratio"])


def test_the_memory_section(run: tuple[dict[str, Any], str]) -> None:
    sections = run[0]["sections"]
    if not Path("/proc/self/status").exists() and "backend_memory" not in sections:
        pytest.skip("resident memory cannot be read on this platform")
    memory = sections["backend_memory"]
    calls = [point["calls"] for point in memory["checkpoints"]]
    assert calls == sorted(calls) and len(calls) >= 3
    assert all(positive(point["rss_kib"]) for point in memory["checkpoints"])
    assert positive(memory["final"]["rss_kib"]) and memory["final"]["calls"] == calls[-1]
    assert isinstance(memory["grows"], bool)
    assert all(positive(kib) for kib in memory["peers_kib"].values())


def test_the_table_is_printed_and_saved(run: tuple[dict[str, Any], str]) -> None:
    document, stdout = run
    assert stdout.splitlines()[0].startswith("Measurement")
    for row in document["table"]:
        assert row["measurement"] in stdout
        assert row["section"] in document["sections"]
    assert {row["section"] for row in document["table"]} == set(document["sections"])
    assert "results written to" in stdout
