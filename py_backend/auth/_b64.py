"""Base64url without padding and compact JSON, the two encodings JWS and PKCE are built from.

RFC 7515 §2 defines ``BASE64URL(OCTETS)`` as the URL-safe alphabet of RFC 4648 §5 with the
trailing ``=`` removed; RFC 7636 appendix A uses the same encoding for the code challenge.
"""

from __future__ import annotations

import base64
import binascii
import json
import re

__all__ = ["b64url_decode", "b64url_encode", "compact_json"]

# At most two "=" of padding; "+" and "/" belong to the other alphabet and are refused.
_B64URL = re.compile(r"[A-Za-z0-9_-]*={0,2}")


def b64url_encode(data: bytes) -> str:
    """Encode ``data`` as base64url with no padding (RFC 7515 §2, RFC 4648 §5)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Decode base64url text, with or without its ``=`` padding.

    Raises ``ValueError`` for characters outside the URL-safe alphabet, an impossible length,
    wrong padding, or a non-canonical encoding (unused trailing bits set, RFC 4648 §3.5).
    Refusing non-canonical text means one byte string has exactly one spelling, so a JWS
    segment cannot be altered without its decoded bytes changing. The message never repeats
    the input.
    """
    if not isinstance(text, str) or not _B64URL.fullmatch(text):
        raise ValueError("not base64url text")
    body = text.rstrip("=")
    if len(body) % 4 == 1 or (body != text and len(text) % 4 != 0):
        raise ValueError("base64url text has an impossible length or wrong padding")
    try:
        data = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except binascii.Error:
        raise ValueError("not base64url text") from None
    if b64url_encode(data) != body:
        raise ValueError("base64url text is not canonically encoded")
    return data


def compact_json(obj: object) -> bytes:
    """Serialise ``obj`` as JSON with no whitespace, the way botocore builds JWS segments."""
    return json.dumps(obj, separators=(",", ":")).encode()
