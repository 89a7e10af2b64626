"""The module's files read with a real PowerShell parser (tree-sitter-powershell).

Checked without PowerShell: every file parses; nothing needs PowerShell 6+; the exports, param
blocks, attributes, help and manifest equal the cmdlet specifications; the format views mask
every secret; the private code calls only commands that exist, with parameters they declare.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from py_backend._version import __version__
from py_backend.cmdlets import describe_cmdlets
from py_backend.cmdlets.parameters import POWERSHELL_COMMON_PARAMETERS
from py_backend.psmodule.manifest import COMMANDS_FOLDER, MODULE_COMMANDS
from py_backend.psmodule.text import to_ascii
from py_backend.psmodule.wire import COMMON_PARAMETERS
from py_backend.rpc.methods import PROTOCOL_VERSION
from tests.module import psast
from tests.module.paths import (
    BUILD_SCRIPT,
    MODULE,
    PESTER,
    module_files,
    powershell_files,
    relative,
)
from tests.module.pwsh7 import seven_only

SPECS = {spec["name"]: spec for spec in describe_cmdlets()}
MANIFEST = MODULE / "AwsTokenBridge.psd1"
FORMAT_FILE = MODULE / "AwsTokenBridge.Format.ps1xml"
ALL_FILES = powershell_files()
CODE_FILES = module_files(".ps1", ".psm1")

#: Type accelerators used in the param blocks -> .NET full names.
ACCELERATORS = {
    "string": "System.String",
    "string[]": "System.String[]",
    "switch": "System.Management.Automation.SwitchParameter",
    "hashtable": "System.Collections.Hashtable",
    "object": "System.Object",
    "pscredential": "System.Management.Automation.PSCredential",
    # The AWS Tools' System.Int32? (a page size that may be left out).
    "system.nullable[int]": "System.Int32",
    # System.Int64? (epoch seconds such as -IssuedAfter).
    "system.nullable[long]": "System.Int64",
}


def squash(value: str) -> str:
    """Text without whitespace (help is wrapped; the specifications are not)."""
    return re.sub(r"\s+", "", value)


def resolve(type_literal: str | None) -> str | None:
    """The .NET full name of a type literal."""
    if type_literal is None:
        return None
    return ACCELERATORS.get(type_literal.lower(), type_literal)


def public_function(name: str) -> psast.Node:
    tree = psast.parse_file(MODULE / "Public" / f"{name}.ps1")
    return psast.functions(tree.root_node)[name]


# --- every file -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", ALL_FILES, ids=relative)
def test_every_powershell_file_parses_without_error(path: Path) -> None:
    assert psast.problems(psast.parse_file(path)) == []


@pytest.mark.parametrize("path", ALL_FILES, ids=relative)
def test_no_file_needs_powershell_6_or_later(path: Path) -> None:
    assert [str(f) for f in seven_only(psast.parse_file(path))] == []


@pytest.mark.parametrize(
    "path", module_files(".ps1", ".psm1", ".psd1", ".ps1xml", ".txt"), ids=relative
)
def test_module_files_are_ascii_so_windows_powershell_reads_them_right(path: Path) -> None:
    # 5.1 reads a .ps1 without a byte order mark in the ANSI code page.
    path.read_bytes().decode("ascii")


def test_the_module_has_the_files_the_layout_promises() -> None:
    expected = {
        "AwsTokenBridge.psd1",
        "AwsTokenBridge.psm1",
        "AwsTokenBridge.Format.ps1xml",
        "en-US/about_AwsTokenBridge.help.txt",
        *(f"Public/{name}.ps1" for name in SPECS),
    }
    present = {p.relative_to(MODULE).as_posix() for p in MODULE.rglob("*") if p.is_file()}
    assert expected <= present
    assert any(p.startswith("Private/") for p in present)


# --- the 5.1 checker catches what it must ---------------------------------------------------

SEVEN_ONLY_SNIPPETS = {
    "null-coalescing": "$a = $b ?? 'default'",
    "null-coalescing assignment": "$a ??= 'default'",
    "null-conditional member": "${a}?.Name",
    "null-conditional index": "${a}?[0]",
    "pipeline chain &&": "Get-Item x && Write-Output ok",
    "pipeline chain ||": "Get-Item x || Write-Output failed",
    "ternary": "$a = $b ? 'yes' : 'no'",
    "clean block": "function f {\n    process { 1 }\n    clean { 2 }\n}\n",
    "ForEach-Object -Parallel": "1, 2 | ForEach-Object -Parallel { $_ }",
    "$PSStyle": "$PSStyle.Reset",
    "$IsWindows": "if ($IsWindows) { 1 }",
    "ConvertFrom-Json -AsHashtable": "$x = ConvertFrom-Json -InputObject $t -AsHashtable",
    "ConvertFrom-Json -Depth": "$x = $t | ConvertFrom-Json -Depth 20",
    "ConvertTo-Json -EscapeHandling": "$t = ConvertTo-Json $x -EscapeHandling EscapeNonAscii",
    "ProcessStartInfo.ArgumentList": "$startInfo.ArgumentList.Add('-m')",
    "Join-Path with three paths": "Join-Path $a 'b' 'c'",
    "Join-Path -AdditionalChildPath": "Join-Path -Path $a -ChildPath b -AdditionalChildPath c",
    "Join-String": "$a | Join-String -Separator ','",
    "`u{} escape": '$s = "`u{1F600}"',
    "System.Text.Json": "[System.Text.Json.JsonSerializer]::Serialize($x)",
    "background operator": "Start-Sleep 10 &",
}


@pytest.mark.parametrize("snippet", SEVEN_ONLY_SNIPPETS.values(), ids=SEVEN_ONLY_SNIPPETS.keys())
def test_the_checker_finds_each_powershell_7_construct(snippet: str) -> None:
    assert seven_only(psast.parse(snippet)) != []


FIVE_ONE_SNIPPETS = {
    "if/else instead of ??": "$a = if ($null -ne $b) { $b } else { 'default' }",
    "Where-Object alias ?": "$x = $items | ? { $_.Name -eq 'a' }",
    "switch with a colon in a string": "$label = 'a ? b : c'",
    "scriptblock call": "& $command -Name x",
    "foreach statement": "foreach ($i in 1..3) { $i }",
    "ConvertFrom-Json": "$x = ConvertFrom-Json -InputObject $t",
    "Arguments string": "$startInfo.Arguments = '-m py_backend rpc'",
    "nested Join-Path": "Join-Path -Path (Join-Path -Path $a -ChildPath b) -ChildPath c",
    "static new()": "$e = [System.Text.UTF8Encoding]::new($false)",
    "comment with ??": "$a = 1  # what ?? means",
    "-and / -or": "if ($a -and ($b -or $c)) { 1 }",
}


@pytest.mark.parametrize("snippet", FIVE_ONE_SNIPPETS.values(), ids=FIVE_ONE_SNIPPETS.keys())
def test_the_checker_accepts_windows_powershell_code(snippet: str) -> None:
    tree = psast.parse(snippet)
    assert psast.problems(tree) == []
    assert [str(f) for f in seven_only(tree)] == []


# --- manifest --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    value = psast.data_file(MANIFEST)
    assert isinstance(value, dict)
    return value


def test_the_manifest_exports_exactly_the_specified_cmdlets(manifest: dict[str, Any]) -> None:
    public = sorted(p.stem for p in (MODULE / "Public").glob("*.ps1"))
    defined = sorted(
        name
        for path in (MODULE / "Public").glob("*.ps1")
        for name in psast.functions(psast.parse_file(path).root_node)
    )
    assert sorted(SPECS) == public == defined
    # Beside them, the module's own hand-written commands (Commands/), one function a file.
    commands = sorted(p.stem for p in (MODULE / COMMANDS_FOLDER).glob("*.ps1"))
    defined_commands = sorted(
        name
        for path in (MODULE / COMMANDS_FOLDER).glob("*.ps1")
        for name in psast.functions(psast.parse_file(path).root_node)
    )
    assert commands == defined_commands == sorted(MODULE_COMMANDS)
    assert manifest["FunctionsToExport"] == sorted([*SPECS, *MODULE_COMMANDS])


def test_the_manifest_fields(manifest: dict[str, Any]) -> None:
    assert manifest["RootModule"] == "AwsTokenBridge.psm1"
    assert manifest["ModuleVersion"] == __version__
    assert uuid.UUID(manifest["GUID"])
    assert manifest["Author"]
    assert manifest["CompatiblePSEditions"] == ["Desktop", "Core"]
    assert manifest["PowerShellVersion"] == "5.1"
    for key in ("CmdletsToExport", "VariablesToExport", "AliasesToExport"):
        assert manifest[key] == [], key
    assert manifest["FormatsToProcess"] == [FORMAT_FILE.name]
    psdata = manifest["PrivateData"]["PSData"]
    assert {"PSEdition_Desktop", "PSEdition_Core"} <= set(psdata["Tags"])
    assert psdata["LicenseUri"].startswith("https://")
    assert manifest["PrivateData"]["AwsTokenBridge"]["ProtocolVersion"] == PROTOCOL_VERSION


def test_nothing_is_exported_by_wildcard(manifest: dict[str, Any]) -> None:
    exports = [v for k, v in manifest.items() if k.endswith("ToExport")]
    assert all(isinstance(v, list) and not any("*" in item for item in v) for v in exports)
    psm1 = psast.parse_file(MODULE / "AwsTokenBridge.psm1")
    exports_in_psm1 = [c for c in psast.commands(psm1.root_node) if c.name == "Export-ModuleMember"]
    assert len(exports_in_psm1) == 1
    assert "*" not in psast.text(exports_in_psm1[0].node)


# --- param blocks, attributes, body ----------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SPECS))
def test_each_param_block_equals_the_specification(name: str) -> None:
    spec = SPECS[name]
    parameters = psast.function_parameters(public_function(name))
    assert [p.name for p in parameters] == [p["name"] for p in spec["parameters"]]
    for param, expected in zip(parameters, spec["parameters"], strict=True):
        (attribute,) = param.attribute("Parameter")
        wanted_type = expected["type"] if expected["type"].startswith("System.") else None
        assert resolve(param.type) == (wanted_type or resolve(expected["psType"])), param.name
        assert attribute.named.get("Mandatory", False) is expected["mandatory"], param.name
        assert attribute.named.get("Position") == expected["position"], param.name
        assert attribute.named.get("ValueFromPipeline", False) is expected["valueFromPipeline"]
        assert (
            attribute.named.get("ValueFromPipelineByPropertyName", False)
            is expected["valueFromPipelineByPropertyName"]
        ), param.name
        assert (
            attribute.named.get("ParameterSetName", "__AllParameterSets")
            == expected["parameterSet"]
        )
        aliases = [a for alias in param.attribute("Alias") for a in alias.positional]
        assert aliases == expected["aliases"], param.name
        assert bool(param.attribute("AllowNull")) is expected["allowNull"], param.name
        assert bool(param.attribute("AllowEmptyString")) is expected["allowEmptyString"], param.name
        assert param.default == expected["default"], param.name
        assert attribute.named.get("DontShow", False) is expected["dontShow"], param.name
        # The backend warns about an obsolete parameter; [Obsolete] here would warn twice.
        assert param.attribute("Obsolete") == [], param.name


@pytest.mark.parametrize("name", sorted(SPECS))
def test_each_function_has_the_cmdlet_attributes(name: str) -> None:
    spec = SPECS[name]
    attributes = {a.name: a for a in psast.function_attributes(public_function(name))}
    binding = attributes["CmdletBinding"]
    if spec["supportsShouldProcess"]:
        assert binding.named.get("SupportsShouldProcess") is True
        assert binding.named.get("ConfirmImpact") == spec["confirmImpact"] == "Medium"
    else:
        # A Get- cmdlet only reads: no -WhatIf or -Confirm, as in the AWS Tools.
        assert "SupportsShouldProcess" not in binding.named
        assert "ConfirmImpact" not in binding.named
    # Named-only: only the parameters the specification positions bind by position.
    assert binding.named.get("PositionalBinding") is False
    assert attributes["OutputType"].positional == (spec["outputType"],)


def _invocations(root: psast.Node, member: str) -> list[psast.Node]:
    return [
        node
        for node in psast.walk(root)
        if node.type == "invokation_expression"
        and any(c.type == "member_name" and psast.text(c) == member for c in node.children)
    ]


def _arguments(invocation: psast.Node) -> list[psast.Node]:
    argument_list = next(c for c in invocation.children if c.type == "argument_list")
    expressions = next(c for c in argument_list.children if c.type == "argument_expression_list")
    return [c for c in expressions.named_children if c.type == "argument_expression"]


def _target_assignments(function: psast.Node) -> list[str]:
    return [
        psast.text(node)
        for node in psast.walk(function)
        if node.type == "assignment_expression" and psast.text(node).startswith("$target = ")
    ]


@pytest.mark.parametrize("name", sorted(SPECS))
def test_should_process_has_the_action_text_and_target_and_force_skips_it(name: str) -> None:
    spec = SPECS[name]
    function = public_function(name)
    if not spec["supportsShouldProcess"]:
        assert _invocations(function, "ShouldProcess") == []
        assert _target_assignments(function) == []
        return
    (call,) = _invocations(function, "ShouldProcess")
    target, action = _arguments(call)
    # A flow whose work is no operation (Invoke-AMSPLogout removes files) names its action.
    flow_action = (spec["flow"] or {}).get("action")
    expected = f"{name} ({flow_action or spec['operation']})"
    assert psast.literal(action) == spec["shouldProcessAction"] == expected
    assignments = _target_assignments(function)
    if spec["flow"] is None:
        target_parameter = spec["shouldProcessTarget"]
        bound = f"$PSBoundParameters['{target_parameter}']"
        secret = next(p["secret"] for p in spec["parameters"] if p["name"] == target_parameter)
        if secret:
            # Close-SSOSession's access token: -WhatIf and -Confirm show its length only.
            expected = f"$target = '**** (' + ([string]{bound}).Length + ' characters)'"
            assert assignments == [expected]
        else:
            assert assignments == [f"$target = [string]{bound}"]
    else:
        # The default first, then one assignment per target rule, in the rules' order.
        flow = spec["flow"]
        assert assignments[0] == f"$target = '{flow['defaultTarget']}'"
        rules = flow["targets"]
        assert len(assignments) == len(rules) + 1
        for rule, assignment in zip(rules, assignments[1:], strict=True):
            if "{}" in rule["template"]:
                assert f"[string]$PSBoundParameters['{rule['parameter']}']" in assignment
            else:  # a switch's rule (-All) is its text
                assert assignment == f"$target = '{rule['template']}'"
    assert psast.text(psast.unwrap(target)) == "$target"
    # The ShouldProcess call is guarded: skipped with -Force unless -WhatIf is in effect.
    guard = call.parent
    while guard is not None and guard.type != "if_statement":
        guard = guard.parent
    outer = guard.parent if guard is not None else None
    while outer is not None and outer.type != "if_statement":
        outer = outer.parent
    assert outer is not None
    condition = psast.text(outer).split("{", 1)[0]
    assert "$WhatIfPreference" in condition and "$Force.IsPresent" in condition


@pytest.mark.parametrize("name", sorted(SPECS))
def test_the_body_hands_the_bound_parameters_to_the_backend(name: str) -> None:
    function = public_function(name)
    commands = {c.name: c for c in psast.commands(function)}
    invoke = commands["Invoke-AwsTokenBridgeBackend"]
    assert set(invoke.parameters) == {"Cmdlet", "Parameters", "Caller"}
    assert psast.literal(invoke.arguments[0]) == name
    assert [psast.text(a) for a in invoke.arguments[1:]] == ["$parameters", "$PSCmdlet"]
    convert = commands["ConvertTo-AwsTokenBridgeParameter"]
    assert psast.text(convert.arguments[0]) == "$PSBoundParameters"


@pytest.mark.parametrize("name", sorted(SPECS))
def test_only_a_flow_with_a_prompt_asks_the_user_between_two_backend_calls(name: str) -> None:
    spec = SPECS[name]
    function = public_function(name)
    calls = [c for c in psast.commands(function) if c.name == "Invoke-AwsTokenBridgeBackend"]
    asks = [c for c in psast.commands(function) if c.name == "Read-Host"]
    prompt = (spec["flow"] or {}).get("prompt")
    if prompt is None:
        # A flow with an environment switch has a second call: its answer sets $env: variables.
        expected = 2 if (spec["flow"] or {}).get("environmentSwitch") else 1
        assert (len(calls), asks) == (expected, [])
        return
    (ask,) = asks
    first, second = calls
    assert first.line < ask.line < second.line
    assert (
        psast.literal(ask.arguments[0]) == prompt["prompt"] and "AsSecureString" in ask.parameters
    )
    guard = ask.node.parent
    while guard is not None and guard.type != "if_statement":
        guard = guard.parent
    assert guard is not None
    condition = psast.text(guard).split("{", 1)[0]
    assert f"${prompt['switch']}.IsPresent" in condition
    assert f"ContainsKey('{prompt['handleParameter']}')" in condition
    body = psast.text(guard)
    assert f"$pending = Invoke-AwsTokenBridgeBackend -Cmdlet '{name}'" in body
    assert f"$parameters['{prompt['valueParameter']}'] = Read-Host" in body
    handle = f"$parameters['{prompt['handleParameter']}'] = $pending.{prompt['handleProperty']}"
    assert handle in body
    # The second call is outside the guard: without the switch it is the only call.
    assert second.node.start_byte > guard.end_byte


# --- help ------------------------------------------------------------------------------------


def _help(name: str) -> list[tuple[str, str, str]]:
    comment = psast.help_comment(public_function(name))
    assert comment is not None, f"{name} has no comment-based help"
    return psast.help_sections(comment)


def _example_code(body: str) -> str:
    return body.split("\n\n", 1)[0]


@pytest.mark.parametrize("name", sorted(SPECS))
def test_each_function_has_complete_comment_based_help(name: str) -> None:
    spec = SPECS[name]
    sections = _help(name)
    by_keyword: dict[str, list[tuple[str, str]]] = {}
    for keyword, argument, body in sections:
        by_keyword.setdefault(keyword, []).append((argument, body))
    assert squash(by_keyword["SYNOPSIS"][0][1]) == squash(to_ascii(spec["synopsis"]))
    assert squash(by_keyword["DESCRIPTION"][0][1]) == squash(to_ascii(spec["description"]))
    documented = {argument: body for argument, body in by_keyword["PARAMETER"]}
    assert list(documented) == [p["name"] for p in spec["parameters"]]
    for param in spec["parameters"]:
        assert squash(documented[param["name"]]).startswith(squash(to_ascii(param["help"])))
    assert len(by_keyword["EXAMPLE"]) >= 1
    assert spec["outputType"] in by_keyword["OUTPUTS"][0][1]
    assert any("about_AwsTokenBridge" in body for _, body in by_keyword["LINK"])


@pytest.mark.parametrize("name", sorted(SPECS))
def test_every_example_is_windows_powershell_code(name: str) -> None:
    for keyword, _, body in _help(name):
        if keyword != "EXAMPLE":
            continue
        code = _example_code(body)
        tree = psast.parse(code)
        assert psast.problems(tree) == [], code
        assert [str(f) for f in seven_only(tree)] == [], code
        used = {c.name for c in psast.commands(tree.root_node)} & set(SPECS)
        assert name in used, code


def test_new_ssooidctoken_has_the_device_code_polling_loop_example() -> None:
    examples = [_example_code(b) for k, _, b in _help("New-SSOOIDCToken") if k == "EXAMPLE"]
    loops = [
        code
        for code in examples
        if "while (" in code
        and "AuthorizationPendingException" in code
        and "-DeviceCode" in code
        and "Start-SSOOIDCDeviceAuthorization" in code
    ]
    assert len(loops) == 1


def test_the_help_shows_a_select_caret_client_id_pipeline() -> None:
    found = []
    for name in SPECS:
        for keyword, _, body in _help(name):
            code = _example_code(body)
            if keyword == "EXAMPLE" and "-Select '^ClientId'" in code and "|" in code:
                found.append(name)
    assert "New-SSOOIDCToken" in found and "Start-SSOOIDCDeviceAuthorization" in found


# --- format file -----------------------------------------------------------------------------


def _views() -> dict[str, ET.Element]:
    root = ET.parse(FORMAT_FILE).getroot()
    return {view.findtext("Name") or "": view for view in root.iter("View")}


def test_there_is_a_list_view_for_every_output_type() -> None:
    views = _views()
    output_types = {
        name
        for spec in SPECS.values()
        for name, described in spec["outputTypes"].items()
        # A type that declares nothing (LogoutResponse) keeps PowerShell's default view.
        if any(p["selectable"] for p in described["properties"])
    }
    assert set(views) == output_types
    assert {
        "Amazon.SSOOIDC.Model.CreateTokenResponse",
        "Amazon.SSOOIDC.Model.CreateTokenWithIAMResponse",
        "Amazon.SSOOIDC.Model.RegisterClientResponse",
        "Amazon.SSOOIDC.Model.StartDeviceAuthorizationResponse",
        "Amazon.Signin.Model.CreateOAuth2TokenResponseBody",
        "Amazon.Signin.Model.CreateOAuth2TokenResponse",
        "Amazon.Signin.Model.AccessToken",
    } <= set(views)
    for name, view in views.items():
        assert view.findtext("ViewSelectedBy/TypeName") == name
        assert view.find("ListControl") is not None


def test_secret_properties_are_shown_masked_and_others_as_they_are() -> None:
    views = _views()
    types = {name: t for spec in SPECS.values() for name, t in spec["outputTypes"].items()}
    secrets_seen = set()
    for name, view in views.items():
        items = view.findall(".//ListItem")
        shown = [p for p in types[name]["properties"] if p["selectable"]]
        assert len(items) == len(shown)
        for item, prop in zip(items, shown, strict=True):
            script = item.findtext("ScriptBlock")
            if prop["secret"] and prop["type"] not in types:
                assert item.findtext("Label") == prop["name"]
                assert script is not None and "'**** ('" in script
                assert f"$_.{prop['name']}" in script
                secrets_seen.add(prop["name"])
            elif prop["type"] in types:
                assert script is not None and item.findtext("Label") == prop["name"]
            else:
                assert item.findtext("PropertyName") == prop["name"]
    assert {
        "AccessToken",
        "RefreshToken",
        "IdToken",
        "ClientSecret",
        "DeviceCode",
        "SecretAccessKey",
        "SessionToken",
    } <= secrets_seen


def test_nested_objects_mask_their_secrets() -> None:
    view = _views()["Amazon.Signin.Model.CreateOAuth2TokenResponseBody"]
    item = next(i for i in view.findall(".//ListItem") if i.findtext("Label") == "AccessToken")
    script = item.findtext("ScriptBlock") or ""
    assert "'AccessKeyId=' + (@($_.AccessToken.AccessKeyId) -join ', ')" in script
    for secret in ("SecretAccessKey", "SessionToken"):
        assert f"'{secret}=' + $(if ($null -eq $_.AccessToken.{secret})" in script


def test_every_view_script_block_is_windows_powershell_code() -> None:
    for view in _views().values():
        for script in view.iter("ScriptBlock"):
            tree = psast.parse(script.text or "")
            assert psast.problems(tree) == [], script.text
            assert [str(f) for f in seven_only(tree)] == [], script.text


# --- the private code ------------------------------------------------------------------------

#: The built-in commands the module calls, with the parameters it uses: each exists with these
#: parameters in Windows PowerShell 5.1 and in PowerShell 7.
BUILTIN_COMMANDS = {
    "ConvertFrom-Json": {"InputObject"},
    "Export-ModuleMember": {"Function"},
    "ForEach-Object": set(),
    "Get-ChildItem": {"LiteralPath", "Filter", "File"},
    "Get-Command": {"Name", "CommandType"},
    "Get-Event": {"SourceIdentifier"},
    "Import-PowerShellDataFile": {"LiteralPath"},
    "Join-Path": {"Path", "ChildPath"},
    "New-Object": {"TypeName", "ArgumentList", "Property"},
    "Read-Host": {"Prompt", "AsSecureString"},
    "Register-ObjectEvent": {"InputObject", "EventName", "SourceIdentifier"},
    "Remove-Event": {"EventIdentifier"},
    "Remove-Item": {"LiteralPath", "Recurse", "Force"},
    "Resolve-Path": {"LiteralPath"},
    "Select-Object": {"First", "Last", "Skip"},
    "Sort-Object": {"Property"},
    "Split-Path": {"Path", "Parent"},
    "Test-Path": {"LiteralPath", "PathType"},
    "Unregister-Event": {"SourceIdentifier"},
    "Where-Object": set(),
    "Write-Debug": {"Message"},
    "Write-Information": {"MessageData", "Tags"},
    "Write-Progress": {"Activity", "Status", "PercentComplete", "Id", "Completed"},
    "Write-Verbose": {"Message"},
    "Write-Warning": {"Message"},
}
COMMON = {"ErrorAction", "WarningAction", "Verbose", "Debug", "InformationAction"}


def _module_functions() -> dict[str, psast.Node]:
    found: dict[str, psast.Node] = {}
    for path in CODE_FILES:
        found.update(psast.functions(psast.parse_file(path).root_node))
    return found


def _bind(command: psast.Command, switches: set[str]) -> tuple[set[str], int]:
    """``(parameters given, positional arguments)`` of one call."""
    elements = next((c for c in command.node.named_children if c.type == "command_elements"), None)
    given: set[str] = set()
    positional = 0
    expecting_value = False
    for element in elements.named_children if elements else []:
        if element.type == "command_argument_sep":
            if ":" in psast.text(element):
                expecting_value = True
            continue
        if element.type == "command_parameter":
            name = psast.text(element).lstrip("-").rstrip(":")
            given.add(name)
            expecting_value = name not in switches
        elif expecting_value:
            expecting_value = False
        else:
            positional += 1
    return given, positional


def test_the_module_calls_only_commands_that_exist_with_parameters_they_declare() -> None:
    functions = _module_functions()
    declared = {
        name: {p.name: p for p in psast.function_parameters(node)}
        for name, node in functions.items()
    }
    problems = []
    for path in CODE_FILES:
        for command in psast.commands(psast.parse_file(path).root_node):
            where = f"{relative(path)}:{command.line} {command.name}"
            if command.name.startswith("$") or not command.name:
                continue  # dot-sourcing a file
            if command.name in declared:
                params = declared[command.name]
                switches = {n for n, p in params.items() if p.type == "switch"}
                given, positional = _bind(command, switches)
                splatted = any(psast.text(a).startswith("@") for a in command.arguments)
                unknown = given - set(params) - COMMON
                missing = {
                    n
                    for n, p in params.items()
                    if any(a.named.get("Mandatory") for a in p.attribute("Parameter"))
                } - given
                if unknown or positional or (missing and not splatted):
                    problems.append(
                        f"{where}: unknown {unknown}, positional {positional}, missing {missing}"
                    )
            elif command.name in BUILTIN_COMMANDS:
                unknown = set(command.parameters) - BUILTIN_COMMANDS[command.name] - COMMON
                if unknown:
                    problems.append(f"{where}: parameters not checked for 5.1 and 7: {unknown}")
            else:
                problems.append(f"{where}: not a module function nor a known built-in command")
    assert problems == [], "\n".join(problems)


def test_every_private_function_has_a_synopsis() -> None:
    for name, node in _module_functions().items():
        if name in SPECS:
            continue
        comment = psast.help_comment(node)
        assert comment is not None and any(
            k == "SYNOPSIS" for k, _, _ in psast.help_sections(comment)
        ), name


def test_the_common_parameters_the_module_drops_are_powershells() -> None:
    tree = psast.parse_file(MODULE / "Private" / "Parameters.ps1")
    assignment = next(
        n
        for n in psast.walk(tree.root_node)
        if n.type == "assignment_expression"
        and psast.text(n).startswith("$script:CommonParameterNames")
    )
    names = psast.literal(assignment.named_children[-1])
    assert names == list(COMMON_PARAMETERS)
    assert {n.casefold() for n in POWERSHELL_COMMON_PARAMETERS} <= {n.casefold() for n in names}


def test_information_messages_are_shown_unless_the_caller_asks_otherwise() -> None:
    # What a sign-in needs the user to see: SilentlyContinue (the default) becomes Continue;
    # Ignore, Stop and Inquire are left as the caller set them.
    function = _module_functions()["Write-AwsTokenBridgeLog"]
    (write,) = [c for c in psast.commands(function) if c.name == "Write-Information"]
    assert set(write.parameters) == {"MessageData", "Tags", "InformationAction"}
    body = psast.text(function)
    assert "if ($action -eq 'SilentlyContinue') {" in body
    assert "$action = 'Continue'" in body and "$action = $InformationPreference" in body


def test_the_cancel_path_runs_no_powershell_commands_and_no_loops() -> None:
    # While a pipeline stops (Ctrl+C), commands refuse to run and every loop iteration throws:
    # the finally block that cancels the request must be straight-line .NET calls.
    function = _module_functions()["Receive-AwsTokenBridgeAnswer"]
    finally_clause = next(n for n in psast.walk(function) if n.type == "finally_clause")
    assert psast.commands(finally_clause) == []
    loops = ("while_statement", "for_statement", "foreach_statement", "do_statement")
    assert [n.type for n in psast.walk(finally_clause) if n.type in loops] == []
    body = psast.text(finally_clause)
    assert '"method":"$/cancelRequest"' in body and "$Connection.Writer.Flush()" in body


def test_the_request_loop_reads_only_its_own_answer() -> None:
    # What makes skipping the drain safe: late lines of a cancelled request are not taken.
    function = _module_functions()["Receive-AwsTokenBridgeAnswer"]
    body = psast.text(function)
    assert "$message.params.id -eq $Id" in body
    assert "elseif ($message.id -eq $Id)" in body


def test_the_backend_is_started_with_an_arguments_string_and_utf8_without_bom() -> None:
    functions = _module_functions()
    backend = psast.text(functions["New-AwsTokenBridgeStartInfo"])
    assert "'-m', 'py_backend', 'rpc'" in backend
    assert "New-AwsTokenBridgePythonStartInfo -FileName $Python.FileName" in backend
    # Every Python the module starts (the backend, and the probes and pip runs of the private
    # environment) gets the same start info.
    body = psast.text(functions["New-AwsTokenBridgePythonStartInfo"])
    assert "$startInfo.Arguments = ConvertTo-AwsTokenBridgeCommandLine" in body
    assert "[System.Text.UTF8Encoding]::new($false)" in body
    for stream in ("Input", "Output", "Error"):
        assert f"$startInfo.RedirectStandard{stream} = $true" in body


def test_the_module_stops_the_backend_when_it_is_removed() -> None:
    tree = psast.parse_file(MODULE / "AwsTokenBridge.psm1")
    assignment = next(
        n
        for n in psast.walk(tree.root_node)
        if n.type == "assignment_expression"
        and psast.text(n).startswith("$ExecutionContext.SessionState.Module.OnRemove")
    )
    assert [c.name for c in psast.commands(assignment)] == ["Stop-AwsTokenBridgeBackend"]


@pytest.mark.parametrize("path", ALL_FILES, ids=relative)
def test_method_calls_are_not_bare_command_arguments(path: Path) -> None:
    # `Cmd -Value $x.Method()` is one argument to PowerShell but two to the grammar, which
    # would hide it from the checks above: such calls are parenthesized or assigned first.
    tree = psast.parse_file(path)
    bare = [
        f"{node.start_point[0] + 1}: {psast.text(node.parent)[:60]}"
        for node in psast.walk(tree.root_node)
        if node.type == "argument_list"
        and node.parent is not None
        and node.parent.type == "command_elements"
    ]
    assert bare == []


# --- build.ps1 and the analyzer settings -----------------------------------------------------


def test_build_script_has_the_five_tasks_and_builds_with_the_generator() -> None:
    tree = psast.parse_file(BUILD_SCRIPT)
    parameters = {p.name: p for p in psast.script_parameters(tree.root_node)}
    (validate,) = parameters["Task"].attribute("ValidateSet")
    assert set(validate.positional) == {"Build", "Test", "Analyze", "Package", "Demo"}
    text = BUILD_SCRIPT.read_text()
    assert "'py_backend.psmodule', 'generate'" in text
    assert "Invoke-ScriptAnalyzer" in text and "Invoke-Pester" in text


def test_the_analyzer_checks_compatibility_with_5_1_and_7() -> None:
    settings = psast.data_file(PESTER / "PSScriptAnalyzerSettings.psd1")
    rules = settings["Rules"]
    assert {"5.1", "7.0"} <= set(rules["PSUseCompatibleSyntax"]["TargetVersions"])
    for rule in ("PSUseCompatibleCommands", "PSUseCompatibleTypes"):
        profiles = rules[rule]["TargetProfiles"]
        assert any("_5.1." in p and p.endswith("_framework") for p in profiles), rule
        assert any("_7." in p and p.endswith("_core") for p in profiles), rule
