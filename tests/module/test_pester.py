"""Runs the Pester 5 suites (tests/pester) in every PowerShell this machine has.

``pwsh`` (PowerShell 7) and, on Windows, ``powershell`` (Windows PowerShell 5.1). A shell that
is missing, or has no Pester 5, is reported as a skip with the reason; nothing here pretends
that PowerShell ran.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.module.paths import PESTER, REPO, find_powershell, newest_pester, pester_command
from tests.support import summary
from tests.support.peers import CLEAN_ENVIRON

pytestmark = pytest.mark.pester

SHELLS = {
    "pwsh": "PowerShell 7 (https://aka.ms/powershell)",
    "powershell": "Windows PowerShell 5.1 (Windows only)",
}
SUITES = sorted(p.name for p in PESTER.glob("*.Tests.ps1"))
PESTER_TIMEOUT = 900


def _shell(name: str) -> str:
    path = find_powershell(name)
    if path is None:
        pytest.skip(
            f"{name} is not on PATH (nor in ~/.dotnet/tools): the Pester suites need "
            f"{SHELLS[name]}; install it to run them"
        )
    return path


def _environment() -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "AWSTB_"))}
    environ.update(CLEAN_ENVIRON)
    environ["AWSTB_TEST_PYTHON"] = sys.executable
    environ["PYTHONPATH"] = str(REPO)
    return environ


@pytest.mark.timeout(PESTER_TIMEOUT)
@pytest.mark.parametrize("suite", SUITES)
@pytest.mark.parametrize("shell_name", sorted(SHELLS))
def test_pester_suite(shell_name: str, suite: str, tmp_path: Path) -> None:
    shell = _shell(shell_name)
    pester = newest_pester(shell)
    version = pester.version if pester is not None else ""
    if pester is None or pester.major < 5:
        pytest.skip(
            f"Pester 5 is not installed for {shell_name} (found {version or 'none'}): "
            "Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser"
        )
    done = subprocess.run(
        [
            shell,
            "-NoProfile",
            "-NonInteractive",
            "-Command",
            pester_command(PESTER / suite, tmp_path / "results.xml"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_environment(),
        timeout=PESTER_TIMEOUT,
        check=False,
    )
    results = tmp_path / "results.xml"
    if results.exists():
        summary.record(
            summary.pester_line(
                suite, f"{shell_name}, Pester {version}", summary.nunit_counts(results)
            )
        )
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
    assert results.exists()
