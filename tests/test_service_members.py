"""The generated members file is fresh, and it is what the models say."""

from __future__ import annotations

import subprocess
import sys

from py_backend.models._members import shape_of
from py_backend.models.sso_oidc import CreateTokenRequest, RegisterClientResponse
from py_backend.operations.members import render
from py_backend.service_members import DATA_FILE, SERVICES, secret_members


def test_the_generated_file_is_fresh() -> None:
    """Regenerate with ``python -m py_backend.operations.members`` when this fails."""
    assert DATA_FILE.read_text("utf-8") == render()


def test_members_come_from_the_fields() -> None:
    shape = shape_of(CreateTokenRequest)
    by_name = {member["name"]: member for member in shape["members"]}
    assert list(by_name)[:3] == ["clientId", "clientSecret", "grantType"]
    assert shape["required"] == ["clientId", "clientSecret", "grantType"]
    assert by_name["clientSecret"]["secret"] and not by_name["clientId"]["secret"]
    assert by_name["clientSecret"]["python"] == "client_secret"
    assert by_name["scope"]["shape"] == {
        "name": "Scopes",
        "type": "list",
        "member": {"name": "Scope", "type": "string", "min": None},
        "min": None,
    }
    issued = {m["name"]: m for m in shape_of(RegisterClientResponse)["members"]}
    assert issued["clientIdIssuedAt"]["shape"]["type"] == "long"


def test_every_secret_field_is_a_secret_member() -> None:
    secrets = secret_members()
    assert {"clientSecret", "code", "codeVerifier", "refreshToken", "assertion"} <= secrets
    assert {"subjectToken", "deviceCode", "accessToken", "idToken", "secretAccessKey"} <= secrets
    assert "sessionToken" in secrets and "clientId" not in secrets
    assert set(SERVICES) == {"signin", "sso-oidc", "sso"}


def test_reading_the_members_loads_no_pydantic() -> None:
    code = (
        "import sys, py_backend.cli.commands, py_backend.service_members\n"
        "print('pydantic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_member_doc_is_written_once_on_the_model() -> None:
    """The CLI's help and the cmdlet's parameter help read the field's Doc metadata."""
    from py_backend.cli.docs import OPERATION_DOCS
    from py_backend.cmdlets.specs.new_ssooidc_token import NEW_SSOOIDC_TOKEN
    from py_backend.service_members import member_doc

    by_name = {member["name"]: member for member in shape_of(CreateTokenRequest)["members"]}
    text = by_name["clientSecret"]["doc"]
    assert text.startswith("A secret string generated for the client.")
    assert member_doc("sso-oidc", "CreateToken", "clientSecret") == text
    assert OPERATION_DOCS["CreateToken"]["clientSecret"] == text
    helps = {p.wire: p.help for p in NEW_SSOOIDC_TOKEN.parameters if p.kind == "service"}
    assert helps["clientSecret"] == text
    # PowerShell-only wording is appended by the spec, after the model's sentence.
    assert helps["code"].startswith(by_name["code"]["doc"] + " This grant type")
