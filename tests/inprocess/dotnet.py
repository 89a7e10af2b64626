"""What the .NET tests need: the probe's findings, Mono, and the compiled host.

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
HOST_SOURCE = REPO_ROOT / "hosts" / "dotnet" / "InProcessHost.cs"
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
    """Why the Mono host cannot run here, or ``None`` when it can."""
    tools = [tool for tool in ("mcs", "mono") if shutil.which(tool) is None]
    if tools:
        return f"{' and '.join(tools)} not found (Debian: apt-get install mono-complete)"
    if found["problems"]:
        return "; ".join(found["problems"])
    return None


def compile_host(out_dir: Path, runtime_dll: str) -> Path:
    """``mcs`` the host against the probe's ``Python.Runtime.dll``; returns the ``.exe``."""
    exe = out_dir / "InProcessHost.exe"
    command = [
        "mcs",
        "-nologo",
        f"-r:{runtime_dll}",
        "-r:Facades/netstandard.dll",  # Python.Runtime.dll targets netstandard2.0
        f"-out:{exe}",
        str(HOST_SOURCE),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=COMPILE_TIMEOUT)
    assert done.returncode == 0, f"mcs failed:\n{done.stdout}\n{done.stderr}"
    return exe


def host_command(exe: Path, mode: str, found: dict[str, Any]) -> list[str]:
    """The command line that runs the host in ``mode`` with the probe's paths."""
    return ["mono", str(exe), mode, found["pythonDll"], found["executable"], str(REPO_ROOT)]


def host_environ(found: dict[str, Any], base: dict[str, str]) -> dict[str, str]:
    """``base`` plus what Mono needs: where Python.Runtime.dll is, and preemptive suspension."""
    environ = dict(base)
    environ["MONO_PATH"] = os.path.dirname(found["runtimeDll"])
    environ["MONO_THREADS_SUSPEND"] = "preemptive"  # see the host's header comment
    return environ
