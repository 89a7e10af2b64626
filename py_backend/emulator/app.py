"""The emulator as one WSGI application serving SSO OIDC, Sign-In, the portal and control API.

Every response carries a fresh ``x-amzn-RequestId``. A request is read (64 KiB at most),
counted, checked against the injected faults, and handed to its handler with the state
lock held; an :class:`EmulatorError` a handler raises becomes the service's error answer.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable, Mapping
from http import HTTPStatus
from typing import Any

from py_backend.emulator.config import EmulatorConfig
from py_backend.emulator.control import CONTROL_PREFIX, CONTROL_ROUTES
from py_backend.emulator.errors import EmulatorError, control_error
from py_backend.emulator.faults import DropConnection, Fault, fault_error
from py_backend.emulator.http import BodyTooLarge, Request, Response, read_request
from py_backend.emulator.routes import request_key, resolve, service_error, service_of
from py_backend.emulator.state import EmulatorState

__all__ = ["EmulatorApp", "create_app"]

logger = logging.getLogger(__name__)

StartResponse = Callable[..., Any]


class EmulatorApp:
    """A WSGI callable; ``state`` is its :class:`EmulatorState`, ``config`` its settings."""

    def __init__(self, config: EmulatorConfig | None = None) -> None:
        self.config = config or EmulatorConfig()
        self.state = EmulatorState(self.config)

    def __call__(
        self, environ: Mapping[str, Any], start_response: StartResponse
    ) -> Iterable[bytes]:
        """Serve one request (PEP 3333)."""
        response = self._respond(environ)
        headers = [
            *response.headers,
            ("x-amzn-RequestId", str(uuid.uuid4())),
            ("Content-Length", str(len(response.body))),
        ]
        start_response(f"{response.status} {HTTPStatus(response.status).phrase}", headers)
        return [response.body]

    def __repr__(self) -> str:
        return f"EmulatorApp(region={self.config.region!r})"

    def _respond(self, environ: Mapping[str, Any]) -> Response:
        try:
            request = read_request(environ, self.config.max_body_bytes)
            if request.path.startswith(CONTROL_PREFIX):
                return self._control(request)
            return self._service(request)
        except BodyTooLarge:
            path = str(environ.get("PATH_INFO", ""))
            invalid = (
                "ValidationException" if service_of(path) == "signin" else "InvalidRequestException"
            )
            error = service_error(path, invalid, "The request body is too large")
            error.status = 413
            return self._render(error)
        except EmulatorError as error:
            return self._render(error)

    def _render(self, error: EmulatorError) -> Response:
        return error.response(namespace=self.config.coral_error_suffix)

    def _control(self, request: Request) -> Response:
        entry = CONTROL_ROUTES.get(request.path)
        if entry is None:
            raise control_error(404, "Unknown control endpoint")
        methods, handler = entry
        if request.method not in methods:
            raise control_error(405, "Method not allowed", methods)
        return self._run(handler, request)

    def _service(self, request: Request) -> Response:
        key = request_key(request.path, request.query)
        with self.state.lock:
            self.state.requests[key] += 1
        route = resolve(request)
        with self.state.lock:
            self.state.operations[route.operation] += 1
            fault = _take_fault(self.state.faults, request.path, key)
        if fault is not None and fault.phase == "before":
            self._apply(fault, request.path)
        response = self._run(route.handler, request)
        if fault is not None and fault.phase == "after":
            self._apply(fault, request.path)
        return response

    def _run(
        self, handler: Callable[[EmulatorState, Request], Response], request: Request
    ) -> Response:
        try:
            with self.state.lock:
                return handler(self.state, request)
        except EmulatorError as error:
            return self._render(error)
        except Exception:
            # Log the type and place only: request bodies and tokens stay out of logs.
            logger.exception("unexpected error serving %s %s", request.method, request.path)
            message = "An internal error occurred"
            return self._render(service_error(request.path, "InternalServerException", message))

    def _apply(self, fault: Fault, path: str) -> None:
        """Sleep, then hang up or raise the fault's error; a delay alone lets the answer through."""
        if fault.delay_seconds:
            # Outside the state lock: other requests go on while this one waits.
            self.config.sleep(fault.delay_seconds)
        if fault.drop:
            raise DropConnection
        if fault.status is not None:
            raise fault_error(fault, service_of(path))


def create_app(config: EmulatorConfig | None = None) -> EmulatorApp:
    """A new emulator app with ``config`` (default: :class:`EmulatorConfig`)."""
    return EmulatorApp(config)


def _take_fault(faults: list[Fault], path: str, key: str) -> Fault | None:
    fault = next((f for f in faults if f.matches(path, key)), None)
    if fault is not None:
        fault.count -= 1
        if fault.count == 0:
            faults.remove(fault)
    return fault
