"""Settings for the whole test suite."""

from __future__ import annotations

import os
from typing import Any

from hypothesis import settings

# In CI the property tests draw the same examples every run, so a landing is judged on code,
# not on the luck of the draw; elsewhere they explore new examples each run.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print what the suites of other runners (Pester, dotnet) counted, one line each."""
    from tests.support.summary import LINES

    if LINES:
        terminalreporter.section("other test runners")
        for line in LINES:
            terminalreporter.write_line(line)
