"""AWS Sign-In for developer tools: ``GET /v1/authorize``, ``POST /v1/token`` (CreateOAuth2Token).

``/v1/authorize`` takes the AWS CLI's query (PKCE with SHA-256 or S256) and redirects with
``code`` and ``state``, or ``error=access_denied`` while denial is switched on. The
same-device client must use a loopback redirect URI; the cross-device client redirects to
``{base}/v1/sessions/confirmation``, which shows the code to paste.

``/v1/token`` needs a DPoP proof (RFC 9449) for every call; a missing or bad proof is
``400 ValidationException INVALID_REQUEST``, as the real endpoint answers. Refresh tokens
are bound to the proof key's thumbprint (``cnf.jkt``): a refresh signed by another key is
also ``ValidationException`` ``INVALID_REQUEST`` (the model's documentation of binding
failures). A refresh is idempotent while the credentials it produced are valid: the same
token gives the same credentials and the same next refresh token; after that the token is
spent and answers ``AccessDeniedException`` ``TOKEN_EXPIRED`` (401), as does any token
whose session (``signin_session_lifetime``) is over.
"""

from __future__ import annotations

import base64
import html
import re
from typing import Any

from py_backend.auth.dpop import DPoPProof, DPoPProofError, verify_proof
from py_backend.auth.pkce import verify_code_challenge
from py_backend.emulator.errors import EmulatorError, signin_error
from py_backend.emulator.http import Request, Response, html_response, json_response
from py_backend.emulator.jws import key_id, sign_jwt
from py_backend.emulator.redirects import authorize_answer, authorize_problem, is_loopback
from py_backend.emulator.state import EmulatorState, SigninRefresh, SigninSession
from py_backend.emulator.wire import Members, request_members

__all__ = [
    "account_of",
    "confirmation_page",
    "create_oauth2_token",
    "principal_arn",
    "refresh_session",
    "signin_authorize",
    "signin_invalid",
]

SAME_DEVICE = "arn:aws:signin:::devtools/same-device"
CROSS_DEVICE = "arn:aws:signin:::devtools/cross-device"
_CLIENTS = (SAME_DEVICE, CROSS_DEVICE)
_METHODS = ("SHA-256", "S256")
_CONFIRMATION = "/v1/sessions/confirmation"
_VERIFIER = re.compile(r"[A-Za-z0-9._~-]{43,128}")
_BAD_GRANT = "The provided authorization grant is invalid, expired, revoked, or malformed"


def signin_invalid(message: str, error: str = "INVALID_REQUEST") -> EmulatorError:
    """Sign-In's answer to a request it cannot use: ``ValidationException`` with ``error``."""
    return signin_error("ValidationException", message, error=error)


# --- /v1/authorize --------------------------------------------------------------------------


def signin_authorize(state: EmulatorState, request: Request) -> Response:
    """``GET /v1/authorize``: redirect with a code (or ``error=access_denied``)."""
    query = request.query_params
    client_id = query.get("client_id", "")
    redirect_uri = _authorize_redirect(request, client_id, query.get("redirect_uri"))
    problem = authorize_problem(query, _METHODS, unauthorized=False, denied=state.signin_deny)
    scopes = tuple(query.get("scope", "").split())
    return authorize_answer(state, "signin", query, redirect_uri, problem, scopes)


def _authorize_redirect(request: Request, client_id: str, redirect_uri: str | None) -> str:
    """The redirect URI to use; refused (no redirect) if it does not suit the client."""
    confirmation = request.base_url + _CONFIRMATION
    if client_id == CROSS_DEVICE and redirect_uri in (None, confirmation):
        return confirmation
    if client_id == SAME_DEVICE and redirect_uri and is_loopback(redirect_uri):
        return redirect_uri
    if client_id not in _CLIENTS:
        raise signin_invalid("client_id is not a Sign-In developer tools client")
    raise signin_invalid("redirect_uri is not allowed for this client")


