"""certifi's CA bundle is read on the first TLS connection, not when a client is made (issue 15).

A call over plain HTTP (the emulator, a local endpoint) reads no bundle; the first HTTPS
connection reads it before its handshake, and then trusts exactly what
``ssl.create_default_context(cafile=certifi.where())`` trusts.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from pathlib import Path

import certifi
import pytest

import py_backend
from py_backend import transport
from py_backend.emulator import EmulatorServer
from py_backend.emulator.tls import make_test_ca
from py_backend.errors import SSLError
from tests.support.peers import CLEAN_ENVIRON
from tests.support.recording_server import RecordingServer

REFRESH = {"clientId": "c", "clientSecret": "s", "grantType": "refresh_token", "refreshToken": "r"}
SETTINGS = (
    "protocol",
    "verify_mode",
    "check_hostname",
    "options",
    "verify_flags",
    "minimum_version",
    "maximum_version",
    "post_handshake_auth",
    "hostname_checks_common_name",
)


def _python_default() -> ssl.SSLContext:
    return ssl.create_default_context(cafile=certifi.where())


@pytest.fixture
def fresh_context() -> Iterator[None]:
    """The TLS contexts are made once per process: start and end each test without one."""
    transport._ssl_context.cache_clear()
    yield
    transport._ssl_context.cache_clear()


def _session() -> py_backend.Session:
    return py_backend.Session(region_name="us-east-1", environ=CLEAN_ENVIRON)


def test_the_default_context_is_pythons_default_with_certifis_bundle() -> None:
    context = transport.DeferredCAContext.create(certifi.where())
    default = _python_default()
    assert {name: getattr(context, name) for name in SETTINGS} == {
        name: getattr(default, name) for name in SETTINGS
    }
    assert context.cert_store_stats()["x509_ca"] == 0  # nothing read yet
    context.load_pending_cas()
    assert context.cert_store_stats() == default.cert_store_stats()
    assert context.get_ca_certs() == default.get_ca_certs()


def test_a_plain_http_call_reads_no_ca_bundle(fresh_context: None) -> None:
    with (
        EmulatorServer(shutdown_timeout=1.0) as server,
        _session().client("sso-oidc", endpoint_url=server.base_url) as oidc,
    ):
        registered = oidc.register_client(clientName="x", clientType="public")
    assert registered["clientId"]
    context = transport._ssl_context(True)
    assert isinstance(context, transport.DeferredCAContext)  # the one the client was given
    assert context.cert_store_stats()["x509_ca"] == 0


def test_the_first_tls_connection_reads_the_bundle_and_refuses_an_unknown_certificate(
    fresh_context: None, tmp_path: Path
) -> None:
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(*make_test_ca(tmp_path))
    with RecordingServer(tls=server_context) as server:
        with (
            _session().client("sso-oidc", endpoint_url=server.url) as oidc,
            pytest.raises(SSLError, match="CERTIFICATE_VERIFY_FAILED"),
        ):
            oidc.create_token(**REFRESH)
        assert server.take() == []
    context = transport._ssl_context(True)
    assert isinstance(context, ssl.SSLContext)
    assert context.cert_store_stats() == _python_default().cert_store_stats()


def test_a_tls_connection_through_a_proxy_reads_the_bundle_too() -> None:
    # TLS inside a proxy's tunnel goes through wrap_bio, not wrap_socket.
    context = transport.DeferredCAContext.create(certifi.where())
    context.wrap_bio(ssl.MemoryBIO(), ssl.MemoryBIO(), server_hostname="example.com")
    assert context.cert_store_stats() == _python_default().cert_store_stats()


def test_a_ca_bundle_the_caller_names_is_read_when_the_client_is_made(
    fresh_context: None, tmp_path: Path
) -> None:
    # The CLI reports a missing bundle when it makes the client (as "SSL validation failed").
    with pytest.raises(OSError):
        _session().client(
            "sso-oidc", endpoint_url="https://127.0.0.1:9", verify=str(tmp_path / "missing.pem")
        )
