"""``aws-token-bridge configure export-credentials``: formats, every profile kind, real clients.

The formats are compared with ``export_credentials_reference.json`` (texts written from the
AWS CLI v2's source, quoted there). The end-to-end tests run the command as a process, as a
``credential_process`` of botocore (boto3) and of the AWS CLI v1: they sign CreateTokenWithIAM
with the exported credentials and the emulator (on 127.0.0.1) verifies the signature.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import boto3
import botocore.session
import pytest

from py_backend.flows.cache import login_cache_key, sso_token_cache_key
from py_backend.flows.export_credentials import ExportedCredentials, format_credentials
from py_backend.flows.signin_login import signin_login
from py_backend.flows.sso_login import sso_login
from tests.cli.flows import APP_A, Flows
from tests.emulator.support import JWT_BEARER
from tests.flows.conftest import CONFIG
from tests.flows.support import REGION, START_URL, Browser, Emulator, flow_arguments, shifted_clock

REFERENCE = json.loads((Path(__file__).parent / "export_credentials_reference.json").read_text())
BIN = Path(sys.executable).parent
TOOL = BIN / "aws-token-bridge"
ARN = CONFIG.signin_identity_arn
SESSION = "corp"
ACCOUNT = CONFIG.portal_accounts[0].account_id
ROLE = CONFIG.portal_accounts[0].roles[0]


def _cases() -> list[tuple[str, str, dict[str, Any], str]]:
    return [
        (case["name"], name, case["credentials"], text)
        for case in REFERENCE["cases"]
        for name, text in case["expected"].items()
    ]


@pytest.mark.parametrize(("case", "format_name", "credentials", "expected"), _cases())
def test_each_format_equals_the_aws_cli_v2_reference(
    case: str, format_name: str, credentials: dict[str, Any], expected: str
) -> None:
    exported = ExportedCredentials(
        credentials["access_key"],
        credentials["secret_key"],
        credentials["token"],
        credentials["expiration"],
    )
    assert format_credentials(exported, format_name) == expected


def test_the_repr_hides_the_secrets() -> None:
    exported = ExportedCredentials("AKID", "very-secret", "session-secret", None)
    assert "very-secret" not in repr(exported) and "session-secret" not in repr(exported)


# --- as processes -----------------------------------------------------------------------------


@pytest.fixture
def env(home: Path, emulator: Emulator) -> dict[str, str]:
    """The environment of the processes: the temporary home, every endpoint on the emulator."""
    config = home / ".aws" / "config"
    config.parent.mkdir(parents=True, exist_ok=True)
    command = f"{TOOL} configure export-credentials --format process"
    config.write_text(
        f"[profile console]\nlogin_session = {ARN}\nregion = {REGION}\n"
        f"[profile role]\nsso_session = {SESSION}\nsso_account_id = {ACCOUNT}\n"
        f"sso_role_name = {ROLE}\nregion = {REGION}\n"
        f"[sso-session {SESSION}]\nsso_start_url = {START_URL}\nsso_region = {REGION}\n"
        f"[profile dev]\ncredential_process = {command} --profile console\nregion = {REGION}\n"
        f"[profile devsso]\ncredential_process = {command} --profile role\nregion = {REGION}\n"
        f"[profile loop]\ncredential_process = {command} --profile loop\n"
    )
    (home / ".aws" / "credentials").write_text(
        "[static]\naws_access_key_id = AKIDSTATIC\naws_secret_access_key = static/secret\n"
    )
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "USERPROFILE": str(home),
        "AWS_CONFIG_FILE": str(config),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / ".aws" / "credentials"),
        "AWS_LOGIN_CACHE_DIRECTORY": str(home / ".aws" / "login" / "cache"),
        "AWS_ENDPOINT_URL_SIGNIN": emulator.base_url,
        "AWS_ENDPOINT_URL_SSO_OIDC": emulator.base_url,
        "AWS_ENDPOINT_URL_SSO": emulator.base_url,
        "AWS_EC2_METADATA_DISABLED": "true",
        # A browser opened by mistake would show up as this command failing loudly.
        "BROWSER": "false",
    }


def export(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(TOOL), "configure", "export-credentials", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def login(env: dict[str, str], **kwargs: Any) -> Any:
    return signin_login(
        region=REGION,
        **flow_arguments(environ=env, open_browser=Browser(), printer=lambda text: None, **kwargs),
    )


def sso(env: dict[str, str], **kwargs: Any) -> Any:
    return sso_login(
        START_URL,
        REGION,
        session_name=SESSION,
        **flow_arguments(environ=env, open_browser=Browser(), printer=lambda text: None, **kwargs),
    )


def test_login_session_exports_the_cached_credentials_with_their_expiry(
    env: dict[str, str],
) -> None:
    ours = login(env)
    done = export(env, "--profile", "console")
    assert done.returncode == 0, done.stderr
    output = json.loads(done.stdout)
    assert output["Version"] == 1
    assert output["AccessKeyId"] == ours.credentials.access_key
    assert output["SecretAccessKey"] == ours.credentials.secret_key.get_secret_value()
    assert datetime.fromisoformat(output["Expiration"]) == ours.expires_at
    assert output["Expiration"].endswith("+00:00")


def test_login_session_near_expiry_is_refreshed_with_dpop_and_written_back_0600(
    env: dict[str, str], emulator: Emulator
) -> None:
    lifetime = CONFIG.signin_credentials_lifetime
    ours = login(env, clock=shifted_clock(-(lifetime - 60)))
    calls = emulator.operations()["CreateOAuth2Token"]
    done = export(env, "--profile", "console", "--format", "env")
    assert done.returncode == 0, done.stderr
    assert emulator.operations()["CreateOAuth2Token"] == calls + 1
    assert f"export AWS_ACCESS_KEY_ID={ours.credentials.access_key}\n" not in done.stdout
    path = Path(env["AWS_LOGIN_CACHE_DIRECTORY"]) / f"{login_cache_key(ARN)}.json"
    written = json.loads(path.read_text())
    assert f"export AWS_ACCESS_KEY_ID={written['accessToken']['accessKeyId']}\n" in done.stdout
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_sso_session_exports_role_credentials_from_the_portal(
    env: dict[str, str], emulator: Emulator
) -> None:
    sso(env)
    calls = emulator.operations().get("GetRoleCredentials", 0)
    done = export(env, "--profile", "role", "--format", "env-no-export")
    assert done.returncode == 0, done.stderr
    assert emulator.operations()["GetRoleCredentials"] == calls + 1
    lines = done.stdout.splitlines()
    assert [line.split("=", 1)[0] for line in lines] == [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_CREDENTIAL_EXPIRATION",
    ]


def test_sso_token_near_expiry_is_refreshed_before_the_portal_call(
    env: dict[str, str], emulator: Emulator
) -> None:
    ours = sso(env, clock=shifted_clock(-(CONFIG.access_token_lifetime - 60)))
    calls = emulator.operations()["CreateToken"]
    done = export(env, "--profile", "role")
    assert done.returncode == 0, done.stderr
    assert emulator.operations()["CreateToken"] == calls + 1
    path = Path(env["HOME"]) / ".aws" / "sso" / "cache"
    written = json.loads((path / f"{sso_token_cache_key(START_URL, SESSION)}.json").read_text())
    assert written["accessToken"] != ours.access_token.get_secret_value()


def test_static_keys_and_environment(env: dict[str, str]) -> None:
    done = export(env, "--profile", "static", "--format", "powershell")
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        '$Env:AWS_ACCESS_KEY_ID="AKIDSTATIC"\n$Env:AWS_SECRET_ACCESS_KEY="static/secret"\n'
    )
    from_env = {**env, "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env/secret"}
    from_env["AWS_SESSION_TOKEN"] = "envtoken"
    from_env["AWS_CREDENTIAL_EXPIRATION"] = "2030-01-02T03:04:05Z"
    done = export(from_env, "--format", "fish")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        'set -gx AWS_ACCESS_KEY_ID "AKIDENV"',
        'set -gx AWS_SECRET_ACCESS_KEY "env/secret"',
        'set -gx AWS_SESSION_TOKEN "envtoken"',
        'set -gx AWS_CREDENTIAL_EXPIRATION "2030-01-02T03:04:05+00:00"',
    ]


def test_a_credential_process_profile_is_exported_too(env: dict[str, str]) -> None:
    login(env)
    done = export(env, "--profile", "dev", "--format", "windows-cmd")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("set AWS_ACCESS_KEY_ID=ASIA")


def test_without_a_login_the_error_names_the_command_to_run(env: dict[str, str]) -> None:
    done = export(env, "--profile", "console")
    assert done.returncode == 253
    assert done.stdout == ""
    assert "Unable to retrieve credentials" in done.stderr
    assert "aws-token-bridge login --profile console" in done.stderr
    done = export(env, "--profile", "role")
    assert done.returncode == 253
    assert "aws-token-bridge sso login --profile role" in done.stderr


def test_a_logged_out_sso_session_says_to_sign_in_again(
    env: dict[str, str], emulator: Emulator
) -> None:
    ours = sso(env)
    with Flows(emulator.base_url).http() as http:
        http.post(
            "/logout",
            headers={"x-amz-sso_bearer_token": ours.access_token.get_secret_value()},
        ).raise_for_status()
    done = export(env, "--profile", "role")
    assert done.returncode == 253
    assert "aws-token-bridge sso login --profile role" in done.stderr
    assert ours.access_token.get_secret_value() not in done.stderr


def test_a_profile_that_exports_itself_is_stopped(env: dict[str, str]) -> None:
    done = export(env, "--profile", "loop")
    assert done.returncode == 253
    assert "infinite loop" in done.stderr and "loop -> loop" in done.stderr


def test_no_credentials_and_a_bad_format_are_clear_errors(env: dict[str, str]) -> None:
    done = export(env, "--profile", "nosuch")
    assert done.returncode == 253
    assert "nosuch" in done.stderr
    done = export(env, "--format", "yaml")
    assert done.returncode == 2
    assert "--format" in done.stderr and "process" in done.stderr


def test_an_empty_profile_is_a_configuration_error_not_a_traceback(env: dict[str, str]) -> None:
    done = export(env, "--profile", "")
    assert done.returncode == 253, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "profile_name" in done.stderr and "must not be empty" in done.stderr
    assert done.stdout == ""


# --- real credential_process clients ---------------------------------------------------------


def iam_call_with_boto3(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, base: str, profile: str
) -> Any:
    """boto3 with ``profile`` (a credential_process one) signs CreateTokenWithIAM."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assertion = Flows(base).assertion(APP_A)
    session = boto3.Session(profile_name=profile)
    credentials = session.get_credentials()
    assert credentials is not None and credentials.method == "custom-process"
    client = session.client("sso-oidc", region_name=REGION, endpoint_url=base)
    return client.create_token_with_iam(clientId=APP_A, grantType=JWT_BEARER, assertion=assertion)


