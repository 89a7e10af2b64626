"""The AWS CLI v1 and ``aws-token-bridge`` side by side, against the emulator.

Every command and grant type, successes and service errors, in ``--output json``, ``text``
and ``table``, with ``--query``, ``--cli-input-json`` (inline and ``file://``) and
``--color on``: both command lines run with the same environment, through a replaying proxy
so that both get the very same answer, and must print the same bytes on stdout and stderr
and exit with the same status. The proxy also checks that both sent the same request body.

All commands run at once, a few at a time, in a module fixture; the tests then compare.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from py_backend.auth.dpop import generate_private_key
from py_backend.emulator import EmulatorConfig, EmulatorServer
from tests.cli.flows import APP_A, APP_B, DEVICE_GRANT, LOOPBACK_CALLBACK, VERIFIER, Flows
from tests.cli.replay import ReplayProxy
from tests.cli.support import Run, aws_command, make_environ, our_command, run_all

pytestmark = pytest.mark.awscli

JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange"
ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token"
REFRESH_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:refresh_token"
SAME_DEVICE = "arn:aws:signin:::devtools/same-device"
START_URL = "https://d-1234567890.awsapps.com/start"


@dataclass(frozen=True)
class Variant:
    """How one run of a case differs: extra options, and where the input comes from."""

    name: str
    extra: tuple[str, ...] = ()
    #: "options" (one option per member), "json" (--cli-input-json), "file" (file://), or
    #: "mixed" (the first member as an option, overriding it in the JSON document).
    source: str = "options"
    #: Another name for the command (a hidden alias).
    command: str | None = None


JSON = Variant("json", ("--output", "json"))
TEXT = Variant("text", ("--output", "text"))
TABLE = Variant("table", ("--output", "table"))
OUTPUTS = (JSON, TEXT, TABLE)


def queries(expression: str, formats: tuple[Variant, ...] = OUTPUTS) -> tuple[Variant, ...]:
    """``--query`` in some output formats (all three by default)."""
    return tuple(Variant(f"query-{v.name}", ("--query", expression, *v.extra)) for v in formats)


INPUTS = (
    Variant("input-json", source="json"),
    Variant("input-file", ("--output", "text"), "file"),
    Variant("input-mixed", source="mixed"),
)


@dataclass(frozen=True)
class Case:
    """One request: the command, how to get its parameters, and how to run it."""

    name: str
    service: str
    command: str
    params: Callable[[Flows], dict[str, Any]]
    variants: tuple[Variant, ...] = OUTPUTS
    #: Sign-In: the proxy adds the DPoP proof the emulator wants (the AWS CLI sends none).
    dpop: bool = False
    #: Drop x-amzn-ErrorType from error answers (botocore then names the error by status).
    strip_error_type: bool = False
    #: The token input as shorthand (``a=b,c=d``) rather than JSON.
    shorthand: bool = False
    environ: dict[str, str] = field(default_factory=dict)


def _device_grant(flows: Flows, approved: bool = True) -> dict[str, Any]:
    registration, device = flows.device(approved=approved)
    return {
        "clientId": registration["clientId"],
        "clientSecret": registration["clientSecret"],
        "grantType": DEVICE_GRANT,
        "deviceCode": device["deviceCode"],
    }


def _refresh_grant(flows: Flows) -> dict[str, Any]:
    registration, refresh_token = flows.refresh_token()
    return {
        "clientId": registration["clientId"],
        "clientSecret": registration["clientSecret"],
        "grantType": "refresh_token",
        "refreshToken": refresh_token,
    }


def _code_grant(flows: Flows) -> dict[str, Any]:
    registration, code = flows.auth_code_client()
    return {
        "clientId": registration["clientId"],
        "clientSecret": registration["clientSecret"],
        "grantType": "authorization_code",
        "code": code,
        "scope": ["sso:account:access"],
        "redirectUri": LOOPBACK_CALLBACK,
        "codeVerifier": VERIFIER,
    }


def _iam_refresh(flows: Flows) -> dict[str, Any]:
    tokens = flows.iam_tokens(APP_A)
    return {"clientId": APP_A, "grantType": "refresh_token", "refreshToken": tokens["refreshToken"]}


def _iam_exchange(flows: Flows) -> dict[str, Any]:
    subject = flows.iam_tokens(APP_B)["accessToken"]
    return {
        "clientId": APP_A,
        "grantType": TOKEN_EXCHANGE,
        "scope": ["openid", "aws"],
        "subjectToken": subject,
        "subjectTokenType": ACCESS_TOKEN_TYPE,
        "requestedTokenType": REFRESH_TOKEN_TYPE,
    }


def _iam_code(flows: Flows) -> dict[str, Any]:
    return {
        "clientId": APP_A,
        "grantType": "authorization_code",
        "code": flows.app_code(APP_A),
        "redirectUri": LOOPBACK_CALLBACK,
        "codeVerifier": VERIFIER,
    }


def _signin_code(flows: Flows) -> dict[str, Any]:
    return {
        "tokenInput": {
            "clientId": SAME_DEVICE,
            "grantType": "authorization_code",
            "code": flows.signin_code(),
            "redirectUri": LOOPBACK_CALLBACK,
            "codeVerifier": VERIFIER,
        }
    }


DPOP_KEY = generate_private_key()


def _signin_refresh(flows: Flows) -> dict[str, Any]:
    token = flows.signin_refresh_token(DPOP_KEY)
    # Keys out of model order: both command lines must keep the order given.
    return {
        "tokenInput": {"grantType": "refresh_token", "clientId": SAME_DEVICE, "refreshToken": token}
    }


def _fixed(params: dict[str, Any]) -> Callable[[Flows], dict[str, Any]]:
    return lambda flows: params


CASES = (
    Case(
        "create-token-device-code",
        "sso-oidc",
        "create-token",
        _device_grant,
        OUTPUTS
        + queries("[tokenType, expiresIn]")
        + INPUTS
        + (Variant("color-on", ("--output", "table", "--color", "on")),),
    ),
    Case("create-token-refresh-token", "sso-oidc", "create-token", _refresh_grant),
    Case(
        "create-token-authorization-code",
        "sso-oidc",
        "create-token",
        _code_grant,
        OUTPUTS + queries("expiresIn", (TABLE,)),
    ),
    Case(
        "create-token-pending",
        "sso-oidc",
        "create-token",
        lambda flows: _device_grant(flows, approved=False),
        (JSON, TEXT),
    ),
    Case(
        "create-token-pending-unmodeled",
        "sso-oidc",
        "create-token",
        lambda flows: _device_grant(flows, approved=False),
        (JSON,),
        strip_error_type=True,
    ),
    Case(
        "create-token-invalid-client",
        "sso-oidc",
        "create-token",
        _fixed(
            {
                "clientId": "no-such-client",
                "clientSecret": "wrong",
                "grantType": "refresh_token",
                "refreshToken": "aorNOTATOKEN",
            }
        ),
        (JSON,),
    ),
    Case(
        "iam-jwt-bearer",
        "sso-oidc",
        "create-token-with-iam",
        lambda flows: {"clientId": APP_A, "grantType": JWT_BEARER, "assertion": flows.assertion()},
        OUTPUTS + queries("scope") + INPUTS[:1],
    ),
    Case("iam-refresh-token", "sso-oidc", "create-token-with-iam", _iam_refresh, (JSON, TABLE)),
    Case("iam-token-exchange", "sso-oidc", "create-token-with-iam", _iam_exchange, (JSON, TEXT)),
    Case("iam-authorization-code", "sso-oidc", "create-token-with-iam", _iam_code, (JSON, TEXT)),
    Case(
        "iam-unsigned",
        "sso-oidc",
        "create-token-with-iam",
        lambda flows: {"clientId": APP_A, "grantType": JWT_BEARER, "assertion": flows.assertion()},
        (Variant("no-sign-request", ("--no-sign-request",)),),
    ),
    Case(
        "register-client",
        "sso-oidc",
        "register-client",
        _fixed(
            {
                "clientName": "cli-test",
                "clientType": "public",
                "scopes": ["sso:account:access"],
                "redirectUris": ["http://127.0.0.1/oauth/callback"],
                "grantTypes": ["authorization_code", "refresh_token"],
                "issuerUrl": START_URL,
            }
        ),
        OUTPUTS + queries("clientSecretExpiresAt", (TEXT,)),
    ),
    Case(
        "start-device-authorization",
        "sso-oidc",
        "start-device-authorization",
        lambda flows: {
            **{k: v for k, v in flows.device_client().items() if k in ("clientId", "clientSecret")},
            "startUrl": START_URL,
        },
    ),
    Case(
        "signin-authorization-code",
        "signin",
        "create-oauth2-token",
        _signin_code,
        OUTPUTS
        + queries("tokenOutput.accessToken", (TEXT, TABLE))
        + (Variant("alias", ("--output", "text"), command="create-o-auth2-token"),),
        dpop=True,
    ),
    Case(
        "signin-refresh-token",
        "signin",
        "create-oauth2-token",
        _signin_refresh,
        OUTPUTS + INPUTS,
        dpop=True,
        shorthand=True,
    ),
    Case(
        "signin-without-dpop",
        "signin",
        "create-oauth2-token",
        _signin_refresh,
        (JSON,),
        shorthand=True,
    ),
)


def _options(case: Case, params: dict[str, Any]) -> list[str]:
    args = []
    for name, value in params.items():
        option = "--" + "".join("-" + c.lower() if c.isupper() else c for c in name)
        if isinstance(value, list):
            args += [option, *value]
        elif isinstance(value, dict):
            shorthand = ",".join(f"{k}={v}" for k, v in value.items())
            args += [option, shorthand if case.shorthand else json.dumps(value)]
        else:
            args += [option, value]
    return args


def _arguments(case: Case, variant: Variant, params: dict[str, Any], tmp: Path) -> list[str]:
    command = [case.service, variant.command or case.command]
    if variant.source == "json":
        source = ["--cli-input-json", json.dumps(params)]
    elif variant.source == "file":
        path = tmp / f"{case.name}.json"
        path.write_text(json.dumps(params, indent=2))
        source = ["--cli-input-json", f"file://{path}"]
    elif variant.source == "mixed":
        first = next(iter(params))
        overridden = {**params, first: "overridden-by-the-option"}
        source = [
            *_options(case, {first: params[first]}),
            "--cli-input-json",
            json.dumps(overridden),
        ]
    else:
        source = _options(case, params)
    return [*command, *source, *variant.extra]


@dataclass
class Outcome:
    """Both runs of one variant of one case."""

    aws: Run
    ours: Run


@dataclass
class Matrix:
    """Every outcome, by ``case/variant``, and each case's proxy."""

    outcomes: dict[str, Outcome]
    proxies: dict[str, ReplayProxy]


