"""build.ps1 run for real in PowerShell 7: Build, Test, Package and Analyze.

Each task runs in a copy of the checkout (the files git knows, plus new ones it does not
ignore), so Build and Package can write freely. Skipped, with the reason, where ``pwsh`` is
not on PATH; Windows PowerShell 5.1 is covered by the static checks (tests/module/test_static.py).
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.module.paths import REPO, find_powershell
from tests.support.peers import CLEAN_ENVIRON

TIMEOUT = 600
pytestmark = [pytest.mark.pester, pytest.mark.timeout(TIMEOUT)]


def _pwsh() -> str:
    path = find_powershell("pwsh")
    if path is None:
        pytest.skip("pwsh is not on PATH: build.ps1 needs PowerShell 7 (https://aka.ms/powershell)")
    return path


def _checkout_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    )
    return [name for name in listed.stdout.decode().split("\0") if name]


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the checkout's files (no .venv, no build output)."""
    root = tmp_path_factory.mktemp("checkout")
    for name in _checkout_files():
        source = REPO / name
        if source.is_file():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    return root


@pytest.fixture(scope="module")
def environ() -> Iterator[dict[str, str]]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "AWSTB_"))}
    base.update(CLEAN_ENVIRON)
    base["AWSTB_TEST_PYTHON"] = sys.executable
    yield base


def run_build(
    checkout: Path, environ: dict[str, str], *arguments: str
) -> subprocess.CompletedProcess[str]:
    """``pwsh -File build.ps1 -Python <this Python> ARGUMENTS`` in the copy."""
    command = [_pwsh(), "-NoProfile", "-NonInteractive", "-File", str(checkout / "build.ps1")]
    return subprocess.run(
        [*command, "-Python", sys.executable, *arguments],
        cwd=checkout,
        env=environ,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_build_regenerates_exactly_the_committed_module(
    checkout: Path, environ: dict[str, str]
) -> None:
    public = checkout / "module" / "Public"
    for generated in public.glob("*.ps1"):
        generated.write_text("# stale\n")  # Build must write every file again, not skip it
    done = run_build(checkout, environ, "-Task", "Build")
    assert done.returncode == 0, done.stdout + done.stderr
    assert _tree(checkout / "module") == _tree(REPO / "module")
    samples = Path("tests", "pester", "fixtures", "invoke-samples.json")
    assert (checkout / samples).read_bytes() == (REPO / samples).read_bytes()


def test_package_is_a_module_folder_with_the_wheel(checkout: Path, environ: dict[str, str]) -> None:
    done = run_build(checkout, environ, "-Task", "Package", "-IncludeWheel")
    assert done.returncode == 0, done.stdout + done.stderr
    version = importlib.metadata.version("aws-token-bridge")
    [target] = (checkout / "out" / "AwsTokenBridge").iterdir()
    assert (target / "AwsTokenBridge.psd1").is_file()
    [wheel] = (target / "wheels").glob("*.whl")
    assert wheel.name == f"aws_token_bridge-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        assert "py_backend/__init__.py" in archive.namelist()
    # The packaged folder is a module PowerShell imports by path, with every cmdlet exported.
    listed = subprocess.run(
        [
            _pwsh(),
            "-NoProfile",
            "-NonInteractive",
            "-Command",
            f"Import-Module '{target / 'AwsTokenBridge.psd1'}'; "
            "(Get-Command -Module AwsTokenBridge).Name | Sort-Object",
        ],
        env=environ,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert listed.returncode == 0, listed.stderr
    exported = set(listed.stdout.split())
    assert {p.stem for p in (REPO / "module" / "Public").glob("*.ps1")} <= exported
    assert {"Install-AwsTokenBridgeBackend", "Get-AwsTokenBridgeBackend"} <= exported


def test_package_makes_the_nupkg_a_repository_serves(
    checkout: Path, environ: dict[str, str], tmp_path: Path
) -> None:
    # Without -IncludeWheel: the package always carries the wheel. -OutputPath moves out/.
    output = tmp_path / "dist"
    done = run_build(checkout, environ, "-Task", "Package", "-OutputPath", str(output))
    assert done.returncode == 0, done.stdout + done.stderr
    version = importlib.metadata.version("aws-token-bridge")
    [nupkg] = (output / "repository").glob("*.nupkg")
    assert nupkg.name == f"AwsTokenBridge.{version}.nupkg"
    with zipfile.ZipFile(nupkg) as archive:
        names = set(archive.namelist())
        nuspec = archive.read("AwsTokenBridge.nuspec").decode()
    assert {"AwsTokenBridge.psd1", "AwsTokenBridge.psm1"} <= names
    assert f"wheels/aws_token_bridge-{version}-py3-none-any.whl" in names
    assert "Commands/Install-AwsTokenBridgeBackend.ps1" in names
    assert f"<version>{version}</version>" in nuspec


def test_test_task_runs_pytest_then_pester(checkout: Path, environ: dict[str, str]) -> None:
    suite = str(checkout / "tests" / "pester" / "AwsTokenBridge.Module.Tests.ps1")
    done = run_build(
        checkout,
        environ,
        "-Task",
        "Test",
        "-PytestArgument",
        "tests/test_pkce.py",
        "-PesterPath",
        suite,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (
        " passed" in done.stdout
        and "failed" not in done.stdout.split("== Test")[-1].split("Tests Passed")[0]
    )
    assert "Tests Passed:" in done.stdout


def test_analyze_says_what_is_missing_or_passes(checkout: Path, environ: dict[str, str]) -> None:
    done = run_build(checkout, environ, "-Task", "Analyze")
    assert done.returncode == 0, done.stdout + done.stderr
    output = done.stdout + done.stderr
    assert (
        "PSScriptAnalyzer is not installed" in output or "PSScriptAnalyzer: no findings." in output
    )
