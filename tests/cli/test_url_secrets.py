"""Secrets the ``--debug`` log must not show even when the command line is unusual.

A password in an endpoint URL's userinfo (``http://user:PW@host``) is a secret; and the
masking of secret options is not positional: an option right after a secret option is an
option, so in ``--refresh-token --client-secret S`` it is ``S`` that is secret.
"""

from __future__ import annotations

import socket
from pathlib import Path

from py_backend.cli.redact import redact_argv
from py_backend.url_secrets import redact_userinfo
from tests.cli.support import make_environ, our_command, run

PASSWORD = "PWuserinfo0123456789"
SECRET = "S3cretAfterAnOption0123456789"


def closed_port() -> int:
    """A loopback port nothing listens on (the command's connection is refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_secret_option_after_a_secret_option_is_masked(tmp_path: Path) -> None:
    args = [
        "--debug",
        "sso-oidc",
        "create-token",
        "--client-id",
        "id",
        "--grant-type",
        "refresh_token",
        "--refresh-token",
        "--client-secret",
        SECRET,
        "--endpoint-url",
        f"http://127.0.0.1:{closed_port()}",
        "--region",
        "us-east-1",
    ]
    done = run(our_command(args), make_environ(tmp_path))
    assert done.code != 0  # --refresh-token has no value: a usage error
    assert "Arguments entered to CLI" in done.stderr
    assert SECRET not in done.stderr + done.stdout


def test_redact_argv_treats_an_option_after_a_secret_option_as_an_option() -> None:
    shown = redact_argv(["--refresh-token", "--client-secret", SECRET, "--client-id", "id"])
    assert shown == ["--refresh-token", "--client-secret", "***", "--client-id", "id"]


def test_a_password_in_the_endpoint_url_is_masked_in_debug_and_errors(tmp_path: Path) -> None:
    endpoint = f"http://user:{PASSWORD}@127.0.0.1:{closed_port()}"
    args = [
        "--debug",
        "sso-oidc",
        "register-client",
        "--client-name",
        "x",
        "--client-type",
        "public",
        "--endpoint-url",
        endpoint,
        "--region",
        "us-east-1",
    ]
    done = run(our_command(args), make_environ(tmp_path))
    assert done.code == 255
    assert "Could not connect to the endpoint URL" in done.stderr
    assert "http://user:***@127.0.0.1" in done.stderr
    assert PASSWORD not in done.stderr + done.stdout


def test_userinfo_passwords_are_masked_wherever_they_are_in_a_text() -> None:
    text = f"proxy http://u:{PASSWORD}@p:3128 and https://:{PASSWORD}@h/x?q=a@b"
    shown = redact_userinfo(text)
    assert PASSWORD not in shown
    assert shown == "proxy http://u:***@p:3128 and https://:***@h/x?q=a@b"
    assert redact_userinfo("http://host/a@b mailto:a@b") == "http://host/a@b mailto:a@b"
