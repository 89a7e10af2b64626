"""botocore-style paginators: ``client.get_paginator(name).paginate(...)`` over a list operation.

The rules are botocore's ``PageIterator`` for one token and one result key:
``PaginationConfig`` takes ``MaxItems``, ``PageSize`` and ``StartingToken``; a page cut short by
``MaxItems`` leaves a resume token, which is botocore's encoding (base64 of the JSON
``{"nextToken": ..., "boto_truncate_amount": n}``), so a token from boto3 or the AWS CLI works
here and the other way round; a service that answers the same token twice is an error.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from py_backend.errors import ParamValidationError, ResponseParseError
from py_backend.models._base import ResponseModel
from py_backend.operations._spec import OperationSpec, PaginatorSpec

__all__ = ["PageIterator", "Paginator", "decode_token", "encode_token"]

_CONFIG_KEYS = ("MaxItems", "PageSize", "StartingToken")
_TRUNCATE = "boto_truncate_amount"


def encode_token(token: Mapping[str, Any]) -> str:
    """botocore's ``TokenEncoder`` for plain JSON tokens: base64 of the compact-free JSON."""
    return base64.b64encode(json.dumps(dict(token)).encode("utf-8")).decode("utf-8")


def decode_token(text: str, input_token: str) -> tuple[dict[str, Any], int]:
    """The token dict and truncation amount of a ``StartingToken``.

    botocore reads an encoded token, and else the legacy ``token___N`` form.
    """
    try:
        decoded = json.loads(base64.b64decode(text.encode("utf-8"), validate=True))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        decoded = None
    if isinstance(decoded, dict):
        token = dict(decoded)
        truncate = token.pop(_TRUNCATE, 0)
        return token, truncate if isinstance(truncate, int) else 0
    head, _, amount = text.partition("___")
    if amount and not amount.isdigit():
        raise ParamValidationError([("StartingToken", "not a token this paginator gave")])
    return {input_token: head or None}, int(amount or 0)


class PageIterator:
    """The pages of one ``paginate()`` call; iterate it, or call :meth:`build_full_result`."""

    def __init__(
        self,
        method: Callable[..., ResponseModel],
        spec: PaginatorSpec,
        params: dict[str, Any],
        config: Mapping[str, Any],
    ) -> None:
        self._method = method
        self._spec = spec
        self._params = params
        self._max_items = _integer(config, "MaxItems")
        self._page_size = _integer(config, "PageSize")
        self._starting_token = config.get("StartingToken")
        self.resume_token: str | None = None

    def __iter__(self) -> Iterator[ResponseModel]:
        spec = self._spec
        params = dict(self._params)
        if self._page_size is not None:
            params[spec.limit_key] = self._page_size
        token: dict[str, Any] = {spec.input_token: None}
        skip = 0
        if self._starting_token:
            token, skip = decode_token(str(self._starting_token), spec.input_token)
        previous: dict[str, Any] | None = None
        total = 0
        while True:
            if token.get(spec.input_token) is not None:
                params[spec.input_token] = token[spec.input_token]
            page = self._method(**params)
            items = list(getattr(page, _field(page, spec.result_key)) or [])
            if skip:  # a StartingToken's truncation amount: the first page only
                items = items[skip:]
                page = _with_items(page, spec.result_key, items)
            over = total + len(items) - self._max_items if self._max_items is not None else 0
            if over > 0:
                keep = len(items) - over
                yield _with_items(page, spec.result_key, items[:keep])
                self.resume_token = encode_token({**token, _TRUNCATE: keep + skip})
                return
            yield page
            skip = 0
            total += len(items)
            next_value = getattr(page, _field(page, spec.output_token))
            if next_value is None:
                return
            token = {spec.input_token: next_value}
            if self._max_items is not None and total == self._max_items:
                self.resume_token = encode_token(token)
                return
            if previous == token:
                raise ResponseParseError(
                    f"The same next token was received twice: {spec.output_token}"
                )
            previous = token

    def build_full_result(self) -> dict[str, Any]:
        """All pages merged as boto3 merges them (a dict), with ``NextToken`` to resume."""
        items: list[Any] | None = None
        for page in self:
            value = page.to_dict().get(self._spec.result_key)
            if value is not None:
                items = (items or []) + list(value)
        result: dict[str, Any] = {} if items is None else {self._spec.result_key: items}
        if self.resume_token is not None:
            result["NextToken"] = self.resume_token
        return result


class Paginator:
    """``client.get_paginator(name)``: pages of one list operation, botocore's way."""

    def __init__(self, method: Callable[..., ResponseModel], spec: OperationSpec) -> None:
        assert spec.paginator is not None
        self._method = method
        self._spec = spec.paginator
        self.operation_name = spec.name

    def paginate(self, **params: Any) -> PageIterator:
        """The pages for ``params`` (the operation's keywords plus ``PaginationConfig``)."""
        config = params.pop("PaginationConfig", None) or {}
        if not isinstance(config, Mapping) or set(config) - set(_CONFIG_KEYS):
            raise ParamValidationError(
                [("PaginationConfig", f"takes only {', '.join(_CONFIG_KEYS)}")]
            )
        return PageIterator(self._method, self._spec, params, config)


def _integer(config: Mapping[str, Any], key: str) -> int | None:
    """An integer setting; like botocore, no range is checked here (a page size below 1 is
    refused by the operation's own validation, as ``maxResults``)."""
    value = config.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ParamValidationError([(f"PaginationConfig.{key}", "must be an integer")])
    return value


def _field(page: ResponseModel, wire_name: str) -> str:
    """The Python name of the member ``wire_name`` of ``page``'s model."""
    fields = type(page).model_fields.items()
    return next(name for name, info in fields if (info.alias or name) == wire_name)


def _with_items(page: ResponseModel, result_key: str, items: list[Any]) -> ResponseModel:
    # model_copy keeps the private ResponseMetadata too.
    return page.model_copy(update={_field(page, result_key): items})
