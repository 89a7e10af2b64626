"""Each operation's members, read from the pydantic models: the one statement of the service.

A model field gives a member's wire name (its alias), Python name, type, whether it is required
(a request's field without a default) and its minimum (``Field(min_length=...)``/``ge``); a
:class:`SecretStr` type makes it secret. What the Python type cannot say sits on the field as
``Annotated`` metadata: a :class:`Shape` and a :class:`Doc`. :func:`shape_of` turns a model into
the plain data that the command line, the cmdlets and redaction read without loading pydantic
(``py_backend/service_members.json``, generated from it).
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Annotated, Any, Union

from annotated_types import Ge, MinLen
from pydantic import BaseModel, SecretStr

__all__ = ["Doc", "Shape", "shape_of"]


@dataclass(frozen=True)
class Shape:
    """A member's facts that its Python type does not state (``Annotated`` metadata)."""

    #: The shape's name in the service model; a structure's is its model class's name.
    name: str = ""
    #: A list's element shape name.
    element: str = ""
    #: An integer the service model types as ``long``.
    long: bool = False
    #: An output's ``min`` (a request states its own with ``Field(min_length=...)``).
    min: int | None = None
    #: An output member the service model requires (outputs are read leniently).
    required: bool = False
    #: A string's allowed values, when the service model lists them (``SessionStatus``).
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class Doc:
    """A member's documentation (``Annotated`` metadata), written once for the command line's
    ``help`` and the cmdlets' parameter help: the service model's sentences, as the AWS CLI's
    ``help`` prints them (paragraphs split by blank lines, ``o`` bullet lines)."""

    text: str


def shape_of(model: type[BaseModel], name: str | None = None) -> dict[str, Any]:
    """The structure ``model`` as plain data: name, members in order, required members.

    Each member is ``{"name": wire, "python": attribute, "secret": bool, "shape": {...}}`` and
    its ``doc`` when the field has a :class:`Doc`; a shape is ``{"name", "type"}`` plus ``min``,
    ``member`` (a list's element) or ``members`` and ``required`` (a structure).
    """
    members: list[dict[str, Any]] = []
    required: list[str] = []
    for python, field in model.model_fields.items():
        wire = field.alias or python
        inner, metadata = _unwrap(field.annotation)
        metadata += field.metadata
        facts = next((item for item in metadata if isinstance(item, Shape)), Shape())
        if field.is_required() or facts.required:
            required.append(wire)
        member: dict[str, Any] = {
            "name": wire,
            "python": python,
            "secret": inner is SecretStr,
            "shape": _shape(inner, facts, _minimum(metadata, facts)),
        }
        # The last Doc wins: a field's own sentence over its type alias's.
        docs = [item.text for item in metadata if isinstance(item, Doc)]
        if docs:
            member["doc"] = docs[-1]
        # The JSON key on the wire when it is not the member name (Sign-In's access_token).
        location = getattr(model, "wire_names", {}).get(wire)
        if location:
            member["location"] = location
        members.append(member)
    return {
        "name": name or model.__name__,
        "type": "structure",
        "members": members,
        "required": required,
    }


def _shape(annotation: Any, facts: Shape, minimum: int | None) -> dict[str, Any]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return shape_of(annotation, facts.name or None)
    if typing.get_origin(annotation) is list:
        (element,) = typing.get_args(annotation)
        inner, metadata = _unwrap(element)
        return {
            "name": facts.name,
            "type": "list",
            "member": _shape(inner, Shape(facts.element), _minimum(metadata, Shape())),
            "min": minimum,
        }
    if annotation is bool:
        return {"name": facts.name or "Boolean", "type": "boolean", "min": None}
    if annotation is int:
        kind = "long" if facts.long else "integer"
    elif annotation in (str, SecretStr):
        kind = "string"
    else:
        raise TypeError(f"no service model type for {annotation!r}")
    shape: dict[str, Any] = {"name": facts.name or "String", "type": kind, "min": minimum}
    if facts.enum:
        shape["enum"] = list(facts.enum)
    return shape


def _minimum(metadata: list[Any], facts: Shape) -> int | None:
    for item in metadata:
        if isinstance(item, MinLen):
            return int(item.min_length)
        if isinstance(item, Ge):
            return int(item.ge)  # type: ignore[call-overload, no-any-return]
    return facts.min


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """``Annotated[X, ...] | None`` -> ``X`` and the metadata (pydantic keeps what is inside
    a union on the annotation, not on the field)."""
    origin = typing.get_origin(annotation)
    if origin is Union or origin is types.UnionType:
        rest = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(rest) == 1:
            annotation = rest[0]
    if typing.get_origin(annotation) is Annotated:
        return annotation.__origin__, list(annotation.__metadata__)
    return annotation, []
