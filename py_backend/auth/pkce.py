"""Proof Key for Code Exchange (RFC 7636), as AWS Sign-In and SSO OIDC use it.

Both AWS flows send the S256 transform. AWS Sign-In spells the method ``SHA-256`` in its
authorize URL, SSO OIDC spells it ``S256`` (RFC 7636 §4.3); the transform is the same.
The AWS CLI draws a 64-character verifier with ``secrets.choice``; so do we by default.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable

from py_backend.auth._b64 import b64url_encode

__all__ = [
    "VERIFIER_ALPHABET",
    "generate_code_verifier",
    "is_valid_code_verifier",
    "s256_challenge",
    "verify_code_challenge",
]

VERIFIER_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
"""The RFC 3986 unreserved characters, which RFC 7636 §4.1 allows in a code verifier."""

_MIN_LENGTH = 43
_MAX_LENGTH = 128
_VERIFIER = re.compile(r"[A-Za-z0-9._~-]{43,128}")
_S256_METHODS = frozenset({"S256", "SHA-256"})


def generate_code_verifier(
    length: int = 64, *, choice: Callable[[str], str] = secrets.choice
) -> str:
    """Draw a code verifier of ``length`` characters from :data:`VERIFIER_ALPHABET`.

    RFC 7636 §4.1 allows 43 to 128 characters; any other length raises ``ValueError``.
    ``choice`` picks one character from the alphabet; inject it to make the result fixed.
    """
    if not _MIN_LENGTH <= length <= _MAX_LENGTH:
        raise ValueError(f"code verifier length must be {_MIN_LENGTH}..{_MAX_LENGTH}")
    return "".join(choice(VERIFIER_ALPHABET) for _ in range(length))


def s256_challenge(verifier: str) -> str:
    """Return ``BASE64URL(SHA256(ASCII(verifier)))``, the S256 challenge of RFC 7636 §4.2.

    Raises ``ValueError`` (without repeating the verifier) if it is not ASCII.
    """
    if not verifier.isascii():
        raise ValueError("code verifier must be ASCII")
    return b64url_encode(hashlib.sha256(verifier.encode("ascii")).digest())


def is_valid_code_verifier(verifier: str) -> bool:
    """Tell whether ``verifier`` has the RFC 7636 §4.1 syntax: 43-128 unreserved characters."""
    return isinstance(verifier, str) and _VERIFIER.fullmatch(verifier) is not None


def verify_code_challenge(verifier: str, challenge: str, method: str) -> bool:
    """Check a code verifier against the challenge sent earlier (RFC 7636 §4.6).

    ``S256`` and Sign-In's ``SHA-256`` mean the S256 transform; ``plain`` compares directly.
    An unknown method or a verifier without the §4.1 syntax gives ``False``. The final
    comparison takes constant time so it does not leak how much of the challenge matched.
    """
    if not is_valid_code_verifier(verifier) or not isinstance(challenge, str):
        return False
    if method in _S256_METHODS:
        expected = s256_challenge(verifier)
    elif method == "plain":
        expected = verifier
    else:
        return False
    return hmac.compare_digest(expected.encode(), challenge.encode())
