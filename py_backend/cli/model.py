"""The little service model the command line works from: shapes, members and operations.

It holds what the AWS CLI reads from botocore's JSON models and nothing more: member order
(options, skeletons and request bodies follow it), types, required members, ``min``
constraints (the only ones botocore validates) and list member shape names (output skeletons
show them). ``secret`` marks what ``--debug`` output and error messages must never show; it
covers more than the models' ``sensitive`` trait (codes and device codes are secrets here).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from py_backend.service_members import xform_name


@dataclass(frozen=True)
class Shape:
    """A type of the service model: ``string``, ``integer``, ``long``, ``list`` or ``structure``."""

    name: str
    type: str
    members: tuple[Member, ...] = ()
    #: The element shape of a list.
    member: Shape | None = None
    required: tuple[str, ...] = ()
    #: botocore's ``min``: a string's or list's length, a number's value.
    min: int | None = None
    #: A string's allowed values (botocore's ``enum``).
    enum: tuple[str, ...] = ()

    def member_named(self, name: str) -> Member | None:
        """The structure member called ``name``, if any."""
        return next((m for m in self.members if m.name == name), None)

    @property
    def member_names(self) -> list[str]:
        """The structure's member names, in model order."""
        return [m.name for m in self.members]


@dataclass(frozen=True)
class Member:
    """A named member of a structure."""

    name: str
    shape: Shape
    secret: bool = False

    @property
    def cli_name(self) -> str:
        """The option name: ``clientId`` -> ``client-id`` (botocore's ``xform_name``)."""
        return xform_name(self.name, "-")

    @property
    def carries_secrets(self) -> bool:
        """Whether the member is a secret or has a secret member below it."""
        return self.secret or any(m.secret for m in walk_members(self.shape))


@dataclass(frozen=True)
class Paging:
    """botocore's paginator of an operation: its token members, limit key and result key."""

    input_token: str
    output_token: str
    limit_key: str
    result_key: str


@dataclass(frozen=True)
class Operation:
    """One service operation as a command: ``sso-oidc create-token``."""

    service: str
    name: str
    cli_name: str
    input: Shape
    output: Shape
    #: Hidden alternative command names (``create-o-auth2-token``).
    aliases: tuple[str, ...] = ()
    #: Set for a paginated operation (``sso list-accounts``).
    paging: Paging | None = None


@dataclass(frozen=True)
class Service:
    """A service command (``sso-oidc``) and its operations, in the order help lists them."""

    name: str
    operations: tuple[Operation, ...]

    def command_table(self) -> dict[str, Operation]:
        """Command name -> operation, listed names first and hidden aliases after them."""
        table = {op.cli_name: op for op in self.operations}
        table.update((alias, op) for op in self.operations for alias in op.aliases)
        return table


def walk_members(shape: Shape) -> Iterator[Member]:
    """Every member of ``shape`` and of the structures below it, depth first."""
    for member in shape.members:
        yield member
        inner = member.shape.member if member.shape.type == "list" else member.shape
        if inner is not None:
            yield from walk_members(inner)
