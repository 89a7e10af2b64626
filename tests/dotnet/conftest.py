"""The .NET peer's own counts, shown at the end of the pytest run."""

from __future__ import annotations

import pytest

from tests.dotnet.peer import RUNS


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line per run of the AWS SDK for .NET peer: its checks passed and failed."""
    if not RUNS:
        return
    terminalreporter.section("AWS SDK for .NET peer (tests/dotnet/SdkPeer)")
    for peer_run in RUNS:
        terminalreporter.write_line(
            f"{peer_run.mode}: {peer_run.passed} passed, {peer_run.failed} failed"
            f" (exit code {peer_run.returncode})"
        )
        for line in peer_run.failures:
            terminalreporter.write_line(f"  {line}")
