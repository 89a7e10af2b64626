"""The emulator's settings: region, accepted keys, trusted JWT issuers, lifetimes, clock.

Every setting has the value a test or the demo wants by default, so ``EmulatorConfig()`` is a
working service (the ``DEFAULT_*`` values below).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeAlias

from cryptography.hazmat.primitives.asymmetric import ec, rsa

from py_backend.emulator.wire import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

__all__ = [
    "DEFAULT_ACCESS_KEYS",
    "DEFAULT_ISSUER",
    "DEFAULT_PORTAL_ACCOUNTS",
    "AccessKey",
    "EmulatorConfig",
    "IssuerPrivateKey",
    "IssuerPublicKey",
    "PortalAccount",
    "TrustedIssuer",
]

IssuerPublicKey: TypeAlias = "ec.EllipticCurvePublicKey | rsa.RSAPublicKey"
IssuerPrivateKey: TypeAlias = "ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey"

DEFAULT_ISSUER = "https://idp.example.com"
"""The trusted jwt-bearer issuer of a default configuration (its private key is kept, so that
``POST /__emulator/jwt-bearer/assertion`` can mint assertions)."""


@dataclass(frozen=True)
class AccessKey:
    """An access key the emulator accepts on SigV4-signed requests.

    With ``session_token`` set, a request signed with this key must carry exactly that
    ``X-Amz-Security-Token``; without it, any session token (or none) is accepted, so the
    emulator can stand in for STS-issued temporary credentials it never saw.
    """

    access_key_id: str
    secret_access_key: str = field(repr=False)
    session_token: str | None = field(default=None, repr=False)

    @classmethod
    def parse(cls, text: str) -> AccessKey:
        """Read ``AKID:SECRET`` or ``AKID:SECRET:SESSION_TOKEN`` (the server's ``--access-key``).

        Raises ``ValueError`` (without quoting the secret) when a part is missing.
        """
        parts = text.split(":", 2)
        if len(parts) < 2 or not parts[0] or not parts[1]:
            raise ValueError("access key must be AKID:SECRET or AKID:SECRET:SESSION_TOKEN")
        return cls(parts[0], parts[1], parts[2] if len(parts) == 3 and parts[2] else None)

    def members(self) -> dict[str, str | None]:
        """The key as the services' answers carry it (``accessKeyId``, ``secretAccessKey``,
        ``sessionToken``)."""
        return {
            "accessKeyId": self.access_key_id,
            "secretAccessKey": self.secret_access_key,
            "sessionToken": self.session_token,
        }


DEFAULT_ACCESS_KEYS = (AccessKey("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),)
"""The SigV4 test-suite key pair, accepted unless the configuration names other keys."""


@dataclass(frozen=True)
class TrustedIssuer:
    """An identity provider whose JWTs CreateTokenWithIAM accepts as jwt-bearer assertions.

    ``public_key`` (P-256 for ES256 or RSA for RS256) verifies assertions whose ``iss`` claim
    equals ``issuer``. ``private_key`` is optional: when present, the control API can mint
    assertions for this issuer.
    """

    issuer: str
    public_key: IssuerPublicKey = field(repr=False)
    private_key: IssuerPrivateKey | None = field(default=None, repr=False)

    @classmethod
    def generate(cls, issuer: str, *, algorithm: str = "ES256") -> TrustedIssuer:
        """Make an issuer with a fresh key pair: ``ES256`` (P-256) or ``RS256`` (RSA 2048)."""
        private: IssuerPrivateKey
        if algorithm == "ES256":
            private = ec.generate_private_key(ec.SECP256R1())
        elif algorithm == "RS256":
            private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        else:
            raise ValueError("algorithm must be ES256 or RS256")
        return cls(issuer, private.public_key(), private)


@dataclass(frozen=True)
class PortalAccount:
    """An AWS account the IAM Identity Center portal assigns to the user, with its roles."""

    account_id: str
    account_name: str
    email_address: str
    roles: tuple[str, ...]


DEFAULT_PORTAL_ACCOUNTS: tuple[PortalAccount, ...] = (
    PortalAccount(
        "111111111111", "Development", "dev@example.com", ("AdministratorAccess", "ReadOnlyAccess")
    ),
    PortalAccount("222222222222", "Production", "prod@example.com", ("ReadOnlyAccess",)),
    PortalAccount(
        "333333333333",
        "Sandbox",
        "sandbox@example.com",
        ("AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess"),
    ),
)
"""The accounts and roles of a default configuration (the control API can replace them)."""


def _default_issuers() -> tuple[TrustedIssuer, ...]:
    return (TrustedIssuer.generate(DEFAULT_ISSUER),)


@dataclass(frozen=True)
class EmulatorConfig:
    """Everything a running emulator is configured with; state lives in ``EmulatorState``.

    Time: ``clock`` is the base clock (Unix seconds, default ``time.time``); the emulator's
    own time is that plus the offset ``POST /__emulator/clock`` adds. Expiry of codes,
    devices, tokens and assertions follows the emulator's time. The freshness checks on
    what a client stamps with its own clock (SigV4 ``X-Amz-Date``, DPoP ``iat``) compare with
    the base clock, so moving the emulator's time forward to expire a token does not make
    real clients' signatures look stale.
    """

    region: str = "us-east-1"
    access_keys: tuple[AccessKey, ...] = DEFAULT_ACCESS_KEYS
    trusted_issuers: tuple[TrustedIssuer, ...] = field(default_factory=_default_issuers)
    auto_approve: bool = False
    device_expires_in: int = 600
    device_interval: int = 5
    slow_down_increment: int = 5
    client_secret_lifetime: int = 90 * 24 * 3600
    authorization_code_lifetime: int = 300
    access_token_lifetime: int = 3600
    refresh_token_lifetime: int = 90 * 24 * 3600
    signin_credentials_lifetime: int = 900
    signin_session_lifetime: int = 12 * 3600
    signin_identity_arn: str = "arn:aws:sts::123456789012:assumed-role/Admin/admin"
    sso_user: str = "emulator-user"
    iam_default_scopes: tuple[str, ...] = ("openid", "aws", "sts:identity_context")
    portal_accounts: tuple[PortalAccount, ...] = DEFAULT_PORTAL_ACCOUNTS
    portal_page_size: int = DEFAULT_PAGE_SIZE
    role_credentials_lifetime: int = 3600
    max_clock_skew: int = 300
    max_body_bytes: int = 64 * 1024
    coral_error_suffix: bool = True
    clock: Callable[[], float] = time.time
    sleep: Callable[[float], None] = time.sleep
    random_bytes: Callable[[int], bytes] = os.urandom
    signing_key: ec.EllipticCurvePrivateKey | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not 1 <= self.signin_credentials_lifetime <= 900:
            raise ValueError(
                "signin_credentials_lifetime must be 1..900 seconds (the model's range)"
            )
        if self.device_interval < 1 or self.device_expires_in < 1:
            raise ValueError("device_interval and device_expires_in must be positive")
        if not 1 <= self.portal_page_size <= MAX_PAGE_SIZE:
            raise ValueError("portal_page_size must be 1..100 (the model's maxResults range)")
        if self.role_credentials_lifetime < 1:
            raise ValueError("role_credentials_lifetime must be positive")

    def access_key(self, access_key_id: str) -> AccessKey | None:
        """The configured key with this id, or ``None``."""
        return next((k for k in self.access_keys if k.access_key_id == access_key_id), None)

    def issuer(self, issuer: str) -> TrustedIssuer | None:
        """The trusted issuer with this URL, or ``None``."""
        return next((i for i in self.trusted_issuers if i.issuer == issuer), None)
