"""Every model matches botocore's service models: members, wire names, required flags,
constraints, secrecy, and one error class per modeled error shape."""

from __future__ import annotations

import re
import typing
from typing import Annotated, Any

import botocore.session
import pytest
from botocore.validate import ParamValidator
from pydantic import BaseModel, SecretStr
from pydantic.fields import FieldInfo

from py_backend.cmdlets.error_types import dotnet_type
from py_backend.errors import ParamValidationError
from py_backend.errors import signin as signin_errors
from py_backend.errors import sso as sso_errors
from py_backend.errors import sso_oidc as sso_oidc_errors
from py_backend.models import _grants
from py_backend.models import signin as signin_models
from py_backend.models import sso as sso_models
from py_backend.models import sso_oidc as sso_oidc_models
from py_backend.operations import OPERATIONS, OperationSpec
from tests.test_wire_vs_boto3 import CALLS

SPECS = [spec for by_name in OPERATIONS.values() for spec in by_name.values()]
ERRORS = {
    "sso-oidc": sso_oidc_errors.MODELED_ERRORS,
    "signin": signin_errors.MODELED_ERRORS,
    "sso": sso_errors.MODELED_ERRORS,
}
NAMESPACES = {
    "sso-oidc": "Amazon.SSOOIDC.Model.",
    "signin": "Amazon.Signin.Model.",
    "sso": "Amazon.SSO.Model.",
}


def service_model(service: str) -> Any:
    """botocore's model of ``service``."""
    return botocore.session.get_session().get_service_model(service)


def wire_fields(model: type[BaseModel]) -> dict[str, FieldInfo]:
    return {field.alias or name: field for name, field in model.model_fields.items()}


def inner(annotation: Any) -> Any:
    """The model or type inside ``X | None``."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if len(args) == 1 and typing.get_origin(annotation) is not list:
        annotation = args[0]
    # Annotated[X, Shape(...)]: the shape facts are metadata, X is the type.
    return annotation.__origin__ if typing.get_origin(annotation) is Annotated else annotation


def check_structure(shape: Any, model: type[BaseModel], *, is_input: bool) -> None:
    fields = wire_fields(model)
    assert list(fields) == list(shape.members), f"{model.__name__} members/order"
    required = {name for name, field in fields.items() if field.is_required()}
    if is_input:
        assert required == set(shape.required_members), f"{model.__name__} required"
    else:
        # boto3 does not validate output: nothing may be required on our side either.
        assert required == set(), model.__name__
    for name, member in shape.members.items():
        annotation = inner(fields[name].annotation)
        if member.type_name == "structure":
            check_structure(member, annotation, is_input=is_input)
            continue
        if member.type_name == "string" and member.serialization.get("sensitive", False):
            assert annotation is SecretStr, f"{model.__name__}.{name} must be a SecretStr"
        if member.type_name == "list":
            assert typing.get_origin(annotation) is list, f"{model.__name__}.{name}"
            item = typing.get_args(annotation)[0]
            if member.member.type_name == "structure":
                check_structure(member.member, item, is_input=is_input)
        if member.type_name in ("integer", "long"):
            assert annotation is int, f"{model.__name__}.{name}"
        if is_input and member.type_name == "string":
            check_string_constraints(member, fields[name], f"{model.__name__}.{name}")


def check_string_constraints(member: Any, field: FieldInfo, where: str) -> None:
    """botocore enforces a string's minimum length and nothing else: neither do we."""
    metadata = {type(m).__name__: m for m in field.metadata}
    assert getattr(metadata.get("MinLen"), "min_length", None) == member.metadata.get("min"), where
    assert "MaxLen" not in metadata, f"{where}: botocore never enforces a maximum"
    assert inner(field.annotation) in (str, SecretStr), f"{where}: no pattern or enum either"


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_operation_binding(spec: OperationSpec) -> None:
    operation = service_model(spec.service).operation_model(spec.name)
    request_uri = operation.http["requestUri"]
    assert (spec.method, spec.request_target) == (operation.http["method"], request_uri)
    assert spec.signed == (operation.auth_type != "none" and "noAuth" not in str(operation.auth))
    assert spec.input_payload == operation.input_shape.serialization.get("payload")
    output = operation.output_shape
    assert spec.output_payload == (output.serialization.get("payload") if output else None)
    # boto3's own method name (botocore renames CreateOAuth2Token* but not the exchange).
    assert spec.python_name == botocore.xform_name(spec.name)


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_models_match_the_service_model(spec: OperationSpec) -> None:
    operation = service_model(spec.service).operation_model(spec.name)
    check_structure(operation.input_shape, spec.input_model, is_input=True)
    if operation.output_shape is None:
        # Logout has no output: the response carries only its metadata.
        assert spec.output_model.model_fields == {}, spec.name
    else:
        check_structure(operation.output_shape, spec.output_model, is_input=False)


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_members_are_bound_where_botocore_binds_them(spec: OperationSpec) -> None:
    """Query-string and header members (the portal's) have botocore's names there."""
    shape = service_model(spec.service).operation_model(spec.name).input_shape
    expected = {
        name: (member.serialization["location"], member.serialization["name"])
        for name, member in shape.members.items()
        if member.serialization.get("location")
    }
    assert dict(spec.locations) == expected
    assert (spec.content_type is None) == bool(expected)


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_paginators_are_botocores(spec: OperationSpec) -> None:
    model = botocore.session.get_session().get_paginator_model(spec.service)
    try:
        config = model.get_paginator(spec.name)
    except ValueError:
        assert spec.paginator is None
        return
    assert spec.paginator is not None
    assert (
        spec.paginator.input_token,
        spec.paginator.output_token,
        spec.paginator.limit_key,
        spec.paginator.result_key,
    ) == (
        config["input_token"],
        config["output_token"],
        config["limit_key"],
        config["result_key"],
    )


