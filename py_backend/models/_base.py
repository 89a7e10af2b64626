"""The base classes every wire model derives from."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict, PrivateAttr, SecretStr, ValidationError
from pydantic.alias_generators import to_camel

from py_backend.errors import ParamValidationError

if TYPE_CHECKING:
    from typing_extensions import Self


class WireModel(BaseModel):
    """camelCase on the wire, snake_case in Python, immutable once built."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        frozen=True,
        hide_input_in_errors=True,
    )

    #: Members whose JSON key on the wire is not their member name (the service model's
    #: ``locationName``, such as Sign-In's ``grant_type``), by member name.
    wire_names: ClassVar[dict[str, str]] = {}

    def to_dict(self) -> dict[str, Any]:
        """The members that are set, under their wire names, secrets revealed (boto3's shape)."""
        return {key: _plain(value) for key, value in self._members().items()}

    def _members(self) -> dict[str, Any]:
        """The members that are set, under their wire names, as held (a secret a SecretStr)."""
        fields = type(self).model_fields.items()
        items = ((field.alias or name, getattr(self, name)) for name, field in fields)
        return {key: value for key, value in items if value is not None}


def _plain(value: Any) -> Any:
    if isinstance(value, WireModel):
        return value.to_dict()
    if isinstance(value, SecretStr):
        return value.get_secret_value()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


class RequestModel(WireModel):
    """An operation's input: unknown members are refused, constraints checked on build.

    Checked as botocore checks them: required members, types, string and list minimum lengths
    and integer minimums, never a maximum, a pattern or an enum. Those are the service's to
    enforce, and it widens them (Sign-In raised the refresh token's limit from 2,048 to 12,288
    once), so a client that refused them would break on the next raise.
    """

    model_config = ConfigDict(extra="forbid")

    @classmethod
    def build(cls, params: Mapping[str, Any]) -> RequestModel:
        """Validate ``params`` (wire or snake_case names) or raise :class:`ParamValidationError`."""
        try:
            return cls.model_validate(dict(params))
        except ValidationError as exc:
            raise param_error_from(exc, cls) from None

    def wire_body(self, order: Sequence[str] = ()) -> dict[str, Any]:
        """The JSON body: set members under wire names, in ``order`` first (the caller's).

        boto3 sends keys in the order the caller passed them, and the AWS CLI in model order;
        ``order`` lets a client reproduce either exactly.
        """
        body = self.to_dict()
        ordered = {key: body[key] for key in order if key in body}
        ordered.update((key, value) for key, value in body.items() if key not in ordered)
        renames = type(self).wire_names
        return {renames.get(key, key): value for key, value in ordered.items()}


class OutputModel(WireModel, Mapping[str, Any]):
    """An output structure: unknown members are ignored and missing ones are ``None``.

    Attribute access is the API (``token.access_token``). It is also a complete read-only
    mapping under wire names, as boto3's dict is, holding the members that are set; a secret
    stays a :class:`SecretStr` there too, and :meth:`reveal` gives its value when asked by name.
    """

    model_config = ConfigDict(extra="ignore")

    def __getitem__(self, key: str) -> Any:
        """``response["accessToken"]``: the member as held (a secret is a ``SecretStr``)."""
        return self._members()[key]

    def __iter__(self) -> Iterator[str]:  # type: ignore[override]
        return iter(self._members())

    def __len__(self) -> int:
        return len(self._members())

    def __eq__(self, other: object) -> bool:
        # A model compares as pydantic compares models; a plain mapping as mappings compare
        # (a secret, still a SecretStr, never equals a string).
        if isinstance(other, BaseModel) or not isinstance(other, Mapping):
            return BaseModel.__eq__(self, other)
        return dict(self) == dict(other)

    __hash__ = WireModel.__hash__

    def reveal(self, key: str) -> Any:
        """The member ``key`` (wire name) with its secrets revealed, as boto3's dict holds it."""
        return _plain(self[key])


class ResponseModel(OutputModel):
    """An operation's output, with boto3's ``ResponseMetadata`` beside its members."""

    _response_metadata: dict[str, Any] = PrivateAttr(default_factory=dict)

    @property
    def response_metadata(self) -> dict[str, Any]:
        """boto3's ``ResponseMetadata``: request id, HTTP status and headers, retry count."""
        return dict(self._response_metadata)

    def with_metadata(self, metadata: Mapping[str, Any]) -> Self:
        """A copy of this response that carries ``metadata``; this one is left unchanged."""
        copy = self.model_copy()
        copy._response_metadata = dict(metadata)
        return copy

    def to_boto3_dict(self) -> dict[str, Any]:
        """Exactly what boto3 returns: :meth:`to_dict` plus ``ResponseMetadata``."""
        return {"ResponseMetadata": dict(self._response_metadata), **self.to_dict()}


def wire_name(model: type[BaseModel], location: Sequence[int | str]) -> str:
    """The dotted wire name of the member a pydantic error location points at."""
    parts: list[str] = []
    current: type[BaseModel] | None = model
    for item in location:
        if isinstance(item, int):
            parts[-1] += f"[{item}]"
            continue
        field = current.model_fields.get(item) if current else None
        if field is None:
            # The location already holds a wire name (pydantic reports aliases) or a
            # model-level check named its member explicitly.
            parts.append(item)
            current = None
            continue
        parts.append(field.alias or item)
        annotation = field.annotation
        current = (
            annotation
            if isinstance(annotation, type) and issubclass(annotation, BaseModel)
            else None
        )
    return ".".join(parts)


def param_error_from(exc: ValidationError, model: type[RequestModel]) -> ParamValidationError:
    """Turn a pydantic error into one that names each parameter and never echoes a value."""
    problems: list[tuple[str, str]] = []
    for error in exc.errors(include_url=False, include_input=False):
        location = [part for part in error["loc"] if part != "__root__"]
        ctx = error.get("ctx") or {}
        parameter = wire_name(model, location)
        if ctx.get("parameter"):
            # A model-level check names the member itself; it sits below the location.
            parameter = f"{parameter}.{ctx['parameter']}" if parameter else str(ctx["parameter"])
        problems.append((parameter or "input", _reason(error)))
    return ParamValidationError(problems)


def _reason(error: Any) -> str:
    # Only what the models check (botocore's checks: no maximums or patterns) has wording here.
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "missing required parameter"
    if kind == "extra_forbidden":
        return "unknown parameter"
    if kind in ("string_too_short", "too_short"):
        return f"too short, valid min length: {ctx.get('min_length')}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "expected an integer"
    if kind in ("string_type", "list_type", "dict_type", "model_type", "bool_type"):
        return "wrong type: " + str(error["msg"]).lower()
    if kind == "greater_than_equal":
        return str(error["msg"]).lower()
    if kind == "value_error":
        return str(ctx.get("reason") or error["msg"]).removeprefix("Value error, ")
    return str(error["msg"])
