"""The one-shot CLI's imports (issue 15): a command loads only what it uses.

Only the Sign-In client's DPoP (``aws login``, ``signin create-oauth2-token`` with a key) signs
with a key; every other command runs without importing cryptography. A command loads the
models of its own service only (an SSO OIDC command builds no Sign-In or portal model), and a
command that sends nothing loads neither httpx nor pydantic. The command runs for real
(``python -c`` calling ``py_backend.cli.main``) against the emulator on 127.0.0.1, and reports
at exit which of the libraries and model modules were loaded.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from py_backend.emulator import EmulatorServer
from tests.cli.support import make_environ

REPORTED = (
    "cryptography",
    "httpx",
    "pydantic",
    "py_backend.models.signin",
    "py_backend.models.signin_tokens",
    "py_backend.models.sso",
    "py_backend.models.sso_oidc",
)
#: What every SSO OIDC call loads.
SSO_OIDC_CALL = ["httpx", "pydantic", "py_backend.models.sso_oidc"]

PROBED_CLI = f"""
import atexit, sys
def report():
    loaded = [name for name in {REPORTED!r} if name in sys.modules]
    sys.stderr.write("LOADED " + repr(loaded) + "\\n")
atexit.register(report)
from py_backend.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorServer]:
    with EmulatorServer(shutdown_timeout=1.0) as server:
        yield server


def _run(args: list[str], home: Path) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    environ = {**make_environ(home), "NO_PROXY": "127.0.0.1"}
    done = subprocess.run(
        [sys.executable, "-c", PROBED_CLI, *args],
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )
    reports = [line for line in done.stderr.splitlines() if line.startswith("LOADED ")]
    assert len(reports) == 1, done.stderr
    return done, list(ast.literal_eval(reports[0][len("LOADED ") :]))


def test_sso_oidc_commands_run_without_cryptography(
    emulator: EmulatorServer, tmp_path: Path
) -> None:
    endpoint = ["--endpoint-url", emulator.base_url, "--region", "us-east-1"]
    register = ["sso-oidc", "register-client", "--client-name", "x", "--client-type", "public"]
    done, loaded = _run([*register, *endpoint, "--output", "json"], tmp_path)
    assert done.returncode == 0, done.stderr
    client = json.loads(done.stdout)
    assert client["clientId"]
    # The call went over httpx with its own service's models; cryptography, the Sign-In and
    # the portal models stayed out.
    assert loaded == SSO_OIDC_CALL

    refresh = [
        "sso-oidc",
        "create-token",
        "--client-id",
        client["clientId"],
        "--client-secret",
        client["clientSecret"],
        "--grant-type",
        "refresh_token",
        "--refresh-token",
        "not-a-refresh-token",
    ]
    done, loaded = _run([*refresh, *endpoint], tmp_path)
    assert done.returncode != 0  # the emulator refuses the token: the call was made
    assert "CreateToken" in done.stderr
    assert loaded == SSO_OIDC_CALL


def test_a_portal_command_loads_the_portal_models_only(
    emulator: EmulatorServer, tmp_path: Path
) -> None:
    args = ["sso", "list-accounts", "--access-token", "not-a-token"]
    done, loaded = _run(
        [*args, "--endpoint-url", emulator.base_url, "--region", "us-east-1"], tmp_path
    )
    assert done.returncode != 0  # the emulator refuses the token: the call was made
    assert "ListAccounts" in done.stderr
    assert loaded == ["httpx", "pydantic", "py_backend.models.sso"]


def test_a_command_that_sends_nothing_loads_no_httpx_nor_pydantic(tmp_path: Path) -> None:
    # The input skeleton is printed before any client is made; the --debug machinery that
    # every command enters imports httpx only for its annotations.
    done, loaded = _run(["sso-oidc", "create-token", "--generate-cli-skeleton", "input"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["clientId"] == ""
    assert loaded == []


def test_the_probe_sees_cryptography_when_a_command_loads_it(tmp_path: Path) -> None:
    # The probe itself can fail: a command that loads the DPoP module is reported with it.
    done = subprocess.run(
        [sys.executable, "-c", "import py_backend.auth.dpop\n" + PROBED_CLI, "--version"],
        env=make_environ(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    reports = [line for line in done.stderr.splitlines() if line.startswith("LOADED ")]
    assert reports == ["LOADED ['cryptography', 'httpx']"], done.stderr
