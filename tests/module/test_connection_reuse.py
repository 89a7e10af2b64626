"""Cmdlet calls in one PowerShell session share one TLS connection (issue 15.2).

A real pwsh imports the module and calls ``Register-SSOOIDCClient`` repeatedly against the
emulator behind a TLS front with a test CA (``$env:AWS_CA_BUNDLE`` trusts it; the module
sends the shell's environment with every call). The front counts TLS handshakes: one for
the whole session. Then the shell's environment changes (a proxy bypass list, which does not
change the route): the next call is made by a fresh client, so a second handshake.
Skipped where pwsh is not installed.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from py_backend.emulator import EmulatorConfig, EmulatorServer
from py_backend.emulator.tls import TlsFront, make_test_ca
from tests.module.paths import MODULE, find_powershell
from tests.rpc.client import child_environ

CALLS = 20

SCRIPT = r"""
param([string]$Manifest, [string]$Url, [int]$Calls)
$ErrorActionPreference = 'Stop'
Import-Module -Name $Manifest
$call = @{ ClientName = 'reuse'; ClientType = 'public'; Region = 'us-east-1'; EndpointUrl = $Url }
for ($i = 0; $i -lt $Calls; $i++) {
    if (-not (Register-SSOOIDCClient @call).ClientId) { throw 'no ClientId' }
}
'CALLS DONE'
[Console]::Out.Flush()
$null = [Console]::In.ReadLine()
$env:NO_PROXY = 'example.invalid'
if (-not (Register-SSOOIDCClient @call).ClientId) { throw 'no ClientId' }
'CHANGED DONE'
"""


@pytest.fixture(scope="module")
def pwsh() -> str:
    found = find_powershell("pwsh")
    if found is None:
        pytest.skip("pwsh is not installed")
    return found


@pytest.fixture
def front(tmp_path: Path) -> Iterator[tuple[TlsFront, Path]]:
    cert, key = make_test_ca(tmp_path / "tls")
    with (
        EmulatorServer(config=EmulatorConfig(), shutdown_timeout=1.0) as emulator,
        TlsFront(emulator.base_url, cert, key) as running,
    ):
        yield running, cert


def test_cmdlet_calls_of_a_session_make_one_handshake(
    pwsh: str, front: tuple[TlsFront, Path], tmp_path: Path
) -> None:
    tls, ca = front
    script = tmp_path / "reuse.ps1"
    script.write_text(SCRIPT, encoding="utf-8")
    home = {"HOME": str(tmp_path), "USERPROFILE": str(tmp_path)}
    environ = child_environ({**home, "AWS_CA_BUNDLE": str(ca), "AWSTB_PYTHON": sys.executable})
    argv = [pwsh, "-NoProfile", "-NonInteractive", "-File", str(script)]
    argv += ["-Manifest", str(MODULE / "AwsTokenBridge.psd1"), "-Url", tls.base_url]
    process = subprocess.Popen(
        [*argv, "-Calls", str(CALLS)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environ,
        text=True,
    )
    try:
        assert process.stdout is not None and process.stdin is not None
        first = process.stdout.readline()
        assert first.strip() == "CALLS DONE", first + (
            process.stderr.read() if process.stderr else ""
        )
        assert tls.handshakes == 1
        process.stdin.write("go\n")
        process.stdin.flush()
        out, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert "CHANGED DONE" in out, err
    assert tls.handshakes == 2