def confirmation_page(state: EmulatorState, request: Request) -> Response:
    """``GET /v1/sessions/confirmation``: show base64("state=...&code=...") to paste."""
    query = request.query_params
    if "error" in query:
        return html_response(200, f"<p>Sign-in failed: {html.escape(query['error'])}</p>")
    pasted = f"state={query.get('state', '')}&code={query.get('code', '')}"
    value = base64.b64encode(pasted.encode()).decode("ascii")
    page = f'<p>Enter this code in your terminal:</p><pre id="code">{html.escape(value)}</pre>'
    return html_response(200, page)


# --- /v1/token ------------------------------------------------------------------------------


def create_oauth2_token(state: EmulatorState, request: Request) -> Response:
    """``POST /v1/token``: redeem a code or a refresh token, with a DPoP proof."""
    members = request_members(request.body, signin_invalid)
    proof = _verified_proof(state, request)
    client_id = members.required("clientId")
    grant_type = members.required("grantType")
    if client_id not in _CLIENTS:
        raise signin_invalid("clientId is not a Sign-In developer tools client")
    if grant_type == "authorization_code":
        return json_response(200, _redeem_code(state, request, members, client_id, proof))
    if grant_type == "refresh_token":
        return json_response(200, _refresh(state, members, client_id, proof))
    raise signin_invalid("Unsupported grant type", "unsupported_grant_type")


def _verified_proof(state: EmulatorState, request: Request) -> DPoPProof:
    header = request.header("dpop")
    if not header:
        raise signin_invalid("The DPoP proof is missing")
    try:
        proof = verify_proof(
            header,
            htm=request.method,
            htu=request.url,
            now=int(state.base_now()),
            max_skew=state.config.max_clock_skew,
        )
    except DPoPProofError as problem:
        raise signin_invalid(f"Invalid DPoP proof: {problem}") from None
    # RFC 9449 §11.1: refuse a jti seen before; forget it once its iat leaves the window.
    now = state.base_now()
    for jti in [j for j, until in state.dpop_jtis.items() if until < now]:
        del state.dpop_jtis[jti]
    if proof.jti in state.dpop_jtis:
        raise signin_invalid("The DPoP proof has been used before (jti replay)")
    state.dpop_jtis[proof.jti] = proof.iat + state.config.max_clock_skew
    return proof


def _redeem_code(
    state: EmulatorState, request: Request, members: Members, client_id: str, proof: DPoPProof
) -> dict[str, Any]:
    code_value = members.required("code")
    redirect_uri = members.required("redirectUri")
    verifier = members.required("codeVerifier")
    code = state.present_code("signin", code_value)
    if code is None or code.used:
        raise signin_invalid(_BAD_GRANT)
    code.used = True
    if state.now() >= code.expires_at:
        raise signin_error(
            "AccessDeniedException", "The authorization code has expired", error="AUTHCODE_EXPIRED"
        )
    if code.client_id != client_id or code.redirect_uri != redirect_uri:
        raise signin_invalid(_BAD_GRANT)
    if not _VERIFIER.fullmatch(verifier):
        raise signin_invalid("codeVerifier must be 43-128 unreserved characters")
    if not verify_code_challenge(verifier, code.challenge, code.method):
        raise signin_invalid(_BAD_GRANT)
    session = _start_login_session(state, client_id)
    answer = _credentials(state, client_id, proof.thumbprint, session)
    answer["idToken"] = _id_token(state, request, client_id)
    return answer


def _refresh(
    state: EmulatorState, members: Members, client_id: str, proof: DPoPProof
) -> dict[str, Any]:
    record = state.signin_refresh.get(members.required("refreshToken"))
    if record is None or record.client_id != client_id:
        raise signin_invalid(_BAD_GRANT)
    if record.jkt != proof.thumbprint:
        raise signin_invalid("The DPoP proof key does not match the refresh token's key binding")
    now = state.now()
    session = refresh_session(state, record)
    session.last_used_at = now
    if record.answer is not None:
        if not record.spent(now):
            return dict(record.answer)
        raise _token_expired("The refresh token has expired.")
    answer = _credentials(state, client_id, proof.thumbprint, session)
    record.answer = dict(answer)
    record.answer_expires_at = now + answer["expiresIn"]
    return answer


