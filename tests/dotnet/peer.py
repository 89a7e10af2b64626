"""Building and running the .NET SDK peer (tests/dotnet/SdkPeer), and what it reports.

The project pins AWSSDK.SSOOIDC 4.1.0.1 (and the AWSSDK.Core it needs); ``dotnet build``
restores them from the machine's configured package sources. Build output and intermediate
files go to a temporary folder, so the checkout stays clean.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.support import summary

PROJECT = Path(__file__).resolve().parent / "SdkPeer" / "SdkPeer.csproj"
BUILD_TIMEOUT = 300.0
RUN_TIMEOUT = 180.0
_COUNTS = re.compile(r"^(\d+) passed, (\d+) failed$", re.MULTILINE)


@dataclass(frozen=True)
class PeerRun:
    """One run of the peer: its mode, exit code, output and the counts it printed."""

    mode: str
    returncode: int
    output: str
    passed: int
    failed: int

    @property
    def failures(self) -> list[str]:
        """The FAIL lines."""
        return [line for line in self.output.splitlines() if line.startswith("FAIL ")]


def missing_dotnet() -> str | None:
    """Why the peer cannot run here, or ``None``."""
    if shutil.which("dotnet") is None:
        return "dotnet (the .NET SDK 10) is not on PATH: the AWS SDK for .NET peer needs it"
    return None


def dotnet_environ(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment without AWS settings, with a quiet .NET CLI, plus ``extra``."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "AWSTB_"))}
    environ.update(
        DOTNET_CLI_TELEMETRY_OPTOUT="1",
        DOTNET_NOLOGO="1",
        DOTNET_SKIP_FIRST_TIME_EXPERIENCE="1",
        AWS_EC2_METADATA_DISABLED="true",
        AWS_CONFIG_FILE="/nonexistent/aws-config",
        AWS_SHARED_CREDENTIALS_FILE="/nonexistent/aws-credentials",
    )
    environ.update(extra or {})
    return environ


def build(out_dir: Path, project: Path = PROJECT) -> Path:
    """``dotnet build`` the peer (or another peer ``project``) into ``out_dir``; its dll."""
    command = [
        "dotnet",
        "build",
        str(project),
        "-c",
        "Release",
        "-nologo",
        "-v",
        "q",
        "-o",
        str(out_dir / "bin"),
        f"-p:BaseIntermediateOutputPath={out_dir / 'obj'}{os.sep}",
    ]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        env=dotnet_environ(),
        check=False,
    )
    assert done.returncode == 0, f"dotnet build failed:\n{done.stdout}\n{done.stderr}"
    return out_dir / "bin" / f"{project.stem}.dll"


def run(dll: Path, *args: str, environ: dict[str, str] | None = None) -> PeerRun:
    """Run the peer; its last line is ``N passed, N failed``."""
    done = subprocess.run(
        ["dotnet", str(dll), *args],
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        env=dotnet_environ(environ),
        check=False,
    )
    found = _COUNTS.findall(done.stdout)
    passed, failed = (int(found[-1][0]), int(found[-1][1])) if found else (0, 0)
    result = PeerRun(args[0], done.returncode, done.stdout + done.stderr, passed, failed)
    counts = f"{passed} passed, {failed} failed" if found else f"exit code {done.returncode}"
    summary.record(f"AWS SDK for .NET peer {dll.stem}, {result.mode}: {counts}")
    summary.LINES.extend(f"  {line}" for line in result.failures)
    return result
