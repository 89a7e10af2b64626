"""DPoP (RFC 9449) with ES256: AWS CLI fixture vectors, botocore as an oracle, and tampering.

The fixture key is the AWS CLI's (``tests/unit/conftest.py``, ``EC_PRIVATE_KEY_SEC1_BASE64``);
its JWK, thumbprint and JWS segments are the vectors of login-flows.md §6. Signatures are
randomised, so they are checked by verifying them with ``cryptography`` directly.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import itertools
import json
import string
import time
import uuid
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import (
    Prehashed,
    decode_dss_signature,
    encode_dss_signature,
)
from hypothesis import given
from hypothesis import strategies as st

from py_backend.auth._b64 import b64url_decode, b64url_encode, compact_json
from py_backend.auth.dpop import (
    DPoPAuth,
    DPoPProof,
    DPoPProofError,
    build_proof,
    generate_private_key,
    jwk_thumbprint,
    load_private_key_pem,
    private_key_to_pem,
    public_jwk,
    public_key_from_jwk,
    verify_proof,
)

# --- published / derived vectors ------------------------------------------------------------

FIXTURE_D = int("78ededcf959e422437a456ed08193c534b6fff4064486a49860cb70ae52dbdd6", 16)
FIXTURE_JWK = {
    "kty": "EC",
    "x": "v2FjRpMtADMZ4zoZxshV9chEkembgzZnXSUNe-DA8dI",
    "y": "qlzf-6k3GY2CRyiIvkZ_PM1BqgiaNw1hf1_rn1X3VNo",
    "crv": "P-256",
}
FIXTURE_JKT = "d7SO-CLiFNblhrpelvUn7l3KO7AxQxpqZ8HlFhAdhVk"
FIXTURE_URI = "https://foobar/v1/token"
FIXTURE_JTI = "uniqueid"
FIXTURE_IAT = 1760014198
HEADER_SEGMENT = (
    "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6InYyRmpScE10QURN"
    "WjR6b1p4c2hWOWNoRWtlbWJnelpuWFNVTmUtREE4ZEkiLCJ5IjoicWx6Zi02azNHWTJDUnlpSXZrWl9QTTFCcWdp"
    "YU53MWhmMV9ybjFYM1ZObyIsImNydiI6IlAtMjU2In19"
)
PAYLOAD_SEGMENT = (
    "eyJodG0iOiJQT1NUIiwiaHR1IjoiaHR0cHM6Ly9mb29iYXIvdjEvdG9rZW4iLCJpYXQiOjE3NjAwMTQxOTgsImp0aSI6"
    "InVuaXF1ZWlkIn0"
)
# The AWS CLI's EXPECTED_DPOP_KEY (tests/unit/customizations/login/test_utils.py).
CLI_SEC1_PEM = (
    "-----BEGIN EC PRIVATE KEY-----\n"
    "MHcCAQEEIHjt7c+VnkIkN6RW7QgZPFNLb/9AZEhqSYYMtwrlLb3WoAoGCCqGSM49\n"
    "AwEHoUQDQgAEv2FjRpMtADMZ4zoZxshV9chEkembgzZnXSUNe+DA8dKqXN/7qTcZ\n"
    "jYJHKIi+Rn88zUGqCJo3DWF/X+ufVfdU2g==\n"
    "-----END EC PRIVATE KEY-----\n"
)
# botocore's SAMPLE_SIGN_IN_DPOP_PEM (tests/unit/test_credentials.py) and its thumbprint.
BOTOCORE_SAMPLE_PEM = (
    "-----BEGIN EC PRIVATE KEY-----\n"
    "MHcCAQEEIDXxfh2F6vl+AX+tK/jvY5ll6aZ9n8sI2ODsWCmrsxSDoAoGCCqGSM49\n"
    "AwEHoUQDQgAERKnl1X15pEx7ebbMQ0dFw6VeOuCjEuh3NT8dwnBHYyF/7YDy8+Fu\n"
    "Cx+4wgiSs9sRD3LaDKCjIbbmEq07Jw59YQ==\n"
    "-----END EC PRIVATE KEY-----\n"
)
BOTOCORE_SAMPLE_JKT = "ghqHibg2Dfcp612oW9E4gkpu5-75OPl1XeZkhCpOBO4"
# A DPoP header botocore 1.44.5 + awscrt 0.38.0 sent on the wire (captured against a loopback
# server), with the URL and time it was made for.
CAPTURED_BOTOCORE_PROOF = (
    "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6IkRfTmwxamgtOGh1"
    "N25FNTlWOWxzQUMyYWJfWFk3ZmFra1g3SXRfZWt5STAiLCJ5IjoiTUJQRDlkX3J2NlhhN3c3NGd2bVJ0Z3hBSDdT"
    "QWN5RllERkFIbmdoVElGdyIsImNydiI6IlAtMjU2In19.eyJodG0iOiJQT1NUIiwiaHR1IjoiaHR0cDovLzEyNy4w"
    "LjAuMTo0NzEyMy92MS90b2tlbiIsImlhdCI6MTc5NTQ2MTA3NiwianRpIjoiNTAyYmE4NjctNmEzMS00YWEwLTky"
    "MTctMTY3Nzc5ZmM5ZGYyIn0.1h8im_mlLdIs3dZ9A-o2Ck1OUeL9ZxQwtDTvHvVIeZv1Pv5TLjk-MWvw3OHZkHgT_pZ"
    "fR4ohqphNb8_mCyaFMQ"
)
CAPTURED_URI = "http://127.0.0.1:47123/v1/token"
CAPTURED_IAT = 1795461076
CAPTURED_JTI = "502ba867-6a31-4aa0-9217-167779fc9df2"

FIXTURE_KEY = ec.derive_private_key(FIXTURE_D, ec.SECP256R1())
OTHER_KEY = ec.derive_private_key(12345, ec.SECP256R1())
P384_KEY = ec.derive_private_key(12345, ec.SECP384R1())
FIXTURE_PROOF = build_proof(FIXTURE_KEY, "POST", FIXTURE_URI, now=FIXTURE_IAT, jti=FIXTURE_JTI)
B64URL_CHARS = string.ascii_letters + string.digits + "-_"

# --- an independent JWS toolkit (stdlib base64/json + cryptography, none of our code) -------


def std_b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def std_unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def std_jwk(key: ec.EllipticCurvePrivateKey) -> dict[str, str]:
    numbers = key.public_key().public_numbers()
    return {
        "kty": "EC",
        "x": std_b64(numbers.x.to_bytes(32, "big")),
        "y": std_b64(numbers.y.to_bytes(32, "big")),
        "crv": "P-256",
    }


def sign_raw(key: ec.EllipticCurvePrivateKey, header: bytes, claims: bytes) -> str:
    signing_input = f"{std_b64(header)}.{std_b64(claims)}"
    r, s = decode_dss_signature(key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256())))
    return f"{signing_input}.{std_b64(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"


def sign_jws(
    key: ec.EllipticCurvePrivateKey, header: dict[str, Any], claims: dict[str, Any]
) -> str:
    return sign_raw(key, json.dumps(header).encode(), json.dumps(claims).encode())


def good_header(key: ec.EllipticCurvePrivateKey = FIXTURE_KEY) -> dict[str, Any]:
    return {"typ": "dpop+jwt", "alg": "ES256", "jwk": std_jwk(key)}


def good_claims() -> dict[str, Any]:
    return {"htm": "POST", "htu": FIXTURE_URI, "iat": FIXTURE_IAT, "jti": FIXTURE_JTI}


def independently_verify(proof: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Decode and verify an ES256 JWS with cryptography alone; return header and claims."""
    header_segment, claims_segment, signature_segment = proof.split(".")
    header = json.loads(std_unb64(header_segment))
    jwk = header["jwk"]
    public_key = ec.EllipticCurvePublicNumbers(
        int.from_bytes(std_unb64(jwk["x"]), "big"),
        int.from_bytes(std_unb64(jwk["y"]), "big"),
        ec.SECP256R1(),
    ).public_key()
    raw = std_unb64(signature_segment)
    assert len(raw) == 64
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    public_key.verify(
        der, f"{header_segment}.{claims_segment}".encode(), ec.ECDSA(hashes.SHA256())
    )  # raises InvalidSignature on failure
    return header, json.loads(std_unb64(claims_segment))


