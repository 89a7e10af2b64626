"""The credential chain's ``sso`` link: role credentials from the portal with the cached token.

As botocore's ``SSOProvider``: a profile with ``sso_account_id`` and ``sso_role_name`` and
either ``sso_session`` (its ``[sso-session]`` has the start URL and region) or the legacy
``sso_start_url`` / ``sso_region`` gets temporary credentials from the portal's
``GetRoleCredentials``, authorized by the token ``aws sso login`` cached. The token is
refreshed first when it must be (:func:`~py_backend.flows.sso_token.load_sso_token`, which
writes it back). Nothing here signs in: when only a new login can help, the error names the
command to run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from py_backend.auth.credentials import Credentials
from py_backend.config.credentials_chain import ProfileSources
from py_backend.config.shared_files import scalar_settings
from py_backend.errors import ConfigurationError
from py_backend.flows.errors import SSOTokenLoadError, sign_in_command
from py_backend.flows.sso_token import load_sso_token
from py_backend.session import Session

if TYPE_CHECKING:
    from py_backend.models.sso import RoleCredentials

__all__ = ["SSORoleProfile", "sso_provider", "sso_role_profile"]

_ROLE_SETTINGS = ("sso_account_id", "sso_role_name")


@dataclass(frozen=True)
class SSORoleProfile:
    """Where a profile's SSO role credentials come from."""

    account_id: str
    role_name: str
    start_url: str
    region: str
    #: ``None`` for a legacy profile (the token is cached by start URL).
    session_name: str | None


def sso_role_profile(found: ProfileSources) -> SSORoleProfile | None:
    """The profile's SSO role settings, or ``None``; botocore's errors when partial."""
    profile = scalar_settings(found.profile)
    session_name = profile.get("sso_session")
    if not all(name in profile for name in _ROLE_SETTINGS):
        # A profile with only an sso_session is for tokens (sso-oidc), not credentials.
        return None
    if session_name:
        section = found.files.sso_sessions.get(session_name)
        if section is None:
            raise ConfigurationError(f'The specified sso-session does not exist: "{session_name}"')
        source = scalar_settings(section)
    else:
        source = profile
    missing = [name for name in ("sso_start_url", "sso_region") if name not in source]
    if missing:
        raise ConfigurationError(
            f"The profile {found.name} is configured to use SSO but is missing required "
            f"configuration: {', '.join(missing)}"
        )
    return SSORoleProfile(
        profile["sso_account_id"],
        profile["sso_role_name"],
        source["sso_start_url"],
        source["sso_region"],
        session_name or None,
    )


def sso_provider(found: ProfileSources) -> Credentials | None:
    """Role credentials for an SSO profile, or ``None`` for a profile without SSO roles.

    Raises :class:`SSOTokenLoadError` (saying to run ``aws-token-bridge sso login``) when the
    cached token is missing, expired past refreshing, or refused by the portal.
    """
    settings = sso_role_profile(found)
    if settings is None:
        return None
    environ = found.context.environ
    login_hint = f"run: {sign_in_command(sso=True, profile=found.name)}"
    try:
        token = load_sso_token(
            session_name=settings.session_name,
            start_url=settings.start_url,
            sso_region=settings.region,
            environ=environ,
        )
    except SSOTokenLoadError as error:
        raise SSOTokenLoadError(f"{error.detail}. To sign in again, {login_hint}") from None
    with Session(environ=environ).client("sso", region_name=settings.region) as portal:
        try:
            response = portal.get_role_credentials(
                roleName=settings.role_name,
                accountId=settings.account_id,
                accessToken=token.access_token.get_secret_value(),
            )
        except portal.exceptions.UnauthorizedException:
            raise SSOTokenLoadError(
                "The SSO session associated with this profile has expired or is otherwise "
                f"invalid. To refresh this SSO session, {login_hint}"
            ) from None
    return _credentials(response.role_credentials)


def _credentials(role: RoleCredentials | None) -> Credentials:
    if role is None or role.access_key_id is None or role.secret_access_key is None:
        raise SSOTokenLoadError("GetRoleCredentials answered without credentials")
    expiry = None
    if role.expiration is not None:
        # The portal gives milliseconds; botocore keeps whole seconds (its own timestamp format).
        expiry = datetime.fromtimestamp(role.expiration // 1000, timezone.utc)
    return Credentials.from_strings(
        role.access_key_id,
        role.secret_access_key.get_secret_value(),
        role.session_token.get_secret_value() if role.session_token is not None else None,
        source="sso",
        expiry=expiry,
    )