@pytest.mark.parametrize(("profile", "sign_in"), [("dev", login), ("devsso", sso)])
def test_botocore_signs_with_the_exported_credentials_and_the_emulator_verifies(
    env: dict[str, str],
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    profile: str,
    sign_in: Any,
) -> None:
    sign_in(env)
    answer = iam_call_with_boto3(env, monkeypatch, emulator.base_url, profile)
    assert answer["accessToken"]
    # The control: the same call with a secret the emulator never minted is refused.
    frozen = botocore.session.Session(profile=profile).get_credentials().get_frozen_credentials()
    bad = boto3.Session(
        aws_access_key_id=frozen.access_key,
        aws_secret_access_key=frozen.secret_key + "x",
        aws_session_token=frozen.token,
    ).client("sso-oidc", region_name=REGION, endpoint_url=emulator.base_url)
    with pytest.raises(bad.exceptions.ClientError) as refused:
        bad.create_token_with_iam(
            clientId=APP_A, grantType=JWT_BEARER, assertion=Flows(emulator.base_url).assertion()
        )
    assert refused.value.response["Error"]["Code"] == "InvalidSignatureException"


@pytest.mark.parametrize(("profile", "sign_in"), [("dev", login), ("devsso", sso)])
def test_the_aws_cli_v1_signs_with_the_exported_credentials(
    env: dict[str, str], emulator: Emulator, profile: str, sign_in: Any
) -> None:
    sign_in(env)
    assertion = Flows(emulator.base_url).assertion(APP_A)
    done = subprocess.run(
        [
            str(BIN / "aws"),
            "sso-oidc",
            "create-token-with-iam",
            "--client-id",
            APP_A,
            "--grant-type",
            JWT_BEARER,
            "--assertion",
            assertion,
            "--profile",
            profile,
            "--region",
            REGION,
            "--endpoint-url",
            emulator.base_url,
            "--output",
            "json",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["accessToken"]
