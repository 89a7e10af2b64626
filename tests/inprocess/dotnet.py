"""What the .NET tests need: the probe's findings, the .NET SDK, and the built host.

The probe is the module's own (``module/Private/InProcessProbe.py``), run the way the module
runs it, so the paths the host loads are the ones the module would load.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.rpc.client import REPO_ROOT

PROBE = REPO_ROOT / "module" / "Private" / "InProcessProbe.py"
HOST_PROJECT = REPO_ROOT / "hosts" / "dotnet" / "InProcessHost.csproj"
COMPILE_TIMEOUT = 180.0


def run_probe(*folders: str) -> dict[str, Any]:
    """The probe's JSON, from this test run's Python (as the module runs it)."""
    done = subprocess.run(
        [sys.executable, str(PROBE), *folders],
        capture_output=True,
        check=True,
        timeout=60,
    )
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def missing_for_host(found: dict[str, Any]) -> str | None:
    """Why the .NET host cannot run here, or ``None`` when it can."""
    if shutil.which("dotnet") is None:
        return "dotnet (the .NET SDK) is not on PATH"
    if found["problems"]:
        return "; ".join(found["problems"])
    return None


def compile_host(out_dir: Path, runtime_dll: str) -> Path:
    """``dotnet build`` the host against the probe's ``Python.Runtime.dll``; returns its dll.

    The intermediate files go under ``out_dir`` too, so the checkout stays clean.
    """
    command = [
        "dotnet",
        "build",
        str(HOST_PROJECT),
        "-c",
        "Release",
        "-nologo",
        "-o",
        str(out_dir / "bin"),
        f"-p:PythonRuntimeDll={runtime_dll}",
        f"-p:BaseIntermediateOutputPath={out_dir / 'obj'}{os.sep}",
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=COMPILE_TIMEOUT)
    assert done.returncode == 0, f"dotnet build failed:\n{done.stdout}\n{done.stderr}"
    return out_dir / "bin" / "InProcessHost.dll"


def host_command(exe: Path, mode: str, found: dict[str, Any]) -> list[str]:
    """The command line that runs the host in ``mode`` with the probe's paths."""
    return ["dotnet", str(exe), mode, found["pythonDll"], found["executable"], str(REPO_ROOT)]


def host_environ(found: dict[str, Any], base: dict[str, str]) -> dict[str, str]:
    """``base`` plus what the .NET host needs: nothing beyond a quiet SDK."""
    environ = dict(base)
    environ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1"
    environ["DOTNET_NOLOGO"] = "1"
    return environ
