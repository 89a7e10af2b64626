"""Secrets given to any cmdlet never appear in a log message, an error or a repr."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from py_backend.cmdlets import CMDLETS, CmdletError, ShellContext
from py_backend.cmdlets.spec_model import CmdletSpec
from py_backend.cmdlets.specs import OPERATION_CMDLET_NAMES
from tests.cmdlets.support import BASE_URL, DEVICE_GRANT, START_URL, Recorder

#: Values for the required non-secret parameters, so the call gets as far as it can.
REQUIRED = {
    "ClientId": "plain-client-id",
    "ClientSecret": "ClientSecretPlanted",
    "GrantType": "refresh_token",
    "ClientName": "plain-name",
    "ClientType": "public",
    "StartUrl": START_URL,
    "TokenInput_ClientId": "arn:aws:signin:::devtools/same-device",
    "TokenInput_GrantType": "refresh_token",
    "AccessToken": "AccessTokenPlanted",
    "AccountId": "111111111111",
    "RoleName": "ReadOnlyAccess",
    "Resource": "aws-mcp.amazonaws.com",
    "SessionArn": "arn:aws:signin:us-east-1:123456789012:session/planted",
    "Token": "ASORTokenPlanted",
}


def _secret(spec: CmdletSpec, name: str) -> str:
    # Letters and digits only, 50 long: valid even where a code verifier's alphabet is checked.
    return f"Planted{name}{spec.noun}".ljust(50, "Z")[:50] + "Q9"


def _planted(spec: CmdletSpec) -> tuple[dict[str, Any], list[str]]:
    parameters: dict[str, Any] = {}
    secrets: list[str] = []
    for param in spec.parameters:
        if not param.secret or param.name == "NetworkCredential":
            continue
        value = _secret(spec, param.name)
        if param.name == "Credential":
            token = _secret(spec, "CredentialToken")
            parameters[param.name] = {
                "AccessKey": "AKIDPLANTED",
                "SecretKey": value,
                "Token": token,
            }
            secrets += [value, token]
        else:
            parameters[param.name] = value
            secrets.append(value)
    for param in spec.parameters:
        if param.mandatory and param.name not in parameters:
            parameters[param.name] = REQUIRED[param.name]
    parameters["AccessKey"] = "AKIDPLANTED"
    return parameters, secrets


def _everything_said(recorder: Recorder, error: CmdletError | None) -> str:
    said = [message for _, message in recorder.logs]
    if error is not None:
        said += [json.dumps(error.to_data()), repr(error), str(error), repr(error.args)]
    return "\n".join(said)


def _attempt(
    recorder: Recorder, name: str, parameters: dict[str, Any], shell: ShellContext
) -> CmdletError | None:
    given = {"Region": "us-east-1", "EndpointUrl": BASE_URL, **parameters}
    try:
        recorder.invoke(name, given, shell)
    except CmdletError as error:
        return error
    return None


VARIANTS: dict[str, dict[str, Any]] = {
    "as given": {},
    "bad grant type": {"GrantType": "bogus", "TokenInput_GrantType": "bogus"},
    "invalid select": {"Select": "Nope"},
    "selecting a secret parameter": {"Select": "^RefreshToken"},
    "explicit nulls": {"ClientId": None, "TokenInput_ClientId": None},
}


# The sign-in cmdlets have no credential parameters and run whole flows: their secrets are
# checked in test_login.py.
@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("name", OPERATION_CMDLET_NAMES)
def test_planted_secrets_stay_out_of_logs_and_errors(
    name: str, variant: str, recorder: Recorder, shell: ShellContext
) -> None:
    spec = CMDLETS[name]
    parameters, secrets = _planted(spec)
    overrides = {k: v for k, v in VARIANTS[variant].items() if spec.parameter(k) is not None}
    parameters.update(overrides)
    if variant == "selecting a secret parameter" and "RefreshToken" not in parameters:
        parameters["Select"] = "^" + next(p for p in parameters if spec.parameter(p).secret)  # type: ignore[union-attr]
    error = _attempt(recorder, name, parameters, shell)
    said = _everything_said(recorder, error)
    assert recorder.logs, "the invocation logged something to check"
    for secret in secrets:
        assert secret not in said, f"{secret[:12]}... leaked"


@pytest.mark.parametrize("name", OPERATION_CMDLET_NAMES)
def test_network_credential_password_never_leaks(
    name: str, recorder: Recorder, shell: ShellContext
) -> None:
    parameters: dict[str, Any] = {
        p.name: REQUIRED[p.name] for p in CMDLETS[name].parameters if p.mandatory
    }
    parameters["NetworkCredential"] = {"UserName": "u", "Password": "NetworkPasswordPlanted"}
    error = _attempt(recorder, name, parameters, shell)
    assert error is not None and error.to_data()["targetObject"] == "NetworkCredential"
    said = _everything_said(recorder, error)
    assert "NetworkPasswordPlanted" not in said and "ClientSecretPlanted" not in said


def test_secrets_from_the_shell_and_environment_stay_out(
    recorder: Recorder, home: dict[str, str]
) -> None:
    environ = {
        **home,
        "AWS_ACCESS_KEY_ID": "AKIDENV",
        "AWS_SECRET_ACCESS_KEY": "EnvSecretPlanted",
        "AWS_SESSION_TOKEN": "EnvTokenPlanted",
    }
    stored = {
        "AccessKey": "AKIDSTORED",
        "SecretKey": "StoredSecretPlanted",
        "Token": "StoredTokenPlanted",
    }
    for shell in (
        ShellContext(environ=environ),
        ShellContext(stored_credentials=stored, environ=home),
    ):
        error = _attempt(
            recorder,
            "New-SSOOIDCTokenWithIAM",
            {"ClientId": "app", "GrantType": "refresh_token", "RefreshToken": "r"},
            shell,
        )
        said = _everything_said(recorder, error) + repr(shell)
        for secret in (
            "EnvSecretPlanted",
            "EnvTokenPlanted",
            "StoredSecretPlanted",
            "StoredTokenPlanted",
        ):
            assert secret not in said
    assert any("Credentials obtained from" in m for m in recorder.messages("debug"))


def test_issued_tokens_are_returned_but_never_logged(
    run: Any, recorder: Recorder, control: httpx.Client
) -> None:
    (client,) = run(
        "Register-SSOOIDCClient",
        ClientName="n",
        ClientType="public",
        GrantType=[DEVICE_GRANT, "refresh_token"],
        Scope=["sso:account:access"],
    )
    (device,) = run(
        "Start-SSOOIDCDeviceAuthorization",
        ClientId=client["ClientId"],
        ClientSecret=client["ClientSecret"],
        StartUrl=START_URL,
    )
    control.post("/__emulator/device/approve", json={"userCode": device["UserCode"]})
    (token,) = run(
        "New-SSOOIDCToken",
        ClientId=client["ClientId"],
        ClientSecret=client["ClientSecret"],
        GrantType=DEVICE_GRANT,
        DeviceCode=device["DeviceCode"],
    )
    issued = [
        client["ClientSecret"],
        device["DeviceCode"],
        token["AccessToken"],
        token["RefreshToken"],
    ]
    assert all(issued)
    said = _everything_said(recorder, None)
    assert all(value not in said for value in issued)
    assert recorder.messages("verbose") and recorder.messages("debug")
