"""Serving the emulator on 127.0.0.1 with waitress: ``main(argv)`` and :class:`EmulatorServer`.

waitress gives HTTP/1.1 keep-alive and a thread pool. Its additions here: a dropped connection
writes no byte, a TLS ClientHello on this plain port is closed at once (rather than answered
as a malformed HTTP request), the portal's bearer header survives, and
:meth:`EmulatorServer.stop` works from another thread. The command line refuses what would
break it with one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import dataclasses
import ipaddress
import signal
import sys
import threading
from collections.abc import Sequence
from typing import Any

from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.server import create_server
from waitress.task import WSGITask

from py_backend.emulator.app import EmulatorApp, create_app
from py_backend.emulator.config import AccessKey, EmulatorConfig
from py_backend.emulator.faults import DropConnection

__all__ = ["EmulatorServer", "build_server", "main"]

_MAX_WAITRESS_BODY = 1024 * 1024  # above the app's 64 KiB so the app answers in its format


class _DroppingTask(WSGITask):  # type: ignore[misc]  # waitress is untyped
    """A WSGI task that writes nothing and closes the socket when the app drops the request."""

    dropped = False

    def execute(self) -> None:
        try:
            super().execute()
        except DropConnection:
            self.dropped = True
            self.close_on_finish = True

    def finish(self) -> None:
        if not self.dropped:  # finish() would otherwise write the status line and headers
            super().finish()


#: The first byte of a TLS record carrying a handshake (a ClientHello, here).
_TLS_HANDSHAKE = 0x16


#: The portal's bearer header has an underscore, which waitress drops from every request (a
#: guard against header smuggling); the parser below keeps this one header under the name
#: WSGI gives it anyway (``HTTP_X_AMZ_SSO_BEARER_TOKEN``) and drops the dashed spelling, so a
#: client that sends the wrong name is refused as the portal would refuse it.
_BEARER_UNDERSCORE = b"x-amz-sso_bearer_token:"
_BEARER_DASHED = b"x-amz-sso-bearer-token:"


class _PortalHeaderParser(HTTPRequestParser):  # type: ignore[misc]  # waitress is untyped
    def parse_header(self, header_plus: bytes) -> None:
        lines = header_plus.split(b"\r\n")
        kept = [lines[0]]
        for line in lines[1:]:
            lowered = line[: len(_BEARER_DASHED)].lower()
            if lowered == _BEARER_DASHED:
                continue
            if lowered == _BEARER_UNDERSCORE:
                line = _BEARER_DASHED + line[len(_BEARER_UNDERSCORE) :]
            kept.append(line)
        super().parse_header(b"\r\n".join(kept))


class _Channel(HTTPChannel):  # type: ignore[misc]  # waitress is untyped
    task_class = _DroppingTask
    parser_class = _PortalHeaderParser
    _seen_bytes = False

    def received(self, data: bytes) -> bool:
        """Close at once on a TLS ClientHello (no HTTP request starts with byte 0x16)."""
        if not self._seen_bytes and data:
            self._seen_bytes = True
            if data[0] == _TLS_HANDSHAKE:
                self.will_close = True
                self.handle_close()
                return False
        return bool(super().received(data))


def build_server(app: EmulatorApp, host: str = "127.0.0.1", port: int = 0, threads: int = 8) -> Any:
    """A waitress server for ``app`` bound to ``host:port`` (port 0: any free port), not yet run."""
    server = create_server(
        app,
        host=host,
        port=port,
        threads=threads,
        ident="aws-token-bridge-emulator",
        max_request_body_size=_MAX_WAITRESS_BODY,
        expose_tracebacks=False,
        clear_untrusted_proxy_headers=True,
    )
    server.channel_class = _Channel
    return server


def _close_all(server: Any) -> None:
    # Runs in waitress's loop thread (a trigger thunk), so no socket is closed under its feet.
    for dispatcher in list(server._map.values()):
        dispatcher.close()


class EmulatorServer:
    """The emulator on a real socket in a background thread; a context manager.

    ``with EmulatorServer() as server: ... server.base_url ...`` starts it on
    ``127.0.0.1:0`` (a free port) and stops it on exit. ``app`` is the served
    :class:`EmulatorApp` (its ``state`` is the one the server uses).
    """

    def __init__(
        self,
        app: EmulatorApp | None = None,
        *,
        config: EmulatorConfig | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        threads: int = 8,
        shutdown_timeout: float = 2.0,
    ) -> None:
        self.app = app if app is not None else create_app(config)
        self._server = build_server(self.app, host, port, threads)
        self._thread: threading.Thread | None = None
        self._shutdown_timeout = shutdown_timeout

    # Read-only: where the socket is bound cannot be changed by assigning to these.
    @property
    def host(self) -> str:
        """The address the server listens on."""
        return str(self._server.effective_host)

    @property
    def port(self) -> int:
        """The port the server listens on."""
        return int(self._server.effective_port)

    @property
    def base_url(self) -> str:
        """``http://host:port``, to use as ``endpoint_url``."""
        return f"http://{self.host}:{self.port}"

    def start(self) -> EmulatorServer:
        """Start serving in a daemon thread; returns ``self``."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._server.run, name="emulator-server", daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Close every connection and the listening socket, then stop the worker threads."""
        if self._thread is None:
            self._server.close()
            return
        self._server.trigger.pull_trigger(lambda: _close_all(self._server))
        self._thread.join(self._shutdown_timeout)
        self._server.task_dispatcher.shutdown(timeout=self._shutdown_timeout)
        self._thread = None

    def __enter__(self) -> EmulatorServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"EmulatorServer(base_url={self.base_url!r})"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aws-token-bridge emulator",
        description="Local AWS Sign-In, SSO OIDC and portal emulator (loopback only).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port (default 0: any free port)")
    parser.add_argument(
        "--region", default="us-east-1", help="the region served (default us-east-1)"
    )
    parser.add_argument(
        "--auto-approve", action="store_true", help="approve device authorizations at once"
    )
    parser.add_argument(
        "--access-key",
        action="append",
        default=[],
        metavar="AKID:SECRET[:SESSION_TOKEN]",
        help="accept this key for SigV4 (repeatable; replaces the default AKIDEXAMPLE key)",
    )
    parser.add_argument("--threads", type=int, default=8, help="worker threads (default 8)")
    parser.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a --host other than loopback (the control API has no authentication)",
    )
    return parser


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _refusal(args: argparse.Namespace) -> str | None:
    """Why the options cannot be served, in one line, or ``None``."""
    if not 0 <= args.port <= 65535:
        return f"--port must be from 0 to 65535 (0: any free port), not {args.port}"
    if args.threads < 1:
        return f"--threads must be 1 or more, not {args.threads}"
    if not _is_loopback(args.host) and not args.allow_remote:
        return (
            f"--host {args.host} is not a loopback address; the control API has no "
            "authentication, so serving beyond this machine needs --allow-remote"
        )
    return None


