"""The credential chain: botocore's ``create_credential_resolver``, for the sources we support.

botocore tries, in order: explicit keys (``create_client`` arguments), the environment, assume
role, web identity, SSO, the shared credentials file, ``login_session``, ``credential_process``,
the config file, then the legacy EC2 and boto files, container and instance metadata. This
chain keeps that order for the sources it implements (marked ``*``)::

    explicit*  env*  [assume role, web identity, SSO]  shared-credentials-file*
    [login]  custom-process*  config-file*  [EC2 file, boto, container, IMDS]

The others are skipped: a profile that relies on one resolves to no credentials here. Each
result's ``source`` is botocore's method name (``Credentials.method``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from py_backend.clock import Clock, utc_now
from py_backend.config.context import ConfigContext
from py_backend.config.credential_process import (
    ProcessRunner,
    credentials_from_process,
    run_process,
)
from py_backend.config.credentials import Credentials
from py_backend.config.shared_files import (
    ConfigValue,
    load_shared_files,
    scalar_settings,
    selected_profile,
)
from py_backend.errors import ConfigurationError

logger = logging.getLogger(__name__)

#: botocore's ``EnvProvider``: the token may come from either variable, the first set wins.
ENV_ACCESS_KEY = "AWS_ACCESS_KEY_ID"
ENV_SECRET_KEY = "AWS_SECRET_ACCESS_KEY"
ENV_TOKENS = ("AWS_SECURITY_TOKEN", "AWS_SESSION_TOKEN")
#: botocore's ``SharedCredentialProvider``/``ConfigProvider`` setting names.
FILE_ACCESS_KEY = "aws_access_key_id"
FILE_SECRET_KEY = "aws_secret_access_key"
FILE_TOKENS = ("aws_security_token", "aws_session_token")
#: Profile settings of the credential sources this chain does not implement.
UNSUPPORTED_SOURCES = ("role_arn", "web_identity_token_file", "sso_session", "sso_start_url")
#: The profile setting of an ``aws login`` session (botocore's ``LoginProvider``).
LOGIN_SESSION = "login_session"


def resolve_credentials(
    context: ConfigContext,
    *,
    access_key: str | None = None,
    secret_key: str | None = None,
    session_token: str | None = None,
    runner: ProcessRunner = run_process,
    clock: Clock = utc_now,
) -> Credentials | None:
    """The first credentials found in the chain, or ``None`` when there are none.

    Raises :class:`ConfigurationError` for partial keys (botocore's ``PartialCredentialsError``
    text), :class:`ProfileNotFound` when the profile asked for exists in neither file, and
    :class:`CredentialProcessError` when ``credential_process`` fails.
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
    sources: tuple[Callable[[], Credentials | None], ...] = (
        lambda: static_credentials(files.credentials.get(name), "shared-credentials-file"),
        lambda: _login_credentials(profile, context),
        lambda: _process_credentials(profile, name, runner, clock),
        lambda: static_credentials(files.profiles.get(name), "config-file"),
    )
    return next((found for found in (source() for source in sources) if found), None)


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
    access_key = environ.get(ENV_ACCESS_KEY, "")
    if not access_key:
        return None
    secret_key = environ.get(ENV_SECRET_KEY, "")
    if not secret_key:
        raise partial_credentials("env", ENV_SECRET_KEY)
    token = next((environ[v] for v in ENV_TOKENS if environ.get(v)), None)
    return Credentials.from_strings(access_key, secret_key, token, source="env")


def static_credentials(
    section: Mapping[str, ConfigValue] | None, source: str
) -> Credentials | None:
    """Keys stored in a file section, when it has ``aws_access_key_id``."""
    settings = scalar_settings(section or {})
    if FILE_ACCESS_KEY not in settings:
        return None
    if FILE_SECRET_KEY not in settings:
        raise partial_credentials(source, FILE_SECRET_KEY)
    token = next((settings[k] for k in FILE_TOKENS if k in settings), None)
    return Credentials.from_strings(
        settings[FILE_ACCESS_KEY], settings[FILE_SECRET_KEY], token, source=source
    )


def partial_credentials(provider: str, missing: str) -> ConfigurationError:
    """botocore's ``PartialCredentialsError``, naming the missing variable (never a value)."""
    return ConfigurationError(f"Partial credentials found in {provider}, missing: {missing}")


def _login_credentials(
    profile: Mapping[str, ConfigValue], context: ConfigContext
) -> Credentials | None:
    """Credentials of the profile's ``login_session`` from the ``aws login`` cache.

    As botocore's ``LoginProvider``: they are refreshed (with the cached DPoP key) when five
    minutes or less remain, and written back to the cache.
    """
    login_session = profile.get(LOGIN_SESSION)
    if not isinstance(login_session, str) or not login_session:
        return None
    # Imported here: the flows build clients, which need this module.
    from py_backend.flows.signin_token import load_login_credentials

    region = profile.get("region")
    return load_login_credentials(
        login_session,
        region=region if isinstance(region, str) else None,
        environ=context.environ,
    ).credentials


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
