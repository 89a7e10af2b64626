"""``python -m py_backend.psmodule generate [--check] [--module-dir DIR] [--samples FILE]``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from py_backend.psmodule.files import DEFAULT_MODULE_DIR, check, generate


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m py_backend.psmodule",
        description="Generate the AwsTokenBridge module's files from the cmdlet specifications.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    generate_parser = commands.add_parser("generate", help="write (or --check) the files")
    generate_parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 with a diff on drift"
    )
    generate_parser.add_argument(
        "--module-dir", type=Path, default=DEFAULT_MODULE_DIR, help="the module folder"
    )
    generate_parser.add_argument(
        "--samples", type=Path, help="also the Pester fixture of sample invocations"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    if args.check:
        drifts = check(args.module_dir, args.samples)
        for drift in drifts:
            sys.stdout.write(drift.diff)
        if drifts:
            sys.stderr.write(
                f"{len(drifts)} generated file(s) differ; run "
                "`python -m py_backend.psmodule generate` and commit the result\n"
            )
        return 1 if drifts else 0
    for path in generate(args.module_dir, args.samples):
        sys.stdout.write(f"wrote {path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
