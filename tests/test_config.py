"""Configuration resolution, checked against botocore as the oracle.

Every test runs in a scrubbed environment: no AWS_* variables from the machine, HOME in a
temporary folder, instance metadata disabled, so neither botocore nor py_backend can read the
developer's files or reach the network. botocore's clients never send: a ``before-send``
handler captures the URL and stops the request.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import botocore.configloader
import botocore.exceptions
import botocore.session
import pytest
from botocore.config import Config

from py_backend.auth.credentials import Credentials
from py_backend.config import (
    ConfigContext,
    get_profile,
    get_sso_session,
    load_shared_files,
    resolve_client_settings,
    resolve_credentials,
    resolve_region,
)
from py_backend.config.client_settings import _Lookup
from py_backend.config.context import expand_path
from py_backend.config.credential_process import parse_process_output, split_command
from py_backend.config.credentials_chain import standard_providers
from py_backend.errors import (
    ConfigurationError,
    CredentialProcessError,
    ParamValidationError,
    ProfileNotFound,
)

SERVICES = ("sso-oidc", "signin")


@dataclass
class Files:
    """The temporary shared files of one test."""

    root: Path
    config: Path
    credentials: Path

    def write(self, config: str | None = None, credentials: str | None = None) -> None:
        if config is not None:
            self.config.write_text(config, encoding="utf-8")
        if credentials is not None:
            self.credentials.write_text(credentials, encoding="utf-8")


@pytest.fixture(autouse=True)
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Files]:
    """An environment with nothing from the machine in it, and paths for the two files."""
    for name in list(os.environ):
        if name.startswith(("AWS_", "BOTO")):
            monkeypatch.delenv(name)
    home = tmp_path / "home"
    home.mkdir()
    found = Files(tmp_path, tmp_path / "config", tmp_path / "credentials")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("BOTO_CONFIG", str(tmp_path / "no-boto-config"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(found.config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(found.credentials))
    yield found


def context(profile: str | None = None) -> ConfigContext:
    return ConfigContext.from_environ(profile=profile)


# ---------------------------------------------------------------- oracle helpers


def our_credentials(
    profile: str | None = None, access_key: str | None = None, secret_key: str | None = None
) -> tuple[str, ...] | None:
    found = resolve_credentials(context(profile), access_key=access_key, secret_key=secret_key)
    return None if found is None else _plain(found)


def _plain(found: Credentials) -> tuple[str, ...]:
    token = found.session_token.get_secret_value() if found.session_token else ""
    return (found.access_key, found.secret_key.get_secret_value(), token, found.source)


def botocore_credentials(profile: str | None = None) -> tuple[str, ...] | None:
    found = botocore.session.Session(profile=profile).get_credentials()
    if found is None:
        return None
    frozen = found.get_frozen_credentials()
    return (frozen.access_key, frozen.secret_key, frozen.token or "", found.method)


def sent_url(client: Any) -> str:
    """The URL botocore would send RegisterClient/CreateOAuth2Token to (nothing is sent)."""

    class Captured(Exception):
        pass

    def capture(request: Any, **_: Any) -> None:
        raise Captured(request.url)

    client.meta.events.register("before-send", capture)
    with pytest.raises(Captured) as captured:
        if client.meta.service_model.service_name == "sso-oidc":
            client.register_client(clientName="test", clientType="public")
        else:
            client.create_o_auth2_token(
                tokenInput={"clientId": "c", "grantType": "refresh_token", "refreshToken": "r"}
            )
    return str(captured.value)


def botocore_client(service: str, profile: str | None = None, **kwargs: Any) -> Any:
    kwargs.setdefault("region_name", "us-east-1")
    return botocore.session.Session(profile=profile).create_client(service, **kwargs)


# ---------------------------------------------------------------- credentials

ENV_KEYS = {"AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret"}
CREDS_FILE = """\
[default]
aws_access_key_id = AKIDCREDSDEFAULT
aws_secret_access_key = creds-default-secret

[dev]
aws_access_key_id = AKIDCREDSDEV
aws_secret_access_key = creds-dev-secret
aws_session_token = creds-dev-token
"""
CONFIG_FILE = """\
[default]
region = eu-west-1

[profile dev]
region = ap-southeast-2
aws_access_key_id = AKIDCONFIGDEV
aws_secret_access_key = config-dev-secret

