"""AWS Signature Version 4 (header form), computed exactly as botocore's ``SigV4Auth`` does.

The steps are those of the AWS SigV4 reference ("Create a signed AWS API request"): canonical
request, string to sign, derived signing key, HMAC-SHA256 signature, ``Authorization`` header.
Where the reference leaves room, botocore's choices (``botocore/auth.py``) are followed, so a
request we sign carries the same ``SignedHeaders`` and ``Signature`` as boto3's. Each step is a
pure function of its inputs (the time is an argument), so a server can verify a signature with
the same building blocks; :class:`SigV4Auth` adapts them to ``httpx``.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import SplitResult, quote, unquote_to_bytes, urlsplit

import httpx

from py_backend.auth.credentials import Credentials
from py_backend.clock import utc_now

__all__ = [
    "SIGV4_ALGORITHM",
    "UNSIGNED_HEADERS",
    "ParsedAuthorization",
    "SigV4Auth",
    "amz_date",
    "canonical_headers",
    "canonical_query",
    "canonical_request",
    "canonical_uri",
    "credential_scope",
    "parse_authorization",
    "sign_headers",
    "signature",
    "signed_header_names",
    "signing_key",
    "string_to_sign",
]

SIGV4_ALGORITHM = "AWS4-HMAC-SHA256"
"""The algorithm name that starts the string to sign and the ``Authorization`` header."""

UNSIGNED_HEADERS = frozenset(
    {
        # botocore's SIGNED_HEADERS_BLACKLIST: hop-by-hop headers and tracing headers that
        # proxies and the HTTP stack may add, drop or rewrite on the way.
        "baggage",
        "connection",
        "expect",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "traceparent",
        "tracestate",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "user-agent",
        "x-amzn-trace-id",
        # botocore deletes Authorization before signing; a verifier sees it on the request.
        "authorization",
    }
)
"""Lower-case names of the headers that are never signed."""

_TERMINATOR = "aws4_request"
_TIMESTAMP_FORMAT = "%Y%m%dT%H%M%SZ"
_DEFAULT_PORTS = {"http": 80, "https": 443}
_UNRESERVED = "-_.~"  # with the ASCII letters and digits, RFC 3986 §2.3 (SigV4 "UriEncode")
_AUTH_FIELDS = ("Credential", "SignedHeaders", "Signature")
_DATE_STAMP = re.compile(r"[0-9]{8}")
_HEX_SIGNATURE = re.compile(r"[0-9a-f]{64}")
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9a-z-]+")  # an RFC 9110 token, lower case
_NO_SPACE = re.compile(r"\S+")


def amz_date(now: datetime) -> str:
    """Format ``now`` as the SigV4 timestamp ``YYYYMMDD'T'HHMMSS'Z'`` (UTC).

    An aware datetime is converted to UTC first; a naive one is taken to be UTC already
    (botocore's own clock is naive UTC).
    """
    if now.tzinfo is not None:
        now = now.astimezone(timezone.utc)
    return now.strftime(_TIMESTAMP_FORMAT)


def credential_scope(date_stamp: str, region: str, service: str) -> str:
    """Return ``<date>/<region>/<service>/aws4_request``, the scope a signing key is valid for."""
    return f"{date_stamp}/{region}/{service}/{_TERMINATOR}"


def canonical_uri(path: str, *, normalize: bool = True, double_encode: bool = True) -> str:
    """Return the canonical URI of ``path`` (the path as sent, already percent-encoded).

    ``normalize`` removes ``.``/``..`` and empty segments (RFC 3986 §5.2.4, plus the repeated
    slashes AWS services collapse). ``double_encode`` percent-encodes every character but
    unreserved ones and ``/``, so an ``%`` already in the path becomes ``%25``: every service
    except S3 expects this. Without it the path is used as given, as botocore and aws-c-auth
    do for S3. An empty path is ``/``.
    """
    if normalize:
        path = _remove_dot_segments(path)
    if double_encode:
        path = quote(path, safe="/" + _UNRESERVED)
    return path or "/"


def _remove_dot_segments(path: str) -> str:
    # botocore.utils.remove_dot_segments: one output segment per non-empty, non-"." input
    # segment, ".." drops the last one; the leading and trailing slashes are kept.
    segments: list[str] = []
    for segment in path.split("/"):
        if segment == "..":
            if segments:
                segments.pop()
        elif segment and segment != ".":
            segments.append(segment)
    leading = "/" if path.startswith("/") else ""
    trailing = "/" if path.endswith("/") and segments else ""
    return leading + "/".join(segments) + trailing


def canonical_query(query: str) -> str:
    """Return the canonical query string of a raw (as sent) query string.

    Each name and value is percent-decoded and re-encoded with only the unreserved characters
    left bare (so ``%2a``, ``*`` and ``%2A`` all give ``%2A``); a name without ``=`` gets an
    empty value; the pairs are sorted by encoded name, then by encoded value. ``+`` is taken as
    a literal plus (RFC 3986), not as a space. Empty ``&&`` segments carry no parameter.
    For an already well-encoded query, such as ``aws_iam=t``, this equals botocore's result.
    """
    pairs = sorted(
        (_uri_encode(name), _uri_encode(value))
        for name, _, value in (part.partition("=") for part in query.split("&") if part)
    )
    return "&".join(f"{name}={value}" for name, value in pairs)


def _uri_encode(component: str) -> str:
    # Decoding to bytes first keeps invalid UTF-8 escapes (%FF) intact instead of replacing them.
    return quote(unquote_to_bytes(component), safe=_UNRESERVED)


def canonical_headers(headers: Sequence[tuple[str, str]], signed: Sequence[str]) -> str:
    """Return the canonical headers block: ``name:value\\n`` for each name in ``signed``.

    Names are matched case-insensitively and written in lower case, in the order of
    ``signed`` (which :func:`signed_header_names` sorts). Each value is trimmed and its inner
    whitespace runs collapsed to one space; repeated headers are joined with ``,`` in request
    order. Like the SigV4 reference, every entry ends with a newline. A signed name missing
    from ``headers`` raises ``ValueError``.
    """
    values: dict[str, list[str]] = {}
    for name, value in headers:
        values.setdefault(name.strip().lower(), []).append(" ".join(value.split()))
    lines = []
    for name in signed:
        found = values.get(name.lower())
        if found is None:
            raise ValueError(f"signed header {name.lower()!r} is not in the request")
        lines.append(f"{name.lower()}:{','.join(found)}\n")
    return "".join(lines)


def signed_header_names(headers: Sequence[tuple[str, str]]) -> list[str]:
    """Return the lower-case, sorted, distinct names of ``headers`` that are signed.

    That is every header except those in :data:`UNSIGNED_HEADERS`, as in botocore.
    """
    return sorted({name.strip().lower() for name, _ in headers} - UNSIGNED_HEADERS)


def canonical_request(
    method: str,
    path: str,
    query: str,
    headers: Sequence[tuple[str, str]],
    signed: Sequence[str],
    payload_hash: str,
) -> str:
    """Return the SigV4 canonical request, the text whose hash the string to sign carries.

    ``path`` and ``query`` are as sent on the wire; ``signed`` lists the signed header names
    (lower case, sorted); ``payload_hash`` is the hex SHA-256 of the body.
    """
    return "\n".join(
        [
            method.upper(),
            canonical_uri(path),
            canonical_query(query),
            canonical_headers(headers, signed),
            ";".join(name.lower() for name in signed),
            payload_hash,
        ]
    )


def string_to_sign(amz_date: str, scope: str, canonical_request: str) -> str:
    """Return the string to sign: algorithm, timestamp, scope, hex SHA-256 of the canonical request.

    The four lines are joined with ``\\n`` (no trailing newline).
    """
    digest = hashlib.sha256(canonical_request.encode("utf-8")).hexdigest()
    return "\n".join([SIGV4_ALGORITHM, amz_date, scope, digest])


def signing_key(secret_key: str, date_stamp: str, region: str, service: str) -> bytes:
    """Derive the signing key: HMAC-SHA256 chained over date, region, service, ``aws4_request``."""
    key = ("AWS4" + secret_key).encode("utf-8")
    for part in (date_stamp, region, service, _TERMINATOR):
        key = _hmac(key, part)
    return key


def signature(key: bytes, string_to_sign: str) -> str:
    """Return the signature: hex HMAC-SHA256 of ``string_to_sign`` under the signing key."""
    return _hmac(key, string_to_sign).hex()


def _hmac(key: bytes, message: str) -> bytes:
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).digest()


def sign_headers(
    method: str,
    url: str,
    headers: Sequence[tuple[str, str]],
    body: bytes,
    *,
    credentials: Credentials,
    region: str,
    service: str,
    now: datetime,
) -> list[tuple[str, str]]:
    """Return the headers to ADD, in botocore's order.

    That is ``X-Amz-Date``, then ``X-Amz-Security-Token`` (when the credentials carry a
    session token: it is added before signing, so it is signed), then ``Authorization``.
    ``headers`` are the request's headers at signing time. Any ``Authorization`` and
    ``X-Amz-Date`` among them (and ``X-Amz-Security-Token`` when the credentials carry a
    token) are ignored, because the caller replaces them with the returned ones. Without a
    ``Host`` header the host is taken from ``url`` (port omitted when it is the scheme's
    default), as botocore does. The payload hash is the hex SHA-256 of ``body``, unless an
    ``X-Amz-Content-SHA256`` header gives it. Unlike botocore, a ``Date`` header is signed as
    it is rather than rewritten; SigV4 lets ``X-Amz-Date`` take precedence over it.
    """
    parts = urlsplit(url)
    stamp = amz_date(now)
    added = [("X-Amz-Date", stamp)]
    if credentials.session_token is not None:
        added.append(("X-Amz-Security-Token", credentials.session_token.get_secret_value()))
    replaced = {name.lower() for name, _ in added} | {"authorization"}
    to_sign = [(name, value) for name, value in headers if name.lower() not in replaced]
    to_sign += added
    if _header(to_sign, "host") is None:
        to_sign.append(("host", _host_from_url(parts)))
    signed = signed_header_names(to_sign)
    payload_hash = _header(to_sign, "x-amz-content-sha256") or hashlib.sha256(body).hexdigest()
    creq = canonical_request(method, parts.path, parts.query, to_sign, signed, payload_hash)
    date_stamp = stamp[:8]
    scope = credential_scope(date_stamp, region, service)
    secret = credentials.secret_key.get_secret_value()
    sig = signature(
        signing_key(secret, date_stamp, region, service), string_to_sign(stamp, scope, creq)
    )
    authorization = (
        f"{SIGV4_ALGORITHM} Credential={credentials.access_key}/{scope}, "
        f"SignedHeaders={';'.join(signed)}, Signature={sig}"
    )
    return [*added, ("Authorization", authorization)]


def _header(headers: Sequence[tuple[str, str]], wanted: str) -> str | None:
    return next((value for name, value in headers if name.lower() == wanted), None)


def _host_from_url(parts: SplitResult) -> str:
    # botocore's _host_from_url: lower-case host, IPv6 in brackets, no userinfo, and the
    # port only when it is not the scheme's default.
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    if parts.port is not None and parts.port != _DEFAULT_PORTS.get(parts.scheme):
        host = f"{host}:{parts.port}"
    return host


@dataclass(frozen=True)
class ParsedAuthorization:
    """The parts of a SigV4 ``Authorization`` header (none of them is secret)."""

    access_key: str
    date_stamp: str
    region: str
    service: str
    signed_headers: tuple[str, ...]
    signature: str

    @property
    def scope(self) -> str:
        """The credential scope, ``<date>/<region>/<service>/aws4_request``."""
        return credential_scope(self.date_stamp, self.region, self.service)


def parse_authorization(value: str) -> ParsedAuthorization:
    """Parse ``AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...``.

    The three components may come in any order, with or without spaces after the commas.
    Raises ``ValueError`` naming the malformed part; the message never repeats the header.
    """
    algorithm, _, rest = value.strip().partition(" ")
    if algorithm != SIGV4_ALGORITHM:
        raise ValueError(f"Authorization does not start with {SIGV4_ALGORITHM}")
    fields = _auth_fields(rest)
    access_key, date_stamp, region, service = _credential(fields["Credential"])
    return ParsedAuthorization(
        access_key=access_key,
        date_stamp=date_stamp,
        region=region,
        service=service,
        signed_headers=_signed_headers(fields["SignedHeaders"]),
        signature=_signature(fields["Signature"]),
    )


def _auth_fields(rest: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for item in rest.split(","):
        name, equals, field_value = item.strip().partition("=")
        if name not in _AUTH_FIELDS or not equals:
            raise ValueError(
                "Authorization components must be Credential=, SignedHeaders=, Signature="
            )
        if name in fields:
            raise ValueError(f"Authorization repeats {name}")
        fields[name] = field_value
    missing = [name for name in _AUTH_FIELDS if name not in fields]
    if missing:
        raise ValueError(f"Authorization lacks {', '.join(missing)}")
    return fields


def _credential(credential: str) -> tuple[str, str, str, str]:
    parts = credential.split("/")
    if len(parts) != 5 or parts[4] != _TERMINATOR:
        raise ValueError("Credential is not <key>/<date>/<region>/<service>/aws4_request")
    if not all(_NO_SPACE.fullmatch(part) for part in parts):
        raise ValueError("Credential has an empty part or whitespace")
    if not _DATE_STAMP.fullmatch(parts[1]):
        raise ValueError("Credential date is not YYYYMMDD")
    return parts[0], parts[1], parts[2], parts[3]


def _signed_headers(names: str) -> tuple[str, ...]:
    signed = tuple(names.split(";"))
    if not all(_HEADER_NAME.fullmatch(name) for name in signed):
        raise ValueError("SignedHeaders must be lower-case header names separated by ';'")
    if list(signed) != sorted(set(signed)):
        raise ValueError("SignedHeaders must be sorted and distinct")
    return signed


def _signature(sig: str) -> str:
    if not _HEX_SIGNATURE.fullmatch(sig):
        raise ValueError("Signature is not 64 lower-case hex digits")
    return sig


class SigV4Auth(httpx.Auth):
    """httpx auth that signs each request with SigV4, as botocore signs ``CreateTokenWithIAM``.

    The signed headers are the request's own, less :attr:`TRANSPORT_HEADERS` and
    :data:`UNSIGNED_HEADERS`; ``Host`` is the value httpx sends. The request is signed afresh
    (new ``X-Amz-Date``) every time httpx runs the flow, so each retry carries a valid
    signature. ``clock`` replaces the real UTC time, for tests.

    The repr shows only the region and service, never the credentials.
    """

    requires_request_body = True

    TRANSPORT_HEADERS = frozenset(
        {"accept", "accept-encoding", "content-length", "amz-sdk-invocation-id", "amz-sdk-request"}
    )
    """Headers left unsigned because botocore adds them only after signing.

    ``Content-Length`` and ``Accept-Encoding`` come from the HTTP layer, and the retry headers
    change on every attempt; leaving them out gives boto3's ``SignedHeaders`` exactly.
    """

    def __init__(
        self,
        credentials: Credentials,
        region: str,
        service: str,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._credentials = credentials
        self._region = region
        self._service = service
        self._clock = clock

    def __repr__(self) -> str:
        return f"{type(self).__name__}(region={self._region!r}, service={self._service!r})"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Add ``X-Amz-Date``, ``X-Amz-Security-Token`` and ``Authorization``, then send once."""
        headers = [
            (name, value)
            for name, value in request.headers.multi_items()
            if name.lower() not in self.TRANSPORT_HEADERS
        ]
        added = sign_headers(
            request.method,
            str(request.url),
            headers,
            request.content,
            credentials=self._credentials,
            region=self._region,
            service=self._service,
            now=self._clock(),
        )
        for name, value in added:
            # Delete first so a re-signed header moves to the end, where botocore puts it.
            if name in request.headers:
                del request.headers[name]
            request.headers[name] = value
        yield request
