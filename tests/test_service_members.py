"""The generated members file is fresh, and it is what the models say."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

from pydantic import BaseModel

from py_backend.models._members import shape_of
from py_backend.models.sso_oidc import CreateTokenRequest, RegisterClientResponse
from py_backend.operations.members import render
from py_backend.service_members import DATA_FILE, SERVICES, secret_members
from tests.cmdlets.support import squash


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
    from py_backend.cmdlets.specs.sso_oidc import NEW_SSOOIDC_TOKEN
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


def test_portal_and_signin_member_docs_are_written_once_on_the_models() -> None:
    """The portal, CreateOAuth2Token and Sign-In token/session members' help comes from the
    models' Doc: the CLI's help and the cmdlets' shared sentences are that text."""
    from py_backend.cli.docs import OPERATION_DOCS
    from py_backend.cmdlets.specs import OPERATION_CMDLETS
    from py_backend.models.signin import CreateOAuth2TokenRequestBody
    from py_backend.models.signin_tokens import ListSessionsRequest
    from py_backend.models.sso import AccountInfo, ListAccountsRequest
    from py_backend.service_members import member_doc

    def docs(model: type[BaseModel]) -> dict[str, str]:
        return {m["name"]: m.get("doc", "") for m in shape_of(model)["members"]}

    portal = docs(ListAccountsRequest)
    # The access token's sentence is its type's; the account list's accountId overrides its type's.
    assert portal["accessToken"].startswith("The token issued by the CreateToken API call.")
    assert docs(AccountInfo)["accountId"].startswith("The identifier of the AWS account")
    assert OPERATION_DOCS["ListAccounts"]["maxResults"] == portal["maxResults"]
    assert (
        OPERATION_DOCS["ListAccounts"][">accountList.accountId"] == docs(AccountInfo)["accountId"]
    )
    helps = {p.wire: p.help for p in OPERATION_CMDLETS["Get-SSOAccountList"].parameters}
    assert helps["accessToken"] == portal["accessToken"]
    assert helps["nextToken"].startswith(portal["nextToken"] + "\nNote:")

    oauth2 = docs(CreateOAuth2TokenRequestBody)
    assert OPERATION_DOCS["CreateOAuth2Token"]["tokenInput.code"] == oauth2["code"]
    # The CLI's own advice follows the model's sentence.
    assert OPERATION_DOCS["CreateOAuth2Token"]["tokenInput"].startswith(
        member_doc("signin", "CreateOAuth2Token", "tokenInput") + " Give it in shorthand"
    )

    sessions = docs(ListSessionsRequest)
    assert OPERATION_DOCS["ListSessions"]["status"] == sessions["status"]
    helps = {p.wire: p.help for p in OPERATION_CMDLETS["Get-AMSPSessionList"].parameters}
    assert helps["status"] == sessions["status"] == "Returns only sessions with this status"


#: The cmdlets whose description is the AWS Tools' own text: their reference pages come from an
#: older Sign-In model (the AWS CLI v1's vendored botocore), worded otherwise than the current.
AWS_TOOLS_DESCRIPTIONS = {
    "New-AMSPOAuth2Token": "CreateOAuth2Token",
    "New-AMSPOAuth2TokenWithIAM": "CreateOAuth2TokenWithIAM",
    "Invoke-AMSPIntrospectOAuth2TokenWithIAM": "IntrospectOAuth2TokenWithIAM",
    "Revoke-AMSPOAuth2TokenWithIAM": "RevokeOAuth2TokenWithIAM",
}


def _model_doc(html: str) -> str:
    """A service model's documentation as plain words: tags removed, whitespace collapsed."""
    text = re.sub(r"<[^>]+>", " ", unescape(html)).replace("\u2019", "'")
    return re.sub(r"\s+([.,])", r"\1", " ".join(text.split()))


