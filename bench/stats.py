"""Summary statistics for latency samples: pure functions, no I/O.

Percentiles use the nearest-rank method (the smallest sample such that at least ``q`` percent
of the samples are at or below it), so every reported figure is a time that was actually
measured, and p50 of an even count is the lower middle sample.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["Summary", "linear_slope", "percentile", "ratio", "summarize"]

Summary = dict[str, float]
"""``{"n", "p50", "p95", "p99", "mean", "min", "max"}`` in the samples' unit."""


def percentile(samples: Sequence[float], q: float) -> float:
    """The nearest-rank ``q``-th percentile (0 < q <= 100) of non-empty ``samples``."""
    if not samples:
        raise ValueError("no samples")
    if not 0 < q <= 100:
        raise ValueError("q must be in (0, 100]")
    ordered = sorted(samples)
    rank = math.ceil(q / 100 * len(ordered))
    return ordered[max(rank, 1) - 1]


def summarize(samples: Sequence[float], scale: float = 1.0) -> Summary:
    """Count, p50, p95, p99, mean, min and max of ``samples``, each multiplied by ``scale``."""
    return {
        "n": float(len(samples)),
        "p50": percentile(samples, 50) * scale,
        "p95": percentile(samples, 95) * scale,
        "p99": percentile(samples, 99) * scale,
        "mean": sum(samples) / len(samples) * scale,
        "min": min(samples) * scale,
        "max": max(samples) * scale,
    }


def ratio(subject: float, peer: float) -> float:
    """``subject / peer``; infinity when the peer is zero (it never is for a real timing)."""
    return subject / peer if peer else math.inf


def linear_slope(points: Sequence[tuple[float, float]]) -> float:
    """The least-squares slope of ``y`` over ``x``; 0.0 for fewer than two distinct ``x``."""
    if len(points) < 2:
        return 0.0
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    if spread == 0:
        return 0.0
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
