"""The credential chain: botocore's ``create_credential_resolver``, for the sources we support.

botocore tries, in order: explicit keys (``create_client`` arguments), the environment, assume
role, web identity, SSO, the shared credentials file, ``login_session``, ``credential_process``,
the config file, then the legacy EC2 and boto files, container and instance metadata. This
chain keeps that order for the sources it implements (marked ``*``)::

    explicit*  env*  [assume role, web identity, SSO]  shared-credentials-file*
    login*  custom-process*  config-file*  [EC2 file, boto, container, IMDS]

``login`` is passed in by the session (its provider lives with the sign-in flows, above this
package). The others are skipped: a profile that relies on one resolves to no credentials here. Each
result's ``source`` is botocore's method name (``Credentials.method``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from py_backend.auth.credentials import Credentials
from py_backend.clock import Clock, utc_now
from py_backend.config.context import ConfigContext
from py_backend.config.credential_process import (
    ProcessRunner,
    credentials_from_process,
    run_process,
)
from py_backend.config.shared_files import (
    ConfigValue,
    SharedFiles,
    load_shared_files,
    scalar_settings,
    selected_profile,
)
from py_backend.errors import ConfigurationError

logger = logging.getLogger(__name__)

#: botocore's ``SharedCredentialProvider``/``ConfigProvider`` settings: access key, secret key,
#: then the token's (the first set wins). Its ``EnvProvider`` reads them in upper case.
KEY_SETTINGS = (
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_security_token",
    "aws_session_token",
)
KEY_VARIABLES = tuple(name.upper() for name in KEY_SETTINGS)
#: Profile settings of the credential sources this chain does not implement.
UNSUPPORTED_SOURCES = ("role_arn", "web_identity_token_file", "sso_session", "sso_start_url")


@dataclass(frozen=True)
class ProfileSources:
    """What a credential provider reads: the context, both shared files and the profile."""

    context: ConfigContext
    files: SharedFiles
    #: The selected profile's settings (empty when it has none); out of the repr: keys.
    profile: Mapping[str, ConfigValue] = field(repr=False)
    name: str


#: One link of the chain: credentials found in the profile's sources, or ``None``.
CredentialProvider = Callable[[ProfileSources], Credentials | None]


def standard_providers(
    login: CredentialProvider | None = None,
    *,
    runner: ProcessRunner = run_process,
    clock: Clock = utc_now,
) -> list[CredentialProvider]:
    """botocore's profile providers in botocore's order; ``login`` goes where its login is."""
    providers: list[CredentialProvider | None] = [
        lambda found: static_credentials(
            found.files.credentials.get(found.name), "shared-credentials-file"
        ),
        login,
        lambda found: _process_credentials(found.profile, found.name, runner, clock),
        lambda found: static_credentials(found.files.profiles.get(found.name), "config-file"),
    ]
    return [provider for provider in providers if provider is not None]


def resolve_credentials(
    context: ConfigContext,
    *,
    access_key: str | None = None,
    secret_key: str | None = None,
    session_token: str | None = None,
    providers: Sequence[CredentialProvider] | None = None,
) -> Credentials | None:
    """The first credentials found in the chain, or ``None`` when there are none.

    ``providers`` are tried after explicit keys and the environment (default:
    :func:`standard_providers` without login). Raises :class:`ConfigurationError` for partial
    keys (botocore's ``PartialCredentialsError`` text), :class:`ProfileNotFound` when the
    profile asked for exists in neither file, and :class:`CredentialProcessError` when
    ``credential_process`` fails.
    """
    explicit = explicit_credentials(access_key, secret_key, session_token)
    if explicit is not None:
        return explicit
    files = load_shared_files(context)
    profile = selected_profile(files, context)
    # botocore drops the environment from the chain when a profile is passed explicitly.
    if context.profile is None:
        from_env = environment_credentials(context.environ)
        if from_env is not None:
            return from_env
    name = context.active_profile
    _log_unsupported(profile, name)
    sources = ProfileSources(context, files, profile, name)
    chain = standard_providers() if providers is None else providers
    return next((found for found in (provider(sources) for provider in chain) if found), None)


def explicit_credentials(
    access_key: str | None, secret_key: str | None, session_token: str | None = None
) -> Credentials | None:
    """Keys passed by the caller: both or neither.

    A session token without keys is ignored, as botocore's ``create_client`` ignores it.
    """
    if access_key is not None and secret_key is not None:
        return Credentials.from_strings(access_key, secret_key, session_token, source="explicit")
    if access_key is not None:
        raise partial_credentials("explicit", "aws_secret_access_key")
    if secret_key is not None:
        raise partial_credentials("explicit", "aws_access_key_id")
    return None


def environment_credentials(environ: Mapping[str, str]) -> Credentials | None:
    """``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY`` and a session token, when the key is set."""
    # An empty variable counts as unset here, unlike an empty setting in a file.
    values = {name: environ[name] for name in KEY_VARIABLES if environ.get(name)}
    return _stored_keys(values, KEY_VARIABLES, "env")


def static_credentials(
    section: Mapping[str, ConfigValue] | None, source: str
) -> Credentials | None:
    """Keys stored in a file section, when it has ``aws_access_key_id``."""
    return _stored_keys(scalar_settings(section or {}), KEY_SETTINGS, source)


def _stored_keys(
    values: Mapping[str, str], names: Sequence[str], source: str
) -> Credentials | None:
    """The keys in ``values`` under ``names``: access key, secret key, then the token's."""
    access_key, secret_key, *tokens = names
    if access_key not in values:
        return None
    if secret_key not in values:
        raise partial_credentials(source, secret_key)
    token = next((values[name] for name in tokens if name in values), None)
    return Credentials.from_strings(values[access_key], values[secret_key], token, source=source)


def partial_credentials(provider: str, missing: str) -> ConfigurationError:
    """botocore's ``PartialCredentialsError``, naming the missing variable (never a value)."""
    return ConfigurationError(f"Partial credentials found in {provider}, missing: {missing}")


def _process_credentials(
    profile: Mapping[str, ConfigValue], name: str, runner: ProcessRunner, clock: Clock
) -> Credentials | None:
    command = profile.get("credential_process")
    if not isinstance(command, str) or not command:
        return None
    return credentials_from_process(command, name, runner=runner, clock=clock)


def _log_unsupported(profile: Mapping[str, ConfigValue], name: str) -> None:
    for setting in UNSUPPORTED_SOURCES:
        if setting in profile:
            logger.debug(
                "Profile %s has %s; that credential source is not supported", name, setting
            )