KEYS = [f"{case.name}/{variant.name}" for case in CASES for variant in case.variants]


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Matrix]:
    """Run every case and variant with both command lines."""
    tmp = tmp_path_factory.mktemp("cli")
    environ = make_environ(tmp)
    with EmulatorServer(config=EmulatorConfig(), shutdown_timeout=1.0) as emulator:
        flows = Flows(emulator.base_url)
        proxies: dict[str, ReplayProxy] = {}
        jobs, keys = [], []
        for case in CASES:
            params = case.params(flows)
            proxy = ReplayProxy(
                emulator.base_url,
                dpop_key=DPOP_KEY if case.dpop else None,
                strip_error_type=case.strip_error_type,
            ).__enter__()
            proxies[case.name] = proxy
            for variant in case.variants:
                args = [*_arguments(case, variant, params, tmp), "--endpoint-url", proxy.url]
                env = {**environ, **case.environ}
                jobs += [(aws_command(args), env), (our_command(args), env)]
                keys.append(f"{case.name}/{variant.name}")
        try:
            runs = run_all(jobs)
            outcomes = {key: Outcome(runs[2 * i], runs[2 * i + 1]) for i, key in enumerate(keys)}
            yield Matrix(outcomes, proxies)
        finally:
            for proxy in proxies.values():
                proxy.__exit__(None, None, None)


