"""Results: each section's figures beside their peers, as a text table and as JSON.

A :class:`Section` carries the JSON of one measurement (every summary, every comparison)
and the :class:`Row` lines it contributes to the table. Comparisons are always between two
contenders measured in the same run: ``ratio`` is ours divided by the peer's figure.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench.stats import Summary, ratio, summarize

__all__ = [
    "Row",
    "Section",
    "compare",
    "compare_pairs",
    "format_ratio",
    "format_stats",
    "render",
    "stats_heading",
    "timing_report",
    "write_json",
]


@dataclass(frozen=True)
class Row:
    """One line of the table: our figure, the peer it is set against, and the ratio."""

    measurement: str
    ours: str
    peer: str = ""
    peer_value: str = ""
    ratio: str = ""


@dataclass
class Section:
    """One measurement of the benchmark: JSON ``data`` plus its table ``rows``."""

    key: str
    title: str
    data: dict[str, Any]
    rows: list[Row] = field(default_factory=list)


def format_stats(summary: Summary, stats: Sequence[str], unit: str) -> str:
    """``"0.55 / 0.81 ms"``: the chosen statistics of a summary (the heading names them)."""
    return " / ".join(_number(summary[name]) for name in stats) + f" {unit}"


def stats_heading(title: str, stats: Sequence[str]) -> str:
    """A section title followed by the statistics its cells show: ``"... (p50 / p99)"``."""
    return f"{title} ({' / '.join(stats)})"


def format_ratio(value: float) -> str:
    """``"1.23x"``."""
    return f"{value:.2f}x"


def _number(value: float) -> str:
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.3f}" if value < 1 else f"{value:.2f}"


def compare(subject: Summary, peer: Summary, stats: Sequence[str]) -> dict[str, float]:
    """Ratio (ours / peer) and difference (ours - peer) for each statistic in ``stats``."""
    result: dict[str, float] = {}
    for name in stats:
        result[f"{name}_ratio"] = ratio(subject[name], peer[name])
        result[f"{name}_difference"] = subject[name] - peer[name]
    return result


def compare_pairs(
    labels: Mapping[str, str],
    summaries: Mapping[str, Summary],
    pairs: Sequence[tuple[str, str]],
    stats: Sequence[str],
    unit: str,
) -> tuple[list[dict[str, Any]], list[Row]]:
    """For each ``(ours, peer)`` pair: its JSON comparison and its table row (ratio of p50)."""
    items: list[dict[str, Any]] = []
    rows: list[Row] = []
    for subject, peer in pairs:
        figures = compare(summaries[subject], summaries[peer], stats)
        items.append({"subject": subject, "peer": peer, **figures})
        rows.append(
            Row(
                labels[subject],
                format_stats(summaries[subject], stats, unit),
                labels[peer],
                format_stats(summaries[peer], stats, unit),
                format_ratio(figures[f"{stats[0]}_ratio"]),
            )
        )
    return items, rows


@dataclass(frozen=True)
class TimingReport:
    """Timed contenders summarised in milliseconds and set against their peers."""

    summaries: dict[str, Summary]
    rows: list[Row]
    #: ``unit``, ``contenders`` (label and statistics each) and ``comparisons``, for the JSON.
    data: dict[str, Any]


def timing_report(
    labels: Mapping[str, str],
    samples: Mapping[str, Sequence[float]],
    pairs: Sequence[tuple[str, str]],
    stats: Sequence[str],
) -> TimingReport:
    """Summarise each contender's samples (seconds, shown in ms) and compare the ``pairs``."""
    summaries = {name: summarize(values, scale=1000.0) for name, values in samples.items()}
    comparisons, rows = compare_pairs(labels, summaries, pairs, stats, "ms")
    contenders = {name: {"label": labels[name], **summary} for name, summary in summaries.items()}
    data = {"unit": "ms", "contenders": contenders, "comparisons": comparisons}
    return TimingReport(summaries, rows, data)


def render(sections: Sequence[Section]) -> str:
    """The table: a heading per section, then aligned columns."""
    header = Row("Measurement", "Ours", "Peer (same run)", "Peer", "Ours/peer")
    rows = [header, *(row for section in sections for row in section.rows)]
    widths = [max(len(_cells(row)[i]) for row in rows) for i in range(5)]
    lines: list[str] = [_line(_cells(header), widths), "  ".join("-" * w for w in widths)]
    for section in sections:
        lines.append(f"\n[{section.title}]")
        lines.extend(_line(_cells(row), widths) for row in section.rows)
    return "\n".join(lines)


def _cells(row: Row) -> tuple[str, str, str, str, str]:
    return (row.measurement, row.ours, row.peer, row.peer_value, row.ratio)


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()


def write_json(path: Path, meta: Mapping[str, Any], sections: Sequence[Section]) -> None:
    """Write the whole run (metadata, every section's data and the table rows) to ``path``."""
    document = {
        **meta,
        "sections": {section.key: section.data for section in sections},
        "table": [
            {"section": section.key, **asdict(row)} for section in sections for row in section.rows
        ],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, sort_keys=False) + "\n", encoding="utf-8")
