"""One redaction, driven by the models' secret members."""

from __future__ import annotations

import pytest

from py_backend import redaction
from py_backend.cmdlets.outputs import OUTPUT_TYPES
from py_backend.cmdlets.specs import CMDLETS
from py_backend.service_members import SERVICES, walk

#: Every wire name any model has.
ALL_MEMBERS = {
    member["name"]
    for operations in SERVICES.values()
    for operation in operations.values()
    for shape in (operation["input"], operation["output"])
    for member in walk(shape)
}


def test_the_secrets_are_the_models_secret_members() -> None:
    assert {"clientSecret", "codeVerifier", "refreshToken", "sessionToken"} <= (
        redaction.SECRET_MEMBERS
    )
    assert "clientId" not in redaction.SECRET_MEMBERS
    assert redaction.is_secret("tokenInput.codeVerifier")
    assert not redaction.is_secret("tokenInput.clientId")


@pytest.mark.parametrize("cmdlet", sorted(CMDLETS))
def test_a_parameter_bound_to_a_member_is_secret_as_the_member_is(cmdlet: str) -> None:
    for parameter in CMDLETS[cmdlet].parameters:
        if parameter.wire:
            assert parameter.secret == redaction.is_secret(parameter.wire), parameter.name


def test_an_output_property_is_secret_as_its_member_is() -> None:
    checked = 0
    for net_type in OUTPUT_TYPES.values():
        for prop in net_type.properties:
            if prop.wire in ALL_MEMBERS and prop.element is None:
                checked += 1
                assert prop.secret == redaction.is_secret(prop.wire), (net_type.name, prop.name)
    assert checked > 20


def test_data_is_masked_by_member_name_at_any_depth() -> None:
    body = {
        "clientId": "id",
        "clientSecret": "s",
        "tokenInput": {"code": "c", "clientId": "x"},
        "list": [{"refreshToken": "r"}],
    }
    assert redaction.redact_data(body) == {
        "clientId": "id",
        "clientSecret": redaction.MASK,
        "tokenInput": {"code": redaction.MASK, "clientId": "x"},
        "list": [{"refreshToken": redaction.MASK}],
    }


def test_a_log_line_shows_only_known_public_values() -> None:
    spec = {
        "parameters": [
            {"name": "ClientId", "secret": False, "aliases": ["Id"]},
            {"name": "ClientSecret", "secret": True},
        ]
    }
    shown = redaction.describe_parameters(
        {"id": "abc", "ClientSecret": "s3cr3t", "Unknown": "u", "Verbose": True}, spec
    )
    assert shown == "-id 'abc' -ClientSecret <redacted> -Unknown <redacted> -Verbose True"
