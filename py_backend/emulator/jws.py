"""Compact JWS/JWT signing and verification (RFC 7515, RFC 7519) with ES256 and RS256.

The emulator signs its id tokens with its own P-256 key (ES256, ``kid`` = the key's RFC 7638
thumbprint), and verifies jwt-bearer assertions (RFC 7523) with a trusted issuer's key.
ES256 signatures are the raw ``r || s`` pair (RFC 7518 §3.4); RS256 is RSASSA-PKCS1-v1_5
with SHA-256 (RFC 7518 §3.3).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from py_backend.auth._b64 import b64url_decode, b64url_encode, compact_json
from py_backend.auth.dpop import jwk_thumbprint, public_jwk
from py_backend.emulator.config import IssuerPrivateKey, IssuerPublicKey
from py_backend.errors import TokenBridgeError

__all__ = ["JWTError", "decode_unverified", "jwks", "key_id", "sign_jwt", "verify_jwt"]

_ES256_HALF = 32
_MAX_JWT_CHARS = 16384


class JWTError(TokenBridgeError, ValueError):
    """A JWT is malformed or its signature does not verify; the message never quotes it."""


def key_id(key: ec.EllipticCurvePrivateKey) -> str:
    """The ``kid`` of the emulator's signing key: its RFC 7638 thumbprint."""
    return jwk_thumbprint(public_jwk(key))


def jwks(key: ec.EllipticCurvePrivateKey) -> dict[str, Any]:
    """The JWK Set (RFC 7517 §5) holding the public half of the emulator's signing key."""
    return {"keys": [{**public_jwk(key), "kid": key_id(key), "alg": "ES256", "use": "sig"}]}


def sign_jwt(key: IssuerPrivateKey, claims: Mapping[str, Any], *, kid: str | None = None) -> str:
    """Sign ``claims`` as a compact JWT: ES256 for a P-256 key, RS256 for an RSA key."""
    header: dict[str, Any] = {"alg": _algorithm(key), "typ": "JWT"}
    if kid is not None:
        header["kid"] = kid
    signing_input = f"{b64url_encode(compact_json(header))}.{b64url_encode(compact_json(claims))}"
    return f"{signing_input}.{b64url_encode(_sign(key, signing_input.encode('ascii')))}"


def decode_unverified(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split a compact JWT into its header and claims without checking the signature."""
    header_segment, claims_segment, _ = _segments(token)
    return _json_segment(header_segment), _json_segment(claims_segment)


def verify_jwt(token: str, key: IssuerPublicKey) -> dict[str, Any]:
    """Verify a JWT's signature with ``key`` and return its claims.

    The header's ``alg`` must be the one ``key`` implies (ES256 for P-256, RS256 for RSA):
    trusting the token's own ``alg`` would allow algorithm confusion (RFC 8725 §2.1).
    """
    header_segment, claims_segment, signature_segment = _segments(token)
    header = _json_segment(header_segment)
    if header.get("alg") != _algorithm(key):
        raise JWTError(f"JWT alg must be {_algorithm(key)} for this issuer's key")
    if "crit" in header:
        raise JWTError("JWT names critical extensions (crit)")
    signing_input = f"{header_segment}.{claims_segment}".encode("ascii")
    _verify(key, signing_input, _decode(signature_segment))
    return _json_segment(claims_segment)


def _algorithm(key: IssuerPrivateKey | IssuerPublicKey) -> str:
    if isinstance(key, (ec.EllipticCurvePrivateKey, ec.EllipticCurvePublicKey)):
        if not isinstance(key.curve, ec.SECP256R1):
            raise JWTError("EC keys must be on P-256 (ES256)")
        return "ES256"
    return "RS256"


def _sign(key: IssuerPrivateKey, data: bytes) -> bytes:
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(data, padding.PKCS1v15(), hashes.SHA256())
    r, s = decode_dss_signature(key.sign(data, ec.ECDSA(hashes.SHA256())))
    return r.to_bytes(_ES256_HALF, "big") + s.to_bytes(_ES256_HALF, "big")


def _verify(key: IssuerPublicKey, data: bytes, signature: bytes) -> None:
    try:
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
            return
        if len(signature) != 2 * _ES256_HALF:
            raise JWTError("ES256 signature must be 64 bytes")
        r = int.from_bytes(signature[:_ES256_HALF], "big")
        s = int.from_bytes(signature[_ES256_HALF:], "big")
        key.verify(encode_dss_signature(r, s), data, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise JWTError("JWT signature does not verify") from None


def _segments(token: object) -> tuple[str, str, str]:
    if not isinstance(token, str) or not token.isascii() or len(token) > _MAX_JWT_CHARS:
        raise JWTError("JWT must be an ASCII compact JWS")
    parts = token.split(".")
    if len(parts) != 3:
        raise JWTError("JWT must have three segments")
    return parts[0], parts[1], parts[2]


def _decode(segment: str) -> bytes:
    try:
        return b64url_decode(segment)
    except ValueError:
        raise JWTError("JWT segment is not base64url") from None


def _json_segment(segment: str) -> dict[str, Any]:
    try:
        value = json.loads(_decode(segment))
    except (ValueError, RecursionError):
        raise JWTError("JWT segment is not JSON") from None
    if not isinstance(value, dict):
        raise JWTError("JWT segment is not a JSON object")
    return value
