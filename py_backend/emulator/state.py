"""Everything the emulator remembers: clients, device codes, codes, tokens, clock, faults, stats.

One :class:`EmulatorState` per app. Handlers run with ``state.lock`` held (``app.py`` takes
it), so the records below are plain mutable dataclasses. Secret fields stay out of reprs.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec

from py_backend.auth._b64 import b64url_encode
from py_backend.emulator.config import AccessKey, EmulatorConfig, PortalAccount
from py_backend.emulator.faults import Fault

__all__ = [
    "AccessTokenRecord",
    "AuthorizationCode",
    "DeviceAuthorization",
    "EmulatorState",
    "RefreshTokenRecord",
    "RegisteredClient",
    "SigninRefresh",
    "SigninSession",
    "SigninToken",
    "SsoTokenRecord",
]

# RFC 8628 §6.1: a user code alphabet without vowels (no accidental words) or look-alikes.
_USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ"
# What follows ``ASIA`` in an access key id: upper-case base32.
_ACCESS_KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
#: What a minted value may start with (see ``EmulatorState.random_token``).
_LEADING_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


@dataclass
class RegisteredClient:
    """A client registered through RegisterClient."""

    client_id: str
    client_secret: str = field(repr=False)
    issued_at: int
    secret_expires_at: int
    scopes: tuple[str, ...] = ()
    grant_types: tuple[str, ...] = ()
    redirect_uris: tuple[str, ...] = ()


@dataclass
class DeviceAuthorization:
    """One StartDeviceAuthorization; ``status`` is pending, approved, denied or consumed."""

    device_code: str = field(repr=False)
    user_code: str
    client_id: str
    expires_at: float
    interval: int
    status: str = "pending"
    last_poll: float | None = None


@dataclass
class AuthorizationCode:
    """An authorization code from ``/authorize`` (SSO OIDC) or ``/v1/authorize`` (Sign-In)."""

    code: str = field(repr=False)
    client_id: str
    redirect_uri: str
    challenge: str = field(repr=False)
    method: str
    expires_at: float
    scopes: tuple[str, ...] = ()
    used: bool = False

    @property
    def family(self) -> str:
        """The family of the tokens issued from this code (revoked together on code reuse)."""
        return f"code:{self.code}"


@dataclass
class SsoTokenRecord:
    """An SSO OIDC token: whose, for which scopes, until when, and the grant it came from."""

    token: str = field(repr=False)
    client_id: str
    subject: str
    scopes: tuple[str, ...]
    expires_at: float
    #: The grant the token came from: its tokens are revoked together (code reuse, Logout).
    family: str = field(repr=False)
    revoked: bool = False

    def live(self, now: float) -> bool:
        """Whether the token still authorizes: not revoked and not expired at ``now``."""
        return not self.revoked and now < self.expires_at


@dataclass
class AccessTokenRecord(SsoTokenRecord):
    """An SSO OIDC access token (CreateToken or CreateTokenWithIAM)."""


@dataclass
class RefreshTokenRecord(SsoTokenRecord):
    """An SSO OIDC refresh token; each one can be used once (rotation)."""

    used: bool = False


@dataclass
class SigninRefresh:
    """A Sign-In refresh token bound to a DPoP key thumbprint (``cnf.jkt``); ``answer`` keeps
    what its first refresh returned (a refresh is idempotent: see ``signin.py``)."""

    token: str = field(repr=False)
    client_id: str
    jkt: str
    #: The sign-in session (``aws login``) whose refresh chain this token belongs to.
    session_arn: str
    issued_at: float
    answer: dict[str, Any] | None = field(default=None, repr=False)
    answer_expires_at: float = 0.0

    def spent(self, now: float) -> bool:
        """Whether this token was used once and the credentials it gave have expired."""
        return self.answer is not None and now >= self.answer_expires_at


@dataclass
class SigninSession:
    """A Sign-In session: an ``aws login`` (client type ``CLI``) and its refresh chain.

    Revoking it (RevokeOAuth2TokenWithIAM on any of its refresh tokens, or
    BatchRevokeSessions) ends every refresh token of the chain.
    """

    session_arn: str
    principal_arn: str
    client_id: str
    client_type: str
    issued_at: float
    expires_at: float
    region: str
    status: str = "ACTIVE"
    last_used_at: float | None = None


@dataclass
class SigninToken:
    """An access or bearer token Sign-In's token service issued (``ASOA...``)."""

    token: str = field(repr=False)
    principal_arn: str
    account_id: str
    resource: str
    issued_at: float
    expires_at: float
    jti: str


