"""Fixtures: one emulator per module on 127.0.0.1, reset per test; an isolated environment."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from py_backend.emulator import EmulatorConfig, EmulatorServer
from tests.flows.support import Browser, Emulator

#: The emulator's settings; tests derive expected values (interval, identity) from it.
CONFIG = EmulatorConfig(device_interval=5)


@pytest.fixture(scope="module")
def server() -> Iterator[EmulatorServer]:
    """The emulator on 127.0.0.1, a free port, with the real base clock."""
    with EmulatorServer(config=CONFIG, shutdown_timeout=1.0) as running:
        yield running


@pytest.fixture
def emulator(server: EmulatorServer) -> Iterator[Emulator]:
    """The shared emulator, reset before the test, and its control API."""
    control = Emulator(server.base_url)
    control.post("reset", {})
    yield control
    control.close()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary home directory; the process sees no real AWS configuration at all."""
    home = tmp_path / "home"
    home.mkdir()
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(home / ".aws" / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(home / ".aws" / "credentials"))
    return home


@pytest.fixture
def environ(home: Path) -> dict[str, str]:
    """The environment the flows are given: only the temporary home and its files."""
    return {
        "HOME": str(home),
        "USERPROFILE": str(home),
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": str(home / ".aws" / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / ".aws" / "credentials"),
    }


@pytest.fixture
def browser() -> Browser:
    """A browser that follows the authorize redirect."""
    return Browser()
