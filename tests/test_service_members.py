"""The generated members file is fresh, and it is what the models say."""

from __future__ import annotations

import subprocess
import sys

from pydantic import BaseModel

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