[profile only-config]
aws_access_key_id = AKIDONLYCONFIG
aws_secret_access_key = only-config-secret
aws_security_token = security-token
aws_session_token = session-token
"""

CREDENTIAL_CASES = {
    "nothing": ({}, None, "", ""),
    "env": (ENV_KEYS, None, "", ""),
    "env token variables": (
        {**ENV_KEYS, "AWS_SESSION_TOKEN": "session", "AWS_SECURITY_TOKEN": "security"},
        None,
        "",
        "",
    ),
    "env beats credentials file": (ENV_KEYS, None, CONFIG_FILE, CREDS_FILE),
    "AWS_PROFILE keeps env": ({**ENV_KEYS, "AWS_PROFILE": "dev"}, None, CONFIG_FILE, CREDS_FILE),
    "explicit profile skips env": (ENV_KEYS, "dev", CONFIG_FILE, CREDS_FILE),
    "credentials file beats config file": ({"AWS_PROFILE": "dev"}, None, CONFIG_FILE, CREDS_FILE),
    "config file": ({}, "dev", CONFIG_FILE, ""),
    "config file security token first": ({}, "only-config", CONFIG_FILE, CREDS_FILE),
    "default from credentials file": ({}, None, CONFIG_FILE, CREDS_FILE),
    "AWS_DEFAULT_PROFILE beats AWS_PROFILE": (
        {"AWS_DEFAULT_PROFILE": "dev", "AWS_PROFILE": "default"},
        None,
        CONFIG_FILE,
        CREDS_FILE,
    ),
    "no default profile": ({}, None, "[profile dev]\nregion = us-east-1\n", ""),
    "uppercase setting names": (
        {},
        None,
        "",
        "[default]\nAWS_ACCESS_KEY_ID = AKIDUPPER\nAWS_Secret_Access_Key = upper-secret\n",
    ),
    "quoted profile name": (
        {"AWS_PROFILE": "my profile"},
        None,
        '[profile "my profile"]\naws_access_key_id = AKIDQ\naws_secret_access_key = q-secret\n',
        "",
    ),
}


@pytest.mark.parametrize("case", CREDENTIAL_CASES)
def test_credential_chain_matches_botocore(
    case: str, files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    environ, profile, config, credentials = CREDENTIAL_CASES[case]
    files.write(config, credentials)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert our_credentials(profile) == botocore_credentials(profile)


def test_credentials_file_profile_section_is_not_a_profile(files: Files) -> None:
    # In the credentials file "[profile dev]" is a profile named "profile dev".
    files.write("", "[profile dev]\naws_access_key_id = A\naws_secret_access_key = s\n")
    with pytest.raises(botocore.exceptions.ProfileNotFound):
        botocore_credentials("dev")
    with pytest.raises(ProfileNotFound):
        our_credentials("dev")
    assert our_credentials("profile dev") == botocore_credentials("profile dev")


@pytest.mark.parametrize("how", ["explicit", "AWS_PROFILE", "AWS_DEFAULT_PROFILE"])
def test_missing_profile_is_an_error_like_botocore(
    how: str, files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    files.write(CONFIG_FILE, CREDS_FILE)
    for name, value in ENV_KEYS.items():
        monkeypatch.setenv(name, value)
    profile = "nope" if how == "explicit" else None
    if how != "explicit":
        monkeypatch.setenv(how, "nope")
    with pytest.raises(botocore.exceptions.ProfileNotFound) as theirs:
        botocore_credentials(profile)
    with pytest.raises(ProfileNotFound) as ours:
        our_credentials(profile)
    assert str(ours.value) == str(theirs.value)
    with pytest.raises(ProfileNotFound):
        resolve_region(context(profile))
    with pytest.raises(ProfileNotFound):
        resolve_client_settings("sso-oidc", context(profile))


def test_explicit_credentials_win_over_everything(
    files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    files.write(CONFIG_FILE, CREDS_FILE)
    for name, value in ENV_KEYS.items():
        monkeypatch.setenv(name, value)
    client = botocore_client(
        "sso-oidc", aws_access_key_id="AKIDX", aws_secret_access_key="x-secret"
    )
    theirs = client._request_signer._credentials
    ours = our_credentials(access_key="AKIDX", secret_key="x-secret")
    assert ours == (theirs.access_key, theirs.secret_key, "", theirs.method)


@pytest.mark.parametrize(
    "given",
    [{"aws_access_key_id": "AKIDX"}, {"aws_secret_access_key": "x-secret"}],
    ids=["key only", "secret only"],
)
def test_partial_explicit_credentials_match_botocore_text(given: dict[str, str]) -> None:
    with pytest.raises(botocore.exceptions.PartialCredentialsError) as theirs:
        botocore_client("sso-oidc", **given)
    with pytest.raises(ConfigurationError) as ours:
        our_credentials(
            access_key=given.get("aws_access_key_id"),
            secret_key=given.get("aws_secret_access_key"),
        )
    assert str(ours.value) == str(theirs.value)
    assert "x-secret" not in str(ours.value)


def test_lone_session_token_is_ignored_like_botocore(files: Files) -> None:
    files.write("", CREDS_FILE)
    ours = resolve_credentials(context(), session_token="tok")
    assert ours is not None
    assert _plain(ours) == botocore_credentials()


@pytest.mark.parametrize(
    ("environ", "credentials"),
    [
        ({"AWS_ACCESS_KEY_ID": "AKIDENV"}, ""),
        ({}, "[default]\naws_access_key_id = AKIDFILE\n"),
    ],
    ids=["env", "shared-credentials-file"],
)
def test_partial_stored_credentials_match_botocore_text(
    environ: dict[str, str], credentials: str, files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    files.write("", credentials)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(botocore.exceptions.PartialCredentialsError) as theirs:
        botocore_credentials()
    with pytest.raises(ConfigurationError) as ours:
        our_credentials()
    assert str(ours.value) == str(theirs.value)


def test_context_reads_the_environment_only_once(
    files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    frozen = context()
    for name, value in ENV_KEYS.items():
        monkeypatch.setenv(name, value)
    assert resolve_credentials(frozen) is None
    assert resolve_credentials(context()) is not None


def test_injected_environment_is_used_instead_of_os_environ(files: Files) -> None:
    files.write("", CREDS_FILE)
    injected = ConfigContext.from_environ(
        {**ENV_KEYS, "AWS_SHARED_CREDENTIALS_FILE": str(files.credentials)}
    )
    found = resolve_credentials(injected)
    assert found is not None
    assert (found.access_key, found.source) == (ENV_KEYS["AWS_ACCESS_KEY_ID"], "env")
    assert "env-secret" not in repr(injected)
    assert "env-secret" not in repr(found)


def test_profile_sources_keep_the_shared_files_keys_out_of_their_repr(files: Files) -> None:
    files.write(CONFIG_FILE, CREDS_FILE)
    seen: list[Any] = []
    resolve_credentials(context("dev"), providers=[lambda found: seen.append(found)])
    (sources,) = seen
    assert sources.profile["aws_secret_access_key"] == "creds-dev-secret"
    for secret in ("creds-dev-secret", "creds-dev-token", "config-dev-secret"):
        assert secret not in repr(sources)
        assert secret not in repr(sources.files)


# ---------------------------------------------------------------- credential_process


def process_command(root: Path, stdout: str, code: int = 0, stderr: str = "") -> str:
    """A credential_process command line running a script that prints ``stdout``."""
    script = root / f"process-{abs(hash((stdout, code, stderr)))}.py"
    script.write_text(
        "import sys\n"
        f"sys.stdout.write({stdout!r})\n"
        f"sys.stderr.write({stderr!r})\n"
        f"sys.exit({code})\n",
        encoding="utf-8",
    )
    return f'"{sys.executable}" "{script}"'


def process_json(**overrides: object) -> str:
    later = datetime.now(timezone.utc) + timedelta(hours=1)
    document: dict[str, object] = {
        "Version": 1,
        "AccessKeyId": "AKIDPROCESS",
        "SecretAccessKey": "process-secret",
        "SessionToken": "process-token",
        "Expiration": later.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    document.update(overrides)
    return json.dumps({k: v for k, v in document.items() if v is not None})


@pytest.mark.parametrize("where", ["config", "credentials"])
def test_credential_process_matches_botocore(where: str, files: Files) -> None:
    command = process_command(files.root, process_json())
    section = f"credential_process = {command}\n"
    if where == "config":
        files.write(f"[profile p]\n{section}", "")
    else:
        files.write("", f"[p]\n{section}")
    assert our_credentials("p") == botocore_credentials("p")


def test_credential_process_order_matches_botocore(files: Files) -> None:
    command = process_command(files.root, process_json(Expiration=None, SessionToken=None))
    files.write(
        "[profile both]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = c-secret\n"
        f"credential_process = {command}\n"
        f"[profile creds]\ncredential_process = {command}\n",
        "[creds]\naws_access_key_id = AKIDCREDS\naws_secret_access_key = s-secret\n",
    )
    for profile in ("both", "creds"):
        assert our_credentials(profile) == botocore_credentials(profile)


SECRET_OUTPUT = "topsecret-value-from-stdout"


@pytest.mark.parametrize(
    ("stdout", "code", "stderr", "expected"),
    [
        (SECRET_OUTPUT, 3, "it went wrong", ["code 3", "it went wrong"]),
        (f"not json {SECRET_OUTPUT}", 0, "", ["JSON"]),
        (f'["{SECRET_OUTPUT}"]', 0, "", ["JSON object"]),
        (process_json(Version=2, AccessKeyId=SECRET_OUTPUT), 0, "", ["version"]),
        (process_json(SecretAccessKey=None, AccessKeyId=SECRET_OUTPUT), 0, "", ["SecretAccessKey"]),
        (process_json(Expiration="soon", SecretAccessKey=SECRET_OUTPUT), 0, "", ["Expiration"]),
        (
            process_json(Expiration="2001-01-01T00:00:00Z", SecretAccessKey=SECRET_OUTPUT),
            0,
            "",
            ["expired"],
        ),
    ],
    ids=[
        "exit code",
        "garbage",
        "not an object",
        "version",
        "missing key",
        "bad expiry",
        "expired",
    ],
)
def test_credential_process_errors_never_quote_stdout(
    stdout: str, code: int, stderr: str, expected: list[str], files: Files
) -> None:
    files.write(
        f"[default]\ncredential_process = {process_command(files.root, stdout, code, stderr)}\n"
    )
    with pytest.raises(Exception):  # noqa: B017 - botocore's errors differ by case
        botocore_credentials()
    with pytest.raises(CredentialProcessError) as ours:
        our_credentials()
    message = str(ours.value)
    assert SECRET_OUTPUT not in message
    assert "custom-process" in message and "default" in message
    for part in expected:
        assert part.lower() in message.lower()


def test_credential_process_stderr_is_truncated(files: Files) -> None:
    long_stderr = "e" * 5000
    command = process_command(files.root, "", 1, long_stderr)
    files.write(f"[default]\ncredential_process = {command}\n")
    with pytest.raises(CredentialProcessError) as ours:
        our_credentials()
    assert "eeee" in str(ours.value)
    assert len(str(ours.value)) < len(long_stderr)


def test_credential_process_that_cannot_start(files: Files) -> None:
    files.write(f"[default]\ncredential_process = {files.root / 'no-such-program'} --flag\n")
    with pytest.raises(OSError):
        botocore_credentials()
    with pytest.raises(CredentialProcessError, match="could not be started"):
        our_credentials()


def test_credential_process_runner_is_injectable(files: Files) -> None:
    files.write('[default]\ncredential_process = fetch-creds --role "my role"\n')
    calls: list[object] = []

    def runner(command: str | list[str]) -> subprocess.CompletedProcess[bytes]:
        calls.append(command)
        return subprocess.CompletedProcess(command, 0, process_json().encode(), b"")

    found = resolve_credentials(context(), providers=standard_providers(runner=runner))
    assert calls == [split_command('fetch-creds --role "my role"')]
    assert found is not None and found.source == "custom-process"


def test_credential_process_expiry_uses_the_injected_clock() -> None:
    output = process_json(Expiration="2030-01-01T00:00:00Z").encode()
    before = datetime(2029, 12, 31, 23, 59, tzinfo=timezone.utc)
    assert parse_process_output(output, "p", clock=lambda: before).access_key == "AKIDPROCESS"
    after = datetime(2030, 1, 1, 0, 1, tzinfo=timezone.utc)
    with pytest.raises(CredentialProcessError, match="expired"):
        parse_process_output(output, "p", clock=lambda: after)


def test_split_command_follows_the_platform() -> None:
    assert split_command('a "b c" d', platform="linux") == ["a", "b c", "d"]
    assert split_command('a "b c" d', platform="win32") == 'a "b c" d'


# ---------------------------------------------------------------- region

REGION_CASES = {
    "nothing": ({}, None, ""),
    "profile": ({}, None, CONFIG_FILE),
    "AWS_DEFAULT_REGION beats profile": ({"AWS_DEFAULT_REGION": "ca-central-1"}, None, CONFIG_FILE),
    "AWS_REGION is not read": ({"AWS_REGION": "sa-east-1"}, None, CONFIG_FILE),
    "named profile": ({"AWS_PROFILE": "dev"}, None, CONFIG_FILE),
    "explicit profile": ({}, "dev", CONFIG_FILE),
}


@pytest.mark.parametrize("case", REGION_CASES)
def test_region_matches_botocore(case: str, files: Files, monkeypatch: pytest.MonkeyPatch) -> None:
    environ, profile, config = REGION_CASES[case]
    files.write(config, CREDS_FILE)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    theirs = botocore.session.Session(profile=profile).get_config_variable("region")
    assert resolve_region(context(profile)) == theirs


def test_aws_region_is_read_only_where_botocore_finds_none(
    files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    files.write("")
    monkeypatch.setenv("AWS_REGION", "sa-east-1")
    assert botocore.session.Session().get_config_variable("region") is None
    assert resolve_region(context()) == "sa-east-1"
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ca-central-1")
    assert resolve_region(context()) == "ca-central-1"


def test_region_from_credentials_file_like_botocore(files: Files) -> None:
    files.write("", "[default]\nregion = us-west-1\n")
    assert resolve_region(context()) == botocore.session.Session().get_config_variable("region")


def test_explicit_region_wins(files: Files, monkeypatch: pytest.MonkeyPatch) -> None:
    files.write(CONFIG_FILE)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ca-central-1")
    client = botocore.session.Session().create_client("sso-oidc", region_name="eu-north-1")
    assert resolve_region(context(), "eu-north-1") == client.meta.region_name
    settings = resolve_client_settings("sso-oidc", context(), region_name="eu-north-1")
    assert settings.region == client.meta.region_name


def test_invalid_region_is_refused_like_botocore(files: Files) -> None:
    files.write("[default]\nregion = us-west-2 # a comment is part of the value\n")
    with pytest.raises(botocore.exceptions.InvalidRegionError) as theirs:
        botocore.session.Session().create_client("sso-oidc")
    with pytest.raises(ConfigurationError) as ours:
        resolve_region(context())
    assert str(ours.value) == str(theirs.value)


# ---------------------------------------------------------------- endpoint settings

ENDPOINT_CONFIG = """\
[default]
endpoint_url = http://127.0.0.1:1001
services = local

[profile plain]
endpoint_url = http://127.0.0.1:1002

[profile ignoring]
endpoint_url = http://127.0.0.1:1003
ignore_configured_endpoint_urls = true

[services local]
sso_oidc =
  endpoint_url = http://127.0.0.1:1004
signin =
  endpoint_url = http://127.0.0.1:1005
"""

ENDPOINT_CASES: dict[str, tuple[dict[str, str], str | None, dict[str, Any]]] = {
    "services block": ({}, None, {}),
    "profile endpoint_url": ({}, "plain", {}),
    "global variable": ({"AWS_ENDPOINT_URL": "http://127.0.0.1:2001"}, None, {}),
    "service variables": (
        {
            "AWS_ENDPOINT_URL": "http://127.0.0.1:2001",
            "AWS_ENDPOINT_URL_SSO_OIDC": "http://127.0.0.1:2002",
            "AWS_ENDPOINT_URL_SIGNIN": "http://127.0.0.1:2003",
        },
        None,
        {},
    ),
    "explicit": (
        {"AWS_ENDPOINT_URL": "http://127.0.0.1:2001"},
        None,
        {"endpoint_url": "http://127.0.0.1:3001"},
    ),
    "ignored by env": (
        {
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true",
            "AWS_ENDPOINT_URL": "http://127.0.0.1:2001",
        },
        None,
        {},
    ),
    "ignored by profile": ({}, "ignoring", {}),
    "env false beats profile true": (
        {"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "false"},
        "ignoring",
        {},
    ),
    "ignored by argument": ({}, None, {"ignore_configured_endpoint_urls": True}),
    "explicit despite ignore": (
        {"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"},
        None,
        {"endpoint_url": "http://127.0.0.1:3001"},
    ),
}


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("case", ENDPOINT_CASES)
def test_endpoint_url_matches_botocore(
    case: str, service: str, files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    environ, profile, arguments = ENDPOINT_CASES[case]
    files.write(ENDPOINT_CONFIG)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    config = Config(
        ignore_configured_endpoint_urls=arguments.get("ignore_configured_endpoint_urls")
    )
    client = botocore_client(
        service, profile, endpoint_url=arguments.get("endpoint_url"), config=config
    )
    ours = resolve_client_settings(service, context(profile), region_name="us-east-1", **arguments)
    theirs = sent_url(client)
    if ours.endpoint_url is None:
        # Every configured URL in these cases is on loopback; AWS's own endpoints are not.
        assert urlsplit(theirs).scheme == "https"
        assert urlsplit(theirs).hostname != "127.0.0.1"
    else:
        assert theirs.startswith(ours.endpoint_url + "/")


def test_missing_services_section_matches_botocore(files: Files) -> None:
    files.write("[default]\nservices = nowhere\n")
    with pytest.raises(botocore.exceptions.InvalidConfigError) as theirs:
        botocore_client("sso-oidc")
    with pytest.raises(ConfigurationError) as ours:
        resolve_client_settings("sso-oidc", context())
    assert str(ours.value) == str(theirs.value)


FLAG_CASES: dict[str, tuple[dict[str, str], str, dict[str, Any]]] = {
    "nothing": ({}, "", {}),
    "env fips": ({"AWS_USE_FIPS_ENDPOINT": "TRUE"}, "", {}),
    "env dualstack": ({"AWS_USE_DUALSTACK_ENDPOINT": "true"}, "", {}),
    "env yes is false": ({"AWS_USE_FIPS_ENDPOINT": "yes"}, "", {}),
    "profile both": ({}, "use_fips_endpoint = true\nuse_dualstack_endpoint = True\n", {}),
    "env false beats profile": (
        {"AWS_USE_FIPS_ENDPOINT": "false", "AWS_USE_DUALSTACK_ENDPOINT": ""},
        "use_fips_endpoint = true\nuse_dualstack_endpoint = true\n",
        {},
    ),
    "argument beats env": (
        {"AWS_USE_FIPS_ENDPOINT": "true"},
        "",
        {"use_fips_endpoint": False, "use_dualstack_endpoint": True},
    ),
    "argument true": ({}, "use_fips_endpoint = false\n", {"use_fips_endpoint": True}),
}


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("case", FLAG_CASES)
def test_fips_and_dualstack_match_botocore(
    case: str, service: str, files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    environ, profile_lines, arguments = FLAG_CASES[case]
    files.write("[default]\n" + profile_lines)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    host = urlsplit(sent_url(botocore_client(service, config=Config(**arguments)))).hostname or ""
    ours = resolve_client_settings(service, context(), region_name="us-east-1", **arguments)
    assert ours.use_fips_endpoint == ("-fips." in host)
    assert ours.use_dualstack_endpoint == host.endswith(".api.aws")


RETRY_CASES: dict[str, tuple[dict[str, str], str, dict[str, Any]]] = {
    "env": ({"AWS_RETRY_MODE": "adaptive", "AWS_MAX_ATTEMPTS": "7"}, "", {}),
    "profile": ({}, "retry_mode = legacy\nmax_attempts = 4\n", {}),
    "env beats profile": ({"AWS_MAX_ATTEMPTS": "2"}, "max_attempts = 4\nretry_mode = legacy\n", {}),
    "argument beats env": (
        {"AWS_MAX_ATTEMPTS": "2", "AWS_RETRY_MODE": "adaptive"},
        "",
        {"max_attempts": 9, "retry_mode": "standard"},
    ),
}


@pytest.mark.parametrize("case", RETRY_CASES)
def test_retry_settings_match_botocore(
    case: str, files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    environ, profile_lines, arguments = RETRY_CASES[case]
    files.write("[default]\n" + profile_lines)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    retries = None
    if arguments:
        retries = {"total_max_attempts": arguments["max_attempts"], "mode": arguments["retry_mode"]}
    client = botocore_client("sso-oidc", config=Config(retries=retries))
    ours = resolve_client_settings("sso-oidc", context(), **arguments)
    theirs = client.meta.config.retries
    assert (ours.retry_mode, ours.max_attempts) == (theirs["mode"], theirs["total_max_attempts"])


def test_defaults_match_botocore(files: Files) -> None:
    client = botocore_client("sso-oidc")
    ours = resolve_client_settings("sso-oidc", context())
    assert ours.retry_mode == client.meta.config.retries["mode"]
    assert ours.connect_timeout == client.meta.config.connect_timeout
    assert ours.read_timeout == client.meta.config.read_timeout
    assert ours.verify is True
    assert (ours.region, ours.endpoint_url) == (None, None)
    assert not ours.use_fips_endpoint and not ours.use_dualstack_endpoint


@pytest.mark.parametrize(
    ("environ", "profile_lines"),
    [
        ({"AWS_CA_BUNDLE": "/env/ca.pem"}, "ca_bundle = /profile/ca.pem\n"),
        ({}, "ca_bundle = /profile/ca.pem\n"),
    ],
    ids=["env", "profile"],
)
def test_ca_bundle_matches_botocore(
    environ: dict[str, str], profile_lines: str, files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    files.write("[default]\n" + profile_lines)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    theirs = botocore.session.Session().get_config_variable("ca_bundle")
    assert resolve_client_settings("sso-oidc", context()).verify == theirs
    assert resolve_client_settings("sso-oidc", context(), verify=False).verify is False


@pytest.mark.parametrize(
    ("environ", "arguments", "error"),
    [
        ({"AWS_MAX_ATTEMPTS": "many"}, {}, ConfigurationError),
        ({"AWS_RETRY_MODE": "sometimes"}, {}, ConfigurationError),
        ({}, {"max_attempts": 0}, ParamValidationError),
        ({}, {"retry_mode": "never"}, ParamValidationError),
        ({}, {"connect_timeout": -1}, ParamValidationError),
    ],
    ids=["env attempts", "env mode", "argument attempts", "argument mode", "timeout"],
)
def test_bad_settings_are_refused(
    environ: dict[str, str],
    arguments: dict[str, Any],
    error: type[Exception],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(error) as raised:
        resolve_client_settings("sso-oidc", context(), **arguments)
    assert not isinstance(raised.value, ParamValidationError) or raised.value.parameters


def test_settings_lookup_keeps_the_environment_and_profile_out_of_its_repr() -> None:
    # The environment and the profile hold keys (AWS_SECRET_ACCESS_KEY, aws_secret_access_key).
    lookup = _Lookup(
        {"AWS_SECRET_ACCESS_KEY": "env-secret"}, {"aws_secret_access_key": "file-secret"}, "dev"
    )
    assert lookup.flag("use_fips_endpoint", None, "AWS_USE_FIPS_ENDPOINT") is False
    assert "env-secret" not in repr(lookup)
    assert "file-secret" not in repr(lookup)


def test_bad_env_max_attempts_also_fails_in_botocore(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "many")
    with pytest.raises(ValueError):
        botocore_client("sso-oidc")


# ---------------------------------------------------------------- shared files

RICH_CONFIG = """\
# a comment
; another comment
[DEFAULT]
shared_by_all = yes

