"""TLS is verified by default; a CA bundle (argument, AWS_CA_BUNDLE) or verify=False changes it."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest

import py_backend
from py_backend.emulator.tls import make_test_ca
from py_backend.errors import SSLError
from tests.support.peers import CLEAN_ENVIRON
from tests.support.recording_server import RecordingServer

REFRESH = {"clientId": "c", "clientSecret": "s", "grantType": "refresh_token", "refreshToken": "r"}


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, as (cert, key) PEM files."""
    return make_test_ca(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="module")
def server(certificate: tuple[Path, Path]) -> Iterator[RecordingServer]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    with RecordingServer(tls=context) as running:
        yield running


def call(
    server: RecordingServer, environ: dict[str, str] | None = None, **client: object
) -> object:
    session = py_backend.Session(region_name="us-east-1", environ=CLEAN_ENVIRON | (environ or {}))
    with session.client("sso-oidc", endpoint_url=server.url, **client) as oidc:  # type: ignore[call-overload]
        return oidc.create_token(**REFRESH)


def test_unknown_certificates_are_refused_by_default(server: RecordingServer) -> None:
    with pytest.raises(SSLError, match="CERTIFICATE_VERIFY_FAILED"):
        call(server)
    assert server.take() == []


def test_a_ca_bundle_argument_is_trusted(
    server: RecordingServer, certificate: tuple[Path, Path]
) -> None:
    call(server, verify=str(certificate[0]))
    assert len(server.take()) == 1


def test_aws_ca_bundle_is_trusted(server: RecordingServer, certificate: tuple[Path, Path]) -> None:
    call(server, {"AWS_CA_BUNDLE": str(certificate[0])})
    assert len(server.take()) == 1


def test_verification_can_be_turned_off(server: RecordingServer) -> None:
    call(server, verify=False)
    assert len(server.take()) == 1
