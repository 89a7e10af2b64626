"""Fixtures: one emulator per module on 127.0.0.1 (real clock), reset before each test."""

from __future__ import annotations

import os
import random
from collections.abc import Iterator

import pytest

from py_backend.emulator import EmulatorConfig, EmulatorServer
from tests.reliability.support import Control


@pytest.fixture(autouse=True)
def _isolated_aws_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No profile, credentials, region, endpoint or proxy from the machine running the tests."""
    for name in list(os.environ):
        if name.startswith("AWS_") or name.lower() in ("http_proxy", "https_proxy", "all_proxy"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent/aws-config")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


@pytest.fixture
def short_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retries wait 1% of their full-jitter ceiling (the transport draws from random.random)."""
    monkeypatch.setattr(random, "random", lambda: 0.01)


@pytest.fixture(scope="module")
def server() -> Iterator[EmulatorServer]:
    """The emulator on a free loopback port, for the whole module."""
    with EmulatorServer(config=EmulatorConfig(), shutdown_timeout=1.0) as running:
        yield running


@pytest.fixture
def control(server: EmulatorServer) -> Iterator[Control]:
    """The shared emulator, reset (no faults, no clients, counters at zero)."""
    control = Control(server.base_url)
    control.reset()
    yield control
    control.close()
