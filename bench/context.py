"""What every section gets: how many runs, the child environment, the emulator, progress."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from bench.emulator import EmulatorProcess

__all__ = ["FULL", "QUICK", "BenchContext", "Counts"]


@dataclass(frozen=True)
class Counts:
    """Measured runs (and warm-up runs, thrown away) of each section."""

    cold_start_runs: int
    cold_start_warmup: int
    rpc_calls: int
    rpc_warmup: int
    memory_checkpoint_every: int
    api_calls: int
    api_warmup: int
    cli_runs: int
    cli_warmup: int
    tls_calls: int
    tls_warmup: int
    pwsh_runs: int
    pwsh_warmup: int
    pwsh_warm_calls: int


FULL = Counts(
    cold_start_runs=20,
    cold_start_warmup=2,
    rpc_calls=5000,
    rpc_warmup=100,
    memory_checkpoint_every=1000,
    api_calls=5000,
    api_warmup=200,
    cli_runs=20,
    cli_warmup=1,
    tls_calls=3000,
    tls_warmup=100,
    pwsh_runs=10,
    pwsh_warmup=1,
    pwsh_warm_calls=50,
)
"""The counts the README's figures come from."""

QUICK = Counts(
    cold_start_runs=3,
    cold_start_warmup=1,
    rpc_calls=120,
    rpc_warmup=10,
    memory_checkpoint_every=60,
    api_calls=200,
    api_warmup=20,
    cli_runs=2,
    cli_warmup=0,
    tls_calls=150,
    tls_warmup=10,
    pwsh_runs=2,
    pwsh_warmup=0,
    pwsh_warm_calls=20,
)
"""A smoke test of the whole machinery in seconds; its figures are rough."""


@dataclass
class BenchContext:
    """Shared by the sections of one run."""

    counts: Counts
    environ: dict[str, str]
    workdir: Path
    cwd: Path
    emulator: EmulatorProcess | None = None

    def need_emulator(self) -> EmulatorProcess:
        """The emulator (started on first use)."""
        if self.emulator is None:
            self.progress("starting the emulator")
            self.emulator = EmulatorProcess(self.environ, self.cwd)
        return self.emulator

    def progress(self, message: str) -> None:
        """A progress line on stderr (stdout carries the table)."""
        print(f"bench: {message}", file=sys.stderr, flush=True)
