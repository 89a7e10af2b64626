#!/usr/bin/env python3
"""Developer entry point: one command sets everything up and runs the demo, tests or benchmarks.

    python3 dev.py demo     # create .venv, install, run every flow against the local emulator
    python3 dev.py test     # create .venv, install with test extras, then ruff, mypy and pytest
    python3 dev.py bench    # create .venv, install with bench extras, run bench/

Only the standard library is used here, so it runs on a fresh machine with Python >= 3.10.
Extra arguments after ``test`` go to pytest (``python3 dev.py test -k endpoints``).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
EXTRAS = {"demo": "", "test": "test", "bench": "bench", "setup": "test"}


def venv_python() -> Path:
    """The virtual environment's interpreter, on Windows and elsewhere."""
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def run(*args: str | Path) -> int:
    """Run a command from the project root; return its exit code."""
    print("+", " ".join(str(a) for a in args), flush=True)
    return subprocess.call([str(a) for a in args], cwd=ROOT)


def ensure_installed(extra: str) -> None:
    """Create .venv and install the project (with ``extra``) unless already up to date."""
    if sys.version_info < (3, 10):  # noqa: UP036 - dev.py may be run by an older python3
        sys.exit("aws-token-bridge needs Python 3.10 or newer")
    if not venv_python().exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / f".installed-{extra or 'base'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    target = f".[{extra}]" if extra else "."
    pip = [venv_python(), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    if run(*pip, "-e", target) != 0:
        sys.exit("installing the project failed (see pip's output above)")
    stamp.write_text(digest)


def main(argv: list[str]) -> int:
    """Dispatch ``demo``, ``test``, ``bench`` or ``setup``."""
    if not argv or argv[0] not in EXTRAS:
        print(__doc__)
        return 2
    task, rest = argv[0], argv[1:]
    ensure_installed(EXTRAS[task])
    python = venv_python()
    if task == "setup":
        return 0
    if task == "demo":
        return run(python, "-m", "py_backend", "demo", *rest)
    if task == "bench":
        return run(python, "-m", "bench", *rest)
    for check in (
        (python, "-m", "ruff", "check", "."),
        (python, "-m", "ruff", "format", "--check", "."),
        (python, "-m", "mypy"),
    ):
        if run(*check) != 0:
            return 1
    # pytest's own exit code is returned as is: 5 (no tests collected) fails the run.
    return run(python, "-m", "pytest", *rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
