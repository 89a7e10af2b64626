"""The module generator (``python -m py_backend.psmodule``): drift, text rules, wire rules."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from py_backend.cmdlets import describe_cmdlets, find_cmdlet
from py_backend.psmodule import check, generate, render_module
from py_backend.psmodule.__main__ import main
from py_backend.psmodule.samples import SAMPLES, sample_params
from py_backend.psmodule.text import check_help_lines, single_quoted, to_ascii, wrap
from py_backend.psmodule.wire import COMMON_PARAMETERS, invoke_parameters, to_json
from tests.module.paths import MODULE
from tests.module.paths import SAMPLES as SAMPLES_FILE


def test_the_committed_files_equal_a_fresh_generation() -> None:
    drifts = check(MODULE, SAMPLES_FILE)
    assert [d.diff for d in drifts] == []


@pytest.fixture
def module_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "module"
    shutil.copytree(MODULE, copy)
    return copy


def test_check_reports_a_changed_file_with_a_diff(module_copy: Path) -> None:
    target = module_copy / "Public" / "New-SSOOIDCToken.ps1"
    target.write_text(
        target.read_text().replace("ConfirmImpact = 'Medium'", "ConfirmImpact = 'Low'")
    )
    (drift,) = check(module_copy)
    assert drift.path == target
    binding = (
        "[CmdletBinding(SupportsShouldProcess, ConfirmImpact = '{}', PositionalBinding = $false)]"
    )
    assert "-    " + binding.format("Low") in drift.diff
    assert "+    " + binding.format("Medium") in drift.diff


def test_check_reports_missing_and_stale_files(module_copy: Path) -> None:
    (module_copy / "AwsTokenBridge.Format.ps1xml").unlink()
    stale = module_copy / "Public" / "Get-Nothing.ps1"
    stale.write_text("function Get-Nothing {}\n")
    paths = {d.path for d in check(module_copy)}
    assert paths == {module_copy / "AwsTokenBridge.Format.ps1xml", stale}


def test_generate_repairs_the_drift_and_then_check_passes(module_copy: Path) -> None:
    target = module_copy / "AwsTokenBridge.psd1"
    target.write_text("@{}\n")
    stale = module_copy / "Public" / "Get-Nothing.ps1"
    stale.write_text("function Get-Nothing {}\n")
    changed = generate(module_copy)
    assert set(changed) == {target, stale}
    assert not stale.exists()
    assert check(module_copy) == []
    assert generate(module_copy) == []


def test_the_command_line_check_exits_1_with_the_diff(
    module_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["generate", "--check", "--module-dir", str(module_copy)]) == 0
    (module_copy / "Public" / "New-SSOOIDCToken.ps1").write_text("# edited\n")
    assert main(["generate", "--check", "--module-dir", str(module_copy)]) == 1
    captured = capsys.readouterr()
    assert "+function New-SSOOIDCToken {" in captured.out
    assert "python -m py_backend.psmodule generate" in captured.err


def test_every_generated_file_is_ascii_with_lf_line_ends() -> None:
    for path, content in render_module().items():
        content.encode("ascii")
        assert "\r" not in content, path
        assert content.endswith("\n") and not content.endswith("\n\n"), path


def test_render_module_has_one_function_file_per_cmdlet() -> None:
    files = render_module()
    names = sorted(spec["name"] for spec in describe_cmdlets())
    assert (
        sorted(
            p.removeprefix("Public/").removesuffix(".ps1") for p in files if p.startswith("Public/")
        )
        == names
    )


# --- text ------------------------------------------------------------------------------------


def test_to_ascii_replaces_typographic_characters_and_refuses_others() -> None:
    assert to_ascii("\u2022 a \u2019b\u2019 \u2014 c") == "* a 'b' - c"
    with pytest.raises(ValueError, match="U\\+00E9"):
        to_ascii("caf\u00e9")


def test_single_quoted_doubles_quotes_and_expands_nothing() -> None:
    assert single_quoted("it's $x") == "'it''s $x'"


def test_wrap_keeps_paragraphs_and_list_indentation() -> None:
    lines = wrap("first paragraph\n  1. an item that is long enough to wrap around", 24)
    assert lines[0] == "first paragraph"
    assert lines[1].startswith("  1. ")
    assert all(line.startswith("    ") for line in lines[2:])
    assert all(len(line) <= 24 for line in lines)


@pytest.mark.parametrize("line", ["text #> more", ".EXAMPLE", "  .Parameter Name"])
def test_help_lines_that_would_break_the_comment_are_refused(line: str) -> None:
    with pytest.raises(ValueError):
        check_help_lines([line])


@pytest.mark.parametrize("line", [".NET types", "  .NET", ".Foo bar"])
def test_help_lines_that_start_with_an_unknown_keyword_are_refused(line: str) -> None:
    # PowerShell reads ".word " at a line's start as a keyword; an unknown one makes it drop
    # the whole comment-based help (Get-Help then shows only the syntax).
    with pytest.raises(ValueError, match="unknown help keyword"):
        check_help_lines([line])


def test_help_lines_with_dots_that_are_not_read_as_keywords_are_fine() -> None:
    check_help_lines([".NET. types", "a.b", ".\\script.ps1", "uses .NET types"])


def test_wrap_never_starts_a_line_with_a_dotted_word() -> None:
    text = "the exception carries the .NET exception type and the .Message property"
    lines = wrap(text, 30)
    assert not [line for line in lines if line.lstrip().startswith(".")]
    assert " ".join(lines).split() == text.split()
    check_help_lines(lines)


# --- what the module sends -------------------------------------------------------------------


def test_common_parameters_are_not_sent_and_aliases_become_names() -> None:
    spec = find_cmdlet("Register-SSOOIDCClient")
    assert spec is not None
    sent = invoke_parameters(
        spec,
        {
            "ClientName": "x",
            "GrantTypes": "authorization_code",
            "RegionToCall": "us-east-1",
            "Verbose": True,
            "WhatIf": True,
        },
    )
    assert sent == {"ClientName": "x", "GrantType": ["authorization_code"], "Region": "us-east-1"}
    assert "Verbose" in COMMON_PARAMETERS and "WhatIf" in COMMON_PARAMETERS


def test_switches_are_booleans_and_credentials_are_key_sets() -> None:
    spec = find_cmdlet("New-SSOOIDCToken")
    assert spec is not None
    sent = invoke_parameters(
        spec,
        {"Force": True, "PassThru": False, "Credential": {"AccessKey": "a", "SecretKey": "s"}},
    )
    assert sent == {
        "Force": True,
        "PassThru": False,
        "Credential": {"AccessKey": "a", "SecretKey": "s", "Token": None},
    }


def test_a_piped_object_bound_to_credential_is_left_out_but_a_given_one_is_sent() -> None:
    spec = find_cmdlet("New-SSOOIDCToken")
    assert spec is not None
    piped = {"ClientId": "c", "Credential": {"ClientId": "c"}}
    assert invoke_parameters(spec, piped, piped={"ClientId", "Credential"}) == {"ClientId": "c"}
    assert invoke_parameters(spec, piped, piped={"ClientId"}) == piped


def test_network_credentials_never_carry_the_password() -> None:
    spec = find_cmdlet("New-SSOOIDCToken")
    assert spec is not None
    sent = invoke_parameters(spec, {"NetworkCredential": {"UserName": "u", "Password": "p"}})
    assert sent == {"NetworkCredential": {"UserName": "u"}}


def test_the_json_is_compact_ascii_with_sorted_keys() -> None:
    assert to_json({"b": 1, "a": ["\u00e9", None, True]}) == '{"a":["\\u00e9",null,true],"b":1}'


def test_the_samples_fixture_covers_pipeline_aliases_switches_and_context() -> None:
    fixture = json.loads(SAMPLES_FILE.read_text())
    assert [entry["name"] for entry in fixture] == [s.name for s in SAMPLES]
    params = [json.loads(entry["params"]) for entry in fixture]
    assert any(p["parameters"].get("Force") is True for p in params)
    assert any(p["parameters"].get("PassThru") is False for p in params)
    assert any(p["parameters"].get("Scope") == ["openid"] for p in params)
    assert any(p["context"]["storedCredentials"] == {"ProfileName": "my-profile"} for p in params)
    piped_object = next(s for s in SAMPLES if isinstance(s.pipeline, dict))
    sent = sample_params(piped_object)["parameters"]
    assert sent["ClientId"] == "client-id-1" and "Credential" not in sent and "Interval" not in sent
