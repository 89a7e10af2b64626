"""The seam between the RPC server and the cmdlet layer: the server never calls
:mod:`py_backend.cmdlets` directly, so tests can hand in a fake layer (a cmdlet that prints,
blocks until cancelled, or fails in a chosen way)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

__all__ = ["CmdletBackend", "CmdletErrorLike", "default_backend"]


class CmdletErrorLike(Protocol):
    """What the server needs of a cmdlet error: its JSON form (``CmdletError.to_data()``)."""

    def to_data(self) -> Mapping[str, Any]:
        """``{errorCode, message, httpStatus, requestId, exceptionType, category, errorId}``."""
        ...


@dataclass(frozen=True)
class CmdletBackend:
    """The cmdlet layer's functions, as the server calls them.

    ``invoke(name, parameters, shell, hooks)`` returns the output items or raises
    ``error_type``; ``shell_context(json)`` builds its ``shell`` argument from the request's
    ``context`` (raising ``error_type`` on a bad shape); ``hooks(log=, progress=, cancelled=)``
    builds its ``hooks`` argument; ``to_error(exc, cmdlet)`` turns any
    other library error into an ``error_type``.
    """

    names: Sequence[str]
    describe: Callable[[], Sequence[Mapping[str, Any]]]
    invoke: Callable[[str, Mapping[str, Any], Any, Any], Sequence[Any]]
    shell_context: Callable[[Mapping[str, Any] | None], Any]
    hooks: Callable[..., Any]
    error_type: type[Exception]
    to_error: Callable[[BaseException, str], CmdletErrorLike]
    #: Releases what the layer keeps between invokes (its clients' connections); the
    #: dispatcher calls it when it closes.
    close: Callable[[], None] = lambda: None

    def spec(self, cmdlet: str) -> Mapping[str, Any] | None:
        """``describe``'s entry for ``cmdlet`` (its ``parameters`` say which are ``secret``)."""
        return next((spec for spec in self.describe() if spec.get("name") == cmdlet), None)


def default_backend() -> CmdletBackend:
    """The real cmdlet layer (:mod:`py_backend.cmdlets`), imported on first use."""
    from py_backend import cmdlets
    from py_backend.cmdlets.client_cache import CLIENTS

    return CmdletBackend(
        names=tuple(cmdlets.CMDLET_NAMES),
        describe=cmdlets.describe_cmdlets,
        invoke=cmdlets.invoke_cmdlet,
        shell_context=cmdlets.ShellContext.from_json,
        hooks=cmdlets.InvocationHooks,
        error_type=cmdlets.CmdletError,
        to_error=cmdlets.error_to_cmdlet_error,
        close=CLIENTS.close,
    )
