"""The command line in-process: dispatch, help, version, exit codes, and what differs on purpose."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from py_backend.cli import driver as driver_module
from py_backend.cli import main
from py_backend.cli.commands import SERVICES
from py_backend.cli.docs import GLOBAL_OPTION_DOCS
from py_backend.cli.redact import MASK
from tests.cli.support import ACCESS_KEY, SECRET_KEY
from tests.support.recording_server import CannedResponse, RecordingServer

TOKEN = {"accessToken": "aoa-token", "tokenType": "Bearer", "expiresIn": 60}
CREATE_TOKEN = [
    "sso-oidc",
    "create-token",
    "--client-id",
    "c",
    "--client-secret",
    "s",
    "--grant-type",
    "refresh_token",
    "--refresh-token",
    "r",
]


@pytest.fixture(autouse=True)
def environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test keys and region, empty shared files, no retries."""
    config = tmp_path / "config"
    config.write_text("[default]\n")
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_DEFAULT_OUTPUT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", ACCESS_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    return config


@pytest.fixture(scope="module")
def _server() -> Iterator[RecordingServer]:
    with RecordingServer() as running:
        running.default = CannedResponse.json(200, TOKEN)
        yield running


@pytest.fixture
def server(_server: RecordingServer) -> RecordingServer:
    """A server answering a token to every request (shared; its record cleared)."""
    _server.take()
    return _server


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("aws-token-bridge/0.1.0 Python/3.")
    assert out.endswith("\n") and " " in out.strip()


def test_version_anywhere_on_the_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sso-oidc", "create-token", "--version"]) == 0
    assert capsys.readouterr().out.startswith("aws-token-bridge/")


@pytest.mark.parametrize(
    "operation", [op for s in SERVICES.values() for op in s.operations], ids=lambda op: op.name
)
def test_help_documents_every_option(operation: object, capsys: pytest.CaptureFixture[str]) -> None:
    from py_backend.cli.model import Operation

    assert isinstance(operation, Operation)
    assert main([operation.service, operation.cli_name, "help"]) == 0
    page = capsys.readouterr().out
    assert page.startswith(operation.cli_name.upper() + "()")
    paging = operation.paging
    # A paginated command documents --starting-token, --page-size and --max-items in place
    # of its token and limit options (which still work), as the AWS CLI does.
    hidden = (paging.input_token, paging.limit_key) if paging else ()
    for member in operation.input.members:
        shown = f"--{member.cli_name} ({member.shape.type})" in page
        assert shown == (member.name not in hidden), member.name
    paging_options = ["--starting-token", "--page-size", "--max-items"] if paging else []
    for option in [*GLOBAL_OPTION_DOCS, "--cli-input-json", "--generate-cli-skeleton"]:
        assert option in page
    for option in paging_options:
        assert f"{option} (" in page
    for member in operation.output.members:
        assert f"{member.name} -> " in page
    assert "cli_follow_urlparam" in page


def test_help_for_services_and_the_tool(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sso-oidc", "help"]) == 0
    page = capsys.readouterr().out
    for name in ("create-token", "create-token-with-iam", "register-client"):
        assert f"o {name}\n" in page
    assert main(["signin", "help"]) == 0
    assert "o create-oauth2-token" in capsys.readouterr().out
    assert main(["--debug", "help"]) == 0
    captured = capsys.readouterr()
    assert "AVAILABLE SERVICES" in captured.out and "o sso-oidc" in captured.out
    assert "--cli-connect-timeout (int)" in captured.out


def test_help_with_other_options_still_helps(capsys: pytest.CaptureFixture[str]) -> None:
    """As in the AWS CLI, a trailing ``help`` wins over the other options."""
    assert main(["signin", "create-o-auth2-token", "--token-input", "x", "help"]) == 0
    assert "--token-input (structure)" in capsys.readouterr().out


def test_dispatcher_lists_the_aws_style_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["help"]) == 0
    out = capsys.readouterr().out
    assert "sso-oidc" in out and "signin" in out and "emulator" in out


