"""Lines for the end of a pytest run: what suites run by other runners counted.

The Pester suites and the .NET tests run inside pytest tests; their own counts (passed,
failed, skipped) would vanish into captured output. Each test adds its line here and
``tests/conftest.py`` prints them all in the terminal summary, pass or fail.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

LINES: list[str] = []


def record(line: str) -> None:
    """Add ``line`` to the end-of-run summary."""
    LINES.append(line)


def nunit_counts(results: Path) -> dict[str, int]:
    """The counts of an NUnit 2.5 result file (Pester's default), by NUnit's attribute names."""
    root = ElementTree.parse(results).getroot()
    names = ("total", "errors", "failures", "not-run", "inconclusive", "ignored", "skipped")
    return {name: int(root.get(name, "0")) for name in names}


def pester_line(suite: str, shell: str, counts: dict[str, int]) -> str:
    """One summary line for a Pester suite: passed, failed and skipped, as Pester counts them."""
    failed = counts["failures"] + counts["errors"]
    skipped = counts["skipped"] + counts["ignored"] + counts["not-run"] + counts["inconclusive"]
    passed = counts["total"] - failed - skipped
    return f"Pester {suite} ({shell}): {passed} passed, {failed} failed, {skipped} skipped"
