"""TLS is verified by default; a CA bundle (argument, AWS_CA_BUNDLE) or verify=False changes it."""

from __future__ import annotations

import datetime
import ipaddress
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

import py_backend
from py_backend.errors import SSLError
from tests.support.peers import CLEAN_ENVIRON
from tests.support.recording_server import RecordingServer

REFRESH = {"clientId": "c", "clientSecret": "s", "grantType": "refresh_token", "refreshToken": "r"}


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, as (cert, key) PEM files."""
    folder = tmp_path_factory.mktemp("tls")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "aws-token-bridge test CA")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


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
