"""First call in PowerShell: ``Import-Module AwsTokenBridge``, then ``Register-SSOOIDCClient``.

Beside it, in the same pwsh and the same rounds: what the AWS Tools do on import and first
call, done by hand with the AWS SDK for .NET (``AWSSDK.Core`` and ``AWSSDK.SSOOIDC``, the
assemblies ``tests/dotnet/SdkPeer/SdkPeer.csproj`` pins, from the NuGet packages folder):
``Add-Type`` both assemblies, build an ``AmazonSSOOIDCClient`` and make the same
``RegisterClient`` call against the same emulator. Each run is a fresh ``pwsh -NoProfile``;
the time is taken inside it with a ``Stopwatch``, from before the import to the answer, so
pwsh's own start (the same for both) is left out. Ours also reports its two parts (the
import, then the call, which starts the backend). Then each pwsh makes ``pwsh_warm_calls``
more calls the same way, timed one by one: the warm cmdlet call beside the SDK client's.

The assemblies are looked up in ``$NUGET_PACKAGES`` or the folder ``dotnet nuget locals
global-packages --list`` names, and restored with ``dotnet restore`` of that project when
missing. Skipped, with the reason, where pwsh or the assemblies (or the .NET SDK to restore
them) are missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from bench.context import BenchContext
from bench.environment import REPO_ROOT, user_home
from bench.processes import BenchError
from bench.report import Row, Section, stats_heading, timing_report
from bench.stats import summarize

__all__ = ["run", "sdk_assemblies"]

LABELS = {
    "module": "Import-Module AwsTokenBridge + Register-SSOOIDCClient",
    "sdk": "Add-Type AWSSDK.SSOOIDC + RegisterClient (SDK client)",
}
COMPARISONS = (("module", "sdk"),)
STATS = ("p50", "p95")
WARM_LABELS = {
    "module": "Register-SSOOIDCClient again (warm module and backend)",
    "sdk": "RegisterClient again on the SDK client",
}
WARM_STATS = ("p50", "p99")
PROJECT = REPO_ROOT / "tests" / "dotnet" / "SdkPeer" / "SdkPeer.csproj"
MANIFEST = REPO_ROOT / "module" / "AwsTokenBridge.psd1"

_MODULE_SCRIPT = r"""
param([string]$Url, [string]$Manifest, [int]$Warm)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$watch = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module -Name $Manifest
$imported = $watch.Elapsed.TotalMilliseconds
$call = @{ ClientName = 'bench'; ClientType = 'public'; Region = 'us-east-1'; EndpointUrl = $Url }
$response = Register-SSOOIDCClient @call
$watch.Stop()
if (-not $response.ClientId) { throw 'Register-SSOOIDCClient answered without a ClientId' }
$culture = [System.Globalization.CultureInfo]::InvariantCulture
'IMPORT_MS ' + $imported.ToString($culture)
'TOTAL_MS ' + $watch.Elapsed.TotalMilliseconds.ToString($culture)
for ($i = 0; $i -lt $Warm; $i++) {
    $watch.Restart()
    $null = Register-SSOOIDCClient @call
    'WARM_MS ' + $watch.Elapsed.TotalMilliseconds.ToString($culture)
}
"""

_SDK_SCRIPT = r"""
param([string]$Url, [string]$Core, [string]$Oidc, [int]$Warm)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$watch = [System.Diagnostics.Stopwatch]::StartNew()
Add-Type -Path $Core
Add-Type -Path $Oidc
$imported = $watch.Elapsed.TotalMilliseconds
$config = New-Object -TypeName Amazon.SSOOIDC.AmazonSSOOIDCConfig
$config.ServiceURL = $Url
$config.AuthenticationRegion = 'us-east-1'
$anonymous = New-Object -TypeName Amazon.Runtime.AnonymousAWSCredentials
$client = New-Object -TypeName Amazon.SSOOIDC.AmazonSSOOIDCClient -ArgumentList $anonymous, $config
$request = New-Object -TypeName Amazon.SSOOIDC.Model.RegisterClientRequest
$request.ClientName = 'bench'
$request.ClientType = 'public'
$response = $client.RegisterClientAsync($request).GetAwaiter().GetResult()
$watch.Stop()
if (-not $response.ClientId) { throw 'RegisterClient answered without a ClientId' }
$culture = [System.Globalization.CultureInfo]::InvariantCulture
'IMPORT_MS ' + $imported.ToString($culture)
'TOTAL_MS ' + $watch.Elapsed.TotalMilliseconds.ToString($culture)
for ($i = 0; $i -lt $Warm; $i++) {
    $watch.Restart()
    $null = $client.RegisterClientAsync($request).GetAwaiter().GetResult()
    'WARM_MS ' + $watch.Elapsed.TotalMilliseconds.ToString($culture)
}
"""


def find_pwsh() -> str | None:
    """pwsh on PATH, else where ``dotnet tool install -g`` puts it."""
    found = shutil.which("pwsh")
    if found:
        return found
    for name in ("pwsh", "pwsh.exe"):
        candidate = user_home() / ".dotnet" / "tools" / name
        if candidate.is_file():
            return str(candidate)
    return None


def _dotnet_environ() -> dict[str, str]:
    # The runner points HOME at its own folder; NuGet's packages folder is the user's.
    return {**os.environ, "HOME": str(user_home()), "DOTNET_CLI_TELEMETRY_OPTOUT": "1"}


def _packages_folder(dotnet: str | None) -> Path:
    """``$NUGET_PACKAGES``, else what ``dotnet nuget locals global-packages --list`` says."""
    configured = os.environ.get("NUGET_PACKAGES")
    if configured:
        return Path(configured)
    if dotnet:
        done = subprocess.run(
            [dotnet, "nuget", "locals", "global-packages", "--list"],
            capture_output=True,
            text=True,
            env=_dotnet_environ(),
            timeout=120,
            check=False,
        )
        _, found, folder = done.stdout.strip().partition("global-packages:")
        if done.returncode == 0 and found and folder.strip():
            return Path(folder.strip())
    return user_home() / ".nuget" / "packages"


def _pinned_versions() -> dict[str, str]:
    versions: dict[str, str] = {}
    for reference in ElementTree.parse(PROJECT).iter("PackageReference"):
        name, version = reference.get("Include"), reference.get("Version")
        if name and version:
            versions[name.lower()] = version.strip("[]")
    return versions


def sdk_assemblies() -> tuple[Path, Path] | str:
    """``(AWSSDK.Core.dll, AWSSDK.SSOOIDC.dll)`` for net8.0, restored if missing; or why not."""
    versions = _pinned_versions()
    dotnet = shutil.which("dotnet")
    folder = _packages_folder(dotnet)
    paths = tuple(
        folder / name / versions.get(name, "?") / "lib" / "net8.0" / file
        for name, file in (
            ("awssdk.core", "AWSSDK.Core.dll"),
            ("awssdk.ssooidc", "AWSSDK.SSOOIDC.dll"),
        )
    )
    if not all(path.is_file() for path in paths) and dotnet:
        with tempfile.TemporaryDirectory(prefix="awstb-sdkpeer-") as obj:
            # Restored into a temporary obj folder: the checkout stays clean.
            command = [dotnet, "restore", str(PROJECT), f"-p:BaseIntermediateOutputPath={obj}/"]
            subprocess.run(
                command, capture_output=True, env=_dotnet_environ(), timeout=600, check=False
            )
    missing = [str(path) for path in paths if not path.is_file()]
    if missing:
        return f"the AWS SDK for .NET is not restored ({', '.join(missing)})"
    return paths[0], paths[1]


@dataclass
class _Run:
    """What one pwsh process measured, in seconds."""

    imported: float
    total: float
    warm: list[float]


def _run_pwsh(
    pwsh: str, script: Path, arguments: list[str], context: BenchContext, python: str
) -> _Run:
    environ = {**context.environ, "AWSTB_PYTHON": python, "DOTNET_CLI_TELEMETRY_OPTOUT": "1"}
    argv = [pwsh, "-NoProfile", "-NonInteractive", "-NoLogo", "-File", str(script), *arguments]
    done = subprocess.run(
        argv, env=environ, cwd=context.cwd, capture_output=True, text=True, timeout=300
    )
    figures: dict[str, list[float]] = {}
    for line in done.stdout.splitlines():
        name, _, value = line.partition(" ")
        if name in ("IMPORT_MS", "TOTAL_MS", "WARM_MS"):
            figures.setdefault(name, []).append(float(value) / 1000)
    if done.returncode != 0 or "TOTAL_MS" not in figures:
        reason = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise BenchError(f"pwsh {script.name} failed: {reason[0][:300]}")
    return _Run(figures["IMPORT_MS"][0], figures["TOTAL_MS"][0], figures.get("WARM_MS", []))


def run(context: BenchContext) -> list[Section]:
    """Alternate fresh pwsh processes of both kinds; one section (or none, when skipped)."""
    counts = context.counts
    pwsh = find_pwsh()
    assemblies = sdk_assemblies() if pwsh else "pwsh is not installed"
    if isinstance(assemblies, str) or pwsh is None:
        context.progress(f"powershell: skipped: {assemblies}")
        return []
    emulator = context.need_emulator()
    context.progress(f"powershell: {counts.pwsh_runs} runs of {len(LABELS)} pwsh processes")
    scripts = context.workdir / "pwsh"
    scripts.mkdir(exist_ok=True)
    (scripts / "module.ps1").write_text(_MODULE_SCRIPT, encoding="utf-8")
    (scripts / "sdk.ps1").write_text(_SDK_SCRIPT, encoding="utf-8")
    arguments = {
        "module": ["-Manifest", str(MANIFEST)],
        "sdk": ["-Core", str(assemblies[0]), "-Oidc", str(assemblies[1])],
    }
    common = ["-Url", emulator.base_url, "-Warm", str(counts.pwsh_warm_calls)]
    samples: dict[str, list[float]] = {name: [] for name in LABELS}
    imports: dict[str, list[float]] = {name: [] for name in LABELS}
    warm: dict[str, list[float]] = {name: [] for name in LABELS}
    started = time.perf_counter()
    names = list(LABELS)
    for index in range(counts.pwsh_warmup + counts.pwsh_runs):
        order = names if index % 2 == 0 else names[::-1]
        for name in order:
            measured = _run_pwsh(
                pwsh, scripts / f"{name}.ps1", [*common, *arguments[name]], context, sys.executable
            )
            if index >= counts.pwsh_warmup:
                samples[name].append(measured.total)
                imports[name].append(measured.imported)
                warm[name].extend(measured.warm)
    report = timing_report(LABELS, samples, COMPARISONS, STATS)
    parts = {name: summarize(values, scale=1000.0) for name, values in imports.items()}
    split = {}
    for name in LABELS:
        imported, total = parts[name]["p50"], report.summaries[name]["p50"]
        split[name] = f"{imported:.0f} / {total - imported:.0f} ms"
    report.rows.append(
        Row(
            "  of which Import-Module / first call",
            split["module"],
            "  of which Add-Type / client + call",
            split["sdk"],
        )
    )
    warm_report = timing_report(WARM_LABELS, warm, (("module", "sdk"),), WARM_STATS)
    data = {
        "title": "PowerShell first call",
        **report.data,
        "import_ms": parts,
        "warm_calls": warm_report.data,
        "runs": counts.pwsh_runs,
        "warmup_runs": counts.pwsh_warmup,
        "pwsh": pwsh,
        "assemblies": [str(path) for path in assemblies],
        "elapsed_seconds": time.perf_counter() - started,
    }
    title = stats_heading("PowerShell 7 first call, inside a fresh pwsh", STATS)
    warm_title = stats_heading("PowerShell 7 warm call, same pwsh, plain HTTP", WARM_STATS)
    return [
        Section("powershell_first_call", title, data, report.rows),
        Section("powershell_warm_call", warm_title, warm_report.data, warm_report.rows),
    ]
