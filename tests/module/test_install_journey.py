"""A PowerShell user's install, end to end (issue 19): tests/pester/journey/Install.Tests.ps1.

Runs the Pester suite in a fresh ``pwsh`` whose environment has nothing of the checkout on any
path: a temporary HOME (so the module, PSResourceGet's repository list and the private Python
environment all go there), a PSModulePath that holds only Pester, a PATH without the checkout,
no PYTHONPATH, VIRTUAL_ENV or AWSTB_* variables. The Python that makes the private environment
is this interpreter's base one (not the checkout's .venv); pip gets the backend's dependencies
from its own configured source, which the environment carries (in CI, PIP_NO_INDEX and
PIP_FIND_LINKS, exported by .ci/run). The checkout is only read to package the module.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.module.paths import PESTER, REPO, find_powershell, newest_pester, pester_command
from tests.support import summary

SUITE = PESTER / "journey" / "Install.Tests.ps1"
# One virtual environment, its dependencies and a backend start: generous, on a shared machine.
TIMEOUT = 1200
pytestmark = [pytest.mark.pester, pytest.mark.timeout(TIMEOUT)]

#: Variables that would point the journey at the checkout or at the user's own setup.
_DROPPED = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PSModulePath", "XDG_DATA_HOME")
_DROPPED_PREFIXES = ("AWS_", "AWSTB_", "XDG_")


def _outside_checkout(value: str) -> str:
    entries = value.split(os.pathsep)
    return os.pathsep.join(e for e in entries if e and not Path(e).resolve().is_relative_to(REPO))


def _environment(home: Path, modules: Path) -> dict[str, str]:
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in _DROPPED and not k.startswith(_DROPPED_PREFIXES)
    }
    environ.update(
        HOME=str(home),
        PSModulePath=str(modules),
        PATH=_outside_checkout(environ.get("PATH", "")),
        AWSTB_JOURNEY="1",
        # Only to package the module (build.ps1 -Python): the checkout's own interpreter.
        AWSTB_JOURNEY_BUILD_PYTHON=sys.executable,
        # The Python a user has: this one's base interpreter, outside the checkout.
        AWSTB_JOURNEY_PYTHON=getattr(sys, "_base_executable", sys.executable),
        # No real AWS: region and credentials never come from the machine's files.
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
        POWERSHELL_TELEMETRY_OPTOUT="1",
        POWERSHELL_UPDATECHECK="Off",
    )
    return environ


def test_install_from_a_repository_to_a_first_token(tmp_path: Path) -> None:
    shell = find_powershell("pwsh")
    if shell is None:
        pytest.skip("pwsh is not on PATH (nor in ~/.dotnet/tools): the journey needs PowerShell 7")
    found = newest_pester(shell)
    if found is None or found.major < 5:
        pytest.skip("Pester 5 is not installed for pwsh: Install-Module Pester -Scope CurrentUser")
    pester = found.folder
    home = tmp_path / "home"
    home.mkdir()
    modules = tmp_path / "test-modules"
    (modules / "Pester").mkdir(parents=True)
    (modules / "Pester" / pester.name).symlink_to(pester, target_is_directory=True)
    base_python = Path(getattr(sys, "_base_executable", sys.executable))
    assert not base_python.resolve().is_relative_to(REPO)
    results = tmp_path / "results.xml"
    command = pester_command(SUITE, results)
    done = subprocess.run(
        [shell, "-NoProfile", "-NonInteractive", "-Command", command],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_environment(home, modules),
        timeout=TIMEOUT,
        check=False,
    )
    if results.exists():
        counts = summary.nunit_counts(results)
        summary.record(summary.pester_line(SUITE.name, "pwsh (install journey)", counts))
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
    assert results.exists()
    text = results.read_text()
    # Every step ran: none was skipped (the suite skips itself outside this environment).
    assert 'result="Success"' in text and 'result="Ignored"' not in text, done.stdout