def verify_fixture(proof: str, **overrides: Any) -> DPoPProof:
    kwargs: dict[str, Any] = {"htm": "POST", "htu": FIXTURE_URI, "now": FIXTURE_IAT}
    kwargs.update(overrides)
    return verify_proof(proof, **kwargs)


def reason_of(proof: str, **overrides: Any) -> str:
    with pytest.raises(DPoPProofError) as info:
        verify_fixture(proof, **overrides)
    if proof:
        assert proof not in str(info.value)
    return info.value.reason


# --- base64url and compact JSON -------------------------------------------------------------


@given(st.binary(max_size=200))
def test_b64url_round_trips_and_matches_stdlib(data: bytes) -> None:
    text = b64url_encode(data)
    assert "=" not in text
    assert text == std_b64(data)
    assert b64url_decode(text) == data


@given(st.binary(min_size=1, max_size=50))
def test_b64url_decode_accepts_correct_padding(data: bytes) -> None:
    assert b64url_decode(base64.urlsafe_b64encode(data).decode()) == data


@pytest.mark.parametrize(
    "text",
    ["a", "aQ=", "aQ===", "ab", "a+Q", "a/Q", "aQ=a", "é", "a Q", "aQ\n", "AAA=A"],
)
def test_b64url_decode_rejects_bad_input(text: str) -> None:
    with pytest.raises(ValueError):
        b64url_decode(text)


def test_b64url_decode_rejects_non_canonical_trailing_bits() -> None:
    # "aQ" and "ab" would both decode to b"i"; only the canonical spelling is accepted.
    assert b64url_decode("aQ") == b"i"
    with pytest.raises(ValueError, match="canonical"):
        b64url_decode("ab")


