"""A loopback proxy that lets two command lines see the very same answer from the emulator.

The first request with a given method, target and body (and portal bearer token) is
forwarded to the emulator (with its ``Host`` header, so SigV4 still verifies); its answer is
recorded, and every later request with the same method, target and body gets that answer
again. The AWS CLI and
``aws-token-bridge`` can then run side by side, in any order, and print the same tokens.

For Sign-In, the proxy can add the DPoP proof the emulator requires and the AWS CLI v1 does
not send; it can also drop ``x-amzn-ErrorType`` from error answers (an unmodeled error).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric import ec

from py_backend.auth.dpop import build_proof

_HOP_BY_HOP = frozenset({"connection", "keep-alive", "transfer-encoding", "content-length"})


@dataclass(frozen=True)
class Seen:
    """One request as it reached the proxy."""

    user_agent: str
    method: str
    target: str
    body: bytes
    forwarded: bool


@dataclass(frozen=True)
class _Answer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes


class ReplayProxy:
    """``with ReplayProxy(upstream) as proxy:``; point both CLIs at ``proxy.url``."""

    def __init__(
        self,
        upstream: str,
        *,
        dpop_key: ec.EllipticCurvePrivateKey | None = None,
        strip_error_type: bool = False,
    ) -> None:
        self.upstream = upstream
        self.dpop_key = dpop_key
        self.strip_error_type = strip_error_type
        self.seen: list[Seen] = []
        self._answers: dict[tuple[str, str, bytes], _Answer] = {}
        self._locks: dict[tuple[str, str, bytes], threading.Lock] = {}
        self._lock = threading.Lock()
        self._http = httpx.Client(timeout=30.0)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        """The proxy's base URL."""
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> ReplayProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._http.close()

    def bodies_by_client(self) -> dict[str, set[bytes]]:
        """The distinct request bodies each client (by User-Agent product) sent."""
        out: dict[str, set[bytes]] = {}
        for seen in self.seen:
            product = seen.user_agent.split("/", 1)[0]
            out.setdefault(product, set()).add(seen.body)
        return out

    def _answer(self, method: str, target: str, headers: list[tuple[str, str]], body: bytes) -> Any:
        # The portal's requests differ only in their bearer token: it is part of the request.
        bearer = next((v for k, v in headers if k.lower() == "x-amz-sso_bearer_token"), "")
        key = (method, target, body + b"\0" + bearer.encode())
        with self._lock:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            answer = self._answers.get(key)
            forwarded = answer is None
            if answer is None:
                answer = self._answers[key] = self._forward(method, target, headers, body)
        user_agent = next((v for k, v in headers if k.lower() == "user-agent"), "")
        with self._lock:
            self.seen.append(Seen(user_agent, method, target, body, forwarded))
        return answer

    def _forward(
        self, method: str, target: str, headers: list[tuple[str, str]], body: bytes
    ) -> _Answer:
        sent = [(k, v) for k, v in headers if k.lower() not in _HOP_BY_HOP]
        path = target.split("?", 1)[0]
        if self.dpop_key is not None and path == "/v1/token":
            host = next(v for k, v in headers if k.lower() == "host")
            sent.append(("DPoP", build_proof(self.dpop_key, method, f"http://{host}{path}")))
        response = self._http.request(method, self.upstream + target, headers=sent, content=body)
        kept = [
            (k, v)
            for k, v in response.headers.multi_items()
            if k.lower() not in _HOP_BY_HOP
            and not (self.strip_error_type and k.lower() == "x-amzn-errortype")
        ]
        return _Answer(response.status_code, kept, response.content)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                answer = proxy._answer(self.command, self.path, list(self.headers.items()), body)
                self.send_response_only(answer.status)
                for name, value in answer.headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body)

            # The portal's list and credential operations are GETs (no body).
            do_GET = do_POST

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler
