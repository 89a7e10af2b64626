"""Checking SigV4 on ``CreateTokenWithIAM``, with the errors AWS's authentication layer sends.

Each refusal is the real layer's: HTTP 403, its code in ``x-amzn-ErrorType`` and its message
text. Credentials the emulator minted (portal role credentials, ``aws login``) are known keys
with their session token until they expire. A correctly signed request for another region
gets the service's own ``InvalidRequestRegionException`` (400, with ``endpoint``, ``region``).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta, timezone
from urllib.parse import quote

from py_backend.auth.sigv4 import (
    ParsedAuthorization,
    canonical_request,
    parse_authorization,
    signature,
    signing_key,
    string_to_sign,
)
from py_backend.emulator.config import AccessKey
from py_backend.emulator.errors import auth_error, sso_error
from py_backend.emulator.http import Request
from py_backend.emulator.state import EmulatorState

__all__ = ["SIGNING_NAME", "verify_request"]

SIGNING_NAME = "sso-oauth"
_AMZ_DATE = "%Y%m%dT%H%M%SZ"
_SKEW = "Signature expired: {sent} is now earlier than {limit} ({now} - 5 min.)"
_FUTURE = "Signature not yet current: {sent} is still later than {limit} ({now} + 5 min.)"
_MISMATCH = (
    "The request signature we calculated does not match the signature you provided. "
    "Check your AWS Secret Access Key and signing method. "
    "Consult the service documentation for details."
)
_UNRECOGNIZED = "The security token included in the request is invalid."


def verify_request(
    state: EmulatorState, request: Request, signing_name: str = SIGNING_NAME
) -> AccessKey:
    """Verify the SigV4 signature of ``request`` (scoped to ``signing_name``: ``sso-oauth``
    for SSO OIDC, ``signin`` for Sign-In); return the key it was signed with."""
    header = request.header("authorization")
    if not header:
        raise auth_error("MissingAuthenticationTokenException", "Missing Authentication Token")
    parsed = _parse(header)
    sent, sent_at = _amz_date(request)
    _check_scope(parsed, sent, signing_name)
    _check_skew(state, sent, sent_at)
    key = _known_key(state, parsed, request)
    _check_signature(request, parsed, key, sent)
    _check_region(state, parsed, request)
    return key


def _parse(header: str) -> ParsedAuthorization:
    try:
        parsed = parse_authorization(header)
    except ValueError as problem:
        raise auth_error("IncompleteSignatureException", str(problem)) from None
    if "host" not in parsed.signed_headers:
        message = "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."
        raise auth_error("IncompleteSignatureException", message)
    return parsed


def _amz_date(request: Request) -> tuple[str, datetime]:
    """``X-Amz-Date`` as sent, and as a UTC time."""
    sent = request.header("x-amz-date")
    if not sent:
        message = (
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
        )
        raise auth_error("IncompleteSignatureException", message)
    try:
        sent_at = datetime.strptime(sent, _AMZ_DATE).replace(tzinfo=timezone.utc)
    except ValueError:
        raise auth_error(
            "IncompleteSignatureException", "X-Amz-Date is not YYYYMMDD'T'HHMMSS'Z'"
        ) from None
    return sent, sent_at


def _check_scope(parsed: ParsedAuthorization, sent: str, signing_name: str) -> None:
    if parsed.date_stamp != sent[:8]:
        message = (
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date "
            f"from HTTP: '{parsed.date_stamp}' != '{sent[:8]}', from '{sent}'."
        )
        raise auth_error("InvalidSignatureException", message)
    if parsed.service != signing_name:
        message = f"Credential should be scoped to correct service: '{signing_name}'. "
        raise auth_error("InvalidSignatureException", message)


_EXPIRED = "The security token included in the request is expired"


def _check_skew(state: EmulatorState, sent: str, sent_at: datetime) -> None:
    now = datetime.fromtimestamp(state.base_now(), timezone.utc)
    skew = timedelta(seconds=state.config.max_clock_skew)
    if now - skew <= sent_at <= now + skew:
        return
    template, limit = (_SKEW, now - skew) if sent_at < now - skew else (_FUTURE, now + skew)
    when = {"sent": sent, "limit": limit.strftime(_AMZ_DATE), "now": now.strftime(_AMZ_DATE)}
    raise auth_error("InvalidSignatureException", template.format(**when))


def _known_key(state: EmulatorState, parsed: ParsedAuthorization, request: Request) -> AccessKey:
    key = state.config.access_key(parsed.access_key)
    minted = state.role_credentials.get(parsed.access_key)
    if key is None and minted is not None:
        if state.now() >= minted.expires_at:
            raise auth_error("ExpiredTokenException", _EXPIRED)
        key = minted.key
    if key is None:
        raise auth_error("UnrecognizedClientException", _UNRECOGNIZED)
    sent_token = request.header("x-amz-security-token")
    if key.session_token is not None and not _same(sent_token or "", key.session_token):
        raise auth_error("UnrecognizedClientException", _UNRECOGNIZED)
    return key


def _check_signature(
    request: Request, parsed: ParsedAuthorization, key: AccessKey, sent: str
) -> None:
    try:
        creq = canonical_request(
            request.method,
            quote(request.path, safe="/-_.~"),
            request.query,
            request.headers,
            parsed.signed_headers,
            hashlib.sha256(request.body).hexdigest(),
        )
    except ValueError:  # a signed header that the request does not carry
        raise auth_error("InvalidSignatureException", _MISMATCH) from None
    derived = signing_key(key.secret_access_key, parsed.date_stamp, parsed.region, parsed.service)
    expected = signature(derived, string_to_sign(sent, parsed.scope, creq))
    if not _same(expected, parsed.signature):
        raise auth_error("InvalidSignatureException", _MISMATCH)


def _check_region(state: EmulatorState, parsed: ParsedAuthorization, request: Request) -> None:
    region = state.config.region
    if parsed.region != region:
        raise sso_error(
            "InvalidRequestRegionException",
            f"The request was signed for {parsed.region}; this endpoint serves {region}",
            endpoint=request.base_url,
            region=region,
        )


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
