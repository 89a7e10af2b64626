"""Fixtures: the emulator in-process (fake clock) and on a loopback socket (real clock)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import httpx
import pytest

from py_backend.emulator import EmulatorApp, EmulatorConfig, EmulatorServer, create_app
from tests.emulator.support import ACCESS_KEY, BASE_URL, SECRET_KEY, FakeClock


@pytest.fixture(autouse=True)
def _isolated_aws_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No profile, credentials file or instance metadata from the machine running the tests."""
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent/aws-config")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


@pytest.fixture
def clock() -> FakeClock:
    """The base clock of the in-process emulator."""
    return FakeClock()


@pytest.fixture
def config(clock: FakeClock) -> EmulatorConfig:
    """Default settings with the fake clock and a recorded sleep."""
    return EmulatorConfig(clock=clock, sleep=clock.sleep)


@pytest.fixture
def app(config: EmulatorConfig) -> EmulatorApp:
    """A fresh in-process emulator."""
    return create_app(config)


@pytest.fixture
def client(app: EmulatorApp) -> Iterator[httpx.Client]:
    """httpx talking to the in-process emulator as ``http://127.0.0.1:8123``."""
    with httpx.Client(transport=httpx.WSGITransport(app=app), base_url=BASE_URL) as http:
        yield http


@pytest.fixture(scope="module")
def server() -> Iterator[EmulatorServer]:
    """The emulator on 127.0.0.1 (a free port) with the real clock, one per test module.

    The device polling interval is 60 s so that two quick polls are always "too fast",
    however slow the machine running the tests is.
    """
    with EmulatorServer(config=EmulatorConfig(device_interval=60), shutdown_timeout=1.0) as running:
        yield running


@pytest.fixture
def live(server: EmulatorServer) -> Iterator[EmulatorServer]:
    """The shared server, reset before each test."""
    httpx.post(f"{server.base_url}/__emulator/reset").raise_for_status()
    yield server


@pytest.fixture
def control(live: EmulatorServer) -> Iterator[httpx.Client]:
    """httpx pointed at the live server (for the control API)."""
    with httpx.Client(base_url=live.base_url) as http:
        yield http


def _boto3_client(service: str, endpoint_url: str, **kwargs: Any) -> Any:
    session = boto3.session.Session(
        region_name="us-east-1",
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    )
    return session.client(service, endpoint_url=endpoint_url, **kwargs)


@pytest.fixture
def sso(live: EmulatorServer) -> Iterator[Any]:
    """A boto3 ``sso-oidc`` client of the live server."""
    boto_client = _boto3_client("sso-oidc", live.base_url)
    yield boto_client
    boto_client.close()


@pytest.fixture
def signin(live: EmulatorServer) -> Iterator[Any]:
    """A boto3 ``signin`` client of the live server."""
    boto_client = _boto3_client("signin", live.base_url)
    yield boto_client
    boto_client.close()