def test_b64url_decode_error_does_not_echo_input() -> None:
    with pytest.raises(ValueError) as info:
        b64url_decode("topsecretvalue+")
    assert "topsecretvalue" not in str(info.value)


def test_compact_json_has_no_whitespace_and_keeps_order() -> None:
    assert compact_json({"b": 1, "a": [1, "x"]}) == b'{"b":1,"a":[1,"x"]}'


# --- keys, JWKs and thumbprints -------------------------------------------------------------


def test_fixture_key_jwk_matches_vector_in_botocore_member_order() -> None:
    jwk = public_jwk(FIXTURE_KEY)
    assert jwk == FIXTURE_JWK
    assert list(jwk) == ["kty", "x", "y", "crv"]
    assert public_jwk(FIXTURE_KEY.public_key()) == FIXTURE_JWK


def test_fixture_thumbprint_matches_vector() -> None:
    assert jwk_thumbprint(FIXTURE_JWK) == FIXTURE_JKT


def test_thumbprint_is_sha256_of_the_rfc7638_member_string() -> None:
    # RFC 7638 §3: required members only, sorted, no whitespace.
    members = (
        '{"crv":"P-256","kty":"EC",'
        '"x":"v2FjRpMtADMZ4zoZxshV9chEkembgzZnXSUNe-DA8dI",'
        '"y":"qlzf-6k3GY2CRyiIvkZ_PM1BqgiaNw1hf1_rn1X3VNo"}'
    )
    assert jwk_thumbprint(FIXTURE_JWK) == std_b64(hashlib.sha256(members.encode()).digest())


def test_thumbprint_ignores_member_order_and_optional_members() -> None:
    shuffled = {
        "kid": "k1",
        "crv": FIXTURE_JWK["crv"],
        "y": FIXTURE_JWK["y"],
        "use": "sig",
        "x": FIXTURE_JWK["x"],
        "kty": "EC",
    }
    assert jwk_thumbprint(shuffled) == FIXTURE_JKT


def test_botocore_sample_key_thumbprint() -> None:
    assert jwk_thumbprint(public_jwk(load_private_key_pem(BOTOCORE_SAMPLE_PEM))) == (
        BOTOCORE_SAMPLE_JKT
    )


