"""What an operation is on the wire: its HTTP binding, models, auth and retry safety.

Building a request and reading a response are pure functions of an :class:`OperationSpec`,
so they are tested without a network; :mod:`py_backend.transport` does the I/O.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any
from urllib.parse import quote

from pydantic import ValidationError

from py_backend.errors import ResponseParseError
from py_backend.models._base import RequestModel, ResponseModel
from py_backend.service_members import xform_name

#: Grant types whose request redeems a one-time code: never sent twice (see is_idempotent).
ONE_TIME_GRANTS = frozenset({"authorization_code"})


@dataclass(frozen=True)
class PaginatorSpec:
    """botocore's ``paginators-1.json`` entry of one operation (one token, one result key)."""

    input_token: str
    output_token: str
    limit_key: str
    result_key: str


@dataclass(frozen=True)
class OperationSpec:
    """One operation of one service, as the service model binds it to HTTP."""

    service: str
    name: str
    method: str
    path: str
    input_model: type[RequestModel]
    output_model: type[ResponseModel]
    #: What the operation does: the service model's documentation (HTML removed, paragraphs
    #: separated by blank lines). Written only here; the command line's ``help`` and the
    #: cmdlets' descriptions read it from ``service_members.json`` (``operation_doc``).
    doc: str
    query: str = ""
    #: boto3's method name; left empty, it is ``xform_name`` of ``name`` (botocore names the
    #: ``CreateOAuth2Token*`` operations from a table of exceptions: their specs state it).
    python_name: str = ""
    signed: bool = False
    #: The SigV4 signing name of a signed operation (SSO OIDC's is ``sso-oauth``).
    signing_name: str = "sso-oauth"
    #: Sign-In's endpoint context (``oauth`` or ``control-plane``): its own host when no
    #: endpoint URL is configured (``py_backend.endpoints.signin.resolve_for_operation``).
    endpoint_context: str = ""
    #: The input member sent as the whole body (``tokenInput``), if any.
    input_payload: str | None = None
    #: The output member the whole body is parsed into (``tokenOutput``), if any.
    output_payload: str | None = None
    #: How the operation pages, for a list operation.
    paginator: PaginatorSpec | None = None

    def __post_init__(self) -> None:
        if not self.python_name:
            # A frozen dataclass sets its own derived field through object.__setattr__.
            object.__setattr__(self, "python_name", xform_name(self.name))

    @property
    def request_target(self) -> str:
        """The path and query of the request line (members bound to the query not included)."""
        return f"{self.path}?{self.query}" if self.query else self.path

    @property
    def locations(self) -> Mapping[str, tuple[str, str]]:
        """Input members bound to the query string or a header, by wire name (the portal's)."""
        found: Mapping[str, tuple[str, str]] = getattr(self.input_model, "locations", {})
        return found

    @property
    def content_type(self) -> str | None:
        """The request's Content-Type: JSON, or none for an operation without a body."""
        return None if self.locations else "application/json"

    def target(self, request: RequestModel, order: Sequence[str] = ()) -> str:
        """The request line's path and query, with the members bound to the query string.

        botocore adds them in the caller's order (then model order), percent-encoded with
        only ``-_.~`` left as they are.
        """
        locations = self.locations
        if not locations:  # a JSON operation: nothing of the request is in the URL
            return self.request_target
        pairs = [
            f"{quote(locations[key][1], safe='-_.~')}={quote(str(value), safe='-_.~')}"
            for key, value in request.wire_body(order).items()
            if locations.get(key, ("body", ""))[0] == "querystring"
        ]
        if self.query:
            pairs.insert(0, self.query)
        return f"{self.path}?{'&'.join(pairs)}" if pairs else self.path

    def headers(self, request: RequestModel) -> list[tuple[str, str]]:
        """The members bound to headers, under their header names (the bearer token)."""
        locations = self.locations
        if not locations:
            return []
        return [
            (locations[key][1], str(value))
            for key, value in request.to_dict().items()
            if locations.get(key, ("body", ""))[0] == "header"
        ]

    def build_input(self, params: dict[str, Any]) -> RequestModel:
        """Validate the caller's parameters (wire or snake_case names)."""
        return self.input_model.build(params)

    def serialize(self, request: RequestModel, order: Sequence[str] = ()) -> bytes:
        """The body bytes exactly as botocore writes them (``json.dumps`` defaults).

        ``order`` is the caller's key order (boto3 keeps it); members not in it follow in
        model order (the AWS CLI's order). An operation whose members are all bound to the
        URL and headers (the portal's) has an empty body.
        """
        if self.locations:
            return b""
        return json.dumps(request.wire_body(order)).encode("ascii")

    def is_idempotent(self, request: RequestModel) -> bool:
        """Whether sending the request twice is safe: a one-time code redemption is not."""
        return _grant_type(request) not in ONE_TIME_GRANTS

    def parse(self, content: bytes) -> ResponseModel:
        """Read a success body into the output model (unknown members are ignored)."""
        try:
            body = json.loads(content) if content.strip() else {}
        except (ValueError, UnicodeDecodeError) as exc:
            raise ResponseParseError(
                f"The {self.name} response is not valid JSON: {type(exc).__name__}"
            ) from None
        if not isinstance(body, dict):
            raise ResponseParseError(f"The {self.name} response is not a JSON object")
        if self.output_payload:
            body = {self.output_payload: body} if body else {}
        body = _member_names(self.output_model, body)
        try:
            return self.output_model.model_validate(body)
        except ValidationError as exc:
            members = sorted({".".join(map(str, e["loc"])) for e in exc.errors()})
            raise ResponseParseError(
                f"The {self.name} response has members of the wrong type: {', '.join(members)}"
            ) from None


def models_of(module: ModuleType, name: str) -> tuple[type[RequestModel], type[ResponseModel]]:
    """The request and response models of operation ``name``: ``<name>Request`` and
    ``<name>Response`` in the models ``module``, as every model module names them."""
    request, response = getattr(module, f"{name}Request"), getattr(module, f"{name}Response")
    if not (issubclass(request, RequestModel) and issubclass(response, ResponseModel)):
        raise TypeError(f"{module.__name__} has no request and response models for {name}")
    return request, response


def _member_names(model: type[ResponseModel], body: dict[str, Any]) -> dict[str, Any]:
    """The body's keys under member names: a member with its own wire name is read from that
    key only (botocore ignores a key that is the member name, as it is not on the wire)."""
    renames = model.wire_names
    if not renames:
        return body
    members = {wire: member for member, wire in renames.items()}
    return {members.get(key, key): value for key, value in body.items() if key not in renames}


def _grant_type(request: RequestModel) -> str | None:
    payload = getattr(request, "token_input", request)
    value = getattr(payload, "grant_type", None)
    return value if isinstance(value, str) else None
