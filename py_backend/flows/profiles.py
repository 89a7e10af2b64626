"""Profiles that sign in: ``sso_session`` / legacy SSO settings and ``login_session``.

Reading follows the AWS CLI's ``BaseSSOCommand._get_sso_config`` and ``aws login``'s
checks; writing uses :mod:`.config_writer`, so the rest of the config file is kept.

::

    [profile dev]                    [profile legacy]               [profile console]
    sso_session = corp               sso_start_url = https://...    login_session = arn:aws:...
    [sso-session corp]               sso_region = us-east-1         region = us-east-1
    sso_start_url = https://...
    sso_region = us-east-1
    sso_registration_scopes = sso:account:access
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from py_backend.config.context import ConfigContext
from py_backend.config.shared_files import get_profile, get_sso_session
from py_backend.errors import ConfigurationError, ProfileNotFound
from py_backend.flows.config_writer import (
    profile_section,
    sso_session_section,
    update_config_section,
)

__all__ = [
    "SSOSettings",
    "check_login_profile",
    "login_session_of",
    "parse_registration_scopes",
    "sso_settings",
    "write_login_profile",
    "write_sso_profile",
]

_REQUIRED_SSO = ("sso_start_url", "sso_region")
_LEGACY_ADVICE = (
    "To make sure this profile is properly configured to use SSO, please run: aws configure sso"
)
#: ``aws login`` refuses a profile that already gets credentials another way.
_OTHER_CREDENTIALS = (
    (("web_identity_token_file",), "Web Identity"),
    (("sso_role_name", "sso_account_id"), "SSO"),
    (("aws_access_key_id",), "Access Key"),
    (("role_arn",), "Assume Role"),
    (("credential_process",), "Credential Process"),
)


@dataclass(frozen=True)
class SSOSettings:
    """Where ``sso login`` signs in: the start URL, its region, and how it is cached.

    ``session_name`` is ``None`` for a legacy profile (no ``sso_session``); ``scopes`` is
    ``None`` when the configuration names none (this matters for the registration's
    cache key).
    """

    start_url: str
    region: str
    session_name: str | None = None
    scopes: tuple[str, ...] | None = None


def parse_registration_scopes(raw: str) -> list[str]:
    """``sso_registration_scopes``: comma-separated, blanks dropped."""
    return [scope.strip() for scope in raw.split(",") if scope.strip()]


def sso_settings(context: ConfigContext, *, sso_session: str | None = None) -> SSOSettings:
    """The SSO settings of the selected profile, or of the ``[sso-session]`` named.

    Raises :class:`ConfigurationError` with the AWS CLI's texts when the session does not
    exist or ``sso_start_url`` / ``sso_region`` is missing, and :class:`ProfileNotFound`
    for a named profile that does not exist.
    """
    profile = get_profile(context)
    name = sso_session or profile.get("sso_session")
    if name:
        section = get_sso_session(context, name)
        _require(section, "")
        raw_scopes = section.get("sso_registration_scopes")
        scopes = None if raw_scopes is None else tuple(parse_registration_scopes(raw_scopes))
        return SSOSettings(section["sso_start_url"], section["sso_region"], name, scopes)
    _require(profile, _LEGACY_ADVICE)
    return SSOSettings(profile["sso_start_url"], profile["sso_region"])


def _require(section: Mapping[str, str], advice: str) -> None:
    missing = [name for name in _REQUIRED_SSO if name not in section]
    if missing:
        raise ConfigurationError(
            "Missing the following required SSO configuration values: "
            f"{', '.join(missing)}. {advice}".rstrip()
        )


def login_session_of(context: ConfigContext, profile: str | None = None) -> str | None:
    """The profile's ``login_session`` (the session ARN), or ``None``."""
    return get_profile(context, profile).get("login_session") or None


def check_login_profile(context: ConfigContext, profile: str) -> None:
    """Refuse to turn ``profile`` into a login profile when it has other credentials.

    Those would still win over ``login_session`` in the credential chain, so ``aws
    login`` refuses too. A profile that does not exist yet is fine.
    """
    settings = _profile_settings(context, profile)
    for names, style in _OTHER_CREDENTIALS:
        if any(name in settings for name in names):
            raise ConfigurationError(
                f"Profile '{profile}' is already configured with {style} credentials. "
                "Use another profile name, or first remove the existing credentials "
                f"from '{profile}'."
            )


def write_login_profile(
    context: ConfigContext, profile: str, login_session: str, region: str | None = None
) -> None:
    """Set ``login_session`` in the profile, and ``region`` if the profile has none."""
    values = {"login_session": login_session}
    if region and not _profile_settings(context, profile).get("region"):
        values["region"] = region
    update_config_section(_config_path(context), profile_section(profile), values)


def write_sso_profile(context: ConfigContext, profile: str, settings: SSOSettings) -> None:
    """Point the profile at the SSO settings: ``sso_session`` plus its section (with the
    ``scopes`` as ``sso_registration_scopes``), or the legacy keys."""
    path = _config_path(context)
    values = {"sso_start_url": settings.start_url, "sso_region": settings.region}
    if settings.session_name is None:
        update_config_section(path, profile_section(profile), values)
        return
    if settings.scopes:
        values["sso_registration_scopes"] = ",".join(settings.scopes)
    update_config_section(path, sso_session_section(settings.session_name), values)
    update_config_section(path, profile_section(profile), {"sso_session": settings.session_name})


def _profile_settings(context: ConfigContext, profile: str) -> dict[str, str]:
    try:
        return get_profile(context, profile)
    except ProfileNotFound:
        return {}


def _config_path(context: ConfigContext) -> Path:
    if context.config_path is None:
        raise ConfigurationError("No shared config file is in use, so no profile can be written")
    return context.config_path
