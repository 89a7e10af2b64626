"""Where the benchmark runs: a clean AWS environment, the executables, versions, memory probes.

Every contender runs with the same environment: no profile, no credentials, no proxy, and an
AWS config file of our own (``cli_follow_urlparam = false``, because the AWS CLI v1 would
otherwise try to fetch any parameter value that starts with ``http://``; the standard retry
mode with 3 attempts, because the CLI v1 defaults to the legacy mode's 5; the benchmark only
times successful calls, so retries never happen, but the two CLIs are configured alike).
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = [
    "REPO_ROOT",
    "child_environ",
    "console_command",
    "isolate_this_process",
    "machine_info",
    "rss_kib",
    "timestamp",
    "user_home",
    "versions",
    "write_aws_config",
]

REPO_ROOT = Path(__file__).resolve().parents[1]

_INHERITED = ("PATH", "SYSTEMROOT", "SYSTEMDRIVE", "TEMP", "TMP", "LANG", "LC_ALL", "TZ")
_STRIPPED_PREFIXES = ("AWS_",)
_PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy")

AWS_CONFIG = """\
[default]
region = us-east-1
cli_follow_urlparam = false
retry_mode = standard
max_attempts = 3
"""


def write_aws_config(directory: Path) -> Path:
    """Write the shared AWS config file into ``directory`` and return its path."""
    path = directory / "config"
    path.write_text(AWS_CONFIG, encoding="utf-8")
    return path


def _aws_variables(directory: Path, config: Path) -> dict[str, str]:
    return {
        "HOME": str(directory),
        "USERPROFILE": str(directory),
        "AWS_CONFIG_FILE": str(config),
        "AWS_SHARED_CREDENTIALS_FILE": str(directory / "credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
    }


def child_environ(directory: Path, config: Path) -> dict[str, str]:
    """The environment of every child process: the basics, our AWS config, nothing else."""
    environ = {name: os.environ[name] for name in _INHERITED if name in os.environ}
    environ.update(_aws_variables(directory, config))
    # The project may be run from a clone without being installed; -m py_backend must work.
    environ["PYTHONPATH"] = str(REPO_ROOT)
    return environ


#: The user's home as it was before :func:`isolate_this_process` pointed HOME elsewhere.
_user_home: Path | None = None


def user_home() -> Path:
    """The user's own home (its ``.dotnet/tools`` and NuGet packages), isolated or not."""
    return _user_home if _user_home is not None else Path.home()


def isolate_this_process(directory: Path, config: Path) -> None:
    """Give this process the children's AWS environment (boto3 runs in-process) and no proxy."""
    global _user_home
    _user_home = user_home()  # before HOME becomes ``directory`` (a second call keeps it)
    for name in list(os.environ):
        if name.startswith(_STRIPPED_PREFIXES) or name in _PROXY_VARIABLES:
            del os.environ[name]
    os.environ.update(_aws_variables(directory, config))
    os.environ["NO_PROXY"] = "127.0.0.1,localhost"


def console_command(script: str, module: str) -> list[str]:
    """How to run a console script installed beside this interpreter, else ``python -m``."""
    scripts = Path(sys.executable).parent
    for name in (script, f"{script}.exe"):
        candidate = scripts / name
        if candidate.is_file():
            return [str(candidate)]
    found = shutil.which(script)
    if found and Path(found).parent == scripts:
        return [found]
    return [sys.executable, "-m", module]


def versions() -> dict[str, str]:
    """Installed versions of the contenders (from package metadata; nothing is imported)."""
    found = {"python": platform.python_version()}
    for name in ("aws-token-bridge", "boto3", "botocore", "awscli", "httpx", "pydantic"):
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def machine_info() -> dict[str, Any]:
    """What the numbers depend on: platform, processor count and load at the start."""
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "python_implementation": platform.python_implementation(),
        "load_average_at_start": list(load) if load else None,
    }


def timestamp(moment: datetime | None = None) -> str:
    """A file-name-safe UTC timestamp such as ``20250102T030405Z``."""
    return (moment or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")


def rss_kib(pid: int) -> int | None:
    """Resident memory of process ``pid`` in KiB: ``/proc`` on Linux, ``ps`` elsewhere.

    ``None`` where neither is available (Windows); the memory figures are then left out.
    """
    status = Path(f"/proc/{pid}/status")
    if status.exists():
        for line in status.read_text(encoding="ascii", errors="replace").splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return None
    ps = shutil.which("ps")
    if ps is None:
        return None
    try:
        out = subprocess.run(
            [ps, "-o", "rss=", "-p", str(pid)], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    text = out.stdout.strip()
    return int(text) if text.isdigit() else None
