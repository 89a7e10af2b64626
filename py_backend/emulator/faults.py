"""Injected faults: answer a path with an error status, a delay, or a dropped connection.

A fault is set through ``POST /__emulator/faults`` and applies to the next ``count``
requests whose path (``/token``) or path-and-operation key (``/token?aws_iam=t``) equals
its ``path``. ``phase`` ``before`` answers without running the handler (the request never
reached the service); ``after`` runs the handler first, so its effects stay (a code is
spent) and only the answer is replaced: the case of a response lost on the way back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

import httpx

from py_backend.emulator.errors import (
    PORTAL_ERRORS,
    SIGNIN_ERRORS,
    SSO_CORAL_NAMESPACE,
    SSO_OIDC_ERRORS,
    EmulatorError,
)
from py_backend.errors import TokenBridgeError

__all__ = ["DropConnection", "Fault", "fault_error", "parse_fault"]

_PHASES = ("before", "after")


class DropConnection(httpx.RemoteProtocolError, TokenBridgeError):
    """Raised by the app to close the connection without any HTTP answer.

    The waitress server wrapper catches it and closes the socket. In-process, through
    ``httpx.WSGITransport``, it reaches the caller as the transport error httpx raises when
    a real server hangs up: :class:`httpx.RemoteProtocolError`.
    """

    def __init__(self) -> None:
        super().__init__("Server disconnected without sending a response.")


@dataclass
class Fault:
    """One injected fault; ``count`` is how many more requests it applies to."""

    path: str
    count: int = 1
    status: int | None = None
    error_type: str | None = None
    error: str | None = None
    message: str | None = None
    delay_seconds: float = 0.0
    drop: bool = False
    phase: str = "before"

    def matches(self, path: str, key: str) -> bool:
        """Tell whether this fault applies to a request with this path and operation key."""
        return self.count > 0 and self.path in (path, key)

    def describe(self) -> dict[str, Any]:
        """The fault as the control API lists it: each field under its camelCase name."""
        return {_camel(f.name): getattr(self, f.name) for f in fields(self)}


def _camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(word.title() for word in rest)


def parse_fault(spec: Mapping[str, Any]) -> Fault:
    """Build a :class:`Fault` from the control API's JSON; ``ValueError`` names a bad member.

    One of ``status``, ``delaySeconds`` or ``drop`` must be given.
    """
    path = _get(spec, "path", str, None)
    if not path or not path.startswith("/"):
        raise ValueError("path must be a string starting with /")
    fault = Fault(
        path=path,
        count=_get(spec, "count", int, 1),
        status=_get(spec, "status", int, None),
        error_type=_get(spec, "errorType", str, None),
        error=_get(spec, "error", str, None),
        message=_get(spec, "message", str, None),
        delay_seconds=float(_get(spec, "delaySeconds", (int, float), 0)),
        drop=_get(spec, "drop", bool, False),
        phase=_get(spec, "phase", str, "before"),
    )
    if fault.count < 1:
        raise ValueError("count must be at least 1")
    if fault.status is not None and not 400 <= fault.status <= 599:
        raise ValueError("status must be 400..599")
    if fault.delay_seconds < 0 or fault.delay_seconds > 60:
        raise ValueError("delaySeconds must be 0..60")
    if fault.phase not in _PHASES:
        raise ValueError("phase must be before or after")
    if fault.status is None and not fault.drop and not fault.delay_seconds:
        raise ValueError("give status, delaySeconds or drop")
    return fault


def _get(spec: Mapping[str, Any], name: str, kind: Any, default: Any) -> Any:
    value = spec.get(name, default)
    # bool is an int subclass: {"count": true} is a mistake, not 1.
    bool_for_number = isinstance(value, bool) and kind is not bool
    if value is not default and (not isinstance(value, kind) or bool_for_number):
        raise ValueError(f"{name} has the wrong type")
    return value


_SIGNIN_BY_STATUS = {
    401: "AccessDeniedException",
    403: "AccessDeniedException",
    429: "TooManyRequestsError",
}
_SSO_BY_STATUS = {401: "InvalidClientException", 429: "ThrottlingException"}
# The portal's errors each have their own status (401 Unauthorized, 403 Forbidden, 404
# ResourceNotFound, 429 TooManyRequests; 400 and 500 are the defaults below anyway).
_PORTAL_BY_STATUS = {status: shape for shape, status in PORTAL_ERRORS.items()}


def _default_shape(status: int, service: str) -> str:
    if status >= 500:
        return "InternalServerException"
    if service == "signin":
        return _SIGNIN_BY_STATUS.get(status, "ValidationException")
    by_status = _PORTAL_BY_STATUS if service == "sso" else _SSO_BY_STATUS
    return by_status.get(status, "InvalidRequestException")


def fault_error(fault: Fault, service: str) -> EmulatorError:
    """The error a status fault answers with, in ``service``'s format (see ``routes.service_of``).

    Without ``errorType`` the shape follows the status (the ``_*_BY_STATUS`` tables, 500+:
    ``InternalServerException``); without ``error`` the OAuth code is the shape's usual one.
    """
    assert fault.status is not None
    shape = fault.error_type or _default_shape(fault.status, service)
    message = fault.message or f"Injected fault: {shape}"
    if service == "sso":
        return EmulatorError(fault.status, shape, {"message": message})
    if service == "signin":
        code = fault.error or SIGNIN_ERRORS.get(shape, (0, "INVALID_REQUEST"))[1]
        return EmulatorError(fault.status, shape, {"error": code, "message": message})
    code = fault.error or SSO_OIDC_ERRORS.get(shape, (0, "server_error"))[1]
    error_type = f"{shape}:{SSO_CORAL_NAMESPACE}" if shape in SSO_OIDC_ERRORS else shape
    return EmulatorError(fault.status, error_type, {"error": code, "error_description": message})