def refresh_session(state: EmulatorState, record: SigninRefresh) -> SigninSession:
    """The session of a refresh token that has not ended: TOKEN_EXPIRED once it has expired
    or been revoked. (Whether the token itself is spent is :meth:`SigninRefresh.spent`.)"""
    # Every refresh token's session is recorded with it (see _credentials) and never dropped.
    session = state.signin_sessions[record.session_arn]
    if state.now() >= session.expires_at:
        raise _token_expired("The refresh token has expired.")
    if session.status != "ACTIVE":
        # Emulator choice: the error botocore's login provider already turns into "log in
        # again" (a revoked session is as over as an expired one).
        raise _token_expired("The refresh token has been revoked.")
    return session


def _token_expired(message: str) -> EmulatorError:
    return signin_error("AccessDeniedException", message, error="TOKEN_EXPIRED")


def _credentials(
    state: EmulatorState, client_id: str, jkt: str, session: SigninSession
) -> dict[str, Any]:
    """Temporary credentials and a new refresh token of ``session``, bound to ``jkt``."""
    refresh = SigninRefresh(
        state.random_token(64, "ASOR"), client_id, jkt, session.session_arn, state.now()
    )
    state.signin_refresh[refresh.token] = refresh
    # Known to the SigV4 check until they expire, as the portal's role credentials are: a
    # client that signs with exported login credentials is verified like any other.
    lifetime = state.config.signin_credentials_lifetime
    account = account_of(state.config.signin_identity_arn)
    key = state.mint_credentials(account, "signin", lifetime, 192).key
    return {
        "accessToken": key.members(),
        "tokenType": "aws_sigv4",
        "expiresIn": lifetime,
        "refreshToken": refresh.token,
    }


def _start_login_session(state: EmulatorState, client_id: str) -> SigninSession:
    """Record a new ``aws login`` session (client type ``CLI``, shown by ListSessions)."""
    region = state.config.region
    account = account_of(state.config.signin_identity_arn)
    value = state.random_chars("0123456789abcdef", 32)
    uuid = f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"
    session = SigninSession(
        session_arn=f"arn:aws:signin:{region}:{account}:session/{uuid}",
        principal_arn=principal_arn(state.config.signin_identity_arn),
        client_id=client_id,
        client_type="CLI",
        issued_at=state.now(),
        expires_at=state.now() + state.config.signin_session_lifetime,
        region=region,
    )
    state.signin_sessions[session.session_arn] = session
    return session


def principal_arn(identity_arn: str) -> str:
    """The IAM identity of an STS ARN: ``...:assumed-role/Admin/x`` -> ``...:role/Admin``."""
    parts = identity_arn.split(":", 5)
    resource = parts[5]
    if parts[2] == "sts" and resource.startswith("assumed-role/"):
        return f"arn:aws:iam::{parts[4]}:role/{resource.split('/')[1]}"
    return identity_arn


def account_of(arn: str) -> str:
    """The account id of an ARN (its fifth field); ``""`` for a value that is not an ARN."""
    parts = arn.split(":")
    return parts[4] if len(parts) > 5 else ""


def _id_token(state: EmulatorState, request: Request, client_id: str) -> str:
    now = int(state.now())
    arn = state.config.signin_identity_arn
    claims = {
        "sub": arn,
        "aud": client_id,
        "iss": f"{request.base_url}/signin",
        "session_arn": arn,
        "iat": now,
        "exp": now + state.config.signin_credentials_lifetime,
    }
    return sign_jwt(state.signing_key, claims, kid=key_id(state.signing_key))
