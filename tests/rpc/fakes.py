"""A fake cmdlet layer for the in-process RPC tests: cmdlets that block, print or fail on cue."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from py_backend.errors import NoRegionError
from py_backend.rpc.backend import CmdletBackend
from py_backend.transport import injected_http_transport

#: The value the fake "Get-Echo" treats as secret; a test fails if it shows up anywhere.
PLANTED_SECRET = "planted-secret-7f3a9c"


class FakeCmdletError(Exception):
    """The fake layer's ``CmdletError``."""

    def __init__(self, error_code: str, message: str) -> None:
        super().__init__(message)
        self.error_code = error_code
        self.message = message

    def to_data(self) -> dict[str, Any]:
        """The shape of the real ``CmdletError.to_data()``."""
        return {
            "errorCode": self.error_code,
            "message": self.message,
            "httpStatus": None,
            "requestId": None,
            "exceptionType": "System.ArgumentException",
            "category": "InvalidArgument",
            "errorId": f"{self.error_code},Fake",
            "targetObject": None,
        }


@dataclass
class FakeHooks:
    """Records what the dispatcher hands to a cmdlet."""

    log: Callable[[str, str], None]
    progress: Callable[[Mapping[str, Any]], None]
    cancelled: threading.Event


@dataclass(frozen=True)
class FakeShell:
    """The parsed ``context``."""

    data: Mapping[str, Any] | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> FakeShell:
        """Refuse a context with a ``storedRegion`` that is not a string, like the real one."""
        if data and not isinstance(data.get("storedRegion", ""), str):
            raise FakeCmdletError("InvalidContext", "storedRegion must be a string")
        return cls(data)


def _param(name: str, *, secret: bool = False, aliases: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"name": name, "secret": secret, "aliases": list(aliases)}


@dataclass
class FakeLayer:
    """The fake cmdlets, with the events and records the tests steer and read."""

    release: threading.Event = field(default_factory=threading.Event)
    started: threading.Semaphore = field(default_factory=lambda: threading.Semaphore(0))
    hooks_seen: list[FakeHooks] = field(default_factory=list)
    shells_seen: list[FakeShell] = field(default_factory=list)
    #: The HTTP layer each call's clients would use (``None``: the network).
    transports_seen: list[httpx.BaseTransport | None] = field(default_factory=list)

    def describe(self) -> list[dict[str, Any]]:
        """Two cmdlets' worth of specification; ``ClientSecret`` (alias ``CS``) is secret."""
        echo = [_param("ClientId"), _param("ClientSecret", secret=True, aliases=("CS",))]
        return [{"name": "Get-Echo", "parameters": echo}, {"name": "Wait-Gate", "parameters": []}]

    def invoke(
        self, name: str, parameters: Mapping[str, Any], shell: FakeShell, hooks: FakeHooks
    ) -> list[Any]:
        """Run the fake cmdlet ``name``."""
        self.hooks_seen.append(hooks)
        self.shells_seen.append(shell)
        self.transports_seen.append(injected_http_transport())
        return _CMDLETS[name](self, dict(parameters), hooks)

    def backend(self) -> CmdletBackend:
        """This layer as the dispatcher sees it."""
        return CmdletBackend(
            names=tuple(_CMDLETS),
            describe=self.describe,
            invoke=self.invoke,
            shell_context=FakeShell.from_json,
            hooks=FakeHooks,
            error_type=FakeCmdletError,
            to_error=lambda exc, cmdlet: FakeCmdletError(type(exc).__name__, "converted"),
        )


def _echo(layer: FakeLayer, parameters: dict[str, Any], hooks: FakeHooks) -> list[Any]:
    return [{"$type": "Fake.Echo", "Names": sorted(parameters)}]


def _chatty(layer: FakeLayer, parameters: dict[str, Any], hooks: FakeHooks) -> list[Any]:
    hooks.log("verbose", "step one")
    hooks.progress({"activity": "Fake", "status": "half", "percentComplete": 50})
    hooks.log("warning", "step two")
    return [1, 2]


def _wait_gate(layer: FakeLayer, parameters: dict[str, Any], hooks: FakeHooks) -> list[Any]:
    """Block until the test releases the gate or the call is cancelled (bounded)."""
    layer.started.release()
    deadline_hit = not (layer.release.wait(10) or hooks.cancelled.is_set())
    if hooks.cancelled.is_set():
        hooks.log("verbose", "noticed the cancel")  # must never reach the client
        return ["after cancel"]
    return ["timed out" if deadline_hit else "released"]


def _wait_cancel(layer: FakeLayer, parameters: dict[str, Any], hooks: FakeHooks) -> list[Any]:
    layer.started.release()
    hooks.cancelled.wait(10)
    return ["after cancel"]


def _print(layer: FakeLayer, parameters: dict[str, Any], hooks: FakeHooks) -> list[Any]:
    print("noise from print")
    sys.stdout.write("noise from sys.stdout\n")
    return ["printed"]


def _everywhere(layer: FakeLayer, parameters: dict[str, Any], hooks: FakeHooks) -> list[Any]:
    """Write to stdout every way library code can, and read stdin from a child process."""
    print("noise from print")
    sys.stdout.write("noise from sys.stdout\n")
    sys.stdout.flush()
    os.write(1, b"noise on file descriptor 1\n")
    subprocess.run([sys.executable, "-c", "print('noise from a child process')"], check=True)
    # A child that reads its inherited stdin must not swallow the requests that follow.
    subprocess.run([sys.executable, "-c", "import sys; sys.stdin.read()"], check=True, timeout=30)
    return ["wrote everywhere"]


def _fail(layer: FakeLayer, parameters: dict[str, Any], hooks: FakeHooks) -> list[Any]:
    raise FakeCmdletError("AuthorizationPendingException", "Authorization is pending")


def _bug(layer: FakeLayer, parameters: dict[str, Any], hooks: FakeHooks) -> list[Any]:
    raise RuntimeError(f"a bug that quotes {PLANTED_SECRET}")


def _library_error(layer: FakeLayer, parameters: dict[str, Any], hooks: FakeHooks) -> list[Any]:
    raise NoRegionError()


def _unserializable(layer: FakeLayer, parameters: dict[str, Any], hooks: FakeHooks) -> list[Any]:
    return [object()]


_CMDLETS: dict[str, Callable[[FakeLayer, dict[str, Any], FakeHooks], list[Any]]] = {
    "Get-Echo": _echo,
    "Write-Chatty": _chatty,
    "Wait-Gate": _wait_gate,
    "Wait-Cancel": _wait_cancel,
    "Write-Print": _print,
    "Write-Everywhere": _everywhere,
    "Invoke-Fail": _fail,
    "Invoke-Bug": _bug,
    "Invoke-LibraryError": _library_error,
    "Get-Unserializable": _unserializable,
}
