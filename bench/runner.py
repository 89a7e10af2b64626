"""``python -m bench``: run the sections, print the table, write the JSON.

python -m bench                    # everything, full counts (a few minutes)
python -m bench --quick            # everything, small counts (a smoke test)
python -m bench --only api,rpc     # some sections
python -m bench --output-dir DIR   # write DIR/<timestamp>.json (default bench/results/)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

from bench import environment
from bench.context import FULL, QUICK, BenchContext
from bench.processes import BenchError
from bench.report import Section, render, write_json
from bench.sections import cli, cold_start, inprocess, powershell, python_api, rpc, tls
from bench.targets import targets_section

__all__ = ["SECTIONS", "main"]

SECTIONS: dict[str, Callable[[BenchContext], list[Section]]] = {
    "cold-start": cold_start.run,
    "rpc": rpc.run,
    "inprocess": inprocess.run,
    "api": python_api.run,
    "cli": cli.run,
    "tls": tls.run,
    "powershell": powershell.run,
}
"""Section names for ``--only``, in the order they run (``rpc`` includes the memory figures)."""

DEFAULT_OUTPUT = Path(__file__).resolve().parent / "results"


def _sections(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in SECTIONS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"choose from {', '.join(SECTIONS)} (comma-separated); got {text!r}"
        )
    return names


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmarks of aws-token-bridge beside boto3 and the AWS CLI, same run.",
    )
    parser.add_argument("--quick", action="store_true", help="small counts (a smoke test)")
    parser.add_argument(
        "--only",
        type=_sections,
        default=list(SECTIONS),
        metavar="SECTIONS",
        help=f"comma-separated subset of: {', '.join(SECTIONS)}",
    )
    parser.add_argument(
        "--output-dir",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="where to write <timestamp>.json (default: bench/results/)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; 0 on success, 1 when a contender failed."""
    args = _parser().parse_args(argv)
    counts = QUICK if args.quick else FULL
    stamp = environment.timestamp()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="aws-token-bridge-bench-") as tmp:
        workdir = Path(tmp)
        config = environment.write_aws_config(workdir)
        environment.isolate_this_process(workdir, config)
        context = BenchContext(
            counts=counts,
            environ=environment.child_environ(workdir, config),
            workdir=workdir,
            cwd=environment.REPO_ROOT,
        )
        try:
            sections = [section for name in args.only for section in SECTIONS[name](context)]
            sections.append(targets_section(sections))
        except BenchError as error:
            print(f"bench: failed: {error}", file=sys.stderr)
            return 1
        finally:
            if context.emulator is not None:
                context.emulator.close()
    meta = {
        "schema": 1,
        "timestamp": stamp,
        "mode": "quick" if args.quick else "full",
        "sections_run": args.only,
        "counts": asdict(counts),
        "machine": environment.machine_info(),
        "versions": environment.versions(),
        "elapsed_seconds": time.perf_counter() - started,
    }
    path = args.output_dir / f"{stamp}.json"
    write_json(path, meta, sections)
    print(render(sections))
    print(f"\nresults written to {path}")
    return 0
