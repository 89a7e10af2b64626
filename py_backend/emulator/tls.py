"""TLS in front of the emulator: a loopback TLS terminator with a test CA, counting handshakes.

The emulator serves plain HTTP (waitress has no TLS). :class:`TlsFront` terminates TLS with a
certificate of a throw-away test CA (:func:`make_test_ca`) and relays the bytes as they are to
the emulator's HTTP port, one upstream connection per TLS connection. Counting handshakes is
how tests prove that many calls share one kept-alive connection.

Run it as a process (``python -m py_backend.emulator.tls --upstream URL --cert C --key K``,
prints ``listening on https://127.0.0.1:PORT``) so that the relay shares no interpreter lock
with the clients being measured, or in-process with ``with TlsFront(...) as front:``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import ipaddress
import select
import signal
import socket
import ssl
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

__all__ = ["TlsFront", "main", "make_test_ca"]

_CHUNK = 65536


def make_test_ca(folder: Path) -> tuple[Path, Path]:
    """A self-signed P-256 certificate for 127.0.0.1 (its own CA), valid for a day.

    Returns ``(cert.pem, key.pem)`` in ``folder``; clients trust ``cert.pem`` as a CA bundle.
    """
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "aws-token-bridge test CA")])
    now = datetime.datetime.now(datetime.timezone.utc)
    loopback = x509.IPAddress(ipaddress.ip_address("127.0.0.1"))
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([loopback]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = folder / "test-ca.pem", folder / "test-ca.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class TlsFront:
    """Accepts TLS on 127.0.0.1 and relays each connection to ``upstream`` (``http://h:p``).

    :attr:`handshakes` counts completed TLS handshakes; :attr:`open_connections` the TLS
    connections not yet closed by either side.
    """

    def __init__(self, upstream: str, cert: Path, key: Path, port: int = 0) -> None:
        parts = urlsplit(upstream)
        if parts.scheme != "http" or parts.hostname is None or parts.port is None:
            raise ValueError(f"upstream must be http://HOST:PORT, not {upstream!r}")
        self._upstream = (parts.hostname, parts.port)
        self._context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self._context.load_cert_chain(cert, key)
        self._listener = socket.create_server(("127.0.0.1", port))
        self._lock = threading.Lock()  # guards the counters
        self._handshakes = 0
        self._open = 0
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._accept, name="tls-front", daemon=True)

    @property
    def base_url(self) -> str:
        """``https://127.0.0.1:PORT``."""
        return f"https://127.0.0.1:{self._listener.getsockname()[1]}"

    # Read-only: the relay threads update the counters under the lock; a caller can only read.
    @property
    def handshakes(self) -> int:
        """TLS handshakes completed so far."""
        with self._lock:
            return self._handshakes

    @property
    def open_connections(self) -> int:
        """TLS connections currently open."""
        with self._lock:
            return self._open

    def start(self) -> TlsFront:
        """Start accepting (returns ``self``)."""
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop accepting; relays already running end when either side closes."""
        self._closed.set()
        with contextlib.suppress(OSError):
            self._listener.close()

    def __enter__(self) -> TlsFront:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return  # closed
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, raw: socket.socket) -> None:
        try:
            tls = self._context.wrap_socket(raw, server_side=True)
        except (OSError, ssl.SSLError):
            raw.close()
            return
        with self._lock:
            self._handshakes += 1
            self._open += 1
        try:
            with tls, socket.create_connection(self._upstream) as upstream:
                upstream.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                tls.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                _relay(tls, upstream)
        except OSError:
            pass  # either side went away: the connection is over
        finally:
            with self._lock:
                self._open -= 1


def _relay(tls: ssl.SSLSocket, upstream: socket.socket) -> None:
    """Copy bytes both ways until either side closes (one thread: no concurrent TLS calls)."""
    while True:
        # Bytes OpenSSL has already decrypted do not make the socket readable.
        ready = [tls] if tls.pending() else select.select([tls, upstream], [], [])[0]
        if tls in ready:
            data = tls.recv(_CHUNK)
            if not data:
                return
            upstream.sendall(data)
        if upstream in ready:
            data = upstream.recv(_CHUNK)
            if not data:
                return
            tls.sendall(data)


def main(argv: Sequence[str] | None = None) -> int:
    """Relay until stdin ends or SIGTERM; prints ``listening on https://...`` when ready."""
    parser = argparse.ArgumentParser(
        prog="python -m py_backend.emulator.tls",
        description="Serve TLS on 127.0.0.1 in front of the emulator's HTTP port.",
    )
    parser.add_argument("--upstream", required=True, help="the emulator's http://HOST:PORT")
    parser.add_argument("--cert", type=Path, required=True, help="certificate chain (PEM)")
    parser.add_argument("--key", type=Path, required=True, help="private key (PEM)")
    parser.add_argument("--port", type=int, default=0, help="port (default 0: any free port)")
    args = parser.parse_args(argv)
    try:
        front = TlsFront(args.upstream, args.cert, args.key, args.port).start()
    except (OSError, ValueError, ssl.SSLError) as error:
        sys.stderr.write(f"tls front: error: {error}\n")
        return 2
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    sys.stdout.write(f"listening on {front.base_url}\n")
    sys.stdout.flush()
    try:
        sys.stdin.read()  # the parent closes stdin (or exits) to stop the relay
    finally:
        sys.stderr.write(f"tls front: {front.handshakes} handshakes\n")
        front.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
