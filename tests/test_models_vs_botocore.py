"""Every model matches botocore's service models: members, wire names, required flags,
constraints, secrecy, and one error class per modeled error shape."""

from __future__ import annotations

import re
import typing
from typing import Any

import botocore.session
import pytest
from pydantic import BaseModel, SecretStr
from pydantic.fields import FieldInfo

from py_backend.errors import signin as signin_errors
from py_backend.errors import sso_oidc as sso_oidc_errors
from py_backend.models import _grants
from py_backend.models import signin as signin_models
from py_backend.models import sso_oidc as sso_oidc_models
from py_backend.operations import OPERATIONS, OperationSpec

SPECS = [spec for by_name in OPERATIONS.values() for spec in by_name.values()]
ERRORS = {"sso-oidc": sso_oidc_errors.MODELED_ERRORS, "signin": signin_errors.MODELED_ERRORS}


def service_model(service: str) -> Any:
    return botocore.session.get_session().get_service_model(service)


def wire_fields(model: type[BaseModel]) -> dict[str, FieldInfo]:
    return {field.alias or name: field for name, field in model.model_fields.items()}


def inner(annotation: Any) -> Any:
    """The model or type inside ``X | None``."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    return args[0] if len(args) == 1 and typing.get_origin(annotation) is not list else annotation


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
        if member.type_name in ("integer", "long"):
            assert annotation is int, f"{model.__name__}.{name}"
        if is_input and member.type_name == "string":
            check_string_constraints(member, fields[name], f"{model.__name__}.{name}")


def check_string_constraints(member: Any, field: FieldInfo, where: str) -> None:
    metadata = {type(m).__name__: m for m in field.metadata}
    minimum = member.metadata.get("min")
    maximum = member.metadata.get("max")
    if minimum is not None:
        assert getattr(metadata.get("MinLen"), "min_length", None) == minimum, where
    if maximum is not None:
        assert getattr(metadata.get("MaxLen"), "max_length", None) == maximum, where
    pattern = member.metadata.get("pattern")
    literal = inner(field.annotation)
    if pattern and typing.get_origin(literal) is typing.Literal:
        # An alternation pattern is enforced as the exact set of values it allows.
        for value in typing.get_args(literal):
            assert re.fullmatch(pattern, value), (where, value)


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_operation_binding(spec: OperationSpec) -> None:
    operation = service_model(spec.service).operation_model(spec.name)
    request_uri = operation.http["requestUri"]
    assert (spec.method, spec.request_target) == (operation.http["method"], request_uri)
    assert spec.signed == (operation.auth_type != "none" and "noAuth" not in str(operation.auth))
    assert spec.input_payload == operation.input_shape.serialization.get("payload")
    assert spec.output_payload == operation.output_shape.serialization.get("payload")
    assert spec.python_name == botocore.xform_name(spec.name).replace("o_auth2", "oauth2")


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_models_match_the_service_model(spec: OperationSpec) -> None:
    operation = service_model(spec.service).operation_model(spec.name)
    check_structure(operation.input_shape, spec.input_model, is_input=True)
    check_structure(operation.output_shape, spec.output_model, is_input=False)


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
        namespace = "Amazon.SSOOIDC.Model." if service == "sso-oidc" else "Amazon.Signin.Model."
        assert error_class.dotnet_type == namespace + name


def test_grant_literals_equal_the_grant_constants() -> None:
    create_token = typing.get_args(sso_oidc_models.CreateTokenGrant)
    with_iam = typing.get_args(sso_oidc_models.CreateTokenWithIAMGrant)
    assert _grants.DEVICE_CODE_GRANT in create_token
    assert {_grants.JWT_BEARER_GRANT, _grants.TOKEN_EXCHANGE_GRANT} <= set(with_iam)
    token_types = typing.get_args(sso_oidc_models.TokenTypeURI)
    assert {_grants.ACCESS_TOKEN_TYPE, _grants.REFRESH_TOKEN_TYPE} <= set(token_types)
    client_ids = typing.get_args(signin_models.SigninClientId)
    assert client_ids == (signin_models.SAME_DEVICE_CLIENT_ID, signin_models.CROSS_DEVICE_CLIENT_ID)
