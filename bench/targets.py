"""Issue 15's targets, read from the sections of the same run: each figure, its bound, met or not.

Every figure is a ratio measured in one run (ours over the peer, p50), or for memory the
growth verdict; a target whose section did not run (``--only``, or skipped for a missing
pwsh) is listed as not measured. The benchmark reports; it never fails on a missed target.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bench.report import Row, Section, format_ratio

__all__ = ["TARGETS", "Target", "targets_section"]


@dataclass(frozen=True)
class Target:
    """``section``'s comparison ``subject`` / ``peer`` (p50) must be at most ``bound``."""

    label: str
    section: str
    subject: str
    peer: str
    bound: float


TARGETS = (
    Target("PowerShell first call / SDK path", "powershell_first_call", "module", "sdk", 0.5),
    Target(
        "backend cold start / boto3 import + client", "cold_start", "backend", "boto3_client", 0.25
    ),
    Target("one-shot CLI / AWS CLI v1", "cli_one_shot", "aws_token_bridge", "aws_cli_v1", 0.3),
    Target(
        "warm cmdlet call over TLS / boto3 in-process", "tls_warm_call", "rpc_tls", "boto3_tls", 1.0
    ),
)
"""The ratio targets, in the issue's order; the memory target is the RSS verdict."""


def _ratio(sections: Mapping[str, Mapping[str, Any]], target: Target) -> float | None:
    data = sections.get(target.section)
    if data is None:
        return None
    for item in data.get("comparisons", ()):
        if item.get("subject") == target.subject and item.get("peer") == target.peer:
            value = item.get("p50_ratio")
            return float(value) if value is not None else None
    return None


def targets_section(sections: Sequence[Section]) -> Section:
    """The summary section: one row per target, with ``met``/``MISSED``/``not measured``."""
    by_key = {section.key: section.data for section in sections}
    rows: list[Row] = []
    results: list[dict[str, Any]] = []
    for target in TARGETS:
        value = _ratio(by_key, target)
        verdict = (
            "not measured" if value is None else ("met" if value <= target.bound else "MISSED")
        )
        shown = "" if value is None else format_ratio(value)
        rows.append(Row(target.label, shown, "target", f"<= {target.bound:g}x", verdict))
        results.append(
            {"target": target.label, "ratio": value, "bound": target.bound, "verdict": verdict}
        )
    memory = by_key.get("backend_memory")
    if memory is None:
        verdict, shown = "not measured", ""
    else:
        verdict = "MISSED" if memory.get("grows") else "met"
        calls = memory.get("final", {}).get("calls", 0)
        shown = (
            f"{memory.get('growth_after_settled_kib', 0) / 1024:+.2f} MiB over {calls:,} requests"
        )
    rows.append(Row("backend RSS over the invokes", shown, "target", "flat", verdict))
    results.append({"target": "backend RSS flat", "verdict": verdict})
    return Section(
        "targets", "Issue 15 targets (ours / peer, p50; same run)", {"targets": results}, rows
    )
