"""The TLS front of the emulator (``py_backend.emulator.tls``): relays, counts, refuses."""

from __future__ import annotations

import ssl
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from py_backend.emulator import EmulatorConfig, EmulatorServer
from py_backend.emulator.tls import TlsFront, make_test_ca
from tests.rpc.client import REPO_ROOT, WAIT, child_environ


@pytest.fixture(scope="module")
def ca(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_test_ca(tmp_path_factory.mktemp("tls"))


def register(
    base_url: str, verify: ssl.SSLContext | bool, client: httpx.Client | None = None
) -> int:
    body = {"clientName": "front", "clientType": "public"}
    if client is not None:
        return client.post(f"{base_url}/client/register", json=body).status_code
    with httpx.Client(verify=verify) as fresh:
        return fresh.post(f"{base_url}/client/register", json=body).status_code


def test_requests_are_relayed_and_handshakes_counted(ca: tuple[Path, Path]) -> None:
    trusted = ssl.create_default_context(cafile=str(ca[0]))
    with (
        EmulatorServer(config=EmulatorConfig(), shutdown_timeout=1.0) as emulator,
        TlsFront(emulator.base_url, *ca) as front,
    ):
        with httpx.Client(verify=trusted) as client:
            assert [register(front.base_url, trusted, client) for _ in range(3)] == [200] * 3
        assert front.handshakes == 1
        assert register(front.base_url, trusted) == 200
        assert front.handshakes == 2


def test_an_untrusted_client_fails_verification_and_no_handshake_is_counted(
    ca: tuple[Path, Path],
) -> None:
    with (
        EmulatorServer(config=EmulatorConfig(), shutdown_timeout=1.0) as emulator,
        TlsFront(emulator.base_url, *ca) as front,
    ):
        with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
            register(front.base_url, True)
        assert front.handshakes == 0


def test_the_process_serves_until_its_input_ends(ca: tuple[Path, Path]) -> None:
    trusted = ssl.create_default_context(cafile=str(ca[0]))
    with EmulatorServer(config=EmulatorConfig(), shutdown_timeout=1.0) as emulator:
        argv = [sys.executable, "-m", "py_backend.emulator.tls", "--upstream", emulator.base_url]
        process = subprocess.Popen(
            [*argv, "--cert", str(ca[0]), "--key", str(ca[1])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=child_environ(),
            cwd=REPO_ROOT,
            text=True,
        )
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("listening on https://127.0.0.1:"), line
        assert register(line.split()[-1], trusted) == 200
        _, err = process.communicate("", timeout=WAIT)
    assert process.returncode == 0
    assert "1 handshakes" in err


def test_an_upstream_that_is_not_http_host_port_is_refused(ca: tuple[Path, Path]) -> None:
    with pytest.raises(ValueError, match="upstream must be http://HOST:PORT"):
        TlsFront("https://127.0.0.1", *ca)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "py_backend.emulator.tls",
            "--upstream",
            "ftp://x",
            "--cert",
            str(ca[0]),
            "--key",
            str(ca[1]),
        ],
        capture_output=True,
        text=True,
        env=child_environ(),
        cwd=REPO_ROOT,
        timeout=WAIT,
    )
    assert done.returncode == 2
    assert "upstream must be http://HOST:PORT" in done.stderr


@pytest.mark.parametrize("name", ["handshakes", "open_connections"])
def test_the_counters_are_read_only(ca: tuple[Path, Path], name: str) -> None:
    with TlsFront("http://127.0.0.1:9", *ca) as front:
        with pytest.raises(AttributeError):
            setattr(front, name, 5)
        assert getattr(front, name) == 0