@dataclass
class RoleCredentialsRecord:
    """Credentials minted by the portal or Sign-In: the SigV4 check accepts them until expiry."""

    key: AccessKey
    account_id: str
    role_name: str
    expires_at: float


class EmulatorState:
    """The mutable state of one emulator app; ``lock`` guards all of it."""

    def __init__(self, config: EmulatorConfig) -> None:
        self.config = config
        self.lock = threading.RLock()
        self.signing_key = config.signing_key or ec.generate_private_key(ec.SECP256R1())
        self.reset()

    def reset(self) -> None:
        """Forget every client, code, token, fault, statistic and clock offset.

        The portal's accounts and roles go back to the configured ones.
        """
        with self.lock:
            #: What the control API has moved the emulator's time by (see :meth:`now`).
            self.clock_offset = 0.0
            self.clients: dict[str, RegisteredClient] = {}
            self.devices: dict[str, DeviceAuthorization] = {}
            #: Authorization codes by service (``sso-oidc``, ``signin``), and how often each
            #: was presented (``redemptions``).
            self.codes: dict[str, dict[str, AuthorizationCode]] = {"sso-oidc": {}, "signin": {}}
            self.access_tokens: dict[str, AccessTokenRecord] = {}
            self.refresh_tokens: dict[str, RefreshTokenRecord] = {}
            self.signin_refresh: dict[str, SigninRefresh] = {}
            self.signin_sessions: dict[str, SigninSession] = {}
            self.signin_tokens: dict[str, SigninToken] = {}
            self.dpop_jtis: dict[str, float] = {}
            self.faults: list[Fault] = []
            self.requests: Counter[str] = Counter()
            self.operations: Counter[str] = Counter()
            self.redemptions: dict[str, Counter[str]] = {
                service: Counter() for service in self.codes
            }
            self.portal_accounts: list[PortalAccount] = list(self.config.portal_accounts)
            self.role_credentials: dict[str, RoleCredentialsRecord] = {}
            self.auto_approve = self.config.auto_approve
            self.signin_deny = False
            self.sso_deny = False

    def now(self) -> float:
        """The emulator's current time: the base clock plus ``clock_offset``."""
        return self.config.clock() + self.clock_offset

    def base_now(self) -> float:
        """The base clock, for checking timestamps a client stamped with its own clock."""
        return self.config.clock()

    def random_token(self, nbytes: int, prefix: str = "") -> str:
        """``prefix`` plus ``nbytes`` random bytes in base64url, never starting with ``-`` or ``_``.

        The real services' ids, secrets and tokens start with a letter or a digit; one that
        started with ``-`` would read as an option on a command line.
        """
        value = prefix + b64url_encode(self.config.random_bytes(nbytes))
        if value[:1] in ("-", "_"):
            value = (
                _LEADING_CHARACTERS[ord(value[1:2] or "A") % len(_LEADING_CHARACTERS)] + value[1:]
            )
        return value

    def random_chars(self, alphabet: str, count: int) -> str:
        """``count`` characters drawn from ``alphabet`` with the configured randomness."""
        return "".join(alphabet[b % len(alphabet)] for b in self.config.random_bytes(count))

    def present_code(self, service: str, value: str) -> AuthorizationCode | None:
        """Count a presentation of code ``value`` to ``service``; the code, if it issued one."""
        self.redemptions[service][value] += 1
        return self.codes[service].get(value)

    def mint_credentials(
        self,
        account_id: str,
        role_name: str,
        lifetime: int,
        token_bytes: int,
        token_prefix: str = "",
    ) -> RoleCredentialsRecord:
        """Temporary credentials (``ASIA...``) that the SigV4 check accepts for ``lifetime``."""
        key = AccessKey(
            "ASIA" + self.random_chars(_ACCESS_KEY_ALPHABET, 16),
            self.random_token(30),
            self.random_token(token_bytes, token_prefix),
        )
        record = RoleCredentialsRecord(key, account_id, role_name, self.now() + lifetime)
        self.role_credentials[key.access_key_id] = record
        return record

    def user_code(self) -> str:
        """A new RFC 8628 user code ``XXXX-XXXX`` not in use yet."""
        while True:
            code = self.random_chars(_USER_CODE_ALPHABET, 8)
            code = f"{code[:4]}-{code[4:]}"
            if all(d.user_code != code for d in self.devices.values()):
                return code

    def device_by_user_code(self, user_code: str) -> DeviceAuthorization | None:
        """The device authorization with this user code (dash and case optional)."""
        wanted = user_code.replace("-", "").upper()
        return next(
            (d for d in self.devices.values() if d.user_code.replace("-", "") == wanted), None
        )
