"""botocore's parameter validation (``botocore/validate.py``), with its exact messages.

The AWS CLI sends nothing when this finds a problem and prints ``Parameter validation
failed:`` and one line per problem, so the command line runs it first. One difference: a
value of the wrong type given for a secret member is not quoted back.
"""

from __future__ import annotations

from typing import Any

from py_backend.cli.model import Shape
from py_backend.errors import TokenBridgeError, validation_message

_PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "long": (int,),
    "boolean": (bool,),
    "list": (list, tuple),
    "structure": (dict,),
}
SECRET_PLACEHOLDER = "***"


class ParamValidationError(TokenBridgeError):
    """botocore's ``ParamValidationError``: ``Parameter validation failed:`` and the problems."""

    def __init__(self, report: str) -> None:
        self.report = report
        super().__init__(validation_message(report.split("\n"), heading=True))


def validate_parameters(params: Any, shape: Shape) -> None:
    """Raise :class:`ParamValidationError` listing every problem of ``params``, if any."""
    report: list[str] = []
    _validate(params, shape, report, "", secret=False)
    if report:
        raise ParamValidationError("\n".join(report))


def _label(name: str) -> str:
    return name[1:] if name.startswith(".") else (name or "input")


def _validate(value: Any, shape: Shape, report: list[str], name: str, *, secret: bool) -> None:
    valid = _PYTHON_TYPES[shape.type]
    if not _is_a(value, valid):
        report.append(_type_problem(name, value, valid, secret))
        return
    if shape.type == "structure":
        _validate_structure(value, shape, report, name)
    elif shape.type in ("string", "list"):
        _check_min(name, len(value), shape, "Invalid length", "valid min length", report)
    elif shape.type != "boolean":
        _check_min(name, value, shape, "Invalid value", "valid min value", report)
    if shape.type == "list":
        assert shape.member is not None
        for index, item in enumerate(value):
            _validate(item, shape.member, report, f"{name}[{index}]", secret=secret)


def _is_a(value: Any, valid: tuple[type, ...]) -> bool:
    # A function, so that the caller's ``value`` stays ``Any`` for mypy after the check.
    return isinstance(value, valid)


def _validate_structure(value: dict[str, Any], shape: Shape, report: list[str], name: str) -> None:
    for required in shape.required:
        if required not in value:
            report.append(f'Missing required parameter in {_label(name)}: "{required}"')
    known = []
    for key in value:
        member = shape.member_named(key)
        if member is None:
            report.append(
                f'Unknown parameter in {_label(name)}: "{key}", must be one of: '
                + ", ".join(shape.member_names)
            )
        else:
            known.append((key, member))
    for key, member in known:
        _validate(value[key], member.shape, report, f"{name}.{key}", secret=member.secret)


def _check_min(
    name: str, measured: int, shape: Shape, problem: str, limit: str, report: list[str]
) -> None:
    if shape.min is not None and measured < shape.min:
        report.append(
            f"{problem} for parameter {_label(name)}, value: {measured}, {limit}: {shape.min}"
        )


def _type_problem(name: str, value: Any, valid: tuple[type, ...], secret: bool) -> str:
    shown = SECRET_PLACEHOLDER if secret else value
    types = ", ".join(str(t) for t in valid)
    return (
        f"Invalid type for parameter {_label(name)}, value: {shown}, "
        f"type: {type(value)}, valid types: {types}"
    )
