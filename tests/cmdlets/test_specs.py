"""The specifications against the seed reference pages and the service models (botocore)."""

from __future__ import annotations

import json
from typing import Any

import botocore.session
import pytest

from py_backend.cmdlets import CMDLET_NAMES, CMDLETS, describe_cmdlets, find_cmdlet
from py_backend.cmdlets.outputs import OUTPUT_TYPES
from py_backend.cmdlets.spec_model import CmdletSpec
from py_backend.cmdlets.specs import OPERATION_CMDLET_NAMES
from tests.cmdlets.support import parse_seed, seed_file, squash

SEEDED = {"000": "New-AMSPOAuth2Token", "001": "New-SSOOIDCToken"}
#: The reference pages print the property path as ClientConfig's help; ours says what it takes.
HELP_EXCEPTIONS = {"ClientConfig"}


def _seed(prefix: str) -> Any:
    path = seed_file(prefix)
    if path is None:
        pytest.skip("the seed reference pages (../shared/seeds) are not on this machine")
    return parse_seed(path.read_text(encoding="utf-8"))


#: Not ByValue in a PowerShell function (see NetworkCredential in cmdlets/specs/blocks.py).
BY_VALUE_EXCEPTIONS = {"NetworkCredential"}
#: Parameters of the current AWS Tools cmdlets that the older seed pages do not list.
NEWER_THAN_SEED = {"New-SSOOIDCToken": {"CodeVerifier"}}


@pytest.mark.parametrize("prefix", sorted(SEEDED))
def test_every_seed_parameter_matches(prefix: str) -> None:
    seed = _seed(prefix)
    spec = CMDLETS[SEEDED[prefix]]
    assert seed.name == spec.name
    names = {p.name for p in spec.parameters}
    # Every seed parameter, plus only the members the AWS Tools gained after the seed page.
    assert set(seed.parameters) <= names
    assert names - set(seed.parameters) == NEWER_THAN_SEED.get(spec.name, set())
    for param in spec.parameters:
        if param.name not in seed.parameters:
            continue
        page = seed.parameters[param.name]
        assert param.type.rsplit(".", 1)[-1] == page.type, param.name
        assert param.aliases == page.aliases, param.name
        assert param.position == page.position, param.name
        assert param.mandatory == page.required, param.name
        if param.name in BY_VALUE_EXCEPTIONS:
            assert page.by_value and not param.value_from_pipeline, param.name
        else:
            assert param.value_from_pipeline == page.by_value, param.name
        assert param.value_from_pipeline_by_property_name == page.by_property_name, param.name
        if param.name not in HELP_EXCEPTIONS:
            assert squash(param.help) == squash(page.help), param.name


@pytest.mark.parametrize("prefix", sorted(SEEDED))
def test_synopsis_description_and_outputs_match_the_seed(prefix: str) -> None:
    seed = _seed(prefix)
    spec = CMDLETS[SEEDED[prefix]]
    assert spec.synopsis == seed.synopsis
    assert squash(spec.description) == squash(seed.description)
    assert spec.output_type in seed.outputs
    assert squash(spec.outputs_help) in squash(seed.outputs)


@pytest.mark.parametrize("name", OPERATION_CMDLET_NAMES)
def test_attributes_every_generated_cmdlet_shares(name: str) -> None:
    spec = CMDLETS[name]
    names = [p.name for p in spec.parameters]
    assert len(set(n.casefold() for p in spec.parameters for n in p.all_names)) == sum(
        len(p.all_names) for p in spec.parameters
    ), "a name or alias is used twice"
    assert all(p.value_from_pipeline_by_property_name for p in spec.parameters)
    assert all(p.parameter_set == "__AllParameterSets" for p in spec.parameters)
    members = [p.name for p in spec.parameters if p.kind == "service"]
    assert members == sorted(members), "members are in alphabetical order"
    assert names.index("Select") > max(names.index(m) for m in members)
    # The generator gives Force to verbs that change something; Get- verbs only read.
    assert spec.supports_should_process == (spec.verb != "Get")
    assert ("Force" in names) == spec.supports_should_process
    if spec.supports_should_process:
        assert names.index("Force") > names.index("Select")
    # Paginated operations end with -NoAutoIteration.
    assert ("NoAutoIteration" in names) == spec.auto_iterate
    if spec.auto_iterate:
        assert names.index("NoAutoIteration") == names.index("Select") + 1
    select = spec.parameter("Select")
    assert select is not None and select.default == spec.default_select
    assert spec.confirm_impact == "Medium"
    assert spec.should_process_action == f"{name} ({spec.operation.operation})"
    assert spec.parameter(spec.should_process_target) is not None


