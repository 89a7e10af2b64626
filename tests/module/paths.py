"""Where the module tests find the files they check."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MODULE = REPO / "module"
PESTER = REPO / "tests" / "pester"
SAMPLES = PESTER / "fixtures" / "invoke-samples.json"
BUILD_SCRIPT = REPO / "build.ps1"


def module_files(*suffixes: str) -> list[Path]:
    """The module's files with these suffixes, sorted."""
    return sorted(p for p in MODULE.rglob("*") if p.is_file() and p.suffix in suffixes)


def powershell_files() -> list[Path]:
    """Every PowerShell file the project has: the module, build.ps1 and the Pester suites."""
    found = module_files(".ps1", ".psm1", ".psd1")
    found += sorted(PESTER.rglob("*.ps1")) + sorted(PESTER.rglob("*.psd1"))
    if BUILD_SCRIPT.exists():
        found.append(BUILD_SCRIPT)
    return found


def relative(path: Path) -> str:
    """``path`` relative to the repository, for test ids."""
    return path.relative_to(REPO).as_posix()


def find_powershell(name: str) -> str | None:
    """The ``pwsh`` or ``powershell`` executable: on PATH, or where ``dotnet tool install
    --global PowerShell`` puts it (``~/.dotnet/tools``), which is often not on PATH."""
    found = shutil.which(name)
    if found is not None:
        return found
    tools = Path.home() / ".dotnet" / "tools"
    for candidate in (tools / name, tools / f"{name}.exe"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


@dataclass(frozen=True)
class Pester:
    """A Pester a PowerShell lists: its version and its folder (``.../Pester/<version>``)."""

    version: str
    folder: Path

    @property
    def major(self) -> int:
        """The major version (5 for 5.7.1)."""
        return int(self.version.split(".")[0])


def newest_pester(shell: str) -> Pester | None:
    """The newest Pester that ``shell`` lists (``Get-Module -ListAvailable``), or None."""
    done = subprocess.run(
        [
            shell,
            "-NoProfile",
            "-NonInteractive",
            "-Command",
            "Get-Module -ListAvailable -Name Pester | Sort-Object Version -Descending | "
            "Select-Object -First 1 | ForEach-Object { $_.Version.ToString(); $_.ModuleBase }",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    # One line each: a module folder may hold spaces (C:\Program Files\...).
    lines = done.stdout.strip().splitlines()
    if len(lines) < 2:
        return None
    return Pester(lines[0].strip(), Path(lines[1].strip()))


def pester_command(suite: Path, results: Path) -> str:
    """The PowerShell command that runs the Pester ``suite`` and writes NUnit ``results``."""
    return (
        "$ErrorActionPreference = 'Stop'; "
        "Import-Module -Name Pester -MinimumVersion 5.0; "
        "$configuration = New-PesterConfiguration; "
        f"$configuration.Run.Path = '{suite}'; "
        "$configuration.Run.Exit = $true; "
        "$configuration.Output.Verbosity = 'Detailed'; "
        "$configuration.TestResult.Enabled = $true; "
        f"$configuration.TestResult.OutputPath = '{results}'; "
        "Invoke-Pester -Configuration $configuration"
    )
