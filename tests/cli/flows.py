"""Getting the emulator into the state a command needs: codes, device codes, tokens, assertions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric import ec

from py_backend import Session
from tests.cli.support import ACCESS_KEY, SECRET_KEY
from tests.emulator.support import (
    APP_A,
    APP_B,
    DEVICE_GRANT,
    JWT_BEARER,
    LOOPBACK_CALLBACK,
    SAME_DEVICE,
    VERIFIER,
    approve,
    redirect_params,
    register,
    register_auth_code_client,
    signin_authorize_query,
    sso_code,
    start_device,
)

__all__ = ["APP_A", "APP_B", "DEVICE_GRANT", "LOOPBACK_CALLBACK", "VERIFIER", "Flows"]

_ENVIRON = {"AWS_EC2_METADATA_DISABLED": "true", "AWS_CONFIG_FILE": "/nonexistent"}


@dataclass
class Flows:
    """Flows driven against one emulator, over httpx and the project's own clients."""

    base_url: str

    def http(self) -> httpx.Client:
        """httpx pointed at the emulator."""
        return httpx.Client(base_url=self.base_url)

    def oidc(self) -> Any:
        """The project's SSO OIDC client with the test key pair."""
        session = Session(ACCESS_KEY, SECRET_KEY, region_name="us-east-1", environ=_ENVIRON)
        return session.client("sso-oidc", endpoint_url=self.base_url)

    def device_client(self) -> dict[str, Any]:
        """A client registered for the device and refresh grants."""
        with self.http() as http:
            return register(
                http,
                grantTypes=[DEVICE_GRANT, "refresh_token"],
                scopes=["sso:account:access"],
            )

    def device(self, *, approved: bool) -> tuple[dict[str, Any], dict[str, Any]]:
        """(registration, device authorization), approved or still pending."""
        registration = self.device_client()
        with self.http() as http:
            device = start_device(http, registration)
            if approved:
                approve(http, device["userCode"]).raise_for_status()
        return registration, device

    def refresh_token(self) -> tuple[dict[str, Any], str]:
        """(registration, refresh token) from a completed device flow."""
        registration, device = self.device(approved=True)
        with self.oidc() as oidc:
            token = oidc.create_token(
                clientId=registration["clientId"],
                clientSecret=registration["clientSecret"],
                grantType=DEVICE_GRANT,
                deviceCode=device["deviceCode"],
            )
        return registration, token.reveal("refreshToken")

    def auth_code_client(self) -> tuple[dict[str, Any], str]:
        """(registration, authorization code) for the SSO authorization code grant."""
        with self.http() as http:
            registration = register_auth_code_client(http)
            return registration, sso_code(http, registration["clientId"])

    def app_code(self, app: str = APP_A) -> str:
        """An authorization code for an application (CreateTokenWithIAM)."""
        with self.http() as http:
            return sso_code(http, app)

    def assertion(self, audience: str = APP_A) -> str:
        """A jwt-bearer assertion for ``audience`` from the emulator's trusted issuer."""
        with self.http() as http:
            answer = http.post("/__emulator/jwt-bearer/assertion", json={"audience": audience})
            answer.raise_for_status()
            return str(answer.json()["assertion"])

    def iam_tokens(self, app: str = APP_A) -> dict[str, Any]:
        """CreateTokenWithIAM (jwt-bearer) for ``app``."""
        with self.oidc() as oidc:
            answer: dict[str, Any] = oidc.create_token_with_iam(
                clientId=app, grantType=JWT_BEARER, assertion=self.assertion(app)
            ).to_dict()
            return answer

    def signin_code(self) -> str:
        """A Sign-In authorization code for the same-device client (PKCE with VERIFIER)."""
        with self.http() as http:
            answer = http.get("/v1/authorize?" + signin_authorize_query())
            return redirect_params(answer)["code"]

    def signin_refresh_token(self, key: ec.EllipticCurvePrivateKey) -> str:
        """A Sign-In refresh token bound to ``key``."""
        session = Session(region_name="us-east-1", environ=_ENVIRON)
        with session.client("signin", endpoint_url=self.base_url, dpop_key=key) as signin:
            answer = signin.create_oauth2_token(
                tokenInput={
                    "clientId": SAME_DEVICE,
                    "grantType": "authorization_code",
                    "code": self.signin_code(),
                    "redirectUri": LOOPBACK_CALLBACK,
                    "codeVerifier": VERIFIER,
                }
            )
        return str(answer.to_dict()["tokenOutput"]["refreshToken"])