def test_an_operation_doc_is_written_once_on_its_spec() -> None:
    """The CLI's description and the cmdlet's start with the spec's ``doc``; each front end
    adds only its own words after it (the CLI's advice, the cmdlets' paging note)."""
    from py_backend.cli.docs import OPERATION_DOCS
    from py_backend.cmdlets.specs import OPERATION_CMDLETS
    from py_backend.cmdlets.specs.blocks import ITERATION_NOTE
    from py_backend.operations import OPERATIONS
    from py_backend.service_members import operation_doc

    for service, operations in OPERATIONS.items():
        for name, spec in operations.items():
            assert spec.doc and operation_doc(service, name) == spec.doc
            assert OPERATION_DOCS[name][""].startswith(spec.doc), name
    assert OPERATION_DOCS["CreateToken"][""] == OPERATIONS["sso-oidc"]["CreateToken"].doc
    derived = [c for c in OPERATION_CMDLETS.values() if c.name not in AWS_TOOLS_DESCRIPTIONS]
    assert len(derived) == len(OPERATION_CMDLETS) - len(AWS_TOOLS_DESCRIPTIONS) == 11
    for cmdlet in derived:
        doc = operation_doc(cmdlet.operation.service, cmdlet.operation.operation)
        # The cmdlets' help puts each paragraph on one line.
        expected = doc.replace("\n\n", "\n") + (
            "\n" + ITERATION_NOTE if cmdlet.auto_iterate else ""
        )
        assert cmdlet.description == expected, cmdlet.name
    logout = OPERATION_CMDLETS["Close-SSOSession"].description
    assert logout.count("\n") == 2 and "\n\n" in OPERATION_DOCS["Logout"][""]


def test_the_portal_and_sign_in_docs_are_the_service_models() -> None:
    """botocore (the current models) documents each portal and Sign-In operation in the same
    words as its spec; SSO OIDC's follow the AWS CLI v1 reference pages (the seeds), which
    test_specs compares."""
    import botocore.session

    from py_backend.operations import OPERATIONS

    session = botocore.session.get_session()
    for service in ("sso", "signin"):
        model = session.get_service_model(service)
        for name, spec in OPERATIONS[service].items():
            documented = _model_doc(model.operation_model(name).documentation)
            assert " ".join(spec.doc.split()) == documented, name


def test_the_aws_tools_descriptions_are_the_older_sign_in_model() -> None:
    """The AWS Tools texts are the AWS CLI v1's vendored Sign-In model's documentation, which
    the current model (the specs' ``doc``) rewords. (New-AMSPOAuth2Token's, which the AWS
    Tools lay out as a list, is compared with its seed page by tests/cmdlets/test_specs.py.)"""
    import awscli

    from py_backend.cmdlets.specs import OPERATION_CMDLETS
    from py_backend.service_members import operation_doc

    vendored = Path(awscli.__file__).parent / "botocore/data/signin/2023-01-01/service-2.json"
    operations = json.loads(vendored.read_text("utf-8"))["operations"]
    for cmdlet_name, operation in AWS_TOOLS_DESCRIPTIONS.items():
        description = OPERATION_CMDLETS[cmdlet_name].description
        assert not description.startswith(operation_doc("signin", operation)), cmdlet_name
        if cmdlet_name != "New-AMSPOAuth2Token":
            documented = _model_doc(operations[operation]["documentation"])
            assert squash(description) == squash(documented.replace("\u00a7", "section ")), (
                cmdlet_name
            )


def test_xform_name_is_botocores_rule() -> None:
    """Every operation and member name is named as botocore names it (``_`` and ``-``), but
    the ``CreateOAuth2Token*`` operations, which botocore takes from its table of exceptions:
    their specs state boto3's name."""
    import botocore

    from py_backend.operations import OPERATIONS
    from py_backend.service_members import walk, xform_name

    names = {name for operations in SERVICES.values() for name in operations}
    names |= {
        member["name"]
        for operations in SERVICES.values()
        for operation in operations.values()
        for shape in (operation["input"], operation["output"])
        for member in walk(shape)
    }
    exceptions = {
        "CreateOAuth2Token",
        "CreateOAuth2TokenWithIAM",
        "IntrospectOAuth2TokenWithIAM",
        "RevokeOAuth2TokenWithIAM",
    }
    assert exceptions < names
    for name in names - exceptions:
        for sep in ("_", "-"):
            assert xform_name(name, sep) == botocore.xform_name(name, sep), name
    for name in exceptions:
        assert xform_name(name) != botocore.xform_name(name)
        assert OPERATIONS["signin"][name].python_name == botocore.xform_name(name)