@pytest.mark.parametrize(
    "jwk",
    [
        {"kty": "EC", "x": FIXTURE_JWK["x"], "y": FIXTURE_JWK["y"]},
        {"kty": "EC", "crv": "P-256", "y": FIXTURE_JWK["y"]},
        {"kty": "RSA", "n": "AQAB", "e": "AQAB"},
        {},
    ],
)
def test_thumbprint_needs_an_ec_jwk_with_required_members(jwk: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        jwk_thumbprint(jwk)


def test_generated_keys_are_p256_and_distinct() -> None:
    first, second = generate_private_key(), generate_private_key()
    assert isinstance(first.curve, ec.SECP256R1)
    assert public_jwk(first) != public_jwk(second)


def test_public_jwk_refuses_other_curves() -> None:
    with pytest.raises(ValueError, match="P-256"):
        public_jwk(P384_KEY)


def test_coordinates_keep_leading_zero_bytes() -> None:
    # Find a key whose x has a leading zero byte; int.to_bytes must still give 32 bytes.
    key = next(
        k
        for k in (ec.derive_private_key(i, ec.SECP256R1()) for i in itertools.count(1))
        if k.public_key().public_numbers().x < 2**248
    )
    jwk = public_jwk(key)
    assert len(std_unb64(jwk["x"])) == 32
    assert public_key_from_jwk(jwk).public_numbers() == key.public_key().public_numbers()
    verify_proof(build_proof(key, "POST", FIXTURE_URI, now=1), htm="POST", htu=FIXTURE_URI, now=1)


def test_public_key_from_jwk_round_trips() -> None:
    public = public_key_from_jwk(FIXTURE_JWK)
    assert public.public_numbers() == FIXTURE_KEY.public_key().public_numbers()


P256_FIELD_PRIME = 2**256 - 2**224 + 2**192 + 2**96 - 1
OFF_CURVE_Y = std_b64((int.from_bytes(std_unb64(FIXTURE_JWK["y"]), "big") + 1).to_bytes(32, "big"))


@pytest.mark.parametrize(
    "changes",
    [
        {"kty": "RSA"},
        {"kty": None},
        {"crv": "P-384"},
        {"crv": None},
        {"x": std_b64(b"\x01" * 31)},
        {"x": std_b64(b"\x01" * 33)},
        {"x": "v2FjRpMtADMZ4zoZxshV9chEkembgzZnXSUNe+DA8dI"},
        {"x": 5},
        {"y": None},
        {"y": OFF_CURVE_Y},
        {"x": std_b64(P256_FIELD_PRIME.to_bytes(32, "big"))},
    ],
)
def test_public_key_from_jwk_rejects_bad_jwks(changes: dict[str, Any]) -> None:
    jwk: dict[str, Any] = {**FIXTURE_JWK, **changes}
    jwk = {name: value for name, value in jwk.items() if value is not None}
    with pytest.raises(ValueError):
        public_key_from_jwk(jwk)


# --- building proofs ------------------------------------------------------------------------


def test_fixture_proof_segments_match_vectors_exactly() -> None:
    header_segment, payload_segment, signature_segment = FIXTURE_PROOF.split(".")
    assert header_segment == HEADER_SEGMENT
    assert payload_segment == PAYLOAD_SEGMENT
    assert len(signature_segment) == 86  # 64 bytes, unpadded
    assert "=" not in signature_segment


def test_fixture_proof_signature_verifies_with_cryptography() -> None:
    header, claims = independently_verify(FIXTURE_PROOF)
    assert header == {"typ": "dpop+jwt", "alg": "ES256", "jwk": FIXTURE_JWK}
    assert claims == {"htm": "POST", "htu": FIXTURE_URI, "iat": FIXTURE_IAT, "jti": FIXTURE_JTI}


@given(
    st.sampled_from(["POST", "GET", "PUT"]),
    st.sampled_from(["https://127.0.0.1/v1/token", "http://127.0.0.1:8080/a/b"]),
    st.integers(min_value=1, max_value=2**33),
)
def test_any_built_proof_verifies_independently(htm: str, htu: str, iat: int) -> None:
    header, claims = independently_verify(build_proof(OTHER_KEY, htm, htu, now=iat, jti="j"))
    assert header["jwk"] == std_jwk(OTHER_KEY)
    assert list(claims) == ["htm", "htu", "iat", "jti"]
    assert claims == {"htm": htm, "htu": htu, "iat": iat, "jti": "j"}


def test_default_jti_is_uuid4_and_default_iat_is_now() -> None:
    before = int(time.time())
    proof = build_proof(FIXTURE_KEY, "POST", FIXTURE_URI)
    after = int(time.time())
    _, claims = independently_verify(proof)
    assert uuid.UUID(claims["jti"]).version == 4
    assert before <= claims["iat"] <= after
    _, again = independently_verify(build_proof(FIXTURE_KEY, "POST", FIXTURE_URI))
    assert again["jti"] != claims["jti"]


def test_build_proof_refuses_other_curves() -> None:
    with pytest.raises(ValueError, match="P-256"):
        build_proof(P384_KEY, "POST", FIXTURE_URI)


# --- botocore as the oracle -----------------------------------------------------------------


def test_captured_botocore_proof_passes_verify_proof() -> None:
    verified = verify_proof(CAPTURED_BOTOCORE_PROOF, htm="POST", htu=CAPTURED_URI, now=CAPTURED_IAT)
    assert verified.jti == CAPTURED_JTI
    assert verified.iat == CAPTURED_IAT
    assert verified.jwk == json.loads(std_unb64(CAPTURED_BOTOCORE_PROOF.split(".")[0]))["jwk"]


def test_botocore_build_dpop_header_with_awscrt_passes_verify_proof() -> None:
    crypto = pytest.importorskip(
        "awscrt.crypto", reason="awscrt is not installed; botocore needs it to build DPoP proofs"
    )
    from botocore.credentials import _build_dpop_header

    sec1_der = pem_body_der(CLI_SEC1_PEM)
    key = crypto.EC.new_key_from_der_data(sec1_der)
    proof = _build_dpop_header(key, FIXTURE_URI, uid=FIXTURE_JTI, ts=FIXTURE_IAT)
    verified = verify_fixture(proof)
    assert verified.thumbprint == FIXTURE_JKT
    assert proof.rsplit(".", 1)[0] == FIXTURE_PROOF.rsplit(".", 1)[0]


def pem_body_der(pem: str) -> bytes:
    body = "".join(line for line in pem.splitlines() if not line.startswith("-----"))
    return base64.b64decode(body)


class _CrtKeyShim:
    """The two awscrt ``EC`` methods botocore calls, done with cryptography."""

    def __init__(self, key: ec.EllipticCurvePrivateKey) -> None:
        self._key = key

    def get_public_coords(self) -> tuple[bytes, bytes]:
        numbers = self._key.public_key().public_numbers()
        return numbers.x.to_bytes(32, "big"), numbers.y.to_bytes(32, "big")

    def sign(self, digest: bytes) -> bytes:
        return self._key.sign(digest, ec.ECDSA(Prehashed(hashes.SHA256())))


class _CrtECShim:
    @staticmethod
    def decode_der_signature_to_padded_pair(signature: bytes, pad_to: int) -> bytes:
        r, s = decode_dss_signature(signature)
        return r.to_bytes(pad_to, "big") + s.to_bytes(pad_to, "big")


def test_botocore_build_dpop_header_code_matches_ours(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run botocore's own header builder, with awscrt's EC replaced by a cryptography shim."""
    import botocore.credentials

    monkeypatch.setattr(botocore.credentials, "EC", _CrtECShim)
    proof = botocore.credentials._build_dpop_header(
        _CrtKeyShim(FIXTURE_KEY), FIXTURE_URI, uid=FIXTURE_JTI, ts=FIXTURE_IAT
    )
    assert proof.rsplit(".", 1)[0] == f"{HEADER_SEGMENT}.{PAYLOAD_SEGMENT}"
    verified = verify_fixture(proof)
    assert verified.thumbprint == FIXTURE_JKT
    assert verified.claims == good_claims()


# --- verifying proofs -----------------------------------------------------------------------


def test_verify_returns_the_decoded_proof() -> None:
    verified = verify_fixture(FIXTURE_PROOF)
    assert verified.header == {"typ": "dpop+jwt", "alg": "ES256", "jwk": FIXTURE_JWK}
    assert verified.claims == good_claims()
    assert verified.jwk == FIXTURE_JWK
    assert verified.thumbprint == FIXTURE_JKT
    assert (verified.jti, verified.iat, verified.htm, verified.htu) == (
        FIXTURE_JTI,
        FIXTURE_IAT,
        "POST",
        FIXTURE_URI,
    )


def test_verify_accepts_an_independently_signed_proof() -> None:
    proof = sign_jws(OTHER_KEY, good_header(OTHER_KEY), good_claims())
    assert verify_fixture(proof).jwk == std_jwk(OTHER_KEY)


@pytest.mark.parametrize(
    ("header_changes", "reason"),
    [
        ({"typ": "JWT"}, "invalid_typ"),
        ({"typ": None}, "invalid_typ"),
        ({"alg": "ES384"}, "invalid_alg"),
        ({"alg": "none"}, "invalid_alg"),
        ({"alg": "HS256"}, "invalid_alg"),
        ({"alg": None}, "invalid_alg"),
        ({"crit": ["exp"]}, "malformed"),
        ({"jwk": None}, "invalid_jwk"),
        ({"jwk": "not-an-object"}, "invalid_jwk"),
        ({"jwk": {**FIXTURE_JWK, "d": std_b64(FIXTURE_D.to_bytes(32, "big"))}}, "invalid_jwk"),
        ({"jwk": {**FIXTURE_JWK, "crv": "P-384"}}, "invalid_jwk"),
        ({"jwk": {**FIXTURE_JWK, "y": OFF_CURVE_Y}}, "invalid_jwk"),
        ({"jwk": {"kty": "RSA", "n": "AQAB", "e": "AQAB"}}, "invalid_jwk"),
        ({"jwk": std_jwk(OTHER_KEY)}, "bad_signature"),
    ],
)
def test_signed_proofs_with_bad_headers_fail(header_changes: dict[str, Any], reason: str) -> None:
    header = {**good_header(), **header_changes}
    header = {name: value for name, value in header.items() if value is not None}
    assert reason_of(sign_jws(FIXTURE_KEY, header, good_claims())) == reason


def test_private_jwk_error_does_not_echo_the_private_scalar() -> None:
    d = std_b64(FIXTURE_D.to_bytes(32, "big"))
    proof = sign_jws(FIXTURE_KEY, {**good_header(), "jwk": {**FIXTURE_JWK, "d": d}}, good_claims())
    with pytest.raises(DPoPProofError) as info:
        verify_fixture(proof)
    assert d not in str(info.value)
    assert d not in repr(info.value)


@pytest.mark.parametrize(
    ("claim_changes", "reason"),
    [
        ({"htm": "GET"}, "htm_mismatch"),
        ({"htm": "post"}, "htm_mismatch"),
        ({"htu": "https://foobar/v1/other"}, "htu_mismatch"),
        ({"htu": "https://evil.example/v1/token"}, "htu_mismatch"),
        ({"iat": FIXTURE_IAT - 301}, "iat_out_of_window"),
        ({"iat": FIXTURE_IAT + 301}, "iat_out_of_window"),
        ({"jti": None}, "invalid_claim"),
        ({"jti": ""}, "invalid_claim"),
        ({"jti": 7}, "invalid_claim"),
        ({"htm": None}, "invalid_claim"),
        ({"htu": None}, "invalid_claim"),
        ({"htu": ["https://foobar/v1/token"]}, "invalid_claim"),
        ({"iat": None}, "invalid_claim"),
        ({"iat": str(FIXTURE_IAT)}, "invalid_claim"),
        ({"iat": True}, "invalid_claim"),
    ],
)
def test_signed_proofs_with_bad_claims_fail(claim_changes: dict[str, Any], reason: str) -> None:
    claims = {**good_claims(), **claim_changes}
    claims = {name: value for name, value in claims.items() if value is not None}
    assert reason_of(sign_jws(FIXTURE_KEY, good_header(), claims)) == reason


def test_duplicate_header_members_are_refused() -> None:
    # A second "alg" that a last-wins parser would read as ES256 and a first-wins one as none.
    jwk = json.dumps(std_jwk(FIXTURE_KEY))
    header = f'{{"typ":"dpop+jwt","alg":"none","jwk":{jwk},"alg":"ES256"}}'.encode()
    proof = sign_raw(FIXTURE_KEY, header, json.dumps(good_claims()).encode())
    assert reason_of(proof) == "malformed"


@pytest.mark.parametrize(
    "proof",
    [
        "",
        HEADER_SEGMENT,
        f"{HEADER_SEGMENT}.{PAYLOAD_SEGMENT}",
        FIXTURE_PROOF + ".extra",
        FIXTURE_PROOF.replace(HEADER_SEGMENT, std_b64(b"[1,2]")),
        FIXTURE_PROOF.replace(HEADER_SEGMENT, std_b64(b"not json")),
        FIXTURE_PROOF.replace(HEADER_SEGMENT, std_b64(b"[" * 5000)),
        FIXTURE_PROOF.replace(HEADER_SEGMENT, HEADER_SEGMENT + "!"),
        FIXTURE_PROOF + "é",
        FIXTURE_PROOF.replace(PAYLOAD_SEGMENT, "A" * 9000),
    ],
)
def test_malformed_proofs(proof: str) -> None:
    assert reason_of(proof) == "malformed"


def test_payload_that_is_not_an_object_fails_after_a_valid_signature() -> None:
    proof = sign_raw(FIXTURE_KEY, json.dumps(good_header()).encode(), b'["htm","POST"]')
    assert reason_of(proof) == "malformed"


@pytest.mark.parametrize(
    "signature",
    [
        "",
        std_b64(b"\x00" * 64),
        std_b64(b"\x01" * 63),
        std_b64(b"\x01" * 65),
        "not*base64",
    ],
)
def test_bad_signature_bytes(signature: str) -> None:
    proof = f"{HEADER_SEGMENT}.{PAYLOAD_SEGMENT}.{signature}"
    assert reason_of(proof) == "bad_signature"


def test_der_signature_is_refused() -> None:
    signing_input = f"{HEADER_SEGMENT}.{PAYLOAD_SEGMENT}"
    der = FIXTURE_KEY.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256()))
    assert reason_of(f"{signing_input}.{std_b64(der)}") == "bad_signature"


def test_swapped_r_and_s_is_refused() -> None:
    signing_input, signature = FIXTURE_PROOF.rsplit(".", 1)
    raw = std_unb64(signature)
    assert reason_of(f"{signing_input}.{std_b64(raw[32:] + raw[:32])}") == "bad_signature"


def test_proof_from_one_key_with_another_keys_signature() -> None:
    other = build_proof(OTHER_KEY, "POST", FIXTURE_URI, now=FIXTURE_IAT, jti=FIXTURE_JTI)
    spliced = f"{FIXTURE_PROOF.rsplit('.', 1)[0]}.{other.rsplit('.', 1)[1]}"
    assert reason_of(spliced) == "bad_signature"


TAMPER_REASONS = {
    0: {"malformed", "invalid_typ", "invalid_alg", "invalid_jwk", "bad_signature"},
    1: {"bad_signature"},
    2: {"bad_signature"},
}


@given(
    segment=st.sampled_from([0, 1, 2]),
    position=st.integers(min_value=0, max_value=10_000),
    replacement=st.sampled_from(B64URL_CHARS + "+/="),
)
def test_any_single_character_change_fails(segment: int, position: int, replacement: str) -> None:
    segments = FIXTURE_PROOF.split(".")
    target = segments[segment]
    position %= len(target)
    if target[position] == replacement:
        replacement = "A" if replacement != "A" else "B"
    segments[segment] = target[:position] + replacement + target[position + 1 :]
    tampered = ".".join(segments)
    with pytest.raises(DPoPProofError) as info:
        verify_fixture(tampered)
    assert info.value.reason in TAMPER_REASONS[segment]
    message = str(info.value)
    assert all(part not in message for part in tampered.split("."))


@given(
    offset=st.integers(min_value=-100_000, max_value=100_000),
    max_skew=st.integers(min_value=0, max_value=3_600),
)
def test_iat_window(offset: int, max_skew: int) -> None:
    now = FIXTURE_IAT + offset
    if abs(offset) <= max_skew:
        assert verify_fixture(FIXTURE_PROOF, now=now, max_skew=max_skew).iat == FIXTURE_IAT
    else:
        assert reason_of(FIXTURE_PROOF, now=now, max_skew=max_skew) == "iat_out_of_window"


@pytest.mark.parametrize("offset", [-300, 300])
def test_iat_window_edges_are_inclusive_by_default(offset: int) -> None:
    assert verify_fixture(FIXTURE_PROOF, now=FIXTURE_IAT + offset).iat == FIXTURE_IAT


@pytest.mark.parametrize(
    "actual",
    [
        FIXTURE_URI,
        FIXTURE_URI + "?x=1",
        FIXTURE_URI + "#fragment",
        FIXTURE_URI + "?x=1#fragment",
        "HTTPS://FOOBAR/v1/token",
        "https://foobar:443/v1/token",
    ],
)
def test_htu_ignores_query_fragment_and_syntax_only_differences(actual: str) -> None:
    assert verify_fixture(FIXTURE_PROOF, htu=actual).htu == FIXTURE_URI


def test_htu_claim_with_query_matches_the_bare_url() -> None:
    proof = build_proof(FIXTURE_KEY, "POST", FIXTURE_URI + "?a=b", now=FIXTURE_IAT, jti="j")
    assert verify_fixture(proof).htu == FIXTURE_URI + "?a=b"


def test_htu_default_ports() -> None:
    proof = build_proof(FIXTURE_KEY, "POST", "http://127.0.0.1/v1/token", now=FIXTURE_IAT, jti="j")
    assert verify_fixture(proof, htu="http://127.0.0.1:80/v1/token").htm == "POST"
    assert reason_of(proof, htu="http://127.0.0.1:443/v1/token") == "htu_mismatch"


@pytest.mark.parametrize(
    "actual",
    [
        "http://foobar/v1/token",
        "https://foobar:8443/v1/token",
        "https://foobar/v1/token/",
        "https://foobar/V1/token",
        "https://foobar.example/v1/token",
        "https://foobar:99999/v1/token",
        "ftp://foobar/v1/token",
        "/v1/token",
        "not a url",
    ],
)
def test_htu_mismatches(actual: str) -> None:
    assert reason_of(FIXTURE_PROOF, htu=actual) == "htu_mismatch"


def test_error_is_a_value_error_with_a_reason() -> None:
    with pytest.raises(ValueError) as info:
        verify_fixture(FIXTURE_PROOF, htm="GET")
    assert isinstance(info.value, DPoPProofError)
    assert info.value.reason == "htm_mismatch"
    assert "GET" in str(info.value)


# --- PEM ------------------------------------------------------------------------------------


def test_sec1_pem_is_byte_identical_to_the_aws_cli_fixture() -> None:
    assert private_key_to_pem(FIXTURE_KEY) == CLI_SEC1_PEM


def test_cli_fixture_pem_loads_to_the_fixture_scalar() -> None:
    assert load_private_key_pem(CLI_SEC1_PEM).private_numbers().private_value == FIXTURE_D
    assert load_private_key_pem(CLI_SEC1_PEM.encode()).private_numbers().private_value == FIXTURE_D


@pytest.mark.parametrize(
    ("encoding", "label"), [("sec1", "EC PRIVATE KEY"), ("pkcs8", "PRIVATE KEY")]
)
def test_pem_round_trip(encoding: str, label: str) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    pem = private_key_to_pem(key, encoding=encoding)  # type: ignore[arg-type]
    lines = pem.split("\n")
    assert lines[0] == f"-----BEGIN {label}-----"
    assert lines[-2:] == [f"-----END {label}-----", ""]
    assert all(0 < len(line) <= 64 for line in lines[1:-2])
    expected = key.private_numbers().private_value
    assert load_private_key_pem(pem).private_numbers().private_value == expected
    theirs = serialization.load_pem_private_key(pem.encode(), password=None)
    assert isinstance(theirs, ec.EllipticCurvePrivateKey)
    assert theirs.private_numbers().private_value == expected


@pytest.mark.parametrize(
    "private_format",
    [serialization.PrivateFormat.PKCS8, serialization.PrivateFormat.TraditionalOpenSSL],
)
def test_reads_pem_written_by_cryptography(private_format: serialization.PrivateFormat) -> None:
    pem = FIXTURE_KEY.private_bytes(
        serialization.Encoding.PEM, private_format, serialization.NoEncryption()
    )
    assert load_private_key_pem(pem).private_numbers().private_value == FIXTURE_D


def test_reads_pem_with_crlf_and_surrounding_whitespace() -> None:
    pem = "\r\n  " + CLI_SEC1_PEM.replace("\n", "\r\n") + "\r\n\n"
    assert load_private_key_pem(pem).private_numbers().private_value == FIXTURE_D


def key_material(pem: str) -> list[str]:
    """The base64 body lines of a PEM block, plus the private scalar in hex and decimal."""
    return [line for line in pem.splitlines() if line and not line.startswith("-----")]


def assert_no_key_material(text: str, pem: str) -> None:
    for line in key_material(pem):
        assert line not in text
    assert format(FIXTURE_D, "x") not in text
    assert str(FIXTURE_D) not in text


def test_wrong_curve_pkcs8_fails_clearly() -> None:
    pem = P384_KEY.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    with pytest.raises(ValueError, match="P-256") as info:
        load_private_key_pem(pem)
    assert "secp384r1" in str(info.value)
    assert_no_key_material(str(info.value), pem)


def test_non_ec_key_fails_clearly() -> None:
    pem = (
        ed25519.Ed25519PrivateKey.generate()
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )
    with pytest.raises(ValueError, match="EC P-256") as info:
        load_private_key_pem(pem)
    assert_no_key_material(str(info.value), pem)


def test_encrypted_key_fails_with_value_error() -> None:
    pem = FIXTURE_KEY.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"password"),
    ).decode()
    with pytest.raises(ValueError, match="unencrypted") as info:
        load_private_key_pem(pem)
    assert info.value.__cause__ is None
    assert_no_key_material(str(info.value), pem)


@pytest.mark.parametrize(
    "pem",
    [
        "",
        "not a key",
        CLI_SEC1_PEM.replace("MHcC", "MHcD"),
        CLI_SEC1_PEM[:-40],
        "-----BEGIN PUBLIC KEY-----\n"
        "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEv2FjRpMtADMZ4zoZxshV9chEkemb\n"
        "gzZnXSUNe+DA8dKqXN/7qTcZjYJHKIi+Rn88zUGqCJo3DWF/X+ufVfdU2g==\n"
        "-----END PUBLIC KEY-----\n",
    ],
)
def test_unreadable_pem_fails_without_echoing(pem: str) -> None:
    with pytest.raises(ValueError) as info:
        load_private_key_pem(pem)
    assert_no_key_material(str(info.value), CLI_SEC1_PEM)
    assert info.value.__cause__ is None
    assert info.value.__suppress_context__


def test_private_key_to_pem_refuses_other_curves_and_encodings() -> None:
    with pytest.raises(ValueError, match="P-256"):
        private_key_to_pem(P384_KEY)
    with pytest.raises(ValueError, match="sec1"):
        private_key_to_pem(FIXTURE_KEY, encoding="der")  # type: ignore[arg-type]


# --- httpx adapter --------------------------------------------------------------------------

TOKEN_URL = "https://127.0.0.1:8443/v1/token"


def capture_client(auth: httpx.Auth, proofs: list[str], bodies: list[bytes]) -> httpx.Client:
    """A client whose in-process transport records each DPoP header as it was sent."""

    def app(request: httpx.Request) -> httpx.Response:
        proofs.append(request.headers["DPoP"])
        bodies.append(request.content)
        return httpx.Response(200, json={})

    return httpx.Client(transport=httpx.MockTransport(app), auth=auth)


def test_auth_adds_a_proof_for_method_and_url_without_query() -> None:
    auth = DPoPAuth(FIXTURE_KEY, clock=lambda: FIXTURE_IAT, jti_factory=lambda: "jti-1")
    proofs: list[str] = []
    bodies: list[bytes] = []
    with capture_client(auth, proofs, bodies) as client:
        client.post(TOKEN_URL + "?query=1", json={"grantType": "refresh_token"})
    verified = verify_proof(proofs[0], htm="POST", htu=TOKEN_URL, now=FIXTURE_IAT)
    assert verified.htu == TOKEN_URL
    assert verified.jti == "jti-1"
    assert verified.iat == FIXTURE_IAT
    assert verified.thumbprint == FIXTURE_JKT == auth.thumbprint
    assert json.loads(bodies[0]) == {"grantType": "refresh_token"}


def test_auth_uses_the_request_method() -> None:
    proofs: list[str] = []
    with capture_client(DPoPAuth(OTHER_KEY, clock=lambda: 5), proofs, []) as client:
        client.get(TOKEN_URL)
    assert verify_proof(proofs[0], htm="GET", htu=TOKEN_URL, now=5).htm == "GET"


def test_every_auth_flow_run_gets_a_fresh_proof() -> None:
    ids = (f"jti-{n}" for n in itertools.count())
    times = itertools.count(FIXTURE_IAT)
    auth = DPoPAuth(FIXTURE_KEY, clock=lambda: next(times), jti_factory=lambda: next(ids))
    proofs: list[str] = []
    with capture_client(auth, proofs, []) as client:
        request = client.build_request("POST", TOKEN_URL, json={})
        client.send(request)
        client.send(request)  # what a retry does: the same request, auth run again
    first, second = (
        verify_proof(proof, htm="POST", htu=TOKEN_URL, now=FIXTURE_IAT) for proof in proofs
    )
    assert (first.jti, first.iat) == ("jti-0", FIXTURE_IAT)
    assert (second.jti, second.iat) == ("jti-1", FIXTURE_IAT + 1)


def test_auth_defaults_use_uuid4_and_the_real_clock() -> None:
    proofs: list[str] = []
    before = int(time.time())
    with capture_client(DPoPAuth(FIXTURE_KEY), proofs, []) as client:
        client.post(TOKEN_URL)
        client.post(TOKEN_URL)
    after = int(time.time())
    first, second = (independently_verify(proof)[1] for proof in proofs)
    assert uuid.UUID(first["jti"]).version == 4
    assert first["jti"] != second["jti"]
    assert before <= first["iat"] <= second["iat"] <= after


def test_auth_works_with_the_async_client() -> None:
    seen: list[httpx.Request] = []

    async def app(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    async def run() -> None:
        auth = DPoPAuth(FIXTURE_KEY, clock=lambda: FIXTURE_IAT)
        async with httpx.AsyncClient(transport=httpx.MockTransport(app), auth=auth) as client:
            await client.post(TOKEN_URL)

    asyncio.run(run())
    assert verify_proof(seen[0].headers["DPoP"], htm="POST", htu=TOKEN_URL, now=FIXTURE_IAT)


def test_auth_repr_shows_thumbprint_not_key() -> None:
    auth = DPoPAuth(FIXTURE_KEY)
    text = repr(auth)
    assert text == f"DPoPAuth(jkt={FIXTURE_JKT!r})"
    assert_no_key_material(text, CLI_SEC1_PEM)


def test_auth_refuses_other_curves() -> None:
    with pytest.raises(ValueError, match="P-256"):
        DPoPAuth(P384_KEY)
