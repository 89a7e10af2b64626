"""Sample invocations and the exact ``invoke`` params the module must send for each.

The fixture (``tests/pester/fixtures/invoke-samples.json``) is written by
``python -m py_backend.psmodule generate --samples FILE``; the Pester unit suite calls each
generated function with the sample's arguments (and pipeline input, and shell variables) and
compares what it hands to the backend with ``params``, byte for byte; the pytest wire suite
sends the same ``params`` to a real backend. Endpoints use :data:`SAMPLE_ENDPOINT`, which the
wire tests replace with a live emulator's address.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from py_backend.cmdlets.specs import find_cmdlet
from py_backend.models._grants import DEVICE_CODE_GRANT, JWT_BEARER_GRANT
from py_backend.psmodule.wire import invoke_params, to_json

SAMPLE_ENDPOINT = "http://127.0.0.1:8123"
APP_ARN = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-aaaaaaaaaaaaaaaa"
REGION = {"Region": "us-east-1", "EndpointUrl": SAMPLE_ENDPOINT}
CLIENT = {"ClientId": "client-id-1", "ClientSecret": "client-secret-1"}
REFRESH = {**CLIENT, "GrantType": "refresh_token", "RefreshToken": "refresh-token-1"}


@dataclass(frozen=True)
class Sample:
    """One call: command-line arguments, optional pipeline input and shell variables."""

    name: str
    cmdlet: str
    arguments: Mapping[str, Any]
    #: A string (bound by value to the pipeline parameter) or an object (by property name).
    pipeline: str | Mapping[str, Any] | None = None
    #: ``$StoredAWSCredentials`` / ``$StoredAWSRegion`` as the shell has them.
    stored: Mapping[str, Any] = field(default_factory=dict)


SAMPLES = (
    Sample(
        "device code token",
        "New-SSOOIDCToken",
        {**CLIENT, "GrantType": DEVICE_CODE_GRANT, "DeviceCode": "device-code-1", **REGION},
    ),
    Sample(
        "one scope is still an array; switches are booleans",
        "New-SSOOIDCToken",
        {
            **REFRESH,
            "Scope": "openid",
            "Force": True,
            "PassThru": False,
            "Select": "AccessToken",
            **REGION,
        },
    ),
    Sample(
        "common parameters are not sent",
        "New-SSOOIDCToken",
        {**REFRESH, "Verbose": True, "ErrorAction": "Stop", **REGION},
    ),
    Sample(
        "aliases are sent under the parameter's name",
        "Register-SSOOIDCClient",
        {
            "ClientName": "my-tool",
            "ClientType": "public",
            "GrantTypes": ["authorization_code", "refresh_token"],
            "Scopes": ["sso:account:access"],
            "RedirectUris": ["http://127.0.0.1:8400/oauth/callback"],
            "RegionToCall": "us-east-1",
            "EndpointUrl": SAMPLE_ENDPOINT,
        },
    ),
    Sample(
        "a piped string binds the pipeline parameter",
        "Register-SSOOIDCClient",
        {"ClientType": "public", "Select": "^ClientName", **REGION},
        pipeline="tool-a",
    ),
    Sample(
        "a piped object binds by property name and is not a credential",
        "Start-SSOOIDCDeviceAuthorization",
        {"StartUrl": "https://d-1234567890.awsapps.com/start", **REGION},
        pipeline={**CLIENT, "Interval": 5},
    ),
    Sample(
        "key parameters, their aliases and a client configuration",
        "New-SSOOIDCTokenWithIAM",
        {
            "ClientId": APP_ARN,
            "GrantType": JWT_BEARER_GRANT,
            "Assertion": "header.payload.signature",
            "AK": "AKIDEXAMPLE",
            "SK": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "ClientConfig": {"Timeout": 30, "MaxErrorRetry": 2},
            **REGION,
        },
    ),
    Sample(
        "a credential object becomes AccessKey, SecretKey and Token",
        "New-SSOOIDCTokenWithIAM",
        {
            "ClientId": APP_ARN,
            "GrantType": JWT_BEARER_GRANT,
            "Assertion": "header.payload.signature",
            "Credential": {
                "AccessKey": "AKIDEXAMPLE",
                "SecretKey": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            },
            **REGION,
        },
    ),
    Sample(
        "stored credentials and region go in the context",
        "New-AMSPOAuth2Token",
        {
            "TokenInput_ClientId": "arn:aws:signin:::devtools/same-device",
            "TokenInput_GrantType": "refresh_token",
            "TokenInput_RefreshToken": "refresh-token-1",
            "EndpointUrl": SAMPLE_ENDPOINT,
        },
        stored={"StoredAWSCredentials": "my-profile", "StoredAWSRegion": "us-east-1"},
    ),
    Sample(
        "a sign-in sends its options; one scope is still an array",
        "Invoke-SSOOIDCLogin",
        {
            "ProfileName": "sso-profile",
            "Scopes": "sso:account:access",
            "UseDeviceCode": True,
            "NoBrowser": True,
            "EndpointUrl": SAMPLE_ENDPOINT,
        },
    ),
    Sample(
        "the second call of a remote sign-in carries the code and the handle",
        "Invoke-AMSPLogin",
        {
            "ProfileName": "console",
            "Remote": True,
            "LoginHandle": "login-handle-1",
            "AuthorizationCode": "authorization-code-1",
            **REGION,
        },
    ),
)


def _pipeline_bindings(sample: Sample) -> dict[str, Any]:
    """What the pipeline input binds, by parameter name."""
    spec = find_cmdlet(sample.cmdlet)
    assert spec is not None
    if sample.pipeline is None:
        return {}
    if isinstance(sample.pipeline, str):
        target = next(
            p.name for p in spec.parameters if p.value_from_pipeline and p.kind == "service"
        )
        return {target: sample.pipeline}
    bound = {}
    for key, value in sample.pipeline.items():
        param = spec.parameter(key)
        if param is not None and param.value_from_pipeline_by_property_name:
            bound[param.name] = value
    # The object itself binds by value to [object] -Credential; the module leaves it out.
    bound["Credential"] = dict(sample.pipeline)
    return bound


def sample_params(sample: Sample) -> dict[str, Any]:
    """The ``invoke`` params the module must send for ``sample``."""
    piped = _pipeline_bindings(sample)
    stored = sample.stored.get("StoredAWSCredentials")
    return invoke_params(
        sample.cmdlet,
        {**piped, **sample.arguments},
        piped=set(piped),
        stored_credentials={"ProfileName": stored} if isinstance(stored, str) else stored,
        stored_region=sample.stored.get("StoredAWSRegion"),
    )


def render_samples() -> str:
    """The fixture: every sample with its expected ``params`` as the module's JSON text, as
    pretty JSON for a committed file (stable key order, ASCII, trailing newline)."""
    entries = [
        {
            "name": sample.name,
            "cmdlet": sample.cmdlet,
            "arguments": dict(sample.arguments),
            "pipeline": sample.pipeline,
            "stored": dict(sample.stored),
            "params": to_json(sample_params(sample)),
        }
        for sample in SAMPLES
    ]
    return json.dumps(entries, indent=2, sort_keys=True, ensure_ascii=True) + "\n"