@pytest.mark.parametrize("value", [-1, 0, 1, 100, 101, 10**9])
@pytest.mark.parametrize(
    "model", [sso_models.ListAccountsRequest, sso_models.ListAccountRolesRequest]
)
def test_integer_minimums_as_botocore_checks_them(model: Any, value: int) -> None:
    """``maxResults`` must be at least 1; the model's maximum of 100 is the service's to check."""
    params = {"accessToken": "t", "accountId": "1", "maxResults": value}
    params = {k: v for k, v in params.items() if k in wire_fields(model)}
    shape = service_model("sso").operation_model(model.operation).input_shape
    report = ParamValidator().validate(params, shape)
    try:
        model.build(params)
    except ParamValidationError:
        refused = True
    else:
        refused = False
    assert refused == report.has_errors(), report.generate_report()


@pytest.mark.parametrize("service", sorted(ERRORS))
def test_one_error_class_per_modeled_error(service: str) -> None:
    model = service_model(service)
    shapes = {shape.name: shape for shape in model.error_shapes}
    assert set(ERRORS[service]) == set(shapes)
    for name, error_class in ERRORS[service].items():
        shape = shapes[name]
        assert error_class.code == name
        assert error_class.members == tuple(shape.members)
        assert error_class.modeled_status == shape.metadata.get("error", {}).get(
            "httpStatusCode", 400
        )
        assert dotnet_type(error_class) == NAMESPACES[service] + name


def test_known_grants_are_the_models_values() -> None:
    """The grant types whose members we check are the values botocore's models document."""
    for operation, grants in (
        ("CreateToken", sso_oidc_models.CreateTokenRequest.grant_needs),
        ("CreateTokenWithIAM", sso_oidc_models.CreateTokenWithIAMRequest.grant_needs),
    ):
        input_shape = service_model("sso-oidc").operation_model(operation).input_shape
        text = input_shape.members["grantType"].documentation
        for grant in grants:
            assert f"<code>{grant}</code>" in text, grant
    signin_input = (
        service_model("signin")
        .operation_model("CreateOAuth2Token")
        .input_shape.members["tokenInput"]
    )
    assert re.fullmatch(signin_input.members["grantType"].metadata["pattern"], "refresh_token")
    for grant in signin_models.CreateOAuth2TokenRequestBody.grant_needs:
        assert re.fullmatch(signin_input.members["grantType"].metadata["pattern"], grant), grant
    for client_id in (signin_models.SAME_DEVICE_CLIENT_ID, signin_models.CROSS_DEVICE_CLIENT_ID):
        assert re.fullmatch(signin_input.members["clientId"].metadata["pattern"], client_id)
    assert _grants.DEVICE_CODE_GRANT in sso_oidc_models.CreateTokenRequest.grant_needs


def _string_leaves(shape: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    found: list[tuple[tuple[str, ...], Any]] = []
    for name, member in shape.members.items():
        if member.type_name == "structure":
            found += _string_leaves(member, (*path, name))
        elif member.type_name == "string":
            found.append(((*path, name), member))
    return found


def _with(params: dict[str, Any], path: tuple[str, ...], value: str) -> dict[str, Any]:
    changed = dict(params)
    if len(path) == 1:
        changed[path[0]] = value
    else:
        changed[path[0]] = _with(params.get(path[0], {}), path[1:], value)
    return changed


def _variants(member: Any) -> list[tuple[str, str]]:
    """Values at and beyond each bound and pattern the model states, named for the test output."""
    minimum = member.metadata.get("min", 0)
    maximum = member.metadata.get("max")
    variants = [("at the minimum", "a" * max(minimum, 1))]
    if minimum > 0:
        variants.append(("below the minimum", "a" * (minimum - 1)))
    if maximum is not None:
        variants.append(("above the maximum", "a" * (maximum + 1)))
    if member.metadata.get("pattern") or member.enum:
        variants.append(("outside the pattern or enum", "~" * max(minimum, 1) + " not-a-value"))
    return variants


def _validation_cases() -> list[Any]:
    cases = []
    for service, method, params in CALLS:
        spec = next(
            s
            for s in SPECS
            if s.service == service
            and s.python_name in (method, method.replace("o_auth2", "oauth2"))
        )
        shape = service_model(service).operation_model(spec.name).input_shape
        for path, member in _string_leaves(shape):
            for label, value in _variants(member):
                case_id = f"{method}-{'.'.join(path)}-{label.replace(' ', '-')}"
                cases.append(pytest.param(spec, shape, _with(params, path, value), id=case_id))
    return cases


@pytest.mark.parametrize(("spec", "shape", "params"), _validation_cases())
def test_validation_accepts_what_botocore_accepts(
    spec: OperationSpec, shape: Any, params: dict[str, Any]
) -> None:
    """botocore's validator is the oracle: what it sends, we send; what it refuses, we refuse."""
    report = ParamValidator().validate(params, shape)
    try:
        spec.input_model.build(params)
    except ParamValidationError as error:
        ours: str | None = str(error)
    else:
        ours = None
    assert (ours is None) == (not report.has_errors()), (report.generate_report(), ours)
