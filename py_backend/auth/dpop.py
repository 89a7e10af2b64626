"""DPoP proofs (RFC 9449) with ES256 keys, shaped exactly as botocore builds them for AWS Sign-In.

AWS Sign-In binds its refresh token to a P-256 key: every ``/v1/token`` call carries a
``DPoP`` header holding a JWS (RFC 7515) signed by that key. The proof's JOSE header is
``{"typ":"dpop+jwt","alg":"ES256","jwk":{"kty","x","y","crv"}}``, its claims are exactly
``htm``, ``htu``, ``iat`` and ``jti`` (no ``ath``, no ``nonce``), both segments are compact
JSON in base64url, and the signature is the raw ``r || s`` pair of RFC 7518 §3.4. The token's
``cnf.jkt`` is the RFC 7638 thumbprint of the key, so one key must sign every refresh; it is
kept in the login cache as SEC1 PEM (``dpopKey``).
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

import httpx
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from py_backend.auth._b64 import b64url_decode, b64url_encode, compact_json
from py_backend.errors import TokenBridgeError

__all__ = [
    "DPoPAuth",
    "DPoPProof",
    "DPoPProofError",
    "build_proof",
    "generate_private_key",
    "jwk_thumbprint",
    "load_private_key_pem",
    "private_key_to_pem",
    "public_jwk",
    "public_key_from_jwk",
    "verify_proof",
]

_TYP = "dpop+jwt"
_ALG = "ES256"
_CRV = "P-256"
_COORD_BYTES = 32  # P-256 field elements and ES256 signature halves are 32 bytes
_MAX_PROOF_CHARS = 8192  # a real proof is ~500 characters; refuse to parse anything huge
_DEFAULT_PORTS = {"http": 80, "https": 443}
_PEM_FORMATS = {
    "sec1": serialization.PrivateFormat.TraditionalOpenSSL,
    "pkcs8": serialization.PrivateFormat.PKCS8,
}


# --- keys and JWKs ------------------------------------------------------------------------


def generate_private_key() -> ec.EllipticCurvePrivateKey:
    """Generate a fresh P-256 key, as ``aws login`` does once per login session."""
    return ec.generate_private_key(ec.SECP256R1())


def public_jwk(key: ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey) -> dict[str, str]:
    """Return the public JWK (RFC 7518 §6.2.1) of a P-256 key.

    The members come in botocore's order, ``kty, x, y, crv``, because the JOSE header embeds
    this dict and its bytes should match what the AWS CLI sends.
    """
    public = key.public_key() if isinstance(key, ec.EllipticCurvePrivateKey) else key
    _require_p256(public)
    numbers = public.public_numbers()
    return {"kty": "EC", "x": _encode_coord(numbers.x), "y": _encode_coord(numbers.y), "crv": _CRV}


def jwk_thumbprint(jwk: Mapping[str, str]) -> str:
    """Return the RFC 7638 SHA-256 thumbprint of an EC JWK (the ``jkt`` of RFC 9449 §6).

    Only the required members ``crv, kty, x, y`` count (RFC 7638 §3.2), in that sorted order,
    as compact JSON. Other members are ignored. Raises ``ValueError`` for a non-EC JWK or a
    missing or non-string required member.
    """
    if jwk.get("kty") != "EC":
        raise ValueError("only EC JWK thumbprints are supported")
    required = {name: jwk.get(name) for name in ("crv", "kty", "x", "y")}
    if not all(isinstance(value, str) for value in required.values()):
        raise ValueError("JWK needs string members crv, kty, x and y")
    return b64url_encode(hashlib.sha256(compact_json(required)).digest())


def public_key_from_jwk(jwk: Mapping[str, Any]) -> ec.EllipticCurvePublicKey:
    """Rebuild the public key from an EC P-256 JWK.

    Raises ``ValueError`` unless ``kty`` is ``EC``, ``crv`` is ``P-256``, ``x`` and ``y`` are
    32-byte base64url values, and the point lies on the curve (which also rules out the
    point at infinity and coordinates outside the field).
    """
    if not isinstance(jwk, Mapping) or jwk.get("kty") != "EC" or jwk.get("crv") != _CRV:
        raise ValueError("JWK must be an EC key on P-256")
    x = _decode_coord(jwk.get("x"), "x")
    y = _decode_coord(jwk.get("y"), "y")
    try:
        return ec.EllipticCurvePublicNumbers(x, y, ec.SECP256R1()).public_key()
    except ValueError:
        raise ValueError("JWK point is not on the P-256 curve") from None


def _require_p256(key: ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey) -> None:
    if not isinstance(key.curve, ec.SECP256R1):
        raise ValueError(f"DPoP keys must be on P-256, not {key.curve.name}")


def _encode_coord(value: int) -> str:
    return b64url_encode(value.to_bytes(_COORD_BYTES, "big"))


def _decode_coord(value: object, name: str) -> int:
    if not isinstance(value, str):
        raise ValueError(f"JWK member {name} must be a string")
    raw = b64url_decode(value)
    if len(raw) != _COORD_BYTES:
        raise ValueError(f"JWK member {name} must encode {_COORD_BYTES} bytes, not {len(raw)}")
    return int.from_bytes(raw, "big")


# --- building a proof -----------------------------------------------------------------------


def build_proof(
    key: ec.EllipticCurvePrivateKey,
    htm: str,
    htu: str,
    *,
    now: int | None = None,
    jti: str | None = None,
) -> str:
    """Build a DPoP proof JWT (RFC 9449 §4.2) byte for byte as botocore's ``_build_dpop_header``.

    ``htu`` goes into the proof as given; RFC 9449 wants it without query and fragment, which
    :class:`DPoPAuth` takes care of. ``now`` defaults to the current Unix time and ``jti`` to
    a new UUID4 string. ECDSA is randomised, so the signature differs on every call.
    """
    header = {"typ": _TYP, "alg": _ALG, "jwk": public_jwk(key)}
    claims = {
        "htm": htm,
        "htu": htu,
        "iat": _unix_time() if now is None else now,
        "jti": _new_jti() if jti is None else jti,
    }
    signing_input = f"{b64url_encode(compact_json(header))}.{b64url_encode(compact_json(claims))}"
    signature = _sign_es256(key, signing_input.encode("ascii"))
    return f"{signing_input}.{b64url_encode(signature)}"


def _sign_es256(key: ec.EllipticCurvePrivateKey, data: bytes) -> bytes:
    # JWS wants the fixed-width r || s pair (RFC 7518 §3.4), not the DER cryptography returns.
    r, s = decode_dss_signature(key.sign(data, ec.ECDSA(hashes.SHA256())))
    return r.to_bytes(_COORD_BYTES, "big") + s.to_bytes(_COORD_BYTES, "big")


def _unix_time() -> int:
    return int(time.time())


def _new_jti() -> str:
    return str(uuid.uuid4())


# --- verifying a proof ----------------------------------------------------------------------


@dataclass(frozen=True)
class DPoPProof:
    """A DPoP proof that passed :func:`verify_proof`, with its parts decoded.

    ``jwk`` holds the public members ``kty, x, y, crv`` and ``thumbprint`` is their RFC 7638
    thumbprint, the value a server compares with a token's ``cnf.jkt``.
    """

    header: dict[str, Any]
    claims: dict[str, Any]
    jwk: dict[str, str]
    thumbprint: str
    jti: str
    iat: int
    htm: str
    htu: str


class DPoPProofError(TokenBridgeError, ValueError):
    """A DPoP proof failed a check of RFC 9449 §4.3.

    ``reason`` is a short stable code: ``malformed``, ``invalid_typ``, ``invalid_alg``,
    ``invalid_jwk``, ``bad_signature``, ``invalid_claim``, ``htm_mismatch``, ``htu_mismatch``
    or ``iat_out_of_window``. The message says what is wrong and never repeats the proof.
    """

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def verify_proof(proof: str, *, htm: str, htu: str, now: int, max_skew: int = 300) -> DPoPProof:
    """Check a DPoP proof against the request it arrived with (RFC 9449 §4.3).

    Checks, in order: three segments; the header is a base64url JSON object; ``typ`` is
    ``dpop+jwt``; ``alg`` is ``ES256``; no ``crit``; ``jwk`` is a public P-256 key (a ``d``
    member is refused); the signature verifies with that key; the claims are a JSON object;
    ``jti`` is a non-empty string; ``htm`` equals ``htm``; ``htu`` equals ``htu`` ignoring
    query, fragment and syntax-only differences (case of scheme and host, default port);
    ``iat`` is an integer within ``max_skew`` seconds of ``now`` either way. Checking the
    signature before reading the claims means any change to them reads as ``bad_signature``.
    Raises :class:`DPoPProofError` on the first failure.
    Remembering ``jti`` values to refuse replays is the server's job, not this function's.
    """
    header_segment, claims_segment, signature_segment = _split_proof(proof)
    header = _decode_segment(header_segment, "header")
    _check_header(header)
    public_key, jwk = _header_key(header.get("jwk"))
    signing_input = f"{header_segment}.{claims_segment}".encode("ascii")
    _check_signature(public_key, signing_input, signature_segment)
    claims = _decode_segment(claims_segment, "claims")
    _check_claims(claims, htm=htm, htu=htu, now=now, max_skew=max_skew)
    return DPoPProof(
        header=header,
        claims=claims,
        jwk=jwk,
        thumbprint=jwk_thumbprint(jwk),
        jti=claims["jti"],
        iat=claims["iat"],
        htm=claims["htm"],
        htu=claims["htu"],
    )


def _split_proof(proof: object) -> list[str]:
    if not isinstance(proof, str) or not proof.isascii() or len(proof) > _MAX_PROOF_CHARS:
        raise DPoPProofError("malformed", "DPoP proof must be an ASCII compact JWS")
    segments = proof.split(".")
    if len(segments) != 3:
        raise DPoPProofError("malformed", f"DPoP proof has {len(segments)} segments, not 3")
    return segments


def _decode_segment(segment: str, what: str) -> dict[str, Any]:
    try:
        value = json.loads(b64url_decode(segment), object_pairs_hook=_unique_members)
    except (ValueError, RecursionError):
        raise DPoPProofError("malformed", f"DPoP proof {what} is not base64url JSON") from None
    if not isinstance(value, dict):
        raise DPoPProofError("malformed", f"DPoP proof {what} is not a JSON object")
    return value


def _unique_members(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # RFC 7515 §4: a JOSE header with duplicate names must be refused, else two parsers
    # could each see a different "alg" or "typ".
    members = dict(pairs)
    if len(members) != len(pairs):
        raise ValueError("duplicate member name")
    return members


def _check_header(header: Mapping[str, Any]) -> None:
    if header.get("typ") != _TYP:
        raise DPoPProofError("invalid_typ", f"DPoP proof typ must be {_TYP!r}")
    if header.get("alg") != _ALG:
        raise DPoPProofError("invalid_alg", f"DPoP proof alg must be {_ALG!r}")
    if "crit" in header:
        raise DPoPProofError("malformed", "DPoP proof names critical extensions (crit)")


def _header_key(jwk: object) -> tuple[ec.EllipticCurvePublicKey, dict[str, str]]:
    if not isinstance(jwk, dict):
        raise DPoPProofError("invalid_jwk", "DPoP proof header has no jwk object")
    if "d" in jwk:
        raise DPoPProofError("invalid_jwk", "DPoP proof jwk contains a private key")
    try:
        public_key = public_key_from_jwk(jwk)
    except ValueError as error:
        raise DPoPProofError("invalid_jwk", f"DPoP proof jwk is unusable: {error}") from None
    return public_key, public_jwk(public_key)


def _check_signature(
    public_key: ec.EllipticCurvePublicKey, signing_input: bytes, signature_segment: str
) -> None:
    try:
        raw = b64url_decode(signature_segment)
    except ValueError:
        raw = b""
    if len(raw) != 2 * _COORD_BYTES:
        raise DPoPProofError("bad_signature", "DPoP proof signature is not a 64-byte r||s pair")
    r = int.from_bytes(raw[:_COORD_BYTES], "big")
    s = int.from_bytes(raw[_COORD_BYTES:], "big")
    try:
        public_key.verify(encode_dss_signature(r, s), signing_input, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise DPoPProofError("bad_signature", "DPoP proof signature does not verify") from None


def _check_claims(
    claims: Mapping[str, Any], *, htm: str, htu: str, now: int, max_skew: int
) -> None:
    for name, kind in (("jti", str), ("htm", str), ("htu", str), ("iat", int)):
        value = claims.get(name)
        # bool is an int subclass; "iat": true is not a time.
        if not isinstance(value, kind) or isinstance(value, bool) or value == "":
            raise DPoPProofError("invalid_claim", f"DPoP proof claim {name} is missing or invalid")
    if claims["htm"] != htm:
        raise DPoPProofError("htm_mismatch", f"DPoP proof htm does not match {htm!r}")
    claimed_target = _htu_key(claims["htu"])
    if claimed_target is None or claimed_target != _htu_key(htu):
        raise DPoPProofError("htu_mismatch", "DPoP proof htu does not match the request URL")
    if abs(now - claims["iat"]) > max_skew:
        raise DPoPProofError("iat_out_of_window", f"DPoP proof iat is over {max_skew}s from now")


def _htu_key(url: str) -> tuple[str, str, int | None, str] | None:
    # What RFC 9449 §4.3 compares of an htu: no query or fragment, and RFC 3986 §6.2.2-6.2.3
    # syntax- and scheme-based normalisation, minus percent-encoding. None: not an http(s) URL.
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if not parts.hostname or scheme not in _DEFAULT_PORTS:
        return None
    port = _DEFAULT_PORTS[scheme] if port is None else port
    return scheme, parts.hostname.lower(), port, parts.path or "/"


# --- PEM ------------------------------------------------------------------------------------


def load_private_key_pem(pem: str | bytes) -> ec.EllipticCurvePrivateKey:
    """Read an unencrypted P-256 private key from SEC1 (``EC PRIVATE KEY``) or PKCS#8 PEM.

    The AWS CLI writes SEC1; botocore's shared test cases store PKCS#8; both are accepted.
    Raises ``ValueError`` for anything else; the message never quotes the key.
    """
    data = pem.encode() if isinstance(pem, str) else bytes(pem)
    try:
        key = serialization.load_pem_private_key(data.strip() + b"\n", password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise ValueError("DPoP key is not an unencrypted SEC1 or PKCS#8 PEM private key") from None
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise ValueError(f"DPoP key must be an EC P-256 private key, not {type(key).__name__}")
    _require_p256(key)
    return key


def private_key_to_pem(
    key: ec.EllipticCurvePrivateKey, *, encoding: Literal["sec1", "pkcs8"] = "sec1"
) -> str:
    """Write a P-256 private key as unencrypted PEM.

    ``sec1`` gives what the AWS CLI stores as ``dpopKey``: ``-----BEGIN EC PRIVATE KEY-----``,
    base64 in 64-character lines, the END line and a trailing newline. ``pkcs8`` gives a
    ``-----BEGIN PRIVATE KEY-----`` block.
    """
    if encoding not in _PEM_FORMATS:
        raise ValueError("encoding must be 'sec1' or 'pkcs8'")
    _require_p256(key)
    pem = key.private_bytes(
        serialization.Encoding.PEM, _PEM_FORMATS[encoding], serialization.NoEncryption()
    )
    return pem.decode("ascii")


# --- httpx adapter --------------------------------------------------------------------------


class DPoPAuth(httpx.Auth):
    """httpx auth that adds a ``DPoP`` proof header signed by ``key``.

    The proof's ``htm`` is the request method and its ``htu`` the request URL without query
    or fragment. ``clock`` (Unix seconds) and ``jti_factory`` replace the real time and
    UUID4 ids, for tests.

    A new proof, with a new ``jti`` and ``iat``, is built every time httpx runs this auth
    flow, that is once per request sent. So when our transport retries an API call, each
    attempt carries a fresh proof. botocore instead resends the first attempt's proof;
    RFC 9449 §11.1 lets a server refuse a ``jti`` it has seen, so a fresh one is the safer
    choice, and a server that accepts one proof accepts the other.

    The repr shows only the key's thumbprint, never the key.
    """

    def __init__(
        self,
        key: ec.EllipticCurvePrivateKey,
        *,
        clock: Callable[[], int] | None = None,
        jti_factory: Callable[[], str] | None = None,
    ) -> None:
        self._thumbprint = jwk_thumbprint(public_jwk(key))  # also refuses non-P-256 keys now
        self._key = key
        self._clock = clock if clock is not None else _unix_time
        self._jti_factory = jti_factory if jti_factory is not None else _new_jti

    @property
    def thumbprint(self) -> str:
        """The RFC 7638 thumbprint of the signing key (the ``jkt`` a bound token carries)."""
        return self._thumbprint

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Stamp a fresh proof on ``request`` and send it once."""
        htu = str(request.url.copy_with(query=None, fragment=None))
        request.headers["DPoP"] = build_proof(
            self._key, request.method, htu, now=self._clock(), jti=self._jti_factory()
        )
        yield request

    def __repr__(self) -> str:
        return f"DPoPAuth(jkt={self._thumbprint!r})"
