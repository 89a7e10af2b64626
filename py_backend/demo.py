"""The demo: every sign-in flow, through the Python API, against the local emulator (README).

It plays the user's part through the emulator's control API (approving the device code,
following the browser redirect) and waits in emulator time (the control API moves its clock),
so it honours every polling interval and still takes about a second.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import astuple, dataclass
from typing import Any

import httpx

import py_backend
from py_backend.auth.dpop import generate_private_key, jwk_thumbprint, public_jwk
from py_backend.auth.pkce import generate_code_verifier, s256_challenge
from py_backend.emulator import EmulatorConfig, EmulatorServer
from py_backend.flows.authorize import parse_redirect, signin_authorize_url, sso_authorize_url
from py_backend.flows.device import PollEvent, poll_device_token
from py_backend.models._grants import (
    ACCESS_TOKEN_TYPE,
    DEVICE_CODE_GRANT,
    JWT_BEARER_GRANT,
    TOKEN_EXCHANGE_GRANT,
)
from py_backend.models.signin import SAME_DEVICE_CLIENT_ID

ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
APP_ARN = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-demo"
OTHER_APP_ARN = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-other"
LOOPBACK_REDIRECT = "http://127.0.0.1:54321/oauth/callback"


@dataclass(frozen=True)
class Row:
    """One line of the demo's table."""

    flow: str
    operation: str
    outcome: str
    secret: str = ""


def mask(value: object) -> str:
    """A secret as the demo shows it: its length only."""
    return f"****({len(str(value))} chars)" if value else "-"


def offline_session(
    access_key: str, secret_key: str, session_token: str | None = None
) -> py_backend.Session:
    """A session with these keys in us-east-1 that reads no environment and no shared file."""
    return py_backend.Session(
        region_name="us-east-1",
        aws_access_key_id=access_key,
        aws_secret_access_key=secret_key,
        aws_session_token=session_token,
        environ={},
        config_file=os.devnull,
        credentials_file=os.devnull,
    )


