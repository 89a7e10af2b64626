"""The public session: botocore's credential chain with ``aws login``'s provider.

Kept apart from :mod:`py_backend.flows.signin_token` so that making a session loads no flow:
the login cache is read (and refreshed) only when a profile has a ``login_session``.
"""

from __future__ import annotations

from dataclasses import replace

from py_backend.auth.credentials import Credentials
from py_backend.config.credentials_chain import (
    CredentialProvider,
    ProfileSources,
    standard_providers,
)
from py_backend.session import Session

__all__ = ["SessionWithLogin", "login_provider"]


def login_provider(found: ProfileSources) -> Credentials | None:
    """The credential chain's ``login`` link: the profile's ``login_session`` from the cache.

    As botocore's ``LoginProvider``: the credentials are refreshed (with the cached DPoP key)
    when five minutes or less remain, and written back to the cache.
    """
    login_session = found.profile.get("login_session")
    if not isinstance(login_session, str) or not login_session:
        return None
    from py_backend.flows.signin_token import load_login_credentials  # only when used

    region = found.profile.get("region")
    loaded = load_login_credentials(
        login_session,
        region=region if isinstance(region, str) else None,
        environ=found.context.environ,
    )
    # The expiry lets a holder (the RPC backend's cache) come back before they end.
    return replace(loaded.credentials, expiry=loaded.expires_at)


class SessionWithLogin(Session):
    """A session whose credential chain has ``aws login``'s provider: ``py_backend.Session``."""

    def credential_providers(self) -> list[CredentialProvider]:
        """botocore's profile providers, ``login`` included, in botocore's order."""
        return standard_providers(login=login_provider)