def _model(spec: CmdletSpec) -> Any:
    service = botocore.session.get_session().get_service_model(spec.operation.service)
    return service.operation_model(spec.operation.operation)


def _members(spec: CmdletSpec) -> dict[str, Any]:
    """Every input member by dotted wire path, structures flattened as the AWS Tools do."""
    found: dict[str, Any] = {}
    for name, shape in _model(spec).input_shape.members.items():
        if shape.type_name == "structure":
            found.update({f"{name}.{child}": s for child, s in shape.members.items()})
        else:
            found[name] = shape
    return found


def _required(spec: CmdletSpec) -> set[str]:
    shape = _model(spec).input_shape
    required = set(shape.required_members)
    for name in list(required):
        child = shape.members[name]
        if child.type_name == "structure":
            required.discard(name)
            required.update(f"{name}.{c}" for c in child.required_members)
    return required


@pytest.mark.parametrize("name", OPERATION_CMDLET_NAMES)
def test_service_parameters_follow_the_model(name: str) -> None:
    spec = CMDLETS[name]
    members = _members(spec)
    service = [p for p in spec.parameters if p.kind == "service"]
    missing = set(members) - {p.wire for p in service}
    assert missing == set()
    for param in service:
        shape = members[param.wire or ""]
        leaf = (param.wire or "").split(".")
        pascal = "_".join(part[0].upper() + part[1:] for part in leaf)
        # The generator's singular renames keep the model's name as an alias.
        assert param.name == pascal or (param.aliases == (pascal,) and pascal.endswith("s"))
        expected = {"list": "System.String[]", "integer": "System.Int32", "long": "System.Int64"}
        assert param.type == expected.get(shape.type_name, "System.String")
        assert param.mandatory == (param.wire in _required(spec)) == param.allow_null
        if shape.metadata.get("sensitive"):
            assert param.secret, param.name


@pytest.mark.parametrize("name", OPERATION_CMDLET_NAMES)
def test_pipeline_parameter_is_the_first_required_member(name: str) -> None:
    spec = CMDLETS[name]
    piped = [p for p in spec.parameters if p.kind == "service" and p.value_from_pipeline]
    if spec.operation.service == "signin":
        # NoPipelineParameter="true" in signin.xml.
        assert piped == [] and all(p.position is None for p in spec.parameters)
        return
    first_required = next(m for m in _model(spec).input_shape.required_members)
    # sso.xml names ListAccountRoles' pipeline parameter: AccountId, not the first required
    # member (Get-SSOAccountRoleList-Cmdlet.cs: AccountId has Position 0, ValueFromPipeline).
    first_required = {"ListAccountRoles": "accountId"}.get(spec.operation.operation, first_required)
    assert [(p.wire, p.position) for p in piped] == [(first_required, 0)]
    assert spec.should_process_target == piped[0].name
    assert [p.name for p in spec.parameters if p.position is not None] == [piped[0].name]


def test_passthru_only_where_the_aws_tools_have_it() -> None:
    with_passthru = [n for n in CMDLET_NAMES if CMDLETS[n].parameter("PassThru")]
    assert with_passthru == ["New-SSOOIDCToken"]
    passthru = CMDLETS["New-SSOOIDCToken"].parameter("PassThru")
    assert passthru is not None and passthru.obsolete is not None
    assert "-Select '^ClientId'" in passthru.obsolete


@pytest.mark.parametrize("name", OPERATION_CMDLET_NAMES)
def test_response_and_output_types_exist(name: str) -> None:
    spec = CMDLETS[name]
    assert spec.response_type in OUTPUT_TYPES
    # [OutputType("None")] for an operation without output (Close-SSOSession).
    assert spec.output_type in OUTPUT_TYPES or (spec.output_type, spec.writes_by_default) == (
        "None",
        False,
    )
    # The AWS Tools' defaults: Sign-In's body, the portal's result property, else "*".
    expected_default = {
        "CreateOAuth2Token": "TokenOutput",
        "GetRoleCredentials": "RoleCredentials",
        "ListAccounts": "AccountList",
        "ListAccountRoles": "RoleList",
        "ListSessions": "Items",
    }.get(spec.operation.operation, "*")
    assert spec.default_select == expected_default
    service = {"signin": "Signin", "sso": "SSO"}.get(spec.operation.service, "SSOOIDC")
    assert spec.response_type == f"Amazon.{service}.Model.{spec.operation.operation}Response"


