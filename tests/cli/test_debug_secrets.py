"""``--debug`` never shows a secret: every secret option, secret keys, and secret answers.

Secrets are planted in every option that takes one (client secret, device code, code, code
verifier, refresh token, assertion, subject token, the Sign-In token input, a
``--cli-input-json`` document), in the environment (secret key, session token) and in the
answers (tokens, client secret, temporary credentials). The debug log on stderr must show
the requests and answers, and none of the secrets. (The AWS CLI's own debug log shows them
all.)
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.support import Run, make_environ, our_command, run_all
from tests.support.recording_server import CannedResponse, RecordingServer

APP = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-aaaaaaaaaaaaaaaa"


def secret(name: str) -> str:
    """A recognisable secret value, long enough for every length rule."""
    return f"SECRET{name.upper()}" + "x" * 40


SENT = {
    name: secret(name)
    for name in (
        "clientsecret",
        "devicecode",
        "code",
        "refreshtoken",
        "codeverifier",
        "iamrefresh",
        "assertion",
        "subjecttoken",
        "iamcode",
        "iamverifier",
        "secretkey",
        "sessiontoken",
        "signincode",
        "signinverifier",
        "signinrefresh",
        "jsonsecret",
        "equalsform",
        "prefixform",
        "errorpath",
        "shorthandbad",
        "jsonbad",
        "wrongtype",
    )
}
ANSWERED = {name: secret(name) for name in ("access", "refresh", "id", "registered", "device")}
ANSWERED.update(secretkey2=secret("secretkey2"), session2=secret("session2"))

TOKEN_ANSWER = {
    "accessToken": ANSWERED["access"],
    "tokenType": "Bearer",
    "expiresIn": 3600,
    "refreshToken": ANSWERED["refresh"],
    "idToken": ANSWERED["id"],
}


def _commands(url: str) -> list[tuple[list[str], dict[str, str], CannedResponse]]:
    ok = CannedResponse.json(200, TOKEN_ANSWER)
    s = SENT
    return [
        (
            [
                "sso-oidc", "create-token", "--client-id", "c", "--client-secret",
                s["clientsecret"], "--grant-type", "refresh_token", "--device-code",
                s["devicecode"], "--code", s["code"], "--refresh-token", s["refreshtoken"],
                "--code-verifier", s["codeverifier"],
            ],
            {},
            ok,
        ),
        (
            [
                "sso-oidc", "create-token-with-iam", "--client-id", APP, "--grant-type",
                "refresh_token", "--refresh-token", s["iamrefresh"], "--assertion",
                s["assertion"], "--subject-token", s["subjecttoken"], "--code", s["iamcode"],
                "--code-verifier", s["iamverifier"],
            ],
            {"AWS_SECRET_ACCESS_KEY": s["secretkey"], "AWS_SESSION_TOKEN": s["sessiontoken"]},
            ok,
        ),
        (
            [
                "signin", "create-oauth2-token", "--token-input",
                json.dumps(
                    {
                        "clientId": "arn:aws:signin:::devtools/same-device",
                        "grantType": "authorization_code",
                        "code": s["signincode"],
                        "redirectUri": "http://127.0.0.1:5/cb",
                        "codeVerifier": s["signinverifier"],
                        "refreshToken": s["signinrefresh"],
                    }
                ),
            ],
            {},
            CannedResponse.json(
                200,
                {
                    "accessToken": {
                        "accessKeyId": "ASIAEXAMPLE",
                        "secretAccessKey": ANSWERED["secretkey2"],
                        "sessionToken": ANSWERED["session2"],
                    },
                    "tokenType": "aws_sigv4",
                    "expiresIn": 900,
                    "refreshToken": ANSWERED["refresh"],
                    "idToken": ANSWERED["id"],
                },
            ),
        ),
        (
            [
                "sso-oidc", "start-device-authorization", "--cli-input-json",
                json.dumps(
                    {"clientId": "c", "clientSecret": s["jsonsecret"], "startUrl": "https://x"}
                ),
            ],
            {},
            CannedResponse.json(200, {"deviceCode": ANSWERED["device"], "userCode": "A-B"}),
        ),
        (
            ["sso-oidc", "register-client", "--client-name", "n", "--client-type", "public"],
            {},
            CannedResponse.json(200, {"clientId": "c", "clientSecret": ANSWERED["registered"]}),
        ),
        (
            [
                "sso-oidc", "create-token", "--client-id", "c",
                f"--client-secret={s['equalsform']}", "--grant-type", "refresh_token",
                "--refresh-tok", s["prefixform"],
            ],
            {},
            ok,
        ),
        (
            [
                "sso-oidc", "create-token", "--client-id", "c", "--client-secret",
                s["errorpath"], "--grant-type", "refresh_token", "--refresh-token", "r",
            ],
            {},
            CannedResponse.json(
                400,
                {"error": "invalid_grant", "error_description": "Invalid grant provided"},
                x_amzn_ErrorType="InvalidGrantException",
            ),
        ),
        (
            [
                "signin", "create-oauth2-token", "--token-input",
                f"refreshToken={s['shorthandbad']},,",
            ],
            {},
            ok,
        ),
        (
            [
                "sso-oidc", "create-token", "--cli-input-json",
                '{"clientSecret": "' + s["jsonbad"] + '", ',
            ],
            {},
            ok,
        ),
        (
            [
                "sso-oidc", "create-token", "--cli-input-json",
                json.dumps(
                    {"clientId": "c", "clientSecret": [s["wrongtype"]], "grantType": "x"}
                ),
            ],
            {},
            ok,
        ),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def debug_runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[list[Run], bytes]]:
    """Each command with --debug against a server answering the canned answer."""
    home: Path = tmp_path_factory.mktemp("cli-debug")
    environ = make_environ(home)
    runs: list[Run] = []
    with RecordingServer() as server:
        for args, extra, answer in _commands(server.url):
            server.respond(answer)
            command = our_command([*args, "--debug", "--endpoint-url", server.url])
            runs += run_all([(command, {**environ, **extra})], workers=1)
            server.queue.clear()
        received = b"".join(r.body + str(r.headers).encode() for r in server.take())
    yield runs, received


def test_no_secret_in_debug_output(debug_runs: tuple[list[Run], bytes]) -> None:
    runs, _ = debug_runs
    stderr = "".join(run.stderr for run in runs)
    for name, value in {**SENT, **ANSWERED}.items():
        assert value not in stderr, name
        # Not even the recognisable part of it.
        assert value[:12] not in stderr, name


def test_the_secrets_were_really_used(debug_runs: tuple[list[Run], bytes]) -> None:
    """The log is about requests that carried the secrets and answers that held them."""
    runs, received = debug_runs
    for name in ("clientsecret", "devicecode", "assertion", "signinverifier", "jsonsecret"):
        assert SENT[name].encode() in received, name
    assert ANSWERED["access"] in runs[0].stdout
    assert ANSWERED["secretkey2"] in runs[2].stdout


def test_the_debug_log_shows_requests_and_answers(debug_runs: tuple[list[Run], bytes]) -> None:
    runs, _ = debug_runs
    first = runs[0].stderr
    assert "DEBUG - CLI version: aws-token-bridge/" in first
    assert "Arguments entered to CLI: ['sso-oidc', 'create-token', '--client-id', 'c'," in first
    assert "Sending http request: POST http://127.0.0.1:" in first
    assert '"clientSecret": "***"' in first
    assert "Response status: 200" in first
    assert '"accessToken": "***"' in first
    signed = runs[1].stderr
    assert "Credential=AKIDEXAMPLE/" in signed
    assert "'X-Amz-Security-Token': '***'" in signed or "x-amz-security-token': '***'" in signed


def test_failures_are_logged_and_reported(debug_runs: tuple[list[Run], bytes]) -> None:
    runs, _ = debug_runs
    service_error, shorthand_error, json_error, type_error = runs[6], runs[7], runs[8], runs[9]
    assert service_error.code == 255
    assert "Exception caught in main(): InvalidGrantException" in service_error.stderr
    assert "An error occurred (InvalidGrantException)" in service_error.stderr
    # The input is quoted back masked, with the caret still under the problem.
    masked = "refreshToken=" + "*" * len(SENT["shorthandbad"]) + ",,"
    assert f"{masked}\n" + " " * len(masked) + "^" in shorthand_error.stderr
    assert 'JSON received: {"clientSecret": "***' in json_error.stderr
    assert "Invalid type for parameter clientSecret, value: ***, type: <class 'list'>" in (
        type_error.stderr
    )
