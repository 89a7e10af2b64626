"""Faults injected through the emulator's control API, against the Python API on a socket.

Idempotent calls are retried (standard mode, 3 attempts) and succeed; a request that redeems
an authorization code is sent exactly once, whatever happens to it, and the emulator's
redemption counter proves it; and every failure reaches the caller as an error of the
library's hierarchy that says what happened.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

import pytest

from py_backend.auth.dpop import generate_private_key
from py_backend.auth.pkce import generate_code_verifier
from py_backend.client import SigninClient, SSOOIDCClient
from py_backend.client_config import ClientConfig
from py_backend.emulator import EmulatorServer
from py_backend.errors import (
    EndpointConnectionError,
    ReadTimeoutError,
    ServiceError,
    TokenBridgeError,
)
from py_backend.models.signin import SAME_DEVICE_CLIENT_ID
from tests.reliability.support import (
    APP_ARN,
    IAM_REDIRECT,
    LOOPBACK_REDIRECT,
    START_URL,
    Control,
    auth_code_client,
    device_tokens,
    iam_code,
    oidc_client,
    session,
    signin_code,
    sso_code,
)

pytestmark = [pytest.mark.timeout(30), pytest.mark.usefixtures("short_backoff")]

READ_TIMEOUT = 0.5  # seconds; the delay faults below wait twice as long
DELAY = 1.0


@pytest.fixture
def oidc(server: EmulatorServer) -> Iterator[SSOOIDCClient]:
    """A client with a short read timeout, so delays past it cost a second, not a minute."""
    with oidc_client(server.base_url, read_timeout=READ_TIMEOUT) as client:
        yield client


def register(oidc: SSOOIDCClient) -> Any:
    return oidc.register_client(clientName="faulty", clientType="public")


# --- idempotent calls: retried, and they succeed ---------------------------------------------


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_a_server_error_is_retried_and_the_refresh_succeeds(
    oidc: SSOOIDCClient, control: Control, status: int
) -> None:
    credentials, token = device_tokens(oidc, control)
    before = control.requests("/token")
    control.fault("/token", status=status)
    refreshed = oidc.create_token(
        **credentials, grantType="refresh_token", refreshToken=token["refreshToken"]
    )
    assert refreshed["refreshToken"] != token["refreshToken"]
    assert refreshed.response_metadata["RetryAttempts"] == 1
    assert control.requests("/token") - before == 2


@pytest.mark.parametrize(
    "path", ["/client/register", "/device_authorization", "/token", "/token?aws_iam=t"]
)
def test_throttling_is_retried(oidc: SSOOIDCClient, control: Control, path: str) -> None:
    credentials, token = device_tokens(oidc, control)
    calls: dict[str, Callable[[], Any]] = {
        "/client/register": lambda: register(oidc),
        "/device_authorization": lambda: oidc.start_device_authorization(
            **credentials, startUrl=START_URL
        ),
        "/token": lambda: oidc.create_token(
            **credentials, grantType="refresh_token", refreshToken=token["refreshToken"]
        ),
        "/token?aws_iam=t": lambda: oidc.create_token_with_iam(
            clientId=APP_ARN,
            grantType="urn:ietf:params:oauth:grant-type:jwt-bearer",
            assertion=control.assertion(),
        ),
    }
    before = control.requests(path)
    control.fault(path, status=429, count=2)  # ThrottlingException twice, then the answer
    answer = calls[path]()
    assert answer.response_metadata["RetryAttempts"] == 2
    assert control.requests(path) - before == 3


@pytest.mark.parametrize("path", ["/client/register", "/device_authorization"])
def test_a_delay_past_the_read_timeout_is_retried(
    oidc: SSOOIDCClient, control: Control, path: str
) -> None:
    registration = register(oidc)
    control.fault(path, delaySeconds=DELAY)
    if path == "/client/register":
        answer = register(oidc)
    else:
        answer = oidc.start_device_authorization(
            clientId=registration["clientId"],
            clientSecret=registration["clientSecret"],
            startUrl=START_URL,
        )
    assert answer.response_metadata["RetryAttempts"] == 1
    assert control.requests(path) == 2 + (path == "/client/register")


@pytest.mark.parametrize("phase", ["before", "after"])
def test_a_dropped_connection_is_retried(oidc: SSOOIDCClient, control: Control, phase: str) -> None:
    control.fault("/client/register", drop=True, phase=phase)
    answer = register(oidc)
    assert answer["clientId"]
    assert answer.response_metadata["RetryAttempts"] == 1
    assert control.requests("/client/register") == 2


# --- failures that last: a clear error, after exactly three attempts -------------------------


@dataclass(frozen=True)
class Lasting:
    """A fault that outlasts the retries, and what the caller must see."""

    spec: dict[str, Any]
    error: type[TokenBridgeError]
    words: tuple[str, ...]


LASTING = {
    "500": Lasting(
        {"status": 500},
        ServiceError,
        ("InternalServerException", "RegisterClient", "reached max retries: 2"),
    ),
    "429": Lasting(
        {"status": 429},
        ServiceError,
        ("ThrottlingException", "RegisterClient", "reached max retries: 2"),
    ),
    "drop": Lasting({"drop": True}, EndpointConnectionError, ("Could not connect", "/client")),
    "delay": Lasting({"delaySeconds": DELAY}, ReadTimeoutError, ("Read timeout", "/client")),
}


@pytest.mark.parametrize("name", list(LASTING))
def test_a_lasting_failure_reaches_the_caller_as_a_clear_error(
    oidc: SSOOIDCClient, control: Control, name: str
) -> None:
    lasting = LASTING[name]
    control.fault("/client/register", count=3, **lasting.spec)
    with pytest.raises(lasting.error) as caught:
        register(oidc)
    message = str(caught.value)
    for word in lasting.words:
        assert word in message
    assert control.requests("/client/register") == 3  # three attempts, not one more
    if isinstance(caught.value, ServiceError):
        assert caught.value.retry_attempts == 2
        assert caught.value.response["ResponseMetadata"]["MaxAttemptsReached"] is True
        assert caught.value.http_status == lasting.spec["status"]


def test_a_client_error_is_not_retried(oidc: SSOOIDCClient, control: Control) -> None:
    control.fault("/client/register", status=400, errorType="InvalidRequestException")
    with pytest.raises(oidc.exceptions.InvalidRequestException) as caught:
        register(oidc)
    assert caught.value.http_status == 400
    assert control.requests("/client/register") == 1


def test_a_lost_refresh_answer_is_retried_and_the_spent_token_is_named(
    oidc: SSOOIDCClient, control: Control
) -> None:
    """A rotating refresh token is spent by the first attempt; the retry gets a clear refusal.

    botocore retries a refresh too (it is not a one-time code); the emulator, like the
    service, refuses the spent token, and the caller sees that as InvalidGrantException.
    """
    credentials, token = device_tokens(oidc, control)
    control.fault("/token", status=500, phase="after")
    with pytest.raises(oidc.exceptions.InvalidGrantException) as caught:
        oidc.create_token(
            **credentials, grantType="refresh_token", refreshToken=token["refreshToken"]
        )
    assert "already been used" in str(caught.value)
    assert caught.value.retry_attempts == 1


# --- one-time codes: sent once, whatever happens ---------------------------------------------


@dataclass(frozen=True)
class Redemption:
    """One way to redeem an authorization code: the path, the counter, and the call."""

    path: str
    service: str
    redeem: Callable[[str, str], Any]  # (code, verifier) -> answer
    code: Callable[[str], str]  # verifier -> a fresh code


@pytest.fixture
def stack() -> Iterator[ExitStack]:
    """Closes what a test opened (the Sign-In clients), however it ends."""
    with ExitStack() as opened:
        yield opened


def redemptions(
    server: EmulatorServer, stack: ExitStack
) -> dict[str, Callable[[SSOOIDCClient], Redemption]]:
    base = server.base_url

    def sso(oidc: SSOOIDCClient) -> Redemption:
        credentials = auth_code_client(oidc)
        return Redemption(
            "/token",
            "sso-oidc",
            lambda code, verifier: oidc.create_token(
                **credentials,
                grantType="authorization_code",
                code=code,
                redirectUri=LOOPBACK_REDIRECT,
                codeVerifier=verifier,
            ),
            lambda verifier: sso_code(base, credentials["clientId"], verifier),
        )

    def iam(oidc: SSOOIDCClient) -> Redemption:
        return Redemption(
            "/token?aws_iam=t",
            "sso-oidc",
            lambda code, verifier: oidc.create_token_with_iam(
                clientId=APP_ARN,
                grantType="authorization_code",
                code=code,
                redirectUri=IAM_REDIRECT,
                codeVerifier=verifier,
            ),
            lambda verifier: iam_code(base, verifier),
        )

    def signin(oidc: SSOOIDCClient) -> Redemption:
        client = session().client(
            "signin",
            endpoint_url=base,
            dpop_key=generate_private_key(),
            config=ClientConfig(read_timeout=READ_TIMEOUT),
        )
        assert isinstance(client, SigninClient)
        stack.enter_context(client)
        return Redemption(
            "/v1/token",
            "signin",
            lambda code, verifier: client.create_oauth2_token(
                tokenInput={
                    "clientId": SAME_DEVICE_CLIENT_ID,
                    "grantType": "authorization_code",
                    "code": code,
                    "redirectUri": LOOPBACK_REDIRECT,
                    "codeVerifier": verifier,
                }
            ),
            lambda verifier: signin_code(base, verifier),
        )

    return {"sso": sso, "iam": iam, "signin": signin}


#: fault -> (the error the caller sees, whether the handler ran: the code was presented)
CODE_FAULTS: dict[str, tuple[dict[str, Any], type[TokenBridgeError], bool]] = {
    "500-before": ({"status": 500}, ServiceError, False),
    "500-after": ({"status": 500, "phase": "after"}, ServiceError, True),
    "503-after": ({"status": 503, "phase": "after"}, ServiceError, True),
    "429-after": ({"status": 429, "phase": "after"}, ServiceError, True),
    "drop-before": ({"drop": True}, EndpointConnectionError, False),
    "drop-after": ({"drop": True, "phase": "after"}, EndpointConnectionError, True),
    "timeout-before": ({"delaySeconds": DELAY}, ReadTimeoutError, True),
    "timeout-after": ({"delaySeconds": DELAY, "phase": "after"}, ReadTimeoutError, True),
}


@pytest.mark.parametrize("fault", list(CODE_FAULTS))
@pytest.mark.parametrize("grant", ["sso", "iam", "signin"])
def test_an_authorization_code_is_never_sent_twice(
    server: EmulatorServer,
    oidc: SSOOIDCClient,
    control: Control,
    stack: ExitStack,
    grant: str,
    fault: str,
) -> None:
    spec, error, presented = CODE_FAULTS[fault]
    redemption = redemptions(server, stack)[grant](oidc)
    verifier = generate_code_verifier()
    code = redemption.code(verifier)
    before = control.requests(redemption.path)
    control.fault(redemption.path, **spec)
    with pytest.raises(error) as caught:
        redemption.redeem(code, verifier)
    assert control.requests(redemption.path) - before == 1  # one attempt, never a retry
    if presented:  # a delayed request reaches the handler after the caller gave up
        assert control.wait_until(lambda: control.redemptions(redemption.service, code) >= 1)
    assert control.redemptions(redemption.service, code) == int(presented)
    assert caught.value.retry_attempts == 0 if isinstance(caught.value, ServiceError) else True
    assert str(caught.value)
    assert code not in str(caught.value) and code not in repr(caught.value)


@pytest.mark.parametrize("grant", ["sso", "iam", "signin"])
def test_a_redemption_without_faults_is_counted_once(
    server: EmulatorServer, oidc: SSOOIDCClient, control: Control, stack: ExitStack, grant: str
) -> None:
    """The counter the tests above rely on counts a normal redemption as one."""
    redemption = redemptions(server, stack)[grant](oidc)
    verifier = generate_code_verifier()
    code = redemption.code(verifier)
    assert redemption.redeem(code, verifier).response_metadata["RetryAttempts"] == 0
    assert control.redemptions(redemption.service, code) == 1