def test_secret_parameters() -> None:
    secret = {(name, p.name) for name in CMDLET_NAMES for p in CMDLETS[name].parameters if p.secret}
    expected_everywhere = {"SecretKey", "SessionToken", "Credential", "NetworkCredential"}
    for name in OPERATION_CMDLET_NAMES:
        assert expected_everywhere <= {p for n, p in secret if n == name}
    for name, param in (
        ("New-SSOOIDCToken", "ClientSecret"),
        ("New-SSOOIDCToken", "DeviceCode"),
        ("New-SSOOIDCToken", "Code"),
        ("New-SSOOIDCToken", "RefreshToken"),
        ("New-SSOOIDCTokenWithIAM", "Assertion"),
        ("New-SSOOIDCTokenWithIAM", "SubjectToken"),
        ("New-SSOOIDCTokenWithIAM", "CodeVerifier"),
        ("Start-SSOOIDCDeviceAuthorization", "ClientSecret"),
        ("New-AMSPOAuth2Token", "TokenInput_Code"),
        ("New-AMSPOAuth2Token", "TokenInput_CodeVerifier"),
        ("New-AMSPOAuth2Token", "TokenInput_RefreshToken"),
        ("Invoke-AMSPLogin", "AuthorizationCode"),
        ("Invoke-AMSPLogin", "LoginHandle"),
        ("Get-SSORoleCredential", "AccessToken"),
        ("Get-SSOAccountList", "AccessToken"),
        ("Get-SSOAccountRoleList", "AccessToken"),
        ("Close-SSOSession", "AccessToken"),
    ):
        assert (name, param) in secret
    assert ("New-SSOOIDCToken", "ClientId") not in secret
    assert ("New-SSOOIDCToken", "AccessKey") not in secret


def test_describe_is_json_and_complete() -> None:
    described = json.loads(json.dumps(describe_cmdlets()))
    assert [d["name"] for d in described] == list(CMDLET_NAMES) == sorted(CMDLETS)
    token = next(d for d in described if d["name"] == "New-SSOOIDCToken")
    client_id = next(p for p in token["parameters"] if p["name"] == "ClientId")
    assert client_id["position"] == 0 and client_id["mandatory"] and client_id["valueFromPipeline"]
    assert client_id["wireName"] == "clientId" and client_id["psType"] == "string"
    assert token["shouldProcessAction"] == "New-SSOOIDCToken (CreateToken)"
    assert token["dotnetCmdletType"] == "Amazon.PowerShell.Cmdlets.SSOOIDC.NewSSOOIDCTokenCmdlet"
    amsp = next(d for d in described if d["name"] == "New-AMSPOAuth2Token")
    assert amsp["outputType"] == "Amazon.Signin.Model.CreateOAuth2TokenResponseBody"
    assert set(amsp["outputTypes"]) >= {
        "Amazon.Signin.Model.CreateOAuth2TokenResponse",
        "Amazon.Signin.Model.CreateOAuth2TokenResponseBody",
        "Amazon.Signin.Model.AccessToken",
        "Amazon.Runtime.ResponseMetadata",
    }
    wire = {p["name"]: p["wireName"] for p in amsp["parameters"]}
    assert wire["TokenInput_CodeVerifier"] == "tokenInput.codeVerifier"
    assert wire["Region"] is None


def test_find_cmdlet_is_case_insensitive() -> None:
    assert find_cmdlet("new-ssooidctoken") is CMDLETS["New-SSOOIDCToken"]
    assert find_cmdlet("Get-Nothing") is None


def test_parameter_lookup_by_alias() -> None:
    spec = CMDLETS["Register-SSOOIDCClient"]
    assert spec.parameter("granttypes") is spec.parameter("GrantType")
    assert spec.parameter("sk") is spec.parameter("SecretKey")
    assert spec.parameters_for_wire("scopes[1]") == ("Scope",)
    amsp = CMDLETS["New-AMSPOAuth2Token"]
    assert amsp.parameters_for_wire("tokenInput") == ("TokenInput_ClientId", "TokenInput_GrantType")
