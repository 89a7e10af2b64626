"""PKCE (RFC 7636): published vectors, the AWS CLI's formula as an oracle, and properties."""

from __future__ import annotations

import base64
import hashlib
import hmac
import string

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from py_backend.auth.pkce import (
    VERIFIER_ALPHABET,
    generate_code_verifier,
    is_valid_code_verifier,
    s256_challenge,
    verify_code_challenge,
)

# RFC 7636 appendix B.
RFC7636_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
RFC7636_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
# The AWS CLI's own test patches secrets.choice to return "a"; its authorize URL then carries:
CLI_CHALLENGE_A64 = "_-BU_nrgy23GXDr5th1SCfQ5hR20PQulmXM33xVGaOs"

verifiers = st.text(alphabet=VERIFIER_ALPHABET, min_size=43, max_size=128)


def cli_challenge(verifier: str) -> str:
    """The AWS CLI's derivation: padded urlsafe base64 of the digest, minus its one "="."""
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode()[:-1]


# --- vectors --------------------------------------------------------------------------------


def test_rfc7636_appendix_b_vector() -> None:
    assert s256_challenge(RFC7636_VERIFIER) == RFC7636_CHALLENGE


def test_aws_cli_vector_for_a64() -> None:
    assert s256_challenge("a" * 64) == CLI_CHALLENGE_A64


@given(verifiers)
def test_challenge_matches_the_aws_cli_formula(verifier: str) -> None:
    assert s256_challenge(verifier) == cli_challenge(verifier)


def test_challenge_refuses_non_ascii_without_echoing() -> None:
    secret = "sécret-verifier-" + "x" * 40
    with pytest.raises(ValueError) as info:
        s256_challenge(secret)
    assert secret not in str(info.value)
    assert "x" * 40 not in str(info.value)


# --- alphabet and generation ----------------------------------------------------------------


def test_alphabet_is_the_rfc3986_unreserved_set() -> None:
    unreserved = set(string.ascii_letters + string.digits + "-._~")
    assert set(VERIFIER_ALPHABET) == unreserved
    assert len(VERIFIER_ALPHABET) == len(unreserved) == 66


def test_generated_verifier_defaults_to_64_alphabet_characters() -> None:
    verifier = generate_code_verifier()
    assert len(verifier) == 64
    assert set(verifier) <= set(VERIFIER_ALPHABET)
    assert is_valid_code_verifier(verifier)


def test_injected_choice_reproduces_the_cli_fixture() -> None:
    seen: list[str] = []

    def choice(alphabet: str) -> str:
        seen.append(alphabet)
        return "a"

    verifier = generate_code_verifier(choice=choice)
    assert verifier == "a" * 64
    assert seen == [VERIFIER_ALPHABET] * 64
    assert s256_challenge(verifier) == CLI_CHALLENGE_A64


@pytest.mark.parametrize("length", [43, 100, 128])
def test_generated_lengths_at_and_inside_bounds(length: int) -> None:
    assert len(generate_code_verifier(length)) == length


@pytest.mark.parametrize("length", [0, 42, 129, -1])
def test_generated_lengths_outside_bounds_raise(length: int) -> None:
    with pytest.raises(ValueError, match=r"43\.\.128"):
        generate_code_verifier(length)


# --- syntax ---------------------------------------------------------------------------------


@given(verifiers)
def test_alphabet_strings_of_legal_length_are_valid(verifier: str) -> None:
    assert is_valid_code_verifier(verifier)


@pytest.mark.parametrize(
    "verifier",
    [
        "a" * 42,
        "a" * 129,
        "",
        "a" * 42 + "=",
        "a" * 42 + "+",
        "a" * 42 + "/",
        "a" * 42 + " ",
        "a" * 42 + "é",
        "a" * 43 + "\n",
    ],
)
def test_invalid_verifiers(verifier: str) -> None:
    assert not is_valid_code_verifier(verifier)


# --- verification ---------------------------------------------------------------------------


@given(verifiers)
def test_every_legal_verifier_round_trips(verifier: str) -> None:
    challenge = s256_challenge(verifier)
    assert verify_code_challenge(verifier, challenge, "S256")
    assert verify_code_challenge(verifier, challenge, "SHA-256")
    assert verify_code_challenge(verifier, verifier, "plain")


@given(verifiers, verifiers)
def test_a_different_verifier_does_not_match(verifier: str, other: str) -> None:
    assume(other != verifier)
    assert not verify_code_challenge(other, s256_challenge(verifier), "S256")
    assert not verify_code_challenge(other, verifier, "plain")


def test_rfc_vector_verifies_under_both_spellings_of_s256() -> None:
    assert verify_code_challenge(RFC7636_VERIFIER, RFC7636_CHALLENGE, "S256")
    assert verify_code_challenge(RFC7636_VERIFIER, RFC7636_CHALLENGE, "SHA-256")


def test_s256_challenge_is_not_accepted_as_plain() -> None:
    assert not verify_code_challenge(RFC7636_VERIFIER, RFC7636_CHALLENGE, "plain")
    assert not verify_code_challenge(RFC7636_VERIFIER, RFC7636_VERIFIER, "S256")


@pytest.mark.parametrize("method", ["s256", "sha-256", "SHA256", "", "none", "S512"])
def test_unknown_methods_fail(method: str) -> None:
    assert not verify_code_challenge(RFC7636_VERIFIER, RFC7636_CHALLENGE, method)


def test_padded_challenge_does_not_match() -> None:
    assert not verify_code_challenge(RFC7636_VERIFIER, RFC7636_CHALLENGE + "=", "S256")


def test_malformed_verifier_fails_without_raising() -> None:
    short = "a" * 42
    assert not verify_code_challenge(short, s256_challenge(short), "S256")
    odd = "é" * 50
    assert not verify_code_challenge(odd, "anything", "S256")
    assert not verify_code_challenge(odd, odd, "plain")


def test_non_ascii_challenge_fails_without_raising() -> None:
    assert not verify_code_challenge(RFC7636_VERIFIER, "é" * 43, "S256")


def test_comparison_uses_constant_time_compare(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[bytes, bytes]] = []

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return a == b

    monkeypatch.setattr(hmac, "compare_digest", spy)
    assert verify_code_challenge(RFC7636_VERIFIER, RFC7636_CHALLENGE, "S256")
    assert calls == [(RFC7636_CHALLENGE.encode(), RFC7636_CHALLENGE.encode())]
