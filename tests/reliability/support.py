"""Helpers for the reliability suite: the emulator's control API and the flows' first steps.

Everything runs against an :class:`~py_backend.emulator.EmulatorServer` on 127.0.0.1. The
flows are driven through the library's own pieces (the Python API, and the authorize-URL
helpers of :mod:`py_backend.flows.authorize` for the browser's part).
"""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

import py_backend
from py_backend.auth.pkce import s256_challenge
from py_backend.client import SSOOIDCClient
from py_backend.client_config import ClientConfig
from py_backend.flows.authorize import parse_redirect, signin_authorize_url, sso_authorize_url
from py_backend.models.signin import SAME_DEVICE_CLIENT_ID

REPO_ROOT = Path(__file__).resolve().parents[2]
ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
START_URL = "https://d-1234567890.awsapps.com/start"
APP_ARN = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-reliable"
OTHER_APP_ARN = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-other"
LOOPBACK_REDIRECT = "http://127.0.0.1:54321/oauth/callback"
IAM_REDIRECT = "https://app.example.com/callback"
SSO_SCOPES = ["sso:account:access"]


class Control:
    """The emulator's control API (``/__emulator/...``) and its counters."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.http = httpx.Client(base_url=base_url, timeout=10, trust_env=False)

    def post(self, path: str, body: Mapping[str, Any]) -> Any:
        answer = self.http.post(f"/__emulator/{path}", json=dict(body))
        answer.raise_for_status()
        return answer.json()

    def reset(self) -> None:
        self.post("reset", {})

    def fault(self, path: str, **spec: Any) -> None:
        """Inject a fault (``status``, ``delaySeconds``, ``drop``, ``phase``, ``count``...)."""
        self.post("faults", {"path": path, **spec})

    def stats(self) -> dict[str, Any]:
        answer = self.http.get("/__emulator/stats")
        answer.raise_for_status()
        stats: dict[str, Any] = answer.json()
        return stats

    def requests(self, key: str) -> int:
        """How many requests the service side has received for a path (or path-and-op key)."""
        return int(self.stats()["requests"].get(key, 0))

    def redemptions(self, service: str, code: str) -> int:
        """How many times an authorization code was presented for redemption."""
        return int(self.stats()["redemptions"][service].get(code, 0))

    def approve(self, user_code: str) -> None:
        self.post("device/approve", {"userCode": user_code})

    def assertion(self, audience: str = APP_ARN) -> str:
        return str(self.post("jwt-bearer/assertion", {"audience": audience})["assertion"])

    def wait_until(self, condition: Callable[[], bool], seconds: float = 10.0) -> bool:
        """Poll ``condition`` (for effects of a delayed request still in the server)."""
        deadline = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return True

    def close(self) -> None:
        self.http.close()


def session(
    access_key: str = ACCESS_KEY, secret_key: str = SECRET_KEY, session_token: str | None = None
) -> py_backend.Session:
    """A Session that sees no real AWS configuration, with the given key."""
    return py_backend.Session(
        aws_access_key_id=access_key,
        aws_secret_access_key=secret_key,
        aws_session_token=session_token,
        region_name="us-east-1",
        environ={},
        config_file=os.devnull,
        credentials_file=os.devnull,
    )


def oidc_client(base_url: str, **config: Any) -> SSOOIDCClient:
    """An SSO OIDC client of the emulator; ``config`` goes to :class:`ClientConfig`."""
    client = session().client("sso-oidc", endpoint_url=base_url, config=ClientConfig(**config))
    assert isinstance(client, SSOOIDCClient)
    return client


def device_tokens(oidc: SSOOIDCClient, control: Control) -> tuple[dict[str, str], Any]:
    """Register a client, approve a device code and redeem it: (credentials, token answer)."""
    registration = oidc.register_client(
        clientName="reliable", clientType="public", scopes=SSO_SCOPES
    )
    credentials = {
        "clientId": str(registration["clientId"]),
        "clientSecret": registration.reveal("clientSecret"),
    }
    device = oidc.start_device_authorization(**credentials, startUrl=START_URL)
    control.approve(str(device["userCode"]))
    token = oidc.create_token(
        **credentials, grantType=DEVICE_GRANT, deviceCode=device["deviceCode"]
    )
    return credentials, token


def auth_code_client(oidc: SSOOIDCClient) -> dict[str, str]:
    """A client registered for the authorization code grant (as the AWS CLI registers)."""
    registration = oidc.register_client(
        clientName="reliable-code",
        clientType="public",
        grantTypes=["authorization_code", "refresh_token"],
        redirectUris=["http://127.0.0.1/oauth/callback"],
        scopes=SSO_SCOPES,
        issuerUrl=START_URL,
    )
    return {
        "clientId": str(registration["clientId"]),
        "clientSecret": registration.reveal("clientSecret"),
    }


def _follow(url: str, state: str) -> str:
    """Play the browser: open the authorize URL and read the code from the redirect.

    With ``http.client``, which logs nothing: the browser is not the library under test, and
    httpcore's debug log of the redirect's Location header would show the code.
    """
    target = urlsplit(url)
    connection = http.client.HTTPConnection(target.hostname or "127.0.0.1", target.port, timeout=10)
    try:
        connection.request("GET", f"{target.path}?{target.query}")
        answer = connection.getresponse()
        answer.read()
        location = answer.getheader("Location") or ""
    finally:
        connection.close()
    redirect = parse_redirect(location)
    assert redirect.state == state and redirect.code, redirect
    return redirect.code


def sso_code(
    base_url: str,
    client_id: str,
    verifier: str,
    redirect_uri: str = LOOPBACK_REDIRECT,
    scopes: list[str] | None = None,
) -> str:
    """An SSO OIDC authorization code, the browser's part played over httpx."""
    state = str(uuid.uuid4())
    url = sso_authorize_url(
        base_url,
        client_id=client_id,
        redirect_uri=redirect_uri,
        state=state,
        code_challenge=s256_challenge(verifier),
        scopes=scopes or SSO_SCOPES,
    )
    return _follow(url, state)


def iam_code(base_url: str, verifier: str) -> str:
    """An authorization code for the IAM application ``APP_ARN``."""
    return sso_code(base_url, APP_ARN, verifier, IAM_REDIRECT, ["openid", "aws"])


def signin_code(base_url: str, verifier: str) -> str:
    """A Sign-In authorization code for the same-device client."""
    state = str(uuid.uuid4())
    url = signin_authorize_url(
        base_url,
        client_id=SAME_DEVICE_CLIENT_ID,
        state=state,
        code_challenge=s256_challenge(verifier),
        redirect_uri=LOOPBACK_REDIRECT,
    )
    return _follow(url, state)


# --- the other front ends: the RPC backend and the command line --------------------------------


def cli(args: list[str], environ: Mapping[str, str], timeout: float = 60) -> tuple[int, str, str]:
    """Run ``python -m py_backend ARGS``: (exit code, stdout, stderr)."""
    done = subprocess.run(
        [sys.executable, "-m", "py_backend", *args],
        env=dict(environ),
        cwd=REPO_ROOT,
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    return done.returncode, done.stdout.decode(), done.stderr.decode()
