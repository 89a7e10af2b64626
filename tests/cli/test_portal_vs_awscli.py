"""``aws sso ...`` (AWS CLI v1) and ``aws-token-bridge sso ...`` side by side, against the emulator.

The IAM Identity Center portal's four commands in every output format, with ``--query``,
``--cli-input-json``, the paging options (``--page-size``, ``--max-items``,
``--starting-token``, ``--no-paginate``, the hidden ``--max-results``/``--next-token``),
skeletons, usage errors and service errors. Both command lines run with the same environment
through a replaying proxy, so both see the very same answers (the same minted credentials), and
must print the same bytes on stdout and stderr, exit with the same status and send the same
requests (method, path and query).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from py_backend.emulator import EmulatorConfig, EmulatorServer
from tests.cli.replay import ReplayProxy
from tests.cli.support import (
    Run,
    as_aws,
    make_environ,
    our_command,
    run_all,
    run_pairs,
    without_v2_note,
)
from tests.emulator.support import device_tokens

pytestmark = pytest.mark.awscli

TOKEN = "<TOKEN>"  # replaced by the case's access token


def _resume(truncate: int, next_token: str | None = None) -> str:
    """A resume token as botocore encodes it (base64 of its JSON)."""
    data = {"nextToken": next_token, "boto_truncate_amount": truncate}
    return base64.b64encode(json.dumps(data).encode()).decode()


@dataclass(frozen=True)
class Case:
    """One command line (``<TOKEN>`` stands for an access token) and the proxy it runs through.

    ``session`` names the token (and proxy) it uses: a logout gets its own.
    """

    name: str
    args: tuple[str, ...]
    session: str = "main"


ROLES = ("list-account-roles", "--access-token", TOKEN, "--account-id", "333333333333")
ACCOUNTS = ("list-accounts", "--access-token", TOKEN)
CREDENTIALS = (
    "get-role-credentials",
    "--access-token",
    TOKEN,
    "--account-id",
    "111111111111",
    "--role-name",
    "ReadOnlyAccess",
)

CASES = (
    Case("accounts-json", (*ACCOUNTS, "--output", "json")),
    Case("accounts-text", (*ACCOUNTS, "--output", "text")),
    Case("accounts-table", (*ACCOUNTS, "--output", "table")),
    Case("accounts-page-size-text", (*ACCOUNTS, "--page-size", "1", "--output", "text")),
    Case("accounts-page-size-json", (*ACCOUNTS, "--page-size", "2", "--output", "json")),
    Case("accounts-max-items-json", (*ACCOUNTS, "--max-items", "2", "--output", "json")),
    Case("accounts-max-items-text", (*ACCOUNTS, "--max-items", "1", "--output", "text")),
    Case("accounts-max-items-table", (*ACCOUNTS, "--max-items", "2", "--output", "table")),
    Case(
        "accounts-max-items-page-size",
        (*ACCOUNTS, "--max-items", "1", "--page-size", "2", "--output", "json"),
    ),
    Case("accounts-max-items-zero", (*ACCOUNTS, "--max-items", "0", "--output", "json")),
    Case(
        "accounts-starting-token-json",
        (*ACCOUNTS, "--starting-token", _resume(1), "--page-size", "2", "--output", "json"),
    ),
    Case(
        "accounts-starting-token-text",
        (*ACCOUNTS, "--starting-token", _resume(2), "--output", "text"),
    ),
    Case(
        "accounts-query-json",
        (*ACCOUNTS, "--page-size", "1", "--query", "accountList[].accountId", "--output", "json"),
    ),
    Case(
        "accounts-query-text",
        (*ACCOUNTS, "--page-size", "1", "--query", "accountList[].accountName", "--output", "text"),
    ),
    Case(
        "accounts-query-table",
        (*ACCOUNTS, "--query", "accountList[?accountName=='Sandbox']", "--output", "table"),
    ),
    Case(
        "accounts-query-resume-text",
        (*ACCOUNTS, "--max-items", "1", "--query", "NextToken", "--output", "text"),
    ),
    Case("accounts-no-paginate", (*ACCOUNTS, "--no-paginate", "--output", "json")),
    Case("accounts-max-results", (*ACCOUNTS, "--max-results", "1", "--output", "json")),
    Case(
        "accounts-max-results-text",
        (*ACCOUNTS, "--max-results", "2", "--output", "text"),
    ),
    Case("accounts-no-paginate-max-items", (*ACCOUNTS, "--no-paginate", "--max-items", "1")),
    Case("accounts-max-results-not-int", (*ACCOUNTS, "--max-results", "abc")),
    Case("accounts-max-items-not-int", (*ACCOUNTS, "--max-items", "abc")),
    Case(
        "accounts-input-json",
        (
            "list-accounts",
            "--cli-input-json",
            json.dumps({"accessToken": TOKEN}),
            "--page-size",
            "2",
            "--output",
            "text",
        ),
    ),
    Case("accounts-skeleton-output", (*ACCOUNTS, "--generate-cli-skeleton", "output")),
    Case("accounts-skeleton-input", ("list-accounts", "--generate-cli-skeleton")),
    Case("accounts-missing-token", ("list-accounts", "--output", "json")),
    Case("accounts-bad-token", ("list-accounts", "--access-token", "aoaNOTATOKEN")),
    Case("roles-json", (*ROLES, "--output", "json")),
    Case("roles-text", (*ROLES, "--page-size", "1", "--output", "text")),
    Case("roles-table", (*ROLES, "--page-size", "2", "--output", "table")),
    Case("roles-max-items", (*ROLES, "--max-items", "2", "--page-size", "1")),
    Case(
        "roles-unknown-account",
        ("list-account-roles", "--access-token", TOKEN, "--account-id", "999999999999"),
    ),
    Case("credentials-json", (*CREDENTIALS, "--output", "json")),
    Case("credentials-text", (*CREDENTIALS, "--output", "text")),
    Case("credentials-table", (*CREDENTIALS, "--output", "table")),
    Case("credentials-query", (*CREDENTIALS, "--query", "roleCredentials.accessKeyId")),
    Case(
        "credentials-forbidden",
        (
            "get-role-credentials",
            "--access-token",
            TOKEN,
            "--account-id",
            "222222222222",
            "--role-name",
            "AdministratorAccess",
        ),
    ),
    Case("credentials-skeleton-output", (*CREDENTIALS, "--generate-cli-skeleton", "output")),
    Case("logout-json", ("logout", "--access-token", TOKEN, "--output", "json"), "logout"),
    Case("logout-table", ("logout", "--access-token", TOKEN, "--output", "table"), "logout"),
    Case(
        "logout-skeleton", ("logout", "--access-token", TOKEN, "--generate-cli-skeleton", "output")
    ),
)
SESSIONS = sorted({case.session for case in CASES})


@dataclass
class Outcome:
    """Both runs of one case."""

    aws: Run
    ours: Run


@dataclass
class Matrix:
    """Every outcome, by case name, the proxies by session, and the tokens."""

    outcomes: dict[str, Outcome]
    proxies: dict[str, ReplayProxy]
    tokens: dict[str, str]


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Matrix]:
    """Run every case with both command lines."""
    tmp: Path = tmp_path_factory.mktemp("portal-cli")
    environ = make_environ(tmp)
    with ExitStack() as stack:
        emulator = stack.enter_context(
            EmulatorServer(config=EmulatorConfig(), shutdown_timeout=1.0)
        )
        with httpx.Client(base_url=emulator.base_url) as http:
            tokens = {session: device_tokens(http)["accessToken"] for session in SESSIONS}
        proxies = {
            session: stack.enter_context(ReplayProxy(emulator.base_url)) for session in SESSIONS
        }
        cases = {}
        for case in CASES:
            args = [arg.replace(TOKEN, tokens[case.session]) for arg in case.args]
            args = ["sso", *args, "--endpoint-url", proxies[case.session].url]
            cases[case.name] = (args, environ)
        outcomes = {name: Outcome(*pair) for name, pair in run_pairs(cases).items()}
        yield Matrix(outcomes, proxies, tokens)


@pytest.mark.parametrize("case", [c.name for c in CASES])
def test_same_output_as_aws_cli(matrix: Matrix, case: str) -> None:
    outcome = matrix.outcomes[case]
    # Usage errors name the program; the AWS CLI v1 adds its note about v2.
    assert as_aws(outcome.ours.stderr) == without_v2_note(outcome.aws.stderr)
    assert outcome.ours.stdout == outcome.aws.stdout
    assert outcome.ours.code == outcome.aws.code


@pytest.mark.parametrize("session", SESSIONS)
def test_same_requests_as_aws_cli(matrix: Matrix, session: str) -> None:
    sent: dict[str, set[tuple[str, str]]] = {}
    for seen in matrix.proxies[session].seen:
        product = seen.user_agent.split("/", 1)[0]
        sent.setdefault(product, set()).add((seen.method, seen.target))
        assert seen.body == b""
    assert sent.get("aws-cli"), "the AWS CLI sent nothing"
    assert sent.get("aws-token-bridge") == sent["aws-cli"]


def test_the_comparisons_saw_real_answers(matrix: Matrix) -> None:
    """Guard against comparing two identical failures."""
    for name, text in (
        ("accounts-json", '"accountName": "Sandbox"'),
        ("accounts-text", "ACCOUNTLIST\t333333333333\tSandbox"),
        ("accounts-max-items-json", '"NextToken": "'),
        ("roles-json", '"roleName": "PowerUserAccess"'),
        ("credentials-json", '"accessKeyId": "ASIA'),
    ):
        outcome = matrix.outcomes[name]
        assert outcome.aws.code == 0, outcome.aws.stderr
        assert text in outcome.aws.stdout, name
    for name, text in (
        ("accounts-bad-token", "(UnauthorizedException) when calling the ListAccounts"),
        ("roles-unknown-account", "(ResourceNotFoundException)"),
        ("credentials-forbidden", "(ForbiddenException) when calling the GetRoleCredentials"),
        ("accounts-no-paginate-max-items", "Cannot specify --no-paginate"),
        ("accounts-max-results-not-int", "invalid literal for int()"),
    ):
        ours = matrix.outcomes[name].ours
        assert ours.code == 255 and text in ours.stderr, name


def test_the_token_stays_out_of_every_output(matrix: Matrix) -> None:
    for name, outcome in matrix.outcomes.items():
        token = matrix.tokens[next(c.session for c in CASES if c.name == name)]
        assert token not in outcome.ours.stdout + outcome.ours.stderr, name


def test_debug_masks_the_bearer_token(matrix: Matrix, tmp_path: Path) -> None:
    """--debug shows the portal requests, never the access token (argument or header)."""
    token = matrix.tokens["main"]
    args = ["--debug", "sso", *ACCOUNTS, "--endpoint-url", matrix.proxies["main"].url]
    args = [arg.replace(TOKEN, token) for arg in args]
    (done,) = run_all([(our_command(args), make_environ(tmp_path))])
    assert done.code == 0, done.stderr
    assert "x-amz-sso_bearer_token': '***'" in done.stderr
    assert "GET" in done.stderr and "/assignment/accounts" in done.stderr
    assert token not in done.stdout + done.stderr
