"""The Python API: credentials only where needed, retries, one-time codes, DPoP, endpoints."""

from __future__ import annotations

import inspect
import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import py_backend
from py_backend.auth.dpop import generate_private_key, jwk_thumbprint, verify_proof
from py_backend.errors import (
    EndpointConnectionError,
    NoCredentialsError,
    NoRegionError,
    ReadTimeoutError,
)
from py_backend.models.sso_oidc import CreateTokenRequest
from tests.support.peers import ACCESS_KEY, CLEAN_ENVIRON, SECRET_KEY
from tests.support.recording_server import CannedResponse, RecordingServer

DEVICE = "urn:ietf:params:oauth:grant-type:device_code"
REFRESH = {"clientId": "c", "clientSecret": "s", "grantType": "refresh_token", "refreshToken": "r"}
AUTH_CODE = {
    "clientId": "c",
    "clientSecret": "s",
    "grantType": "authorization_code",
    "code": "ONE-TIME-CODE",
    "redirectUri": "http://127.0.0.1:5000/oauth/callback",
}
IAM_REFRESH = {"clientId": "arn:app", "grantType": "refresh_token", "refreshToken": "r"}
TOKEN = {"accessToken": "aoa", "tokenType": "Bearer", "expiresIn": 3600}


class Handler:
    """A scripted MockTransport handler: each call pops the next action."""

    def __init__(self, *actions: Any) -> None:
        self.actions = list(actions)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        action = self.actions.pop(0) if self.actions else 200
        if isinstance(action, Exception):
            raise action
        if isinstance(action, httpx.Response):
            return action
        return httpx.Response(action, json=TOKEN if action == 200 else {"error": "x"})


def error(status: int, code: str) -> httpx.Response:
    return httpx.Response(status, json={"error": "e"}, headers={"x-amzn-ErrorType": code})


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    waits: list[float] = []
    monkeypatch.setattr("time.sleep", waits.append)
    return waits


def make_client(
    handler: Callable[[httpx.Request], httpx.Response],
    service: str = "sso-oidc",
    environ: dict[str, str] | None = None,
    **session: Any,
) -> Any:
    session.setdefault("region_name", "us-east-1")
    made = py_backend.Session(environ=CLEAN_ENVIRON | (environ or {}), **session)
    return made.client(service, http_transport=httpx.MockTransport(handler))


# ------------------------------------------------------------------ credentials


@pytest.fixture
def failing_process_profile(tmp_path: Path) -> Iterator[tuple[dict[str, str], Path]]:
    """A profile whose credential_process leaves a marker and fails: it must never run."""
    marker = tmp_path / "ran"
    script = tmp_path / "creds.py"
    script.write_text(f"import pathlib,sys\npathlib.Path({str(marker)!r}).touch()\nsys.exit(3)\n")
    config = tmp_path / "config"
    config.write_text(f"[default]\ncredential_process = {sys.executable} {script}\n")
    yield {"AWS_CONFIG_FILE": str(config)}, marker


def test_unsigned_operations_never_look_for_credentials(failing_process_profile: Any) -> None:
    environ, marker = failing_process_profile
    handler = Handler(200, 200, 200)
    client = make_client(handler, environ=environ)
    client.register_client(clientName="n", clientType="public")
    client.start_device_authorization(clientId="c", clientSecret="s", startUrl="https://x")
    client.create_token(**REFRESH)
    assert len(handler.requests) == 3 and not marker.exists()
    assert all("authorization" not in r.headers for r in handler.requests)
    assert all("x-amz-date" not in r.headers for r in handler.requests)


def test_signed_operation_without_credentials_fails_before_sending() -> None:
    handler = Handler()
    with pytest.raises(NoCredentialsError, match="Unable to locate credentials"):
        make_client(handler).create_token_with_iam(**IAM_REFRESH)
    assert handler.requests == []