class Demo:
    """Runs the flows against one emulator and collects the table's rows."""

    def __init__(self, server: EmulatorServer, say: Callable[[str], None]) -> None:
        self.base = server.base_url
        self.say = say
        self.browser = httpx.Client(base_url=self.base, follow_redirects=False)
        session = offline_session(ACCESS_KEY, SECRET_KEY)
        self.oidc = session.client("sso-oidc", endpoint_url=self.base)
        self.dpop_key = generate_private_key()
        self.signin = session.client("signin", endpoint_url=self.base, dpop_key=self.dpop_key)
        self.portal = session.client("sso", endpoint_url=self.base)
        self.rows: list[Row] = []

    def close(self) -> None:
        """Close every HTTP client."""
        for client in (self.browser, self.oidc, self.signin, self.portal):
            client.close()

    def control(self, path: str, body: dict[str, Any]) -> Any:
        """Call the emulator's control API (the user's and the clock's part)."""
        answer = self.browser.post(f"/__emulator/{path}", json=body)
        answer.raise_for_status()
        return answer.json()

    def row(self, flow: str, operation: str, outcome: str, secret: object = None) -> None:
        self.rows.append(Row(flow, operation, outcome, mask(secret) if secret else ""))

    def expiry_row(self, flow: str, operation: str, token: Any) -> None:
        """The row of a token answer: when it expires, and its access token (masked)."""
        self.row(flow, operation, f"expires in {token.expires_in}s", token.reveal("accessToken"))

    def authorize(self, authorize_url: Callable[..., str], **query: Any) -> tuple[str, str]:
        """Play the browser through a PKCE authorization: return the code and the verifier.

        Opens ``authorize_url(base, state=, code_challenge=, **query)`` and reads the code
        from the redirect it answers.
        """
        verifier, state = generate_code_verifier(), str(uuid.uuid4())
        challenge = s256_challenge(verifier)
        answer = self.browser.get(
            authorize_url(self.base, state=state, code_challenge=challenge, **query)
        )
        redirect = parse_redirect(answer.headers["location"])
        if redirect.error or redirect.state != state or not redirect.code:
            raise RuntimeError(f"authorization failed: {redirect!r}")
        return redirect.code, verifier

    def register_client(self, flow: str, **request: Any) -> Any:
        """RegisterClient as a public client, with its row."""
        client = self.oidc.register_client(clientType="public", **request)
        self.row(
            flow, "RegisterClient", f"clientId {client.client_id}", client.reveal("clientSecret")
        )
        return client

    def refresh_signin(self, refresh_token: str) -> Any:
        """CreateOAuth2Token with the refresh_token grant (the DPoP key signs the proof)."""
        return self.signin.create_oauth2_token(
            tokenInput={
                "clientId": SAME_DEVICE_CLIENT_ID,
                "grantType": "refresh_token",
                "refreshToken": refresh_token,
            }
        )

    # ------------------------------------------------------------------ flows

    def sso_device_code(self) -> None:
        flow = "SSO OIDC device code"
        client = self.register_client(
            flow, clientName="aws-token-bridge-demo", scopes=["sso:account:access"]
        )
        device = self.oidc.start_device_authorization(
            clientId=client.client_id,
            clientSecret=client.reveal("clientSecret"),
            startUrl="https://d-1234567890.awsapps.com/start",
        )
        self.row(flow, "StartDeviceAuthorization", f"user code {device.user_code}")
        self.say(f"  open {device.verification_uri_complete} and approve {device.user_code}")
        events: list[PollEvent] = []

        def on_poll(event: PollEvent) -> None:
            events.append(event)
            wait = "" if event.outcome == "approved" else f", next poll in {event.interval}s"
            self.say(f"  poll {event.attempt}: {event.outcome}{wait}")
            if len(events) == 2:
                self.control("device/approve", {"userCode": device.user_code})

        # One poll right away, as the AWS CLI makes before showing the prompt; the loop's own
        # first poll then comes too soon and the service answers slow_down (+5 s).
        early = self._early_poll(client, device)
        token = poll_device_token(
            self.oidc,
            client_id=client.reveal("clientId"),
            client_secret=client.reveal("clientSecret"),
            device_code=device.reveal("deviceCode"),
            interval=device.interval,
            expires_in=device.expires_in,
            sleep=lambda seconds: self.control("clock", {"advanceSeconds": seconds}),
            on_poll=on_poll,
        )
        outcomes = [early] + [e.outcome for e in events]
        self.row(
            flow, "CreateToken (device_code)", " -> ".join(outcomes), token.reveal("accessToken")
        )
        refreshed = self.oidc.create_token(
            clientId=client.client_id,
            clientSecret=client.reveal("clientSecret"),
            grantType="refresh_token",
            refreshToken=token.reveal("refreshToken"),
        )
        self.expiry_row(flow, "CreateToken (refresh_token)", refreshed)
        self.role_credentials(refreshed.reveal("accessToken"))

    def role_credentials(self, access_token: str) -> None:
        """The step after sign-in: accounts, roles, role credentials, then logout."""
        flow = "IAM Identity Center portal"
        accounts = (
            self.portal.get_paginator("list_accounts")
            .paginate(accessToken=access_token, PaginationConfig={"PageSize": 2})
            .build_full_result()["accountList"]
        )
        names = ", ".join(a["accountName"] for a in accounts)
        self.row(flow, "ListAccounts (pages of 2)", f"{len(accounts)} accounts: {names}")
        account = accounts[0]["accountId"]
        roles = self.portal.list_account_roles(accessToken=access_token, accountId=account)
        role = (roles.role_list or [])[-1].role_name or ""
        self.row(flow, "ListAccountRoles", f"{account}: {len(roles.role_list or [])} roles")
        answer = self.portal.get_role_credentials(
            accessToken=access_token, accountId=account, roleName=role
        )
        credentials = answer.role_credentials
        assert credentials is not None
        self.row(
            flow,
            "GetRoleCredentials",
            f"{role}: {credentials.access_key_id}",
            credentials.reveal("secretAccessKey"),
        )
        self.portal.logout(accessToken=access_token)
        try:
            self.portal.list_accounts(accessToken=access_token)
        except self.portal.exceptions.UnauthorizedException:
            self.row(flow, "Logout", "token refused afterwards")
        else:
            raise RuntimeError("the access token still works after Logout")

    def _early_poll(self, client: Any, device: Any) -> str:
        try:
            self.oidc.create_token(
                clientId=client.client_id,
                clientSecret=client.reveal("clientSecret"),
                grantType=DEVICE_CODE_GRANT,
                deviceCode=device.reveal("deviceCode"),
            )
        except self.oidc.exceptions.AuthorizationPendingException:
            return "pending"
        return "approved"

    def sso_authorization_code(self) -> None:
        flow = "SSO OIDC auth code + PKCE"
        client = self.register_client(
            flow,
            clientName="botocore-client-demo",
            grantTypes=["authorization_code", "refresh_token"],
            redirectUris=["http://127.0.0.1/oauth/callback"],
            scopes=["sso:account:access"],
            issuerUrl="https://d-1234567890.awsapps.com/start",
        )
        code, verifier = self.authorize(
            sso_authorize_url,
            client_id=client.reveal("clientId"),
            redirect_uri=LOOPBACK_REDIRECT,
            scopes=["sso:account:access"],
        )
        self.row(flow, "GET /authorize", "redirected with code", code)
        token = self.oidc.create_token(
            clientId=client.client_id,
            clientSecret=client.reveal("clientSecret"),
            grantType="authorization_code",
            code=code,
            redirectUri=LOOPBACK_REDIRECT,
            codeVerifier=verifier,
        )
        self.expiry_row(flow, "CreateToken (authorization_code)", token)

    def signin_authorization_code(self) -> dict[str, Any]:
        """Sign in with a code and refresh once; return the refreshed token output."""
        flow = "Sign-In auth code + PKCE + DPoP"
        code, verifier = self.authorize(
            signin_authorize_url, client_id=SAME_DEVICE_CLIENT_ID, redirect_uri=LOOPBACK_REDIRECT
        )
        self.row(flow, "GET /v1/authorize", "redirected with code", code)
        thumbprint = jwk_thumbprint(public_jwk(self.dpop_key))
        token = self.signin.create_oauth2_token(
            tokenInput={
                "clientId": SAME_DEVICE_CLIENT_ID,
                "grantType": "authorization_code",
                "code": code,
                "redirectUri": LOOPBACK_REDIRECT,
                "codeVerifier": verifier,
            }
        )
        output = token.reveal("tokenOutput")
        self.row(
            flow,
            "CreateOAuth2Token (authorization_code)",
            f"{output['accessToken']['accessKeyId'][:4]}... key, DPoP jkt {thumbprint[:8]}...",
            output["accessToken"]["secretAccessKey"],
        )
        refreshed: dict[str, Any] = self.refresh_signin(output["refreshToken"]).reveal(
            "tokenOutput"
        )
        self.row(
            flow,
            "CreateOAuth2Token (refresh_token)",
            f"expires in {refreshed['expiresIn']}s",
            refreshed["accessToken"]["sessionToken"],
        )
        return refreshed

    def signin_session_end(self, output: Mapping[str, Any]) -> None:
        """Introspect the Sign-In refresh token of ``output`` (a token output of
        :meth:`signin_authorization_code`), find its session, revoke it: the refresh fails."""
        flow = "Sign-In session (SigV4)"
        access = output["accessToken"]
        refresh_token = output["refreshToken"]
        # Signed with the session's own credentials, as aws-token-bridge logout does.
        own = offline_session(
            access["accessKeyId"], access["secretAccessKey"], access["sessionToken"]
        ).client("signin", endpoint_url=self.base)
        with own:
            seen = own.introspect_oauth2_token_with_iam(token=refresh_token)
            session_arn = seen.signin_session or ""
            self.row(
                flow,
                "IntrospectOAuth2TokenWithIAM",
                f"active={seen.active}, {seen.token_type}, session ...{session_arn[-8:]}",
                refresh_token,
            )
            listed = own.list_sessions().items_ or []
            kinds = ", ".join(f"{s.client_type} {s.status}" for s in listed)
            self.row(flow, "ListSessions", f"{len(listed)} session: {kinds}")
            own.revoke_oauth2_token_with_iam(token=refresh_token)
            self.row(flow, "RevokeOAuth2TokenWithIAM", "refresh chain revoked", refresh_token)
            after = own.introspect_oauth2_token_with_iam(token=refresh_token)
            self.row(flow, "IntrospectOAuth2TokenWithIAM", f"active={after.active} after revoke")
        try:
            self.refresh_signin(refresh_token)
        except py_backend.ServiceError as refused:
            self.row(
                flow,
                "CreateOAuth2Token (refresh_token)",
                f"refused: {refused.error_code} {refused.response.get('error', '')}",
            )
        else:
            raise RuntimeError("a revoked refresh token still refreshed")

    def token_with_iam(self) -> None:
        flow = "CreateTokenWithIAM (SigV4)"
        redirect = "https://app.example.com/callback"
        code, verifier = self.authorize(
            sso_authorize_url, client_id=APP_ARN, redirect_uri=redirect, scopes=["openid", "aws"]
        )
        by_code = self.oidc.create_token_with_iam(
            clientId=APP_ARN,
            grantType="authorization_code",
            code=code,
            redirectUri=redirect,
            codeVerifier=verifier,
        )
        self.row(
            flow,
            "authorization_code",
            f"scope {' '.join(by_code.scope or [])}",
            by_code.reveal("accessToken"),
        )
        refreshed = self.oidc.create_token_with_iam(
            clientId=APP_ARN, grantType="refresh_token", refreshToken=by_code.reveal("refreshToken")
        )
        self.expiry_row(flow, "refresh_token", refreshed)
        assertion = self.control("jwt-bearer/assertion", {"audience": APP_ARN})["assertion"]
        bearer = self.oidc.create_token_with_iam(
            clientId=APP_ARN, grantType=JWT_BEARER_GRANT, assertion=assertion
        )
        details = bearer.aws_additional_details
        context = "identity context" if details and details.identity_context else "no context"
        self.row(flow, "jwt-bearer", context, bearer.reveal("accessToken"))
        exchanged = self.oidc.create_token_with_iam(
            clientId=OTHER_APP_ARN,
            grantType=TOKEN_EXCHANGE_GRANT,
            subjectToken=bearer.reveal("accessToken"),
            subjectTokenType=ACCESS_TOKEN_TYPE,
            requestedTokenType=ACCESS_TOKEN_TYPE,
        )
        issued = (exchanged.issued_token_type or "").rsplit(":", 1)[-1]
        self.row(flow, "token-exchange", f"issued {issued}", exchanged.reveal("accessToken"))


