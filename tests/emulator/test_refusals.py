"""The emulator refuses what would break it, and keeps serving after bad control requests.

Bad options give one line on stderr and a non-zero exit; a non-loopback ``--host`` needs
``--allow-remote`` (the control API has no authentication); clock moves and assertion
lifetimes that are not finite or out of range are a 400; a TLS ClientHello on the plain port
is closed at once. Nothing here binds anything but 127.0.0.1 (the remote case uses an address
of TEST-NET-1, which no machine has, so the bind fails).
"""

from __future__ import annotations

import socket
import ssl
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from py_backend.emulator import EmulatorServer

REPO_ROOT = Path(__file__).resolve().parents[2]
APP_ARN = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-aaaaaaaaaaaaaaaa"


def emulator(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the emulator command expecting it to stop at once (it refuses its options)."""
    return subprocess.run(
        [sys.executable, "-m", "py_backend", "emulator", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--port", "65536"], "--port"),
        (["--port", "-1"], "--port"),
        (["--threads", "0"], "--threads"),
        (["--threads", "-3"], "--threads"),
        (["--host", "0.0.0.0"], "--allow-remote"),
        (["--host", "192.0.2.1"], "--allow-remote"),
    ],
)
def test_bad_options_are_one_line_and_a_non_zero_exit(args: list[str], named: str) -> None:
    done = emulator(*args)
    assert done.returncode != 0
    assert done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert named in line and "Traceback" not in line


def test_a_port_in_use_is_one_line_and_a_non_zero_exit() -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        done = emulator("--port", str(port))
    assert done.returncode != 0
    (line,) = done.stderr.splitlines()
    assert f"127.0.0.1:{port}" in line and "in use" in line


def test_allow_remote_warns_about_the_unauthenticated_control_api() -> None:
    # 192.0.2.1 is no address of this machine: the warning comes, then the bind fails.
    done = emulator("--host", "192.0.2.1", "--allow-remote", "--port", "0")
    assert done.returncode != 0
    warning, error = done.stderr.splitlines()
    assert "warning" in warning and "control API" in warning
    assert "cannot listen on 192.0.2.1:0" in error


@pytest.fixture(scope="module")
def server() -> Iterator[EmulatorServer]:
    with EmulatorServer(shutdown_timeout=1.0) as running:
        yield running


@pytest.fixture
def http(server: EmulatorServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.base_url, trust_env=False, timeout=10) as client:
        yield client


# JSON's 1e999 is infinity when parsed; NaN has no JSON literal, Python writes and reads NaN.
NOT_FINITE = ["1e999", "-1e999", "NaN", "1e300", "-1e300", "400000000"]


@pytest.mark.parametrize("value", NOT_FINITE)
def test_a_clock_move_that_is_not_finite_or_out_of_range_is_a_400(
    http: httpx.Client, value: str
) -> None:
    before = http.get("/__emulator/clock").json()["offsetSeconds"]
    answer = http.post(
        "/__emulator/clock",
        content=f'{{"advanceSeconds": {value}}}',
        headers={"Content-Type": "application/json"},
    )
    assert answer.status_code == 400, answer.text
    assert "advanceSeconds" in answer.json()["message"]
    assert http.get("/__emulator/clock").json()["offsetSeconds"] == before


def test_many_small_clock_moves_cannot_add_up_out_of_range(http: httpx.Client) -> None:
    http.post("/__emulator/reset", json={}).raise_for_status()
    step = 300_000_000
    assert http.post("/__emulator/clock", json={"advanceSeconds": step}).status_code == 200
    assert http.post("/__emulator/clock", json={"advanceSeconds": step}).status_code == 400
    http.post("/__emulator/reset", json={}).raise_for_status()


@pytest.mark.parametrize("value", NOT_FINITE)
def test_an_assertion_lifetime_that_is_not_finite_or_out_of_range_is_a_400(
    http: httpx.Client, value: str
) -> None:
    answer = http.post(
        "/__emulator/jwt-bearer/assertion",
        content=f'{{"audience": "{APP_ARN}", "expiresIn": {value}}}',
        headers={"Content-Type": "application/json"},
    )
    assert answer.status_code == 400, answer.text
    assert "expiresIn" in answer.json()["message"]
    # ...and the emulator keeps serving.
    good = http.post("/__emulator/jwt-bearer/assertion", json={"audience": APP_ARN})
    assert good.status_code == 200


def test_a_tls_client_hello_on_the_plain_port_is_closed_at_once(server: EmulatorServer) -> None:
    context = ssl.create_default_context()
    with socket.create_connection((server.host, server.port), timeout=10) as raw:
        with pytest.raises((ssl.SSLError, ConnectionError, OSError)) as raised:
            context.wrap_socket(raw, server_hostname="localhost")
        # Closed without an answer: not an HTTP "400 Bad Request" read as a TLS record, and
        # not left open until the client gives up (10 s, a generous bound for "at once").
        assert not isinstance(raised.value, TimeoutError)
        assert "WRONG_VERSION_NUMBER" not in str(raised.value)
    with httpx.Client(trust_env=False) as http:  # still serving
        assert http.get(f"{server.base_url}/__emulator/clock").status_code == 200
