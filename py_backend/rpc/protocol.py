"""The JSON-RPC 2.0 envelope: reading a request from a line, writing answers, error codes.

The specification (https://www.jsonrpc.org/specification) narrowed as docs/rpc.md says: ids
are strings or integers, ``params`` is an object (absent or ``null`` mean ``{}``), batches are
refused. docs/rpc.md's table says when each error code is answered.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from py_backend.errors import TokenBridgeError

__all__ = [
    "CMDLET_ERROR",
    "INTERNAL_ERROR",
    "INVALID_PARAMS",
    "INVALID_REQUEST",
    "METHOD_NOT_FOUND",
    "PARSE_ERROR",
    "REQUEST_CANCELLED",
    "SHUTTING_DOWN",
    "UNSUPPORTED_PROTOCOL",
    "BadRequest",
    "Request",
    "RequestId",
    "RpcError",
    "decode_request",
    "encode",
    "error_response",
    "notification",
    "response",
]

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
INTERNAL_ERROR = -32603
CMDLET_ERROR = -32000
SHUTTING_DOWN = -32001
UNSUPPORTED_PROTOCOL = -32002
REQUEST_CANCELLED = -32800

RequestId: TypeAlias = "int | str"

_BOM = b"\xef\xbb\xbf"
_MAX_ECHOED_NAME = 100


class RpcError(TokenBridgeError):
    """An error answer: ``code``, a one-line ``message`` and optional structured ``data``.

    The message and data are sent to the client as they are, so they never carry a secret
    or a traceback.
    """

    def __init__(self, code: int, message: str, data: Any = None) -> None:
        super().__init__(message)
        self.rpc_code = code
        self.message = message
        self.data = data

    def to_json(self) -> dict[str, Any]:
        """The ``error`` member of a response (§5.1)."""
        error: dict[str, Any] = {"code": self.rpc_code, "message": self.message}
        if self.data is not None:
            error["data"] = self.data
        return error

    def __repr__(self) -> str:
        return f"RpcError({self.rpc_code}, {self.message!r})"

    @classmethod
    def parse_error(cls, detail: str) -> RpcError:
        """-32700: the line is not a JSON text."""
        return cls(PARSE_ERROR, f"Parse error: {detail}")

    @classmethod
    def invalid_request(cls, detail: str) -> RpcError:
        """-32600: JSON, but not a valid request object."""
        return cls(INVALID_REQUEST, f"Invalid Request: {detail}")

    @classmethod
    def method_not_found(cls, method: str) -> RpcError:
        """-32601, naming the method (shortened: it is the client's text)."""
        return cls(METHOD_NOT_FOUND, f"Method not found: {method[:_MAX_ECHOED_NAME]!r}")

    @classmethod
    def invalid_params(cls, problems: Sequence[tuple[str, str]]) -> RpcError:
        """-32602 naming each bad field: ``data.errors`` is ``[{field, message}]``."""
        text = "; ".join(f"{name}: {reason}" for name, reason in problems)
        errors = [{"field": name, "message": reason} for name, reason in problems]
        return cls(INVALID_PARAMS, f"Invalid params: {text}", {"errors": errors})

    @classmethod
    def internal_error(cls, kind: str) -> RpcError:
        """-32603; ``kind`` is the exception's class name, never its message."""
        return cls(
            INTERNAL_ERROR,
            f"Internal error ({kind}); the backend's log on stderr has the details",
        )

    @classmethod
    def cancelled(cls, reason: str = "Request cancelled") -> RpcError:
        """-32800: the request was cancelled before it finished."""
        return cls(REQUEST_CANCELLED, reason)


@dataclass(frozen=True)
class Request:
    """A decoded request, or a notification when :attr:`id` is ``None``."""

    method: str
    params: dict[str, Any] = field(default_factory=dict)
    id: RequestId | None = None

    @property
    def is_notification(self) -> bool:
        """True when the sender expects no answer."""
        return self.id is None


class BadRequest(TokenBridgeError):
    """A line that is not a usable request; answer :attr:`error` to :attr:`request_id`."""

    def __init__(self, error: RpcError, request_id: RequestId | None = None) -> None:
        super().__init__(error.message)
        self.error = error
        self.request_id = request_id


def decode_request(line: bytes) -> Request:
    """Read one request from one line (terminator removed); raise :class:`BadRequest`.

    A UTF-8 byte order mark at the start of the line is ignored.
    """
    message = _parse_json(line[3:] if line.startswith(_BOM) else line)
    if not isinstance(message, dict):
        raise BadRequest(RpcError.invalid_request(_not_an_object(message)))
    request_id = _request_id(message)
    if message.get("jsonrpc") != "2.0":
        raise BadRequest(RpcError.invalid_request('"jsonrpc" must be "2.0"'), request_id)
    method = message.get("method")
    if not isinstance(method, str) or not method:
        raise BadRequest(
            RpcError.invalid_request('"method" must be a non-empty string'), request_id
        )
    return Request(method, _params(message, request_id), request_id)


def _parse_json(text: bytes) -> Any:
    try:
        return json.loads(text.decode("utf-8"), parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise BadRequest(RpcError.parse_error("the line is not valid UTF-8")) from None
    except json.JSONDecodeError as error:
        detail = f"{error.msg} at column {error.colno}"
        raise BadRequest(RpcError.parse_error(detail)) from None
    except RecursionError:
        raise BadRequest(RpcError.parse_error("the JSON is nested too deeply")) from None
    except ValueError:  # NaN/Infinity, or an integer too long to convert
        raise BadRequest(RpcError.parse_error("a number is not valid JSON")) from None


def _reject_constant(name: str) -> Any:
    raise ValueError(name)  # NaN, Infinity and -Infinity are not JSON (RFC 8259 §6)


def _not_an_object(message: Any) -> str:
    if isinstance(message, list):
        return "batches (arrays) are not supported; send one request per line"
    return "a request must be a JSON object"


def _request_id(message: Mapping[str, Any]) -> RequestId | None:
    if "id" not in message:
        return None
    value = message["id"]
    # bool is an int subclass, and {"id": true} is a mistake, not 1.
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise BadRequest(RpcError.invalid_request('"id" must be a string or an integer'))


def _params(message: Mapping[str, Any], request_id: RequestId | None) -> dict[str, Any]:
    params = message.get("params")
    if params is None:
        return {}
    if not isinstance(params, dict):
        raise BadRequest(RpcError.invalid_params([("params", "must be an object")]), request_id)
    return params


def encode(message: Mapping[str, Any]) -> bytes:
    """One compact JSON line, ``\\n``-terminated, ASCII only (a subset of UTF-8).

    ``\\uXXXX`` escapes keep lone surrogates and line separators from ever breaking a line.
    Raises ``TypeError``/``ValueError`` for values JSON cannot carry.
    """
    return _ENCODER.encode(message).encode("ascii") + b"\n"


# Made once: json.dumps with any setting makes a new encoder per call, and a warm invoke
# writes six or seven lines.
_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=True, allow_nan=False)


def response(request_id: RequestId, result: Any) -> dict[str, Any]:
    """A success response (§5)."""
    return {"jsonrpc": "2.0", "id": request_id, "result": result}


def error_response(request_id: RequestId | None, error: RpcError) -> dict[str, Any]:
    """An error response (§5); ``request_id`` is ``None`` when the id could not be read."""
    return {"jsonrpc": "2.0", "id": request_id, "error": error.to_json()}


def notification(method: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """A notification from the server (§4.1): no id, no answer expected."""
    return {"jsonrpc": "2.0", "method": method, "params": dict(params)}