[default]
region = us-west-2 # kept: botocore strips no inline comments
Output: json
sso_registration_scopes = sso:account:access

[profile dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Admin
services = local
continued = first
  second

[profile "spaced name"]
login_session = arn:aws:sts::111122223333:assumed-role/Admin/someone

[profile legacy]
sso_start_url = https://example.awsapps.com/start
sso_region = us-east-1

[profile two words here]
region = ignored

[profileless]
region = ignored

[Profile caps]
region = ignored

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access, codewhisperer:completions

[services local]
sso_oidc =
  endpoint_url = http://127.0.0.1:4001
  # comment inside a block
  Extra = Kept Case
signin =
  endpoint_url = http://127.0.0.1:4002

[plugins]
name = value
"""


def test_config_file_parses_like_botocore(files: Files) -> None:
    files.write(RICH_CONFIG)
    theirs = botocore.configloader.load_config(str(files.config))
    ours = load_shared_files(context())
    assert dict(ours.profiles) == theirs["profiles"]
    assert dict(ours.sso_sessions) == theirs["sso_sessions"]
    assert dict(ours.services) == theirs["services"]


def test_credentials_file_parses_like_botocore(files: Files) -> None:
    files.write("", RICH_CONFIG)
    theirs = botocore.configloader.raw_config_parse(str(files.credentials))
    assert dict(load_shared_files(context()).credentials) == theirs


def test_profiles_merge_like_botocore_full_config(files: Files) -> None:
    files.write(RICH_CONFIG, "[dev]\nsso_role_name = Override\n[creds-only]\nregion = us-east-2\n")
    full = botocore.session.Session().full_config["profiles"]
    for name in ("default", "dev", "spaced name", "legacy", "creds-only"):
        expected = {k: v for k, v in full[name].items() if isinstance(v, str)}
        assert get_profile(context(), name) == expected


def test_sso_session_accessor_matches_botocore(files: Files) -> None:
    files.write(RICH_CONFIG)
    theirs = botocore.session.Session().full_config["sso_sessions"]["corp"]
    assert get_sso_session(context(), "corp") == theirs
    assert get_profile(context(), "dev")["sso_session"] == "corp"


def test_missing_sso_session_and_profile(files: Files) -> None:
    files.write(RICH_CONFIG)
    with pytest.raises(ConfigurationError, match="sso-session does not exist"):
        get_sso_session(context(), "elsewhere")
    with pytest.raises(ProfileNotFound):
        get_profile(context(), "elsewhere")


def test_selected_profile_accessor_follows_aws_profile(
    files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    files.write(RICH_CONFIG)
    monkeypatch.setenv("AWS_PROFILE", "legacy")
    assert get_profile(context()) == get_profile(context(), "legacy")
    assert get_profile(context("dev")) == get_profile(context(), "dev")


def test_missing_files_are_empty(files: Files) -> None:
    assert not files.config.exists() and not files.credentials.exists()
    loaded = load_shared_files(context())
    assert (loaded.profiles, loaded.credentials, loaded.services) == ({}, {}, {})
    assert resolve_credentials(context()) is None
    assert resolve_region(context()) is None


SECRET_IN_FILE = "wJalrXUtnFEMI-secret-on-a-bad-line"
#: Each file as its lines, and the number of the line that is wrong.
MALFORMED = {
    "no section header": ([f"aws_secret_access_key = {SECRET_IN_FILE}", "[default]"], 1),
    "not a setting": (["[default]", "region = us-east-1", SECRET_IN_FILE], 3),
    "duplicate section": (["[default]", f"a = {SECRET_IN_FILE}", "", "[default]", "b = 2"], 4),
    "duplicate setting": (["[default]", "key = 1", f"key = {SECRET_IN_FILE}"], 3),
    "bad nested block": (
        ["[services s]", "# c", "sso_oidc =", "  endpoint_url = x", f"  {SECRET_IN_FILE}"],
        5,
    ),
}


@pytest.mark.parametrize("which", ["config", "credentials"])
@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_file_names_file_and_line_but_no_value(
    case: str, which: str, files: Files
) -> None:
    lines, bad_line = MALFORMED[case]
    files.write(**{which: "\n".join(lines) + "\n"})
    path = files.config if which == "config" else files.credentials
    with pytest.raises(botocore.exceptions.ConfigParseError):
        botocore.configloader.raw_config_parse(str(path))
    with pytest.raises(ConfigurationError) as ours:
        load_shared_files(context())
    message = str(ours.value)
    assert f"{path}, line {bad_line}" in message
    assert SECRET_IN_FILE not in message


def test_file_that_is_not_utf8(files: Files) -> None:
    files.config.write_bytes(b"[default]\nregion = us-east-1\nname = caf\xe9\n")
    with pytest.raises(ConfigurationError, match="line 3"):
        load_shared_files(context())


# ---------------------------------------------------------------- the context


def test_file_locations_come_from_the_environment_like_botocore(
    files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = files.root / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "cfg").write_text("[default]\nregion = eu-central-1\n", encoding="utf-8")
    monkeypatch.setenv("PLACE", str(elsewhere))
    monkeypatch.setenv("AWS_CONFIG_FILE", "$PLACE/cfg")
    assert context().config_path == elsewhere / "cfg"
    assert resolve_region(context()) == botocore.session.Session().get_config_variable("region")


def test_default_locations_are_under_home(files: Files, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_CONFIG_FILE")
    monkeypatch.delenv("AWS_SHARED_CREDENTIALS_FILE")
    aws = Path(os.environ["HOME"]) / ".aws"
    aws.mkdir()
    (aws / "credentials").write_text(CREDS_FILE, encoding="utf-8")
    assert context().credentials_path == aws / "credentials"
    assert our_credentials() == botocore_credentials()


def test_explicit_paths_win_and_config_can_be_left_out(files: Files) -> None:
    files.write(CONFIG_FILE, "")
    location = files.root / "profile-location.ini"
    location.write_text(CREDS_FILE, encoding="utf-8")
    chosen = ConfigContext.from_environ(credentials_file=location, profile="dev")
    assert chosen.credentials_path == location
    found = resolve_credentials(chosen)
    assert found is not None and found.source == "shared-credentials-file"
    only_location = replace(chosen, config_path=None, profile="only-config")
    with pytest.raises(ProfileNotFound):
        resolve_credentials(only_location)


def test_expand_path_uses_the_given_environment() -> None:
    environ = {"HOME": "/home/me", "USERPROFILE": "/home/me", "DIR": "/data"}
    assert expand_path("~/x", environ) == Path("/home/me/x")
    assert expand_path("${DIR}/y", environ) == Path("/data/y")
    assert expand_path("$UNSET/z", environ) == Path("$UNSET/z")


def test_profile_name_precedence_matches_botocore(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_PROFILE", "from-profile")
    monkeypatch.setenv("AWS_DEFAULT_PROFILE", "from-default-profile")
    assert context().profile_name == botocore.session.Session().profile
    assert context("explicit").profile_name == botocore.session.Session(profile="explicit").profile


def test_empty_explicit_profile_is_refused() -> None:
    with pytest.raises(ParamValidationError) as raised:
        ConfigContext.from_environ({}, profile="")
    assert raised.value.parameters == ("profile_name",)
