"""The params of the RPC methods: strict checks of plain JSON, without pydantic.

The backend answers ``initialize`` before the heavy libraries are loaded (issue 15), so the
params of its own methods are read here, by a few lines of code, not by pydantic models. The
rules are those of a strict pydantic model with ``extra="ignore"``: no coercion (``"1"`` is
not ``1``, ``true`` is not an integer), unknown members are ignored, and every problem names
its member in the words pydantic would use ("Field required", "Input should be a valid
string").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from py_backend.errors import TokenBridgeError

__all__ = [
    "CancelParams",
    "DescribeParams",
    "InitializeParams",
    "InvokeParams",
    "Member",
    "ParamProblem",
    "Params",
    "ShutdownParams",
]

_KIND_NAMES = {str: "string", int: "integer", dict: "dictionary"}

P = TypeVar("P", bound="Params")


class ParamProblem(TokenBridgeError, ValueError):
    """Params that do not fit: ``problems`` is ``[(member, reason)]``."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{name}: {reason}" for name, reason in problems))
        self.problems = problems


@dataclass(frozen=True)
class Member:
    """One params member: its JSON name, the JSON kinds it may be, and whether it must be."""

    wire: str
    kinds: tuple[type, ...]
    required: bool = False
    #: ``null`` stands for "not given" (a required member is never nullable).
    nullable: bool = True

    def check(self, value: Any) -> str | None:
        """Why ``value`` does not fit (``None`` when it does)."""
        if value is None and self.nullable and not self.required:
            return None
        # bool is an int subclass, and true is not 1.
        if isinstance(value, self.kinds) and not isinstance(value, bool):
            return None
        return "Input should be a valid " + " or ".join(_KIND_NAMES[kind] for kind in self.kinds)


@dataclass(frozen=True)
class Params:
    """A method's params; subclasses list their :attr:`MEMBERS` by attribute name."""

    MEMBERS: ClassVar[Mapping[str, Member]] = {}

    @classmethod
    def from_json(cls: type[P], params: Mapping[str, Any]) -> P:
        """Check ``params`` (a JSON object); raise :class:`ParamProblem` naming each bad member."""
        values: dict[str, Any] = {}
        problems: list[tuple[str, str]] = []
        for attribute, member in cls.MEMBERS.items():
            if member.wire not in params:
                if member.required:
                    problems.append((member.wire, "Field required"))
                continue
            value = params[member.wire]
            reason = member.check(value)
            if reason is not None:
                problems.append((member.wire, reason))
            elif value is not None:
                values[attribute] = value
        if problems:
            raise ParamProblem(problems)
        return cls(**values)


@dataclass(frozen=True)
class InitializeParams(Params):
    """``initialize``: ``{"protocolVersion": "1.0", "clientInfo": {...}}``."""

    MEMBERS: ClassVar[Mapping[str, Member]] = {
        "protocol_version": Member("protocolVersion", (str,), required=True),
        "client_info": Member("clientInfo", (dict,)),
    }
    protocol_version: str = ""
    client_info: dict[str, Any] | None = None


@dataclass(frozen=True)
class DescribeParams(Params):
    """``describe``: ``{}`` for every cmdlet, ``{"cmdlet": name}`` for one."""

    MEMBERS: ClassVar[Mapping[str, Member]] = {"cmdlet": Member("cmdlet", (str,))}
    cmdlet: str | None = None


@dataclass(frozen=True)
class InvokeParams(Params):
    """``invoke``: the cmdlet, its bound parameters (PowerShell names) and the shell context."""

    MEMBERS: ClassVar[Mapping[str, Member]] = {
        "cmdlet": Member("cmdlet", (str,), required=True),
        "parameters": Member("parameters", (dict,), nullable=False),
        "context": Member("context", (dict,)),
    }
    cmdlet: str = ""
    parameters: dict[str, Any] = field(default_factory=dict)
    context: dict[str, Any] | None = None


@dataclass(frozen=True)
class ShutdownParams(Params):
    """``shutdown`` takes no params."""


@dataclass(frozen=True)
class CancelParams(Params):
    """``$/cancelRequest``: ``{"id": <the id of the request to cancel>}``."""

    MEMBERS: ClassVar[Mapping[str, Member]] = {"id": Member("id", (int, str), required=True)}
    id: int | str = 0