def _fail(line: str) -> int:
    sys.stderr.write(f"aws-token-bridge emulator: error: {line}\n")
    return 2


def config_from_args(args: argparse.Namespace) -> EmulatorConfig:
    """The :class:`EmulatorConfig` the command line asks for."""
    config = EmulatorConfig(region=args.region, auto_approve=args.auto_approve)
    keys = tuple(AccessKey.parse(text) for text in args.access_key)
    return dataclasses.replace(config, access_keys=keys) if keys else config


def main(argv: Sequence[str] | None = None) -> int:
    """Run the emulator until interrupted; prints ``listening on http://HOST:PORT`` when ready."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        config = config_from_args(args)
    except ValueError as problem:
        parser.error(str(problem))
    refusal = _refusal(args)
    if refusal is not None:
        return _fail(refusal)
    if not _is_loopback(args.host):
        sys.stderr.write(
            "aws-token-bridge emulator: warning: serving beyond loopback; anyone who can "
            "reach this port can use the control API (approve devices, mint assertions)\n"
        )
    try:
        server = build_server(create_app(config), args.host, args.port, args.threads)
    except (OSError, ValueError) as error:  # in use, not an address of this machine...
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        return _fail(f"cannot listen on {args.host}:{args.port}: {reason}")
    if threading.current_thread() is threading.main_thread():
        # Let `kill` (and subprocess.terminate()) stop the server as cleanly as Ctrl-C does.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"listening on http://{server.effective_host}:{server.effective_port}", flush=True)
    try:
        server.run()  # returns on Ctrl-C or SIGTERM (waitress catches SystemExit)
    except KeyboardInterrupt:
        pass
    finally:
        server.task_dispatcher.shutdown(timeout=2)
        _close_all(server)
    return 0
