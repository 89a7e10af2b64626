"""The AWS credentials type: what SigV4 signs with and what the credential chain finds."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # The values are pydantic's SecretStr (a public type: isinstance checks and pydantic
    # fields accept them as they are). pydantic itself is imported only when credentials are
    # built from strings, so a command that signs nothing (every SSO OIDC command but
    # CreateTokenWithIAM) does not load it through this module (issue 15).
    from pydantic import SecretStr


@dataclass(frozen=True)
class Credentials:
    """An access key pair, with the session token of temporary credentials.

    The secret parts are :class:`pydantic.SecretStr`, so the repr of a
    ``Credentials`` never shows them. ``expiry`` (an aware datetime) is set on temporary
    credentials whose source said when they end (a credential process, ``aws login``); a
    holder resolves such credentials again before then, as botocore's refreshable
    credentials do.
    """

    access_key: str
    secret_key: SecretStr
    session_token: SecretStr | None = None
    source: str = field(default="explicit", compare=False)
    expiry: datetime | None = field(default=None, compare=False)

    @classmethod
    def from_strings(
        cls,
        access_key: str,
        secret_key: str,
        session_token: str | None = None,
        source: str = "explicit",
        expiry: datetime | None = None,
    ) -> Credentials:
        """Build credentials from plain strings (as read from files or the environment)."""
        from pydantic import SecretStr

        return cls(
            access_key=access_key,
            secret_key=SecretStr(secret_key),
            session_token=SecretStr(session_token) if session_token else None,
            source=source,
            expiry=expiry,
        )
