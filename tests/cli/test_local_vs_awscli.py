"""The AWS CLI v1 and ``aws-token-bridge`` side by side where no answer is needed.

Usage errors, bad option values, parameter validation, missing credentials, an unreachable
endpoint, and ``--generate-cli-skeleton``: same stdout, same stderr (usage text compared
with the program name normalised and the AWS CLI's "version 2" advert removed), same exit
status.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.cli.support import (
    Run,
    as_aws,
    aws_command,
    make_environ,
    our_command,
    run_all,
    without_v2_note,
)

pytestmark = pytest.mark.awscli

#: Replaced by the https URL of a socket that accepts connections and never answers.
LISTENING = "{listening}"
#: Nothing listens there; AWS_MAX_ATTEMPTS=1 keeps both from retrying.
UNREACHABLE = ["--endpoint-url", "http://127.0.0.1:1"]
APP = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-aaaaaaaaaaaaaaaa"
DEVICE = "urn:ietf:params:oauth:grant-type:device_code"
CREATE_TOKEN = [
    "sso-oidc",
    "create-token",
    "--client-id",
    "c",
    "--client-secret",
    "s",
    "--grant-type",
    DEVICE,
    "--device-code",
    "d",
]
IAM = [
    "sso-oidc",
    "create-token-with-iam",
    "--client-id",
    APP,
    "--grant-type",
    "refresh_token",
    "--refresh-token",
    "r",
]
SIGNIN = ["signin", "create-oauth2-token", "--token-input"]


@dataclass(frozen=True)
class Local:
    """A command line that fails (or prints a skeleton) without an answer from a service."""

    name: str
    args: list[str]
    environ: dict[str, str] = field(default_factory=dict)
    usage: bool = False


CASES = [
    # Usage errors (argparse, exit status 2) and unknown options (255).
    Local("missing-required", ["sso-oidc", "create-token", "--client-id", "c"], usage=True),
    Local("missing-operation", ["sso-oidc"], usage=True),
    Local("operation-typo", ["sso-oidc", "create-tokn"], usage=True),
    Local("missing-value", ["sso-oidc", "create-token", "--client-id"], usage=True),
    Local("output-choice", [*CREATE_TOKEN, "--output", "yaml"], usage=True),
    Local("color-choice", [*CREATE_TOKEN, "--color", "sometimes"], usage=True),
    Local("skeleton-choice", [*CREATE_TOKEN, "--generate-cli-skeleton", "both"], usage=True),
    Local(
        "skeleton-output-needs-required",
        ["signin", "create-oauth2-token", "--generate-cli-skeleton", "output"],
        usage=True,
    ),
    Local("unknown-option", [*CREATE_TOKEN, "--bogus", "x"], usage=True),
    Local("stray-word", [*CREATE_TOKEN, "extra"], usage=True),
    # Global option values.
    Local("bad-query", [*CREATE_TOKEN, "--query", "a["]),
    Local("endpoint-without-scheme", [*CREATE_TOKEN, "--endpoint-url", "localhost"]),
    Local("bad-read-timeout", [*CREATE_TOKEN, "--cli-read-timeout", "soon", *UNREACHABLE]),
    Local("missing-profile", [*CREATE_TOKEN, "--profile", "nope", *UNREACHABLE]),
    Local("bad-region", [*CREATE_TOKEN, "--region", "us east", *UNREACHABLE]),
    Local(
        "missing-profile-skeleton",
        ["sso-oidc", "create-token", "--generate-cli-skeleton"],
        {"AWS_PROFILE": "nope"},
    ),
    # Option values that cannot be read.
    Local("input-json-invalid", ["sso-oidc", "create-token", "--cli-input-json", "{bad"]),
    Local("input-json-missing-file", [*CREATE_TOKEN, "--cli-input-json", "file:///nonexistent/x"]),
    Local("token-input-list", [*SIGNIN, "[1]", *UNREACHABLE]),
    Local("scope-file-missing", [*CREATE_TOKEN, "--scope", "file:///nonexistent/s", *UNREACHABLE]),
    # Parameter validation (botocore's messages).
    Local(
        "validation-cli-input-json",
        [
            "sso-oidc",
            "create-token",
            "--cli-input-json",
            json.dumps(
                {
                    "clientId": 1,
                    "clientSecret": "s",
                    "grantType": "refresh_token",
                    "bogus": 1,
                    "scope": "a",
                }
            ),
            *UNREACHABLE,
        ],
    ),
    Local("validation-token-input-keys", [*SIGNIN, "foo=a,grantType=b", *UNREACHABLE]),
    Local(
        "validation-token-input-lengths",
        [
            *SIGNIN,
            "clientId=arn:aws:signin:::devtools/same-device,grantType=authorization_code,"
            "code=,redirectUri=http://127.0.0.1/cb,codeVerifier=short",
            *UNREACHABLE,
        ],
    ),
    Local(
        "validation-scope-items",
        [
            "sso-oidc",
            "register-client",
            "--cli-input-json",
            '{"clientName": "n", "clientType": "public", "scopes": ["a", 2, null]}',
            *UNREACHABLE,
        ],
    ),
    # Configuration and transport.
    Local(
        "no-credentials",
        [*IAM, *UNREACHABLE],
        {"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""},
    ),
    Local("unreachable", [*CREATE_TOKEN, *UNREACHABLE], {"AWS_MAX_ATTEMPTS": "1"}),
    Local(
        "missing-ca-bundle",
        [*CREATE_TOKEN, "--endpoint-url", LISTENING, "--ca-bundle", "/nonexistent/ca"],
        {"AWS_MAX_ATTEMPTS": "1"},
    ),
    Local(
        "unreachable-signed",
        [*IAM, *UNREACHABLE],
        {"AWS_MAX_ATTEMPTS": "1"},
    ),
    # Skeletons: input for every command, output (validated, nothing sent) for SSO OIDC.
    *(
        Local(f"skeleton-input-{op}", [service, op, "--generate-cli-skeleton", *extra])
        for service, op in (
            ("sso-oidc", "create-token"),
            ("sso-oidc", "create-token-with-iam"),
            ("sso-oidc", "register-client"),
            ("sso-oidc", "start-device-authorization"),
            ("signin", "create-oauth2-token"),
            ("signin", "create-o-auth2-token"),
        )
        for extra in ([], ["input"])[: 1 if op != "create-token" else 2]
    ),
    Local("skeleton-output-create-token", [*CREATE_TOKEN, "--generate-cli-skeleton", "output"]),
    *(
        Local(f"skeleton-output-iam-{name}", [*IAM, "--generate-cli-skeleton", "output", *extra])
        for name, extra in (
            ("json", []),
            ("text", ["--output", "text"]),
            ("table", ["--output", "table"]),
            ("query", ["--query", "awsAdditionalDetails"]),
        )
    ),
    Local(
        "skeleton-output-register-client",
        [
            "sso-oidc",
            "register-client",
            "--client-name",
            "n",
            "--client-type",
            "public",
            "--generate-cli-skeleton",
            "output",
            "--output",
            "text",
        ],
    ),
    Local(
        "skeleton-output-start-device-authorization",
        [
            "sso-oidc",
            "start-device-authorization",
            "--client-id",
            "c",
            "--client-secret",
            "s",
            "--start-url",
            "https://d-1234567890.awsapps.com/start",
            "--generate-cli-skeleton",
            "output",
            "--output",
            "table",
        ],
    ),
    Local(
        "skeleton-input-ignores-cli-input-json",
        ["sso-oidc", "create-token", "--cli-input-json", "{}", "--generate-cli-skeleton"],
    ),
]


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[Run, Run]]]:
    """Every case run by both command lines."""
    home: Path = tmp_path_factory.mktemp("cli-local")
    environ = make_environ(home)
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen(8)
        url = f"https://127.0.0.1:{listening.getsockname()[1]}"
        jobs = []
        for case in CASES:
            env = {**environ, **case.environ}
            args = [url if arg == LISTENING else arg for arg in case.args]
            jobs += [(aws_command(args), env), (our_command(args), env)]
        runs = run_all(jobs)
    yield {case.name: (runs[2 * i], runs[2 * i + 1]) for i, case in enumerate(CASES)}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_same_as_aws_cli(outcomes: dict[str, tuple[Run, Run]], case: Local) -> None:
    aws, ours = outcomes[case.name]
    if case.usage:
        assert as_aws(ours.stderr) == without_v2_note(aws.stderr)
    else:
        assert ours.stderr == aws.stderr
    assert ours.stdout == aws.stdout
    assert ours.code == aws.code


def test_the_cases_fail_where_they_should(outcomes: dict[str, tuple[Run, Run]]) -> None:
    """Guard against two identical wrong answers: a few outcomes pinned down."""
    expected = {
        "missing-required": (2, "the following arguments are required: --client-secret"),
        "unknown-option": (255, "Unknown options: --bogus, x"),
        "validation-cli-input-json": (255, 'Unknown parameter in input: "bogus"'),
        "no-credentials": (255, "Unable to locate credentials"),
        "unreachable": (255, 'Could not connect to the endpoint URL: "http://127.0.0.1:1/token"'),
        "missing-profile": (255, "The config profile (nope) could not be found"),
    }
    for name, (code, text) in expected.items():
        _, ours = outcomes[name]
        assert ours.code == code, name
        assert text in ours.stderr, name
    assert json.loads(outcomes["skeleton-input-create-token"][1].stdout)["clientSecret"] == ""
