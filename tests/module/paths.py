"""Where the module tests find the files they check."""

from __future__ import annotations

import os
import shutil
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
