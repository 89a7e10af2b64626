"""The emulator every networked contender talks to, in its own process on 127.0.0.1.

Its own process, so the contenders in the benchmark process never share an interpreter lock
with the server. SSO OIDC refresh tokens rotate (each is good for one use), so each contender
follows its own :class:`RefreshChain`: every call presents the token the previous one got.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench.processes import BenchError, read_listening_url, spawn, stop

__all__ = ["DEVICE_GRANT", "START_URL", "EmulatorProcess", "RefreshChain"]

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
START_URL = "https://d-1234567890.awsapps.com/start"


@dataclass
class RefreshChain:
    """One registered client's rotating refresh token."""

    client_id: str
    client_secret: str = field(repr=False)
    refresh_token: str = field(repr=False)

    def request(self) -> dict[str, str]:
        """CreateToken's members (wire names) for a refresh with the current token."""
        return {
            "clientId": self.client_id,
            "clientSecret": self.client_secret,
            "grantType": "refresh_token",
            "refreshToken": self.refresh_token,
        }

    def advance(self, new_token: Any) -> None:
        """Take the token a refresh answered with; the old one is spent."""
        if hasattr(new_token, "get_secret_value"):  # py_backend's answers keep secrets wrapped
            new_token = new_token.get_secret_value()
        if not isinstance(new_token, str) or not new_token:
            raise BenchError("a refresh answered without a new refresh token")
        self.refresh_token = new_token


class EmulatorProcess:
    """``python -m py_backend.emulator --auto-approve`` on a free loopback port."""

    def __init__(self, environ: Mapping[str, str], cwd: Path) -> None:
        argv = [sys.executable, "-m", "py_backend.emulator", "--host", "127.0.0.1", "--port", "0"]
        self._process = spawn([*argv, "--auto-approve"], environ, cwd)
        self.base_url = read_listening_url(self._process, "the emulator")
        self._http = httpx.Client(base_url=self.base_url, timeout=30, trust_env=False)
        self._client: tuple[str, str] | None = None

    @property
    def pid(self) -> int:
        """The emulator's process id."""
        return self._process.pid

    def _post(self, path: str, body: Mapping[str, Any]) -> dict[str, Any]:
        answer = self._http.post(path, json=dict(body))
        if answer.status_code != 200:
            raise BenchError(f"the emulator answered {path} with HTTP {answer.status_code}")
        result: dict[str, Any] = answer.json()
        return result

    def refresh_chain(self) -> RefreshChain:
        """A fresh refresh token (device code grant, auto-approved) of the benchmark's client."""
        if self._client is None:
            registration = self._post(
                "/client/register",
                {"clientName": "bench", "clientType": "public", "scopes": ["sso:account:access"]},
            )
            self._client = (registration["clientId"], registration["clientSecret"])
        client_id, secret = self._client
        credentials = {"clientId": client_id, "clientSecret": secret}
        device = self._post("/device_authorization", {**credentials, "startUrl": START_URL})
        token = self._post(
            "/token", {**credentials, "grantType": DEVICE_GRANT, "deviceCode": device["deviceCode"]}
        )
        return RefreshChain(client_id, secret, token["refreshToken"])

    def close(self) -> None:
        """Stop the emulator."""
        self._http.close()
        self._process.terminate()
        stop(self._process, 5)

    def __enter__(self) -> EmulatorProcess:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
