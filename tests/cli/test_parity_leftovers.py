"""AWS CLI v1 parity: ``--region ''`` with ``--endpoint-url``, and ``help`` on the sign-in commands.

The AWS CLI v1 of the venv is the oracle, run against the emulator only (``HTTPS_PROXY``
points at a closed loopback port, so a call that tried to leave the machine would fail).
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from py_backend.emulator import EmulatorServer
from tests.cli.support import aws_command, make_environ, our_command, run


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorServer]:
    with EmulatorServer(shutdown_timeout=1.0) as server:
        yield server


def environ(home: Path) -> dict[str, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    return make_environ(home, HTTPS_PROXY=closed, HTTP_PROXY=closed, NO_PROXY="")


REGISTER = ["sso-oidc", "register-client", "--client-name", "x", "--client-type", "public"]


def test_an_empty_region_with_an_endpoint_url_works_as_in_v1(
    emulator: EmulatorServer, tmp_path: Path
) -> None:
    args = [*REGISTER, "--region", "", "--endpoint-url", emulator.base_url]
    env = {**environ(tmp_path), "NO_PROXY": "127.0.0.1"}
    theirs, ours = run(aws_command(args), env), run(our_command(args), env)
    assert theirs.code == 0, theirs.stderr
    assert ours.code == theirs.code, ours.stderr
    assert set(json.loads(ours.stdout)) == set(json.loads(theirs.stdout))


def test_an_empty_region_without_an_endpoint_url_fails_as_in_v1(tmp_path: Path) -> None:
    args = [*REGISTER, "--region", ""]
    env = environ(tmp_path)
    theirs, ours = run(aws_command(args), env), run(our_command(args), env)
    assert theirs.code == 255
    assert (ours.code, ours.stderr.strip()) == (theirs.code, theirs.stderr.strip())


@pytest.mark.parametrize(
    ("args", "usage"),
    [
        (["sso", "login", "help"], "usage: aws-token-bridge sso login"),
        (["login", "help"], "usage: aws-token-bridge login"),
    ],
)
def test_help_on_the_sign_in_commands(tmp_path: Path, args: list[str], usage: str) -> None:
    done = run(our_command(args), environ(tmp_path))
    assert done.code == 0, done.stderr
    assert done.stdout.startswith(usage)
    assert "--endpoint-url" in done.stdout and done.stderr == ""


def test_sso_help_lists_the_portal_commands_and_names_sso_login(tmp_path: Path) -> None:
    """``sso`` is the AWS CLI v1's portal service, and ``sso login`` the v2 sign-in."""
    done = run(our_command(["sso", "help"]), environ(tmp_path))
    assert (done.code, done.stderr) == (0, "")
    assert done.stdout.startswith("SSO()")
    for command in ("get-role-credentials", "list-account-roles", "list-accounts", "logout"):
        assert f"o {command}\n" in done.stdout
    assert "sso login" in done.stdout


def test_the_python_api_keeps_an_empty_region_with_an_endpoint_url(
    emulator: EmulatorServer,
) -> None:
    # As botocore: region_name="" is kept, and an unsigned call to the endpoint works.
    import py_backend

    with py_backend.Session().client(
        "sso-oidc", region_name="", endpoint_url=emulator.base_url
    ) as client:
        assert client.meta.region_name == ""
        assert client.register_client(clientName="x", clientType="public").client_id