def test_global_options_before_the_service(
    server: RecordingServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--output", "text", "--endpoint-url", server.url, *CREATE_TOKEN])
    assert code == 0
    assert capsys.readouterr().out == "aoa-token\t60\tBearer\n"


def test_output_format_from_the_environment_and_the_profile(
    server: RecordingServer,
    environment: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("AWS_DEFAULT_OUTPUT", "text")
    assert main([*CREATE_TOKEN, "--endpoint-url", server.url]) == 0
    assert capsys.readouterr().out == "aoa-token\t60\tBearer\n"
    monkeypatch.delenv("AWS_DEFAULT_OUTPUT")
    environment.write_text("[default]\noutput = table\n")
    assert main([*CREATE_TOKEN, "--endpoint-url", server.url]) == 0
    assert capsys.readouterr().out.splitlines()[1].strip("| ") == "CreateToken"


def test_unknown_output_format_in_the_profile(
    server: RecordingServer, environment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    environment.write_text("[default]\noutput = yaml\n")
    assert main([*CREATE_TOKEN, "--endpoint-url", server.url]) == 255
    assert capsys.readouterr().err == "\nUnknown output type: yaml\n"


def test_legacy_retry_mode_as_in_the_aws_cli(
    server: RecordingServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AWS_MAX_ATTEMPTS")
    assert main([*CREATE_TOKEN, "--endpoint-url", server.url]) == 0
    (request,) = server.take()
    assert "cfg/retry-mode#legacy" in (request.header("User-Agent") or "")
    monkeypatch.setenv("AWS_RETRY_MODE", "standard")
    assert main([*CREATE_TOKEN, "--endpoint-url", server.url]) == 0
    (request,) = server.take()
    assert "cfg/retry-mode#standard" in (request.header("User-Agent") or "")


def test_profile_and_region_options(
    server: RecordingServer, environment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--profile selects the profile (its keys and region), --region overrides the region."""
    monkeypatch.delenv("AWS_DEFAULT_REGION")  # it would win over the profile's region
    environment.write_text(
        "[default]\n[profile dev]\nregion = eu-west-2\n"
        f"aws_access_key_id = AKIDPROFILE\naws_secret_access_key = {SECRET_KEY}\n"
    )
    app = "arn:aws:sso::123456789012:application/ssoins-1/apl-1"
    args = ["sso-oidc", "create-token-with-iam", "--client-id", app, "--grant-type"]
    args += ["refresh_token", "--refresh-token", "r", "--endpoint-url", server.url]
    assert main([*args, "--profile", "dev"]) == 0
    assert main([*args, "--profile", "dev", "--region", "ap-south-1"]) == 0
    from_profile, from_option = server.take()
    assert "AKIDPROFILE/" in (from_profile.header("Authorization") or "")
    assert "/eu-west-2/sso-oauth/aws4_request" in (from_profile.header("Authorization") or "")
    assert "/ap-south-1/sso-oauth/aws4_request" in (from_option.header("Authorization") or "")


def test_cli_input_json_fills_in_what_the_options_do_not_set(
    server: RecordingServer, tmp_path: Path
) -> None:
    document = tmp_path / "input.json"
    document.write_text(json.dumps({"clientId": "from-json", "scope": ["a"], "clientSecret": "j"}))
    args = [
        "sso-oidc",
        "create-token",
        "--client-id",
        "from-cli",
        "--grant-type",
        "refresh_token",
        "--refresh-token",
        "r",
        "--cli-input-json",
        f"file://{document}",
        "--endpoint-url",
        server.url,
    ]
    assert main(args) == 0
    (request,) = server.take()
    # Options first in model order, then the document's other members in its order.
    assert request.body == (
        b'{"clientId": "from-cli", "grantType": "refresh_token", "refreshToken": "r", '
        b'"scope": ["a"], "clientSecret": "j"}'
    )


def test_urls_are_never_fetched(server: RecordingServer) -> None:
    """The AWS CLI v1 downloads http(s) values unless cli_follow_urlparam = false."""
    args = ["sso-oidc", "start-device-authorization", "--client-id", "c", "--client-secret", "s"]
    start_url = server.url + "/would-be-fetched"
    assert main([*args, "--start-url", start_url, "--endpoint-url", server.url]) == 0
    (request,) = server.take()
    assert request.path == "/device_authorization"
    assert request.json()["startUrl"] == start_url


def test_no_sign_request_sends_create_token_with_iam_unsigned(server: RecordingServer) -> None:
    app = "arn:aws:sso::123456789012:application/ssoins-1/apl-1"
    args = ["sso-oidc", "create-token-with-iam", "--client-id", app, "--grant-type"]
    args += ["refresh_token", "--refresh-token", "r", "--endpoint-url", server.url]
    assert main(args) == 0
    assert main([*args, "--no-sign-request"]) == 0
    signed, unsigned = server.take()
    assert (signed.header("Authorization") or "").startswith("AWS4-HMAC-SHA256 Credential=")
    assert unsigned.header("Authorization") is None
    assert unsigned.target == "/token?aws_iam=t"


def test_signin_output_skeleton(capsys: pytest.CaptureFixture[str]) -> None:
    """The AWS CLI v1 fails here (its stub breaks the model's expiresIn >= 1); we print it."""
    token_input = "clientId=arn:aws:signin:::devtools/cross-device,grantType=refresh_token"
    args = ["signin", "create-oauth2-token", "--token-input", token_input + ",refreshToken=r"]
    assert main([*args, "--generate-cli-skeleton", "output"]) == 0
    skeleton = json.loads(capsys.readouterr().out)
    assert skeleton["tokenOutput"]["accessToken"]["secretAccessKey"] == "secretAccessKey"
    assert skeleton["tokenOutput"]["expiresIn"] == 0


def test_stricter_validation_than_the_aws_cli(capsys: pytest.CaptureFixture[str]) -> None:
    """A grant's missing members are found before sending (the AWS CLI lets the service say)."""
    args = ["sso-oidc", "create-token", "--client-id", "c", "--client-secret", "s"]
    assert main([*args, "--grant-type", "refresh_token", "--endpoint-url", "http://x"]) == 255
    assert capsys.readouterr().err == (
        "\nParameter validation failed:\nInvalid value for parameter refreshToken: "
        "missing required parameter for grantType refresh_token\n"
    )


def test_no_verify_ssl_warns_on_https(capsys: pytest.CaptureFixture[str]) -> None:
    args = [*CREATE_TOKEN, "--endpoint-url", "https://127.0.0.1:1", "--no-verify-ssl"]
    assert main(args) == 255
    err = capsys.readouterr().err
    assert (
        "InsecureRequestWarning: Unverified HTTPS request is being made to host '127.0.0.1'" in err
    )
    assert err.endswith('\nCould not connect to the endpoint URL: "https://127.0.0.1:1/token"\n')


def test_missing_region(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("AWS_DEFAULT_REGION")
    monkeypatch.delenv("AWS_REGION", raising=False)
    assert main([*CREATE_TOKEN, "--endpoint-url", "http://127.0.0.1:1"]) == 255
    assert capsys.readouterr().err == (
        "You must specify a region. You can also configure your region by running "
        '"aws configure".\n'
    )


def test_timeouts_of_zero_mean_no_timeout(server: RecordingServer) -> None:
    args = [*CREATE_TOKEN, "--cli-read-timeout", "0", "--cli-connect-timeout", "0"]
    assert main([*args, "--endpoint-url", server.url]) == 0


def test_ctrl_c_exits_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(args: list[str]) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(driver_module, "_main", interrupted)
    assert main(CREATE_TOKEN) == 130
    assert capsys.readouterr().out == "\n"


def test_parse_errors_mask_secret_values(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["signin", "create-oauth2-token", "--token-input", "refreshToken=abc=,,"]
    assert main(args) == 255
    assert capsys.readouterr().err == (
        "\nError parsing parameter '--token-input': Expected: '=', received: 'EOF' for input:\n"
        "refreshToken=***=,,\n"
        "                   ^\n"
    )


def test_unknown_options_mask_the_values_of_secret_options(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # register-client takes no --client-secret: the AWS CLI would print the stray value back.
    args = ["sso-oidc", "register-client", "--client-name", "n", "--client-type", "public"]
    assert main([*args, "--client-secret", "S3CRET-VALUE", "--bogus", "plain"]) == 255
    err = capsys.readouterr().err
    assert "S3CRET-VALUE" not in err
    # argparse moves the value after the other stray words; the AWS CLI prints them so too.
    assert err.rstrip().endswith(f"Unknown options: --client-secret, --bogus, plain, {MASK}")
