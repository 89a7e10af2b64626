"""The AWS CLI v1 (``.venv/bin/aws``, a subprocess) as a client of the emulator."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from py_backend.auth.pkce import s256_challenge
from py_backend.emulator import EmulatorServer
from tests.emulator.support import (
    ACCESS_KEY,
    APP_A,
    JWT_BEARER,
    SAME_DEVICE,
    SECRET_KEY,
    VERIFIER,
    redirect_params,
)

pytestmark = pytest.mark.awscli

AWS = Path(sys.executable).with_name("aws")


@pytest.fixture(scope="module")
def aws_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment with the example keys and a config that does not fetch URL parameters."""
    config = tmp_path_factory.mktemp("awscli") / "config"
    # awscli v1 would otherwise fetch any parameter value starting with http:// or https://.
    config.write_text("[default]\ncli_follow_urlparam = false\n")
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(config.parent),
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "AWS_CONFIG_FILE": str(config),
        "AWS_SHARED_CREDENTIALS_FILE": str(config.parent / "credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
    }


def _aws(live: EmulatorServer, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    argv = [
        str(AWS),
        *args,
        "--endpoint-url",
        live.base_url,
        "--region",
        "us-east-1",
        "--output",
        "json",
    ]
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60, check=False)


def _json(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert result.returncode == 0, result.stderr
    answer: dict[str, Any] = json.loads(result.stdout)
    return answer


def test_device_code_flow(
    live: EmulatorServer, control: httpx.Client, aws_env: dict[str, str]
) -> None:
    registration = _json(
        _aws(
            live,
            aws_env,
            "sso-oidc",
            "register-client",
            "--client-name",
            "cli",
            "--client-type",
            "public",
        )
    )
    device = _json(
        _aws(
            live,
            aws_env,
            "sso-oidc",
            "start-device-authorization",
            f"--client-id={registration['clientId']}",
            f"--client-secret={registration['clientSecret']}",
            "--start-url",
            "https://d-1234567890.awsapps.com/start",
        )
    )
    poll = [
        "sso-oidc",
        "create-token",
        f"--client-id={registration['clientId']}",
        f"--client-secret={registration['clientSecret']}",
        "--grant-type",
        "urn:ietf:params:oauth:grant-type:device_code",
        f"--device-code={device['deviceCode']}",
    ]
    pending = _aws(live, aws_env, *poll)
    assert pending.returncode == 255
    assert (
        "An error occurred (AuthorizationPendingException) when calling the CreateToken operation: "
        "Authorization is still pending"
    ) in pending.stderr
    control.post(
        "/__emulator/device/approve", json={"userCode": device["userCode"]}
    ).raise_for_status()
    control.post("/__emulator/clock", json={"advanceSeconds": 60})
    token = _json(_aws(live, aws_env, *poll))
    assert token["tokenType"] == "Bearer"
    assert token["accessToken"]


def test_create_token_with_iam_jwt_bearer_and_refresh(
    live: EmulatorServer, control: httpx.Client, aws_env: dict[str, str]
) -> None:
    assertion = control.post(
        "/__emulator/jwt-bearer/assertion", json={"audience": APP_A, "subject": "alice"}
    ).json()["assertion"]
    common = ["sso-oidc", "create-token-with-iam", "--client-id", APP_A]
    token = _json(
        _aws(live, aws_env, *common, "--grant-type", JWT_BEARER, f"--assertion={assertion}")
    )
    assert token["issuedTokenType"] == "urn:ietf:params:oauth:token-type:refresh_token"
    assert token["awsAdditionalDetails"]["identityContext"]
    refresh = ["--grant-type", "refresh_token", f"--refresh-token={token['refreshToken']}"]
    refreshed = _json(_aws(live, aws_env, *common, *refresh))
    assert refreshed["accessToken"] != token["accessToken"]
    spent = _aws(live, aws_env, *common, *refresh)
    assert spent.returncode == 255
    assert "(InvalidGrantException) when calling the CreateTokenWithIAM operation" in spent.stderr


def test_create_token_with_iam_unknown_key(
    live: EmulatorServer, control: httpx.Client, aws_env: dict[str, str]
) -> None:
    env = {**aws_env, "AWS_ACCESS_KEY_ID": "AKIDUNKNOWN"}
    args = ["sso-oidc", "create-token-with-iam", "--client-id", APP_A, "--grant-type", JWT_BEARER]
    result = _aws(live, env, *args, "--assertion", "x.y.z")
    assert result.returncode == 255
    assert (
        "An error occurred (UnrecognizedClientException) when calling the CreateTokenWithIAM "
        "operation: The security token included in the request is invalid."
    ) in result.stderr


def test_signin_without_dpop_is_refused(
    live: EmulatorServer, control: httpx.Client, aws_env: dict[str, str]
) -> None:
    callback = "http://127.0.0.1:45678/oauth/callback"
    query = {
        "response_type": "code",
        "client_id": SAME_DEVICE,
        "state": "s",
        "code_challenge_method": "SHA-256",
        "scope": "openid",
        "redirect_uri": callback,
        "code_challenge": s256_challenge(VERIFIER),
    }
    code = redirect_params(control.get("/v1/authorize", params=query))["code"]
    token_input = {
        "clientId": SAME_DEVICE,
        "grantType": "authorization_code",
        "code": code,
        "redirectUri": callback,
        "codeVerifier": VERIFIER,
    }
    result = _aws(
        live, aws_env, "signin", "create-oauth2-token", "--token-input", json.dumps(token_input)
    )
    assert result.returncode == 255
    assert (
        "An error occurred (ValidationException) when calling the CreateOAuth2Token operation"
        in (result.stderr)
    )