@pytest.mark.parametrize("key", KEYS)
def test_same_output_as_aws_cli(matrix: Matrix, key: str) -> None:
    outcome = matrix.outcomes[key]
    assert outcome.ours.stderr == outcome.aws.stderr
    assert outcome.ours.stdout == outcome.aws.stdout
    assert outcome.ours.code == outcome.aws.code


@pytest.mark.parametrize("case", [c.name for c in CASES])
def test_same_request_body_as_aws_cli(matrix: Matrix, case: str) -> None:
    bodies = matrix.proxies[case].bodies_by_client()
    assert bodies.get("aws-cli"), "the AWS CLI sent nothing"
    assert bodies.get("aws-token-bridge") == bodies["aws-cli"]


def test_successes_really_succeeded(matrix: Matrix) -> None:
    """Guard against comparing two identical failures: these cases must print tokens."""
    for key in (
        "create-token-device-code/json",
        "signin-refresh-token/json",
        "iam-jwt-bearer/json",
    ):
        outcome = matrix.outcomes[key]
        assert outcome.aws.code == 0, outcome.aws.stderr
        assert "Token" in outcome.aws.stdout


def test_errors_exit_255_with_the_service_message(matrix: Matrix) -> None:
    expected = {
        "create-token-pending/json": "(AuthorizationPendingException) when calling the CreateToken",
        "create-token-pending-unmodeled/json": "An error occurred (400) when calling",
        "create-token-invalid-client/json": "(InvalidClientException)",
        "iam-unsigned/no-sign-request": "when calling the CreateTokenWithIAM operation",
        "signin-without-dpop/json": "(ValidationException) when calling the CreateOAuth2Token",
    }
    for key, text in expected.items():
        ours = matrix.outcomes[key].ours
        assert ours.code == 255
        assert ours.stderr.startswith("\nAn error occurred (")
        assert text in ours.stderr
