"""A secret-leak scan of every flow, through every front end, with all logging turned up.

Planted, distinct secrets go into every secret field the flows send (access key secret,
session token, PKCE verifiers, wrong client secrets and tokens, the DPoP key) and every
secret the emulator hands out (client secrets, device codes, codes, tokens, temporary
credentials, assertions) is collected as it appears. Then every output stream, log record,
notification, error message and repr is searched for all of them:

- the Python API with ``logging`` at DEBUG for every logger (the emulator's too: it runs in
  this process), and stdout/stderr;
- the command line with ``--debug``: stderr must hold none, stdout only the secrets of that
  command's own answer;
- the RPC backend with ``--log-level debug`` and ``-Verbose``/``-Debug`` on every call:
  stderr, every notification and every error answer must hold none (a result holds what
  the caller asked for).
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest

from py_backend import redaction
from py_backend.auth.dpop import generate_private_key, private_key_to_pem
from py_backend.auth.pkce import s256_challenge
from py_backend.client import SigninClient, SSOOIDCClient
from py_backend.client_config import ClientConfig
from py_backend.emulator import AccessKey, EmulatorConfig, EmulatorServer
from py_backend.errors import ServiceError, TokenBridgeError
from py_backend.models.signin import SAME_DEVICE_CLIENT_ID
from tests.reliability.support import (
    APP_ARN,
    DEVICE_GRANT,
    IAM_REDIRECT,
    LOOPBACK_REDIRECT,
    OTHER_APP_ARN,
    SSO_SCOPES,
    START_URL,
    Control,
    cli,
    iam_code,
    session,
    signin_code,
    sso_code,
)
from tests.rpc.client import RpcClient, child_environ

pytestmark = [pytest.mark.timeout(120), pytest.mark.usefixtures("short_backoff")]

JWT = "urn:ietf:params:oauth:grant-type:jwt-bearer"
EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange"
ACCESS_TYPE = "urn:ietf:params:oauth:token-type:access_token"
#: Members (any casing) whose string values are secrets, in answers and in requests: every
#: SecretStr member of the models (the set redaction works from).
SECRET_MEMBERS = {name.casefold() for name in redaction.SECRET_MEMBERS}


def plant(kind: str) -> str:
    """A distinct planted secret, valid as a PKCE verifier (43+ unreserved characters)."""
    return f"planted{kind}{uuid.uuid4().hex}{uuid.uuid4().hex}"


AKID = "AKIDPLANTEDLEAKSCAN"
SECRET_KEY = plant("secretkey")
SESSION_TOKEN = plant("sessiontoken")


@dataclass
class Secrets:
    """Every secret seen so far; scans text for them."""

    values: set[str] = field(default_factory=set)

    def add(self, *values: Any) -> None:
        for value in values:
            if isinstance(value, str) and len(value) >= 12:
                self.values.add(value)

    def harvest(self, data: Any) -> set[str]:
        """Add (and return) the secret members of an answer: any casing, any depth."""
        found: set[str] = set()
        if isinstance(data, Mapping):
            for key, value in data.items():
                if str(key).casefold() in SECRET_MEMBERS and isinstance(value, str):
                    found.add(value)
                found |= self.harvest(value)
        elif isinstance(data, list):
            for item in data:
                found |= self.harvest(item)
        self.add(*found)
        return {value for value in found if len(value) >= 12}

    def leaks(self, text: str, allowed: frozenset[str] | set[str] = frozenset()) -> list[str]:
        return sorted(value[:24] + "..." for value in self.values - allowed if value in text)


@pytest.fixture(scope="module")
def server() -> Iterator[EmulatorServer]:
    """The emulator, accepting only the planted access key (with its session token)."""
    config = EmulatorConfig(access_keys=(AccessKey(AKID, SECRET_KEY, SESSION_TOKEN),))
    with EmulatorServer(config=config, shutdown_timeout=1.0) as running:
        yield running


def dpop_key_secrets(secrets: Secrets, key: Any) -> str:
    """Plant a DPoP key: its PEM and every line of the PEM body are secrets."""
    pem = private_key_to_pem(key)
    text = pem.decode() if isinstance(pem, bytes) else str(pem)
    secrets.add(text, *[line for line in text.splitlines() if not line.startswith("-----")])
    return text


# --- the Python API ----------------------------------------------------------------------------


class ApiFlows:
    """Every flow through the Python API; every answer, error and repr is kept for the scan."""

    def __init__(self, server: EmulatorServer, control: Control, secrets: Secrets) -> None:
        self.base = server.base_url
        self.control = control
        self.secrets = secrets
        api = session(AKID, SECRET_KEY, SESSION_TOKEN)
        self.oidc = api.client(
            "sso-oidc", endpoint_url=self.base, config=ClientConfig(read_timeout=0.5)
        )
        assert isinstance(self.oidc, SSOOIDCClient)
        self.dpop_key = generate_private_key()
        dpop_key_secrets(secrets, self.dpop_key)
        self.signin = api.client("signin", endpoint_url=self.base, dpop_key=self.dpop_key)
        assert isinstance(self.signin, SigninClient)
        self.seen: list[str] = [
            repr(api),
            repr(self.oidc),
            repr(self.signin),
            str(api.get_credentials()),
        ]

    def ok(self, call: Any, **params: Any) -> Any:
        answer = call(**params)
        self.secrets.harvest(answer.to_dict())
        self.seen += [repr(answer), str(answer), json.dumps(answer.response_metadata, default=str)]
        return answer

    def fails(self, call: Any, **params: Any) -> TokenBridgeError:
        with pytest.raises(TokenBridgeError) as caught:
            call(**params)
        error = caught.value
        self.seen += [str(error), repr(error), str(error.args)]
        if isinstance(error, ServiceError):
            self.seen.append(json.dumps(error.response, default=str))
        return error

    def sso_device(self) -> None:
        registration = self.ok(
            self.oidc.register_client, clientName="leak", clientType="public", scopes=SSO_SCOPES
        )
        credentials = {
            "clientId": registration["clientId"],
            "clientSecret": registration["clientSecret"],
        }
        device = self.ok(self.oidc.start_device_authorization, **credentials, startUrl=START_URL)
        poll = {**credentials, "grantType": DEVICE_GRANT, "deviceCode": device["deviceCode"]}
        self.fails(self.oidc.create_token, **poll)  # authorization pending
        self.control.approve(device["userCode"])
        token = self.ok(self.oidc.create_token, **poll)
        refresh = {**credentials, "grantType": "refresh_token"}
        self.ok(self.oidc.create_token, **refresh, refreshToken=token["refreshToken"])
        self.fails(self.oidc.create_token, **refresh, refreshToken=token["refreshToken"])  # spent
        wrong = plant("clientsecret")
        self.secrets.add(wrong)
        self.fails(
            self.oidc.create_token, **{**refresh, "clientSecret": wrong}, refreshToken=plant("x")
        )
        bad_refresh = plant("refreshtoken")
        self.secrets.add(bad_refresh)
        self.fails(self.oidc.create_token, **refresh, refreshToken=bad_refresh)
        # Faults: the planted token rides along a request that fails in every way.
        for spec in (
            {"status": 500, "count": 3},
            {"drop": True, "count": 3},
            {"delaySeconds": 1.0, "count": 3},
        ):
            self.control.fault("/token", **spec)
            self.fails(self.oidc.create_token, **refresh, refreshToken=bad_refresh)
        # Parameter errors with secrets in the wrong places.
        self.fails(
            self.oidc.create_token, **refresh, refreshToken=bad_refresh, bogus=plant("bogus")
        )
        short = plant("verifier")[:20]
        self.secrets.add(short)
        self.fails(
            self.oidc.create_token,
            **credentials,
            grantType="authorization_code",
            code=plant("c"),
            redirectUri=LOOPBACK_REDIRECT,
            codeVerifier=short,
        )
        self.fails(
            self.oidc.create_token, **{**refresh, "clientSecret": [wrong]}, refreshToken=bad_refresh
        )

    def sso_auth_code(self) -> None:
        registration = self.ok(
            self.oidc.register_client,
            clientName="leak-code",
            clientType="public",
            grantTypes=["authorization_code", "refresh_token"],
            redirectUris=["http://127.0.0.1/oauth/callback"],
            scopes=SSO_SCOPES,
            issuerUrl=START_URL,
        )
        credentials = {
            "clientId": registration["clientId"],
            "clientSecret": registration["clientSecret"],
        }
        verifier = plant("verifier")
        code = sso_code(self.base, credentials["clientId"], verifier)
        self.secrets.add(verifier, code, s256_challenge(verifier))
        redeem = {
            **credentials,
            "grantType": "authorization_code",
            "code": code,
            "redirectUri": LOOPBACK_REDIRECT,
            "codeVerifier": verifier,
        }
        self.ok(self.oidc.create_token, **redeem)
        self.fails(self.oidc.create_token, **redeem)  # a code is good once

    def token_with_iam(self) -> None:
        verifier = plant("iamverifier")
        code = iam_code(self.base, verifier)
        self.secrets.add(verifier, code)
        by_code = self.ok(
            self.oidc.create_token_with_iam,
            clientId=APP_ARN,
            grantType="authorization_code",
            code=code,
            redirectUri=IAM_REDIRECT,
            codeVerifier=verifier,
        )
        self.ok(
            self.oidc.create_token_with_iam,
            clientId=APP_ARN,
            grantType="refresh_token",
            refreshToken=by_code["refreshToken"],
        )
        assertion = self.control.assertion()
        self.secrets.add(assertion)
        bearer = self.ok(
            self.oidc.create_token_with_iam, clientId=APP_ARN, grantType=JWT, assertion=assertion
        )
        self.ok(
            self.oidc.create_token_with_iam,
            clientId=OTHER_APP_ARN,
            grantType=EXCHANGE,
            subjectToken=bearer["accessToken"],
            subjectTokenType=ACCESS_TYPE,
            requestedTokenType=ACCESS_TYPE,
        )
        bad = plant("assertion")
        self.secrets.add(bad)
        self.fails(self.oidc.create_token_with_iam, clientId=APP_ARN, grantType=JWT, assertion=bad)
        wrong_secret = plant("wrongsecretkey")
        self.secrets.add(wrong_secret)
        wrong_key = session(AKID, wrong_secret, SESSION_TOKEN)
        with wrong_key.client("sso-oidc", endpoint_url=self.base) as other:
            self.fails(
                other.create_token_with_iam, clientId=APP_ARN, grantType=JWT, assertion=assertion
            )

    def signin_flow(self) -> None:
        verifier = plant("signinverifier")
        code = signin_code(self.base, verifier)
        self.secrets.add(verifier, code)
        token = self.ok(
            self.signin.create_oauth2_token,
            tokenInput={
                "clientId": SAME_DEVICE_CLIENT_ID,
                "grantType": "authorization_code",
                "code": code,
                "redirectUri": LOOPBACK_REDIRECT,
                "codeVerifier": verifier,
            },
        )
        refresh = {"clientId": SAME_DEVICE_CLIENT_ID, "grantType": "refresh_token"}
        self.ok(
            self.signin.create_oauth2_token,
            tokenInput={**refresh, "refreshToken": token["tokenOutput"]["refreshToken"]},
        )
        bad = plant("signinrefresh")
        self.secrets.add(bad)
        self.fails(self.signin.create_oauth2_token, tokenInput={**refresh, "refreshToken": bad})

    def close(self) -> None:
        self.oidc.close()
        self.signin.close()


@pytest.fixture
def secrets() -> Secrets:
    planted = Secrets()
    planted.add(SECRET_KEY, SESSION_TOKEN)
    return planted


def test_the_python_api_with_debug_logging(
    server: EmulatorServer,
    control: Control,
    secrets: Secrets,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "py_backend", "waitress", "hpack"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    flows = ApiFlows(server, control, secrets)
    try:
        flows.sso_device()
        flows.sso_auth_code()
        flows.token_with_iam()
        flows.signin_flow()
    finally:
        flows.close()
    assert len(secrets.values) > 40  # the flows ran and their secrets were collected
    assert len(caplog.records) > 100  # debug logging was on (httpx, httpcore, the library)
    logged = "\n".join(
        f"{record.name} {record.getMessage()} {record.exc_text or ''}" for record in caplog.records
    )
    leaking = [
        f"{record.name}: {record.getMessage()[:300]}"
        for record in caplog.records
        if secrets.leaks(f"{record.getMessage()} {record.exc_text or ''}")
    ]
    assert leaking == []
    assert secrets.leaks(logged) == []
    assert secrets.leaks("\n".join(flows.seen)) == []
    out, err = capsys.readouterr()
    assert secrets.leaks(out + err) == []


# --- the command line --------------------------------------------------------------------------


class CliFlows:
    """Every flow through ``python -m py_backend ... --debug``; every stream kept for the scan."""

    def __init__(self, server: EmulatorServer, control: Control, secrets: Secrets) -> None:
        self.base = server.base_url
        self.control = control
        self.secrets = secrets
        self.environ = child_environ(
            {
                "AWS_ACCESS_KEY_ID": AKID,
                "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
                "AWS_SESSION_TOKEN": SESSION_TOKEN,
                "AWS_DEFAULT_REGION": "us-east-1",
                "AWS_MAX_ATTEMPTS": "2",
            }
        )
        self.problems: list[str] = []
        self.debug_lines = 0

    def run(self, *args: str, ok: bool = True) -> Any:
        code, out, err = cli([*args, "--endpoint-url", self.base, "--debug"], self.environ)
        assert (code == 0) == ok, (args[:2], code, err[-400:])
        answer = json.loads(out) if ok else None
        own = self.secrets.harvest(answer) if ok else set()
        self.debug_lines += err.count("\n")
        for leak in self.secrets.leaks(err):
            self.problems.append(f"{' '.join(args[:2])} stderr: {leak}")
        for leak in self.secrets.leaks(out, allowed=own):
            self.problems.append(f"{' '.join(args[:2])} stdout: {leak}")
        return answer

    def flows(self) -> None:
        registration = self.run(
            "sso-oidc",
            "register-client",
            "--client-name",
            "leak",
            "--client-type",
            "public",
            "--scopes",
            "sso:account:access",
        )
        client = [
            f"--client-id={registration['clientId']}",
            f"--client-secret={registration['clientSecret']}",
        ]
        device = self.run(
            "sso-oidc", "start-device-authorization", *client, "--start-url", START_URL
        )
        poll = [
            "sso-oidc",
            "create-token",
            *client,
            "--grant-type",
            DEVICE_GRANT,
            f"--device-code={device['deviceCode']}",
        ]
        self.run(*poll, ok=False)  # pending
        self.control.approve(device["userCode"])
        token = self.run(*poll)
        refresh = ["sso-oidc", "create-token", *client, "--grant-type", "refresh_token"]
        self.run(*refresh, f"--refresh-token={token['refreshToken']}")
        self.run(*refresh, f"--refresh-token={token['refreshToken']}", ok=False)  # spent
        bad = plant("clirefresh")
        self.secrets.add(bad)
        self.run(*refresh, "--refresh-token", bad, ok=False)
        self.control.fault("/token", status=500, count=2)
        self.run(*refresh, "--refresh-token", bad, ok=False)
        self.control.fault("/token", drop=True, count=2)
        self.run(*refresh, "--refresh-token", bad, ok=False)
        self.run(*refresh, "--refresh-token", bad, "--scope", "[", ok=False)

        verifier = plant("cliverifier")
        code = iam_code(self.base, verifier)
        self.secrets.add(verifier, code)
        iam = self.run(
            "sso-oidc",
            "create-token-with-iam",
            "--client-id",
            APP_ARN,
            "--grant-type",
            "authorization_code",
            f"--code={code}",
            "--redirect-uri",
            IAM_REDIRECT,
            f"--code-verifier={verifier}",
        )
        assertion = self.control.assertion()
        self.secrets.add(assertion)
        self.run(
            "sso-oidc",
            "create-token-with-iam",
            "--client-id",
            APP_ARN,
            "--grant-type",
            JWT,
            f"--assertion={assertion}",
        )
        self.run(
            "sso-oidc",
            "create-token-with-iam",
            "--client-id",
            OTHER_APP_ARN,
            "--grant-type",
            EXCHANGE,
            f"--subject-token={iam['accessToken']}",
            "--subject-token-type",
            ACCESS_TYPE,
        )
        signin_verifier = plant("clisigninverifier")
        signin = signin_code(self.base, signin_verifier)
        self.secrets.add(signin_verifier, signin)
        token_input = {
            "clientId": SAME_DEVICE_CLIENT_ID,
            "grantType": "authorization_code",
            "code": signin,
            "redirectUri": LOOPBACK_REDIRECT,
            "codeVerifier": signin_verifier,
        }
        # Without a DPoP key the emulator refuses, as the service does; the error is scanned.
        self.run(
            "signin", "create-oauth2-token", "--token-input", json.dumps(token_input), ok=False
        )


def test_the_command_line_with_debug(
    server: EmulatorServer, control: Control, secrets: Secrets
) -> None:
    flows = CliFlows(server, control, secrets)
    flows.flows()
    assert flows.debug_lines > 100  # --debug did log
    assert len(secrets.values) > 15
    assert flows.problems == []


# --- the RPC backend -----------------------------------------------------------------------------


class RpcFlows:
    """Every flow through the backend at debug level, with -Verbose and -Debug on every call."""

    def __init__(
        self, server: EmulatorServer, control: Control, secrets: Secrets, backend: RpcClient
    ) -> None:
        self.where = {
            "Region": "us-east-1",
            "EndpointUrl": server.base_url,
            "Verbose": True,
            "Debug": True,
        }
        self.base = server.base_url
        self.control = control
        self.secrets = secrets
        self.backend = backend
        key = generate_private_key()
        self.context = {
            "storedCredentials": {
                "AccessKey": AKID,
                "SecretKey": SECRET_KEY,
                "Token": SESSION_TOKEN,
            },
            "dpopKey": dpop_key_secrets(secrets, key),
        }

    def invoke(self, cmdlet: str, ok: bool = True, **parameters: Any) -> Any:
        params = {
            "cmdlet": cmdlet,
            "parameters": {**self.where, **parameters},
            "context": self.context,
        }
        answer = self.backend.call("invoke", params)
        assert ("result" in answer) == ok, answer.get("error")
        if ok:
            self.secrets.harvest(answer["result"])
            return answer["result"]["items"][0]
        return None

    def flows(self) -> None:
        registration = self.invoke(
            "Register-SSOOIDCClient", ClientName="leak", ClientType="public", Scope=SSO_SCOPES
        )
        client = {
            "ClientId": registration["ClientId"],
            "ClientSecret": registration["ClientSecret"],
        }
        device = self.invoke("Start-SSOOIDCDeviceAuthorization", **client, StartUrl=START_URL)
        poll = {**client, "GrantType": DEVICE_GRANT, "DeviceCode": device["DeviceCode"]}
        self.invoke("New-SSOOIDCToken", ok=False, **poll)
        self.control.approve(device["UserCode"])
        token = self.invoke("New-SSOOIDCToken", **poll)
        refresh = {**client, "GrantType": "refresh_token"}
        self.invoke("New-SSOOIDCToken", **refresh, RefreshToken=token["RefreshToken"])
        self.invoke("New-SSOOIDCToken", ok=False, **refresh, RefreshToken=token["RefreshToken"])
        bad = plant("rpcrefresh")
        self.secrets.add(bad)
        self.control.fault("/token", status=500, count=2)
        self.invoke(
            "New-SSOOIDCToken",
            ok=False,
            **refresh,
            RefreshToken=bad,
            ClientConfig={"MaxErrorRetry": 1},
        )
        self.invoke("New-SSOOIDCToken", ok=False, **refresh, RefreshToken=bad, Bogus=plant("bogus"))

        verifier = plant("rpcverifier")
        code = iam_code(self.base, verifier)
        self.secrets.add(verifier, code)
        iam = self.invoke(
            "New-SSOOIDCTokenWithIAM",
            ClientId=APP_ARN,
            GrantType="authorization_code",
            Code=code,
            RedirectUri=IAM_REDIRECT,
            CodeVerifier=verifier,
        )
        assertion = self.control.assertion()
        self.secrets.add(assertion)
        self.invoke("New-SSOOIDCTokenWithIAM", ClientId=APP_ARN, GrantType=JWT, Assertion=assertion)
        self.invoke(
            "New-SSOOIDCTokenWithIAM",
            ClientId=OTHER_APP_ARN,
            GrantType=EXCHANGE,
            SubjectToken=iam["AccessToken"],
            SubjectTokenType=ACCESS_TYPE,
        )
        signin_verifier = plant("rpcsigninverifier")
        signin = signin_code(self.base, signin_verifier)
        self.secrets.add(signin_verifier, signin)
        output = self.invoke(
            "New-AMSPOAuth2Token",
            TokenInput_ClientId=SAME_DEVICE_CLIENT_ID,
            TokenInput_GrantType="authorization_code",
            TokenInput_Code=signin,
            TokenInput_RedirectUri=LOOPBACK_REDIRECT,
            TokenInput_CodeVerifier=signin_verifier,
        )
        self.invoke(
            "New-AMSPOAuth2Token",
            TokenInput_ClientId=SAME_DEVICE_CLIENT_ID,
            TokenInput_GrantType="refresh_token",
            TokenInput_RefreshToken=output["RefreshToken"],
        )


def test_the_rpc_backend_at_debug_level(
    server: EmulatorServer, control: Control, secrets: Secrets
) -> None:
    with RpcClient(["--log-level", "debug"]) as backend:
        backend.result("initialize", {"protocolVersion": "1.0"})
        RpcFlows(server, control, secrets, backend).flows()
        assert backend.result("shutdown") is None
        assert backend.wait_exit() == 0
    assert len(secrets.values) > 15
    assert "DEBUG" in backend.stderr
    assert len(backend.notifications) > 50  # -Verbose/-Debug messages came back
    assert secrets.leaks(backend.stderr) == []
    for message in backend.notifications:
        assert secrets.leaks(json.dumps(message)) == [], message
    for answer in backend.answer_log:
        assert secrets.leaks(json.dumps(answer.get("error"))) == [], answer
