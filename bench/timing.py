"""Interleaved timing: the contenders take turns, so machine noise hits them all alike.

On a shared two-core machine a burst of load lasts for many calls; timing contender A for
5,000 calls and then contender B would charge that burst to one of them. Here each round runs
every contender once, in an order that rotates from round to round (so none is always first
after a pause), and warm-up rounds come first and are thrown away.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Mapping

__all__ = ["Contender", "run_interleaved"]

Contender = Callable[[], None]
"""One timed operation; any set-up it needs per call belongs inside it (it is timed)."""


def run_interleaved(
    contenders: Mapping[str, Contender],
    rounds: int,
    *,
    warmup: int = 0,
    between: Callable[[int], None] | None = None,
) -> dict[str, list[float]]:
    """Run ``warmup`` then ``rounds`` rounds of every contender; seconds per call, by name.

    ``between(round_index)`` runs after every measured round, untimed (memory probes).
    The garbage collector is collected before the measured rounds and left enabled, as it is
    in real use.
    """
    names = list(contenders)
    for index in range(warmup):
        for name in _rotated(names, index):
            contenders[name]()
    gc.collect()
    samples: dict[str, list[float]] = {name: [] for name in names}
    for index in range(rounds):
        for name in _rotated(names, index):
            start = time.perf_counter()
            contenders[name]()
            samples[name].append(time.perf_counter() - start)
        if between is not None:
            between(index)
    return samples


def _rotated(names: list[str], index: int) -> list[str]:
    shift = index % len(names) if names else 0
    return names[shift:] + names[:shift]