def render(rows: Sequence[Row]) -> str:
    """The rows as a plain-text table."""
    table = [astuple(row) for row in (Row("Flow", "Operation", "Result", "Secret"), *rows)]
    widths = [max(len(cells[column]) for cells in table) for column in range(4)]
    table.insert(1, tuple("-" * width for width in widths))
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()
        for cells in table
    )


def _step(name: str) -> None:
    print(f"* {name}", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the demo; exit 0 when every flow worked."""
    if argv:
        print("usage: aws-token-bridge demo")
        return 2
    config = EmulatorConfig(region="us-east-1", device_interval=5)
    with EmulatorServer(config=config) as server:
        print(f"emulator listening on {server.base_url}", flush=True)
        demo = Demo(server, lambda line: print(line, flush=True))
        try:
            _step("SSO OIDC device code")
            demo.sso_device_code()
            _step("SSO OIDC authorization code + PKCE")
            demo.sso_authorization_code()
            _step("Sign-In authorization code + PKCE + DPoP")
            signin_output = demo.signin_authorization_code()
            _step("CreateTokenWithIAM, four grants")
            demo.token_with_iam()
            _step("Sign-In session: introspect, list, revoke")
            demo.signin_session_end(signin_output)
        finally:
            demo.close()
    print()
    print(render(demo.rows))
    print(f"\nall {len(demo.rows)} steps succeeded; secrets are shown by length only")
    return 0
