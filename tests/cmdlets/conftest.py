"""Fixtures: the emulator in-process (real clock, so SigV4 dates are fresh) and a recorder of
everything a cmdlet logs."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest

from py_backend.cmdlets import InvocationHooks, ShellContext
from py_backend.emulator import EmulatorApp, EmulatorConfig, create_app
from tests.cmdlets.support import BASE_URL, CLEAN, Recorder


@pytest.fixture
def app() -> EmulatorApp:
    """A fresh emulator; a long polling interval keeps a quick second poll "too fast"."""
    return create_app(EmulatorConfig(device_interval=60))


@pytest.fixture
def control(app: EmulatorApp) -> Iterator[httpx.Client]:
    """httpx on the emulator, for its control API and the browser steps of the flows."""
    with httpx.Client(transport=httpx.WSGITransport(app=app), base_url=BASE_URL) as client:
        yield client


@pytest.fixture
def recorder(app: EmulatorApp) -> Recorder:
    """Hooks that record logs and send requests to the emulator."""
    return Recorder(transport=httpx.WSGITransport(app=app))


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    """An environment whose shared files are in an empty temporary folder."""
    return {
        **CLEAN,
        "HOME": str(tmp_path),
        "USERPROFILE": str(tmp_path),
        "AWS_CONFIG_FILE": str(tmp_path / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "credentials"),
    }


@pytest.fixture
def shell(home: dict[str, str]) -> ShellContext:
    """A shell with nothing stored and a clean environment."""
    return ShellContext(environ=home)


@pytest.fixture
def run(recorder: Recorder, shell: ShellContext) -> Any:
    """``run(cmdlet, **parameters)``: invoke against the emulator at ``BASE_URL``."""

    def invoke(name: str, shell_context: ShellContext | None = None, **parameters: Any) -> Any:
        given: Mapping[str, Any] = {"Region": "us-east-1", "EndpointUrl": BASE_URL, **parameters}
        return recorder.invoke(name, given, shell_context or shell)

    return invoke


@pytest.fixture
def hooks() -> InvocationHooks:
    """Hooks that drop logs and have no transport (for calls that must fail first)."""
    return InvocationHooks(
        log=lambda *_: None, progress=lambda _: None, cancelled=threading.Event()
    )