def test_signed_operation_runs_credential_process(tmp_path: Path) -> None:
    script = tmp_path / "creds.py"
    payload = {"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "S"}
    script.write_text(f"print({json.dumps(json.dumps(payload))})\n")
    config = tmp_path / "config"
    config.write_text(f"[profile p]\ncredential_process = {sys.executable} {script}\n")
    handler = Handler(200)
    client = make_client(handler, environ={"AWS_CONFIG_FILE": str(config)}, profile_name="p")
    client.create_token_with_iam(**IAM_REFRESH)
    assert "Credential=AKIDPROCESS/" in handler.requests[0].headers["authorization"]


def test_explicit_client_keys_win_over_the_session() -> None:
    handler = Handler(200)
    session = py_backend.Session(
        region_name="eu-west-1",
        aws_access_key_id="AKIDSESSION",
        aws_secret_access_key="x",
        environ=CLEAN_ENVIRON,
    )
    client = session.client(
        "sso-oidc",
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        aws_session_token="TOKEN",
        http_transport=httpx.MockTransport(handler),
    )
    client.create_token_with_iam(**IAM_REFRESH)
    sent = handler.requests[0].headers
    assert f"Credential={ACCESS_KEY}/" in sent["authorization"]
    assert "/eu-west-1/sso-oauth/aws4_request" in sent["authorization"]
    assert sent["x-amz-security-token"] == "TOKEN"


def test_missing_region_is_an_error() -> None:
    with pytest.raises(NoRegionError):
        py_backend.Session(environ=CLEAN_ENVIRON).client("sso-oidc")


# ------------------------------------------------------------------ retries


def test_server_errors_are_retried_with_backoff(no_waiting: list[float]) -> None:
    handler = Handler(500, error(503, "InternalServerException"), 200)
    response = make_client(handler).create_token(**REFRESH)
    assert response.response_metadata["RetryAttempts"] == 2
    assert [r.headers["amz-sdk-request"].split("; ")[-2:] for r in handler.requests] == [
        ["attempt=1", "max=3"],
        ["attempt=2", "max=3"],
        ["attempt=3", "max=3"],
    ]
    assert len(no_waiting) == 2 and 0 <= no_waiting[0] <= 1 and 0 <= no_waiting[1] <= 2


def test_throttling_is_retried_but_oauth_errors_are_not() -> None:
    handler = Handler(error(400, "ThrottlingException"), 200)
    make_client(handler).create_token(**REFRESH)
    assert len(handler.requests) == 2
    pending = Handler(error(400, "AuthorizationPendingException"))
    client = make_client(pending)
    with pytest.raises(client.exceptions.AuthorizationPendingException):
        client.create_token(clientId="c", clientSecret="s", grantType=DEVICE, deviceCode="d")
    assert len(pending.requests) == 1


def test_retries_stop_after_max_attempts() -> None:
    handler = Handler(500, 500, 500, 500)
    client = make_client(handler)
    with pytest.raises(client.exceptions.ClientError, match=r"reached max retries: 2"):
        client.create_token(**REFRESH)
    assert len(handler.requests) == 3


@pytest.mark.parametrize(
    "failure",
    [
        500,
        error(503, "ServiceUnavailable"),
        httpx.ReadTimeout("slow"),
        httpx.RemoteProtocolError("gone"),
    ],
    ids=["500", "503", "read-timeout", "dropped"],
)
def test_authorization_code_is_never_sent_twice(failure: Any) -> None:
    handler = Handler(failure, 200)
    with pytest.raises((py_backend.ServiceError, ReadTimeoutError, EndpointConnectionError)):
        make_client(handler).create_token(**AUTH_CODE)
    assert len(handler.requests) == 1


def test_authorization_code_is_retried_when_the_connection_never_opened() -> None:
    handler = Handler(httpx.ConnectError("refused"), 200)
    make_client(handler).create_token(**AUTH_CODE)
    assert len(handler.requests) == 2


def test_idempotent_calls_survive_dropped_connections() -> None:
    handler = Handler(httpx.RemoteProtocolError("gone"), httpx.ReadTimeout("slow"), 200)
    make_client(handler).create_token(**REFRESH)
    assert len(handler.requests) == 3


def test_transport_errors_are_mapped_and_clear() -> None:
    handler = Handler(*[httpx.ConnectError("refused")] * 3)
    with pytest.raises(EndpointConnectionError, match="Could not connect to the endpoint URL"):
        make_client(handler).create_token(**REFRESH)
    assert len(handler.requests) == 3


def test_signed_retries_are_signed_again() -> None:
    handler = Handler(500, 200)
    make_client(
        handler, aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY
    ).create_token_with_iam(**IAM_REFRESH)
    assert all("authorization" in r.headers for r in handler.requests)


# ------------------------------------------------------------------ Sign-In and DPoP

SIGNIN_REFRESH = {
    "tokenInput": {
        "clientId": "arn:aws:signin:::devtools/same-device",
        "grantType": "refresh_token",
        "refreshToken": "r",
    }
}


def test_signin_sends_a_fresh_dpop_proof_per_attempt() -> None:
    key = generate_private_key()
    handler = Handler(500, httpx.Response(200, json={"accessToken": {"accessKeyId": "A"}}))
    session = py_backend.Session(region_name="us-east-1", environ=CLEAN_ENVIRON)
    client = session.client("signin", dpop_key=key, http_transport=httpx.MockTransport(handler))
    response = client.create_oauth2_token(**SIGNIN_REFRESH)
    assert response.to_dict() == {"tokenOutput": {"accessToken": {"accessKeyId": "A"}}}
    now = int(time.time())
    proofs = [
        verify_proof(r.headers["dpop"], htm="POST", htu=str(r.url), now=now)
        for r in handler.requests
    ]
    assert str(handler.requests[0].url) == "https://us-east-1.signin.aws.amazon.com/v1/token"
    assert {p.thumbprint for p in proofs} == {jwk_thumbprint(proofs[0].jwk)}
    assert proofs[0].jti != proofs[1].jti


def test_signin_without_a_key_sends_no_proof_and_alias_works() -> None:
    handler = Handler(*[httpx.Response(200, json={"expiresIn": 900})] * 2)
    client = make_client(handler, service="signin")
    client.create_oauth2_token(**SIGNIN_REFRESH)
    client.create_o_auth2_token(token_input=SIGNIN_REFRESH["tokenInput"])
    assert all("dpop" not in r.headers for r in handler.requests)
    assert handler.requests[0].content == handler.requests[1].content


def test_authorization_code_redemption_on_signin_is_not_retried() -> None:
    handler = Handler(500, 200)
    body = {
        "clientId": "arn:aws:signin:::devtools/same-device",
        "grantType": "authorization_code",
        "code": "c",
        "redirectUri": "http://127.0.0.1:1/oauth/callback",
        "codeVerifier": "a" * 64,
    }
    client = make_client(handler, service="signin")
    with pytest.raises(client.exceptions.ClientError):
        client.create_oauth2_token(tokenInput=body)
    assert len(handler.requests) == 1


# ------------------------------------------------------------------ inputs and outputs


@pytest.mark.parametrize(
    "body",
    [b"<html>", b"[1, 2]", b'{"tokenOutput": 1, "accessToken": "not-an-object"}'],
    ids=["not-json", "not-an-object", "wrong-member-type"],
)
def test_a_malformed_answer_is_a_clear_error(body: bytes) -> None:
    handler = Handler(httpx.Response(200, content=body))
    with pytest.raises(py_backend.errors.ResponseParseError, match="CreateOAuth2Token"):
        make_client(handler, service="signin").create_oauth2_token(**SIGNIN_REFRESH)


def test_a_request_model_can_be_passed_instead_of_keywords() -> None:
    handler = Handler(200)
    request = CreateTokenRequest.build(REFRESH)
    make_client(handler).create_token(request)
    assert json.loads(handler.requests[0].content) == REFRESH
    with pytest.raises(TypeError):
        make_client(handler).create_token(request, clientId="x")


def test_invalid_input_is_refused_before_sending() -> None:
    handler = Handler()
    with pytest.raises(py_backend.ParamValidationError) as raised:
        make_client(handler).create_token(clientId="c", grantType="refresh_token")
    assert set(raised.value.parameters) == {"clientSecret"}
    assert handler.requests == []


def test_exceptions_namespace_is_like_boto3s() -> None:
    client = make_client(Handler())
    assert client.exceptions.ClientError is py_backend.errors.sso_oidc.SSOOIDCServiceError
    assert issubclass(client.exceptions.SlowDownException, py_backend.ClientError)
    signin = make_client(Handler(), service="signin")
    assert signin.exceptions.AccessDeniedException is not client.exceptions.AccessDeniedException


def test_session_client_help_names_every_keyword_it_takes() -> None:
    # client() takes **kwargs (for its overloads), so its docstring is where help() shows them.
    doc = py_backend.Session.client.__doc__ or ""
    taken = inspect.signature(py_backend.Session._create_client).parameters
    missing = [name for name in taken if name not in ("self", "service_name") and name not in doc]
    assert missing == []


def test_user_agent_and_sdk_headers() -> None:
    handler = Handler(200)
    make_client(handler).create_token(**REFRESH)
    sent = handler.requests[0].headers
    assert sent["user-agent"].startswith(f"aws-token-bridge/{py_backend.__version__} ua/2.1 ")
    assert "cfg/retry-mode#standard" in sent["user-agent"]
    assert sent["accept-encoding"] == "identity" and sent["content-type"] == "application/json"
    assert "accept" not in sent and "connection" not in sent


# ------------------------------------------------------------------ endpoints


@pytest.mark.parametrize(
    ("environ", "service", "expected"),
    [
        ({}, "sso-oidc", "https://oidc.us-east-1.amazonaws.com"),
        ({}, "signin", "https://us-east-1.signin.aws.amazon.com"),
        (
            {"AWS_USE_FIPS_ENDPOINT": "true"},
            "sso-oidc",
            "https://oidc-fips.us-east-1.amazonaws.com",
        ),
        ({"AWS_USE_DUALSTACK_ENDPOINT": "true"}, "signin", "https://signin.us-east-1.api.aws"),
        ({"AWS_ENDPOINT_URL": "http://127.0.0.1:9"}, "signin", "http://127.0.0.1:9"),
        (
            {
                "AWS_ENDPOINT_URL": "http://127.0.0.1:9",
                "AWS_ENDPOINT_URL_SSO_OIDC": "http://127.0.0.1:8",
            },
            "sso-oidc",
            "http://127.0.0.1:8",
        ),
        (
            {"AWS_ENDPOINT_URL_SIGNIN": "http://127.0.0.1:7", "AWS_USE_FIPS_ENDPOINT": "true"},
            "signin",
            "http://127.0.0.1:7",
        ),
    ],
)
def test_meta_endpoint_url(environ: dict[str, str], service: str, expected: str) -> None:
    client = make_client(Handler(), service=service, environ=environ)
    assert client.meta.endpoint_url == expected


def test_profile_endpoint_url_and_fips_pseudo_region(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.write_text("[default]\nendpoint_url = http://127.0.0.1:6\n")
    client = make_client(Handler(), environ={"AWS_CONFIG_FILE": str(config)})
    assert client.meta.endpoint_url == "http://127.0.0.1:6"
    fips = make_client(Handler(), region_name="fips-us-east-1")
    assert fips.meta.endpoint_url == "https://oidc-fips.us-east-1.amazonaws.com"
    assert fips.meta.region_name == "us-east-1"


def test_endpoint_url_with_a_path_prefix_is_kept() -> None:
    handler = Handler(200)
    session = py_backend.Session(region_name="us-east-1", environ=CLEAN_ENVIRON)
    client = session.client(
        "sso-oidc",
        endpoint_url="http://127.0.0.1:9/prefix/",
        http_transport=httpx.MockTransport(handler),
    )
    client.create_token(**REFRESH)
    assert str(handler.requests[0].url) == "http://127.0.0.1:9/prefix/token"


# ------------------------------------------------------------------ real sockets


def test_connections_are_kept_alive_and_reused() -> None:
    with RecordingServer() as server:
        session = py_backend.Session(region_name="us-east-1", environ=CLEAN_ENVIRON)
        with session.client("sso-oidc", endpoint_url=server.url) as client:
            client.create_token(**REFRESH)
            client.create_token(**REFRESH)
        first, second = server.take()
    assert first.peer == second.peer


def test_proxies_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    with RecordingServer() as proxy:
        proxy.respond(CannedResponse.json(200, TOKEN))
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        session = py_backend.Session(region_name="us-east-1", environ=CLEAN_ENVIRON)
        with session.client("sso-oidc", endpoint_url="http://oidc.example.invalid") as client:
            assert client.create_token(**REFRESH).to_dict() == TOKEN
        (request,) = proxy.take()
    assert request.target == "http://oidc.example.invalid/token"


def test_public_api_is_pinned() -> None:
    assert py_backend.__all__ == sorted(py_backend.__all__)
    assert set(py_backend.__all__) == {
        "ClientConfig",
        "ClientError",
        "ClientMeta",
        "ConfigurationError",
        "Credentials",
        "NoCredentialsError",
        "NoRegionError",
        "ParamValidationError",
        "SSOOIDCClient",
        "ServiceError",
        "Session",
        "SigninClient",
        "TokenBridgeError",
        "TransportError",
        "__version__",
    }


# ------------------------------------------------------------------ client config


def config_client(handler: Handler, **config: Any) -> Any:
    session = py_backend.Session(
        region_name="us-east-1",
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        environ=CLEAN_ENVIRON,
    )
    return session.client(
        "sso-oidc",
        config=py_backend.ClientConfig(**config),
        http_transport=httpx.MockTransport(handler),
    )


@pytest.mark.parametrize("marker", ["ours", "botocore"])
def test_unsigned_config_sends_create_token_with_iam_unsigned(marker: str) -> None:
    import botocore

    from py_backend.client_config import UNSIGNED

    handler = Handler(200)
    unsigned = UNSIGNED if marker == "ours" else botocore.UNSIGNED
    config_client(handler, signature_version=unsigned).create_token_with_iam(**IAM_REFRESH)
    assert "authorization" not in handler.requests[0].headers
    assert "x-amz-date" not in handler.requests[0].headers


def test_legacy_retry_mode_retries_429_five_times() -> None:
    handler = Handler(*[error(429, "TooManyRequestsException")] * 5)
    client = config_client(handler, retries={"mode": "legacy"})
    with pytest.raises(client.exceptions.ClientError, match="reached max retries: 4"):
        client.create_token(**REFRESH)
    assert len(handler.requests) == 5
    assert "cfg/retry-mode#legacy" in handler.requests[0].headers["user-agent"]
    standard = Handler(error(429, "TooManyRequestsError"), 200)
    with pytest.raises(client.exceptions.ClientError):
        config_client(standard).create_token(**REFRESH)
    assert len(standard.requests) == 1


def test_zero_timeouts_mean_no_timeout() -> None:
    client = config_client(Handler(), read_timeout=0, connect_timeout=0)
    assert client._http.timeout.read is None and client._http.timeout.connect is None
    default = config_client(Handler())
    assert default._http.timeout.read == 60.0
    with pytest.raises(py_backend.ParamValidationError, match="read_timeout"):
        config_client(Handler(), read_timeout=-1)


def test_import_is_lazy_and_every_public_name_resolves() -> None:
    import subprocess
    import sys

    probe = (
        "import sys, py_backend; "
        "heavy = [m for m in ('httpx', 'pydantic', 'cryptography') if m in sys.modules]; "
        "print(heavy); [getattr(py_backend, name) for name in py_backend.__all__]"
    )
    finished = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.strip() == "[]"
    assert set(py_backend.__all__) == set(py_backend._LAZY) | {"__version__"}
