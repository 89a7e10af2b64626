"""Reading SSO / login profile settings; writing them without disturbing the file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from py_backend.config.context import ConfigContext
from py_backend.config.shared_files import get_profile, get_sso_session
from py_backend.errors import ConfigurationError, ParamValidationError, ProfileNotFound
from py_backend.flows.config_writer import set_section_values, update_config_section
from py_backend.flows.profiles import (
    SSOSettings,
    check_login_profile,
    login_session_of,
    parse_registration_scopes,
    sso_settings,
    write_login_profile,
    write_sso_profile,
)

CONFIG = """\
# my settings
[default]
region = eu-west-1

[profile dev]
sso_session = corp
sso_account_id = 123456789012

[profile legacy]
sso_start_url = https://d-legacy.awsapps.com/start
sso_region = us-west-2

[profile broken]
sso_start_url = https://d-broken.awsapps.com/start

[sso-session corp]
sso_start_url = https://d-corp.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access, ,openid

[sso-session bare]
sso_start_url = https://d-bare.awsapps.com/start
sso_region = us-east-1

[profile console]
login_session = arn:aws:sts::123456789012:assumed-role/Admin/admin
"""


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config"
    path.write_text(CONFIG)
    return path


def context(config: Path, profile: str | None = None) -> ConfigContext:
    return ConfigContext.from_environ({}, profile=profile, config_file=config)


def test_an_sso_session_profile_reads_its_session(config: Path) -> None:
    assert sso_settings(context(config, "dev")) == SSOSettings(
        "https://d-corp.awsapps.com/start",
        "us-east-1",
        "corp",
        ("sso:account:access", "openid"),
    )


def test_a_session_without_scopes_has_none(config: Path) -> None:
    assert sso_settings(context(config), sso_session="bare").scopes is None


def test_a_legacy_profile_has_no_session(config: Path) -> None:
    assert sso_settings(context(config, "legacy")) == SSOSettings(
        "https://d-legacy.awsapps.com/start", "us-west-2"
    )


def test_missing_settings_are_named(config: Path) -> None:
    with pytest.raises(ConfigurationError, match="sso_region") as raised:
        sso_settings(context(config, "broken"))
    assert "aws configure sso" in str(raised.value)
    with pytest.raises(ConfigurationError, match='sso-session does not exist: "nope"'):
        sso_settings(context(config), sso_session="nope")
    with pytest.raises(ProfileNotFound):
        sso_settings(context(config, "absent"))


def test_scopes_are_comma_separated() -> None:
    assert parse_registration_scopes(" a ,b,, c ") == ["a", "b", "c"]


def test_login_sessions_are_read(config: Path) -> None:
    assert login_session_of(context(config, "console")) == (
        "arn:aws:sts::123456789012:assumed-role/Admin/admin"
    )
    assert login_session_of(context(config, "dev")) is None


def test_profiles_with_other_credentials_cannot_become_login_profiles(config: Path) -> None:
    with pytest.raises(ConfigurationError, match="SSO credentials"):
        check_login_profile(context(config), "dev")
    check_login_profile(context(config), "console")
    check_login_profile(context(config), "new-one")


def test_writing_a_login_profile_keeps_everything_else(config: Path) -> None:
    ctx = context(config)
    write_login_profile(ctx, "work", "arn:aws:iam::111122223333:user/me", "us-west-2")
    write_login_profile(ctx, "default", "arn:aws:iam::111122223333:user/me", "us-west-2")
    text = config.read_text()
    assert text.startswith(CONFIG.split("[sso-session corp]")[0].split("region =")[0])
    work = get_profile(ctx, "work")
    assert work == {"login_session": "arn:aws:iam::111122223333:user/me", "region": "us-west-2"}
    default = get_profile(ctx, "default")
    assert default["region"] == "eu-west-1"  # an existing region is left alone
    assert default["login_session"] == "arn:aws:iam::111122223333:user/me"
    assert get_sso_session(ctx, "corp")["sso_registration_scopes"] == "sso:account:access, ,openid"
    assert "# my settings" in text


def test_writing_an_sso_profile_adds_the_session(config: Path) -> None:
    ctx = context(config)
    settings = SSOSettings("https://d-new.awsapps.com/start", "eu-central-1", "new", ("a", "b"))
    write_sso_profile(ctx, "fresh", settings)
    assert get_profile(ctx, "fresh") == {"sso_session": "new"}
    assert get_sso_session(ctx, "new") == {
        "sso_start_url": "https://d-new.awsapps.com/start",
        "sso_region": "eu-central-1",
        "sso_registration_scopes": "a,b",
    }
    write_sso_profile(ctx, "old-style", SSOSettings("https://d-x.awsapps.com/start", "us-east-1"))
    assert get_profile(ctx, "old-style")["sso_start_url"] == "https://d-x.awsapps.com/start"


def test_values_replace_their_line_and_nested_blocks() -> None:
    text = "[profile a]\nregion = x\ns3 =\n  max = 1\nlast = y\n\n[profile b]\nregion = z\n"
    updated = set_section_values(text, "profile a", {"s3": "plain", "region": "new"})
    assert updated == (
        "[profile a]\nregion = new\ns3 = plain\nlast = y\n\n[profile b]\nregion = z\n"
    )


def test_missing_values_go_after_the_last_setting_of_the_section() -> None:
    text = "[profile a]\nregion = x\n\n# about b\n[profile b]\n"
    updated = set_section_values(text, "profile a", {"output": "json"})
    assert updated == "[profile a]\nregion = x\noutput = json\n\n# about b\n[profile b]\n"


def test_quoted_and_spaced_headers_are_found() -> None:
    text = '[ profile "my name" ]\nregion = x'
    assert set_section_values(text, "profile my name", {"region": "y"}) == (
        '[ profile "my name" ]\nregion = y\n'
    )


def test_line_breaks_in_values_are_refused() -> None:
    with pytest.raises(ParamValidationError) as raised:
        set_section_values("", "default", {"region": "x\n[evil]"})
    assert raised.value.parameters == ("region",)


@pytest.mark.skipif(os.name == "nt", reason="POSIX mode bits")
def test_a_new_config_file_is_private_and_an_old_one_keeps_its_mode(tmp_path: Path) -> None:
    fresh = tmp_path / "new" / "config"
    update_config_section(fresh, "default", {"region": "x"})
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    assert fresh.read_text() == "[default]\nregion = x\n"
    shared = tmp_path / "shared"
    shared.write_text("[default]\n")
    shared.chmod(0o644)
    update_config_section(shared, "default", {"region": "x"})
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644
