"""The method table: each method's params model beside its handler (docs/rpc.md describes
them). A handler returns the ``result`` or raises :class:`~py_backend.rpc.protocol.RpcError`.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, cast

from py_backend._version import __version__
from py_backend.errors import TokenBridgeError
from py_backend.redaction import describe_parameters
from py_backend.rpc.backend import CmdletBackend, CmdletErrorLike
from py_backend.rpc.params import (
    CancelParams,
    DescribeParams,
    InitializeParams,
    InvokeParams,
    ParamProblem,
    Params,
    ShutdownParams,
)
from py_backend.rpc.protocol import (
    CMDLET_ERROR,
    UNSUPPORTED_PROTOCOL,
    RequestId,
    RpcError,
)
from py_backend.url_secrets import redact_userinfo

__all__ = ["METHODS", "PROTOCOL_VERSION", "CallContext", "Method", "ServerControl", "parse_params"]

PROTOCOL_VERSION = "1.0"
"""``MAJOR.MINOR``: a client of another MAJOR is refused; any MINOR of this one is served."""

logger = logging.getLogger(__name__)

_VERSION = re.compile(r"(\d+)(\.\d+)*")


class ServerControl(Protocol):
    """What ``shutdown`` and ``$/cancelRequest`` ask of the dispatcher."""

    def cancel(self, request_id: RequestId) -> None:
        """Cancel the request in flight with this id (nothing if there is none)."""
        ...

    def shutdown(self) -> None:
        """Refuse new work, wait (bounded) for requests in flight, cancel the rest."""
        ...


@dataclass(frozen=True)
class CallContext:
    """What a handler may use besides its params."""

    request_id: RequestId | None
    #: Loads the cmdlet layer (on first use: ``initialize`` never needs it).
    load_backend: Callable[[], CmdletBackend]
    #: The names ``initialize`` announces, known without loading the cmdlet layer.
    cmdlet_names: Sequence[str]
    server: ServerControl
    #: Sends a notification ``(method, params)``; the request id is added as ``params.id``.
    notify: Callable[[str, Mapping[str, Any]], None]
    cancelled: threading.Event

    @property
    def backend(self) -> CmdletBackend:
        """The cmdlet layer."""
        return self.load_backend()


def parse_params(model: type[Params], params: Mapping[str, Any]) -> Any:
    """Check ``params`` against ``model``; -32602 naming each bad member otherwise."""
    try:
        return model.from_json(params)
    except ParamProblem as problem:
        # Only the member and the reason: the value itself may be a secret.
        raise RpcError.invalid_params(problem.problems) from None


def initialize(context: CallContext, params: InitializeParams) -> dict[str, Any]:
    """The handshake: refuse another major protocol version, tell what this backend is."""
    _check_protocol_version(params.protocol_version)
    logger.info("client: %s", _client_name(params.client_info))
    return {
        "protocolVersion": PROTOCOL_VERSION,
        "serverVersion": __version__,
        # What platform.python_version() answers, without importing platform at start-up.
        "pythonVersion": sys.version.split()[0],
        "cmdlets": list(context.cmdlet_names),
        "capabilities": {"cancel": True, "progress": True},
    }


def _check_protocol_version(requested: str) -> None:
    if not _VERSION.fullmatch(requested):
        raise RpcError.invalid_params([("protocolVersion", "must look like MAJOR.MINOR")])
    if requested.split(".")[0] != PROTOCOL_VERSION.split(".")[0]:
        raise RpcError(
            UNSUPPORTED_PROTOCOL,
            f"Unsupported protocol version {requested}: this backend (aws-token-bridge "
            f"{__version__}) speaks protocol {PROTOCOL_VERSION}. Install matching versions "
            "of the AwsTokenBridge module and the aws-token-bridge Python package "
            "(upgrade whichever is older).",
            {"supportedVersions": [PROTOCOL_VERSION], "requestedVersion": requested},
        )


def _client_name(info: Mapping[str, Any] | None) -> str:
    if not info:
        return "unnamed"
    return f"{str(info.get('name', 'unnamed'))[:60]} {str(info.get('version', ''))[:30]}"


def describe(context: CallContext, params: DescribeParams) -> dict[str, Any]:
    """The cmdlet specifications (all, or the one named)."""
    specs = context.backend.describe()
    if params.cmdlet is None:
        return {"cmdlets": list(specs)}
    _check_cmdlet(context.backend, params.cmdlet)
    return {"cmdlets": [spec for spec in specs if spec.get("name") == params.cmdlet]}


def _check_cmdlet(backend: CmdletBackend, name: str) -> None:
    if name not in backend.names:
        known = ", ".join(backend.names)
        raise RpcError.invalid_params([("cmdlet", f"unknown cmdlet; expected one of {known}")])


def invoke(context: CallContext, params: InvokeParams) -> dict[str, Any]:
    """Run a cmdlet; its ``$/log`` and ``$/progress`` go out as notifications."""
    backend = context.backend
    _check_cmdlet(backend, params.cmdlet)
    if logger.isEnabledFor(logging.DEBUG):
        shown = describe_parameters(params.parameters, backend.spec(params.cmdlet))
        logger.debug("invoke %s %s", params.cmdlet, shown)
    shell = _shell(backend, params.context)
    try:
        items = backend.invoke(params.cmdlet, params.parameters, shell, _hooks(context))
    except backend.error_type as error:
        raise _cmdlet_error(cast(CmdletErrorLike, error)) from None
    except TokenBridgeError as error:
        raise _cmdlet_error(backend.to_error(error, params.cmdlet)) from None
    return {"items": list(items)}


def _shell(backend: CmdletBackend, data: Mapping[str, Any] | None) -> Any:
    try:
        return backend.shell_context(data)
    except backend.error_type as error:
        message = str(cast(CmdletErrorLike, error).to_data().get("message") or "invalid")
        raise RpcError.invalid_params([("context", message)]) from None


def _hooks(context: CallContext) -> Any:
    return context.backend.hooks(
        log=lambda level, message: context.notify(
            # An endpoint or proxy URL in a message may carry a password.
            "$/log",
            {"level": level, "message": redact_userinfo(message)},
        ),
        progress=lambda record: context.notify("$/progress", record),
        cancelled=context.cancelled,
    )


def _cmdlet_error(error: CmdletErrorLike) -> RpcError:
    data = dict(error.to_data())
    return RpcError(CMDLET_ERROR, str(data.get("message") or "The cmdlet failed"), data)


def shutdown(context: CallContext, params: ShutdownParams) -> None:
    """Finish (or, after a bounded wait, cancel) the requests in flight; answer ``null``."""
    context.server.shutdown()


def cancel_request(context: CallContext, params: CancelParams) -> None:
    """``$/cancelRequest``: the request answers -32800 now if it had not finished."""
    context.server.cancel(params.id)


@dataclass(frozen=True)
class Method:
    """A method: its params model, its handler, and how it runs."""

    params: type[Params]
    handler: Callable[[CallContext, Any], Any]
    #: Runs on a worker thread and can be cancelled (otherwise answered before the next line).
    background: bool = False
    #: Acted on when sent as a notification (request methods sent without id are ignored).
    notification: bool = False


METHODS: Mapping[str, Method] = {
    "initialize": Method(InitializeParams, initialize),
    "describe": Method(DescribeParams, describe),
    "invoke": Method(InvokeParams, invoke, background=True),
    "shutdown": Method(ShutdownParams, shutdown),
    "$/cancelRequest": Method(CancelParams, cancel_request, notification=True),
}
"""Every method the server answers, by name."""
