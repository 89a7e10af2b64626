"""The command line's model, validation and skeletons against botocore (the AWS CLI's engine).

botocore's service models are the facts: member order, types, required members, ``min``,
list member names, ``sensitive``. botocore's ``ParamValidator`` and ``ArgumentGenerator``
are the oracles for validation messages and ``--generate-cli-skeleton``.
"""

from __future__ import annotations

import random
import re
from typing import Any

import botocore.session
import pytest
from botocore.model import Shape as BotoShape
from botocore.utils import ArgumentGenerator
from botocore.validate import ParamValidator

from py_backend.cli.commands import SERVICES
from py_backend.cli.model import Operation, Shape, walk_members
from py_backend.cli.skeleton import generate_skeleton
from py_backend.cli.validate import ParamValidationError, validate_parameters

OPERATIONS_UNDER_TEST = [op for service in SERVICES.values() for op in service.operations]
IDS = [op.name for op in OPERATIONS_UNDER_TEST]
_SESSION = botocore.session.get_session()


def _botocore_operation(operation: Operation) -> Any:
    return _SESSION.get_service_model(operation.service).operation_model(operation.name)


def _same_shape(ours: Shape, theirs: BotoShape, path: str) -> None:
    assert ours.type == theirs.type_name, path
    assert ours.min == theirs.metadata.get("min"), path
    if theirs.type_name == "list":
        assert ours.member is not None
        assert ours.member.name == theirs.member.name, path
        _same_shape(ours.member, theirs.member, path + "[]")
    if theirs.type_name == "structure":
        assert ours.member_names == list(theirs.members), path
        assert list(ours.required) == list(theirs.required_members), path
        for member in ours.members:
            boto_member = theirs.members[member.name]
            if boto_member.metadata.get("sensitive") and boto_member.type_name == "string":
                assert member.secret, f"{path}.{member.name} is sensitive in the model"
            _same_shape(member.shape, boto_member, f"{path}.{member.name}")


@pytest.mark.parametrize("operation", OPERATIONS_UNDER_TEST, ids=IDS)
def test_members_derived_from_the_models_match_the_service_model(operation: Operation) -> None:
    model = _botocore_operation(operation)
    _same_shape(operation.input, model.input_shape, "input")
    if model.output_shape is None:
        # Logout has no output shape: an empty structure here.
        assert operation.output.members == ()
        return
    _same_shape(operation.output, model.output_shape, "output")


def test_every_secret_is_a_secret_in_the_core_models() -> None:
    """What --debug masks covers what the core keeps in SecretStr."""
    secrets = {m.name for op in OPERATIONS_UNDER_TEST for m in walk_members(op.input) if m.secret}
    secrets |= {m.name for op in OPERATIONS_UNDER_TEST for m in walk_members(op.output) if m.secret}
    assert {"clientSecret", "code", "codeVerifier", "refreshToken", "assertion"} <= secrets
    assert {"subjectToken", "deviceCode", "accessToken", "idToken", "secretAccessKey"} <= secrets
    assert "sessionToken" in secrets and "clientId" not in secrets


@pytest.mark.parametrize("operation", OPERATIONS_UNDER_TEST, ids=IDS)
def test_skeletons_match_botocore(operation: Operation) -> None:
    model = _botocore_operation(operation)
    # An enum member's sample is a random allowed value, in botocore and here: same seed.
    random.seed(operation.name)
    ours = generate_skeleton(operation.input)
    random.seed(operation.name)
    assert ours == ArgumentGenerator().generate_skeleton(model.input_shape)
    if model.output_shape is None:
        # The AWS CLI prints nothing for it; an empty skeleton prints nothing here.
        assert generate_skeleton(operation.output, use_member_names=True) == {}
        return
    assert generate_skeleton(operation.output, use_member_names=True) == ArgumentGenerator(
        use_member_names=True
    ).generate_skeleton(model.output_shape)


def _value(rng: random.Random, depth: int = 0) -> Any:
    choices: list[Any] = ["", "v", "x" * 50, 0, 7, True, None, 1.5, b"bytes"]
    if depth < 2:
        choices += [[rng.choice(["a", "", 3, None])], {"clientId": "c", "extra": 1}, []]
    return rng.choice(choices)


def _params(rng: random.Random, shape: Shape) -> dict[str, Any]:
    names = [*shape.member_names, "unknownMember"]
    params = {}
    for name in rng.sample(names, rng.randint(0, len(names))):
        member = shape.member_named(name)
        if member is not None and member.shape.type == "structure" and rng.random() < 0.7:
            params[name] = _params(rng, member.shape)
        else:
            params[name] = _value(rng)
    return params


def _secret_leaves(operation: Operation) -> set[str]:
    return {m.name for m in walk_members(operation.input) if m.secret}


def _normalise(report: str, secrets: set[str]) -> str:
    """botocore quotes every wrong-typed value; the CLI masks those of secret members."""

    def mask(match: re.Match[str]) -> str:
        leaf = re.sub(r"\[\d+\]$", "", match.group(1)).rsplit(".", 1)[-1]
        value = "***" if leaf in secrets else match.group(2)
        return f"Invalid type for parameter {match.group(1)}, value: {value}, type:"

    return re.sub(r"Invalid type for parameter (\S+), value: (.*?), type:", mask, report)


@pytest.mark.parametrize("operation", OPERATIONS_UNDER_TEST, ids=IDS)
def test_validation_messages_match_botocore(operation: Operation) -> None:
    shape = _botocore_operation(operation).input_shape
    rng = random.Random(operation.name)
    secrets = _secret_leaves(operation)
    for _ in range(300):
        params = _params(rng, operation.input)
        report = ParamValidator().validate(params, shape)
        expected = report.generate_report() if report.has_errors() else None
        try:
            validate_parameters(params, operation.input)
            ours = None
        except ParamValidationError as error:
            ours = error.report
        assert ours == (expected and _normalise(expected, secrets)), params


def test_validation_error_text() -> None:
    with pytest.raises(ParamValidationError) as caught:
        validate_parameters(
            {"tokenInput": {"grantType": 1}}, SERVICES["signin"].operations[0].input
        )
    assert str(caught.value) == (
        "Parameter validation failed:\n"
        'Missing required parameter in tokenInput: "clientId"\n'
        "Invalid type for parameter tokenInput.grantType, value: 1, type: <class 'int'>, "
        "valid types: <class 'str'>"
    )
