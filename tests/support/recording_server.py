"""A loopback HTTP server that records every request and answers from a queue.

Both boto3 and py_backend clients are pointed at it, so their requests can be compared byte
for byte and their parsing of the same answers checked side by side.
"""

from __future__ import annotations

import json
import ssl
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit


@dataclass(frozen=True)
class RecordedRequest:
    """One request as it arrived."""

    method: str
    target: str
    headers: list[tuple[str, str]]
    body: bytes
    #: The client's (host, port): the same for requests over one kept-alive connection.
    peer: tuple[str, int] = ("", 0)

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    @property
    def query(self) -> str:
        return urlsplit(self.target).query

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class CannedResponse:
    """An answer to give: status, headers and body."""

    status: int = 200
    body: bytes = b"{}"
    headers: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def json(cls, status: int, payload: Any, **headers: str) -> CannedResponse:
        extra = [(k.replace("_", "-"), v) for k, v in headers.items()]
        return cls(status, json.dumps(payload).encode(), extra)


class RecordingServer:
    """Start with ``with RecordingServer() as server:``; ``server.url`` is its base URL."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.scheme = "https" if tls else "http"
        self.requests: list[RecordedRequest] = []
        self.queue: deque[CannedResponse] = deque()
        self.default = CannedResponse.json(200, {})
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"{self.scheme}://{host}:{port}"

    def respond(self, *responses: CannedResponse) -> None:
        """Queue answers, used in order; when empty, the default answer is given."""
        with self._lock:
            self.queue.extend(responses)

    def take(self) -> list[RecordedRequest]:
        """The requests recorded so far, clearing the record."""
        with self._lock:
            taken, self.requests = self.requests, []
        return taken

    def __enter__(self) -> RecordingServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next(self, request: RecordedRequest) -> CannedResponse:
        with self._lock:
            self.requests.append(request)
            return self.queue.popleft() if self.queue else self.default

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                recorded = RecordedRequest(
                    self.command,
                    self.path,
                    list(self.headers.items()),
                    body,
                    self.client_address[:2],
                )
                answer = server._next(recorded)
                self.send_response(answer.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("x-amzn-RequestId", "11111111-2222-3333-4444-555555555555")
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
