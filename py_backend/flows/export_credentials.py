"""Credentials for every tool: the AWS CLI v2's ``configure export-credentials``.

Nothing here opens a browser: a ``credential_process`` call must never wait for a person.
When only a new login helps, the error names the command to run.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass, replace

from py_backend.auth.credentials import Credentials
from py_backend.config.context import ConfigContext
from py_backend.config.credentials_chain import (
    CredentialProvider,
    ProfileSources,
    resolve_credentials,
    standard_providers,
)
from py_backend.errors import ConfigurationError, TokenBridgeError
from py_backend.flows.cache import parse_timestamp
from py_backend.flows.errors import LoginRefreshRequired, LoginTokenLoadError, sign_in_command
from py_backend.flows.login_session import login_provider
from py_backend.flows.sso_credentials import sso_provider

__all__ = [
    "FORMATS",
    "ExportedCredentials",
    "environment_variables",
    "export_credentials",
    "format_credentials",
]

#: The AWS CLI v2's guard against a ``credential_process`` that calls itself (same variable,
#: so a chain that mixes the AWS CLI and this command is guarded too).
RECURSION_VARIABLE = "_AWS_CLI_PROFILE_CHAIN"
MAX_RECURSION = 4
#: botocore's ``EnvProvider`` reads the expiry of environment credentials from here.
ENV_EXPIRATION = "AWS_CREDENTIAL_EXPIRATION"


@dataclass(frozen=True)
class ExportedCredentials:
    """Credentials as the export prints them; ``expiration`` is ISO 8601 (``isoformat()``)."""

    access_key: str
    secret_key: str
    token: str | None
    expiration: str | None

    def __repr__(self) -> str:
        # Secrets never reach a repr.
        return (
            f"ExportedCredentials(access_key={self.access_key!r}, secret_key='**********', "
            f"token={'None' if self.token is None else repr('**********')}, "
            f"expiration={self.expiration!r})"
        )

    @classmethod
    def from_credentials(cls, credentials: Credentials) -> ExportedCredentials:
        """From resolved credentials; the expiry as the AWS CLI prints it (``isoformat()``)."""
        token = credentials.session_token
        expiry = credentials.expiry
        return cls(
            credentials.access_key,
            credentials.secret_key.get_secret_value(),
            token.get_secret_value() if token is not None else None,
            expiry.isoformat() if expiry is not None else None,
        )


def export_providers() -> list[CredentialProvider]:
    """botocore's profile chain with the links this product implements, ``sso`` first."""
    return [sso_provider, *standard_providers(login=_login_with_hint)]


def _login_with_hint(found: ProfileSources) -> Credentials | None:
    try:
        return login_provider(found)
    except (LoginRefreshRequired, LoginTokenLoadError) as error:
        command = sign_in_command(sso=False, profile=found.name)
        text = str(error).replace("'aws login'", f"'{command}'")
        if command not in text:
            text = f"{text} To sign in again, run: {command}"
        raise ConfigurationError(text) from None


def export_credentials(
    context: ConfigContext,
    *,
    environ: MutableMapping[str, str] | None = None,
    providers: list[CredentialProvider] | None = None,
) -> ExportedCredentials:
    """The profile's current credentials, as ``aws configure export-credentials`` finds them:
    through the whole chain this product knows, in botocore's order (environment, SSO role
    credentials, the credentials file, ``login_session``, ``credential_process``, the config
    file), refreshing and writing back cached tokens where the AWS CLI v2 would.

    ``environ`` (default: a copy of the context's) gets the recursion guard's profile chain,
    which a ``credential_process`` child inherits. Raises :class:`ConfigurationError` with the
    AWS CLI's ``Unable to retrieve credentials: ...`` text.
    """
    chain_env: MutableMapping[str, str] = dict(context.environ) if environ is None else environ
    _guard_recursion(chain_env, context.active_profile)
    try:
        found = resolve_credentials(
            context, providers=export_providers() if providers is None else providers
        )
    except TokenBridgeError as error:
        raise ConfigurationError(
            f"Unable to retrieve credentials: {str(error).strip()}\n"
        ) from None
    if found is None:
        raise ConfigurationError("Unable to retrieve credentials: no credentials found")
    if found.source == "env" and found.expiry is None and context.environ.get(ENV_EXPIRATION):
        try:
            found = replace(found, expiry=parse_timestamp(context.environ[ENV_EXPIRATION]))
        except ValueError:
            raise ConfigurationError(
                f"Unable to retrieve credentials: {ENV_EXPIRATION} is not a timestamp"
            ) from None
    return ExportedCredentials.from_credentials(found)


def _guard_recursion(environ: MutableMapping[str, str], profile: str) -> None:
    seen = [name for name in next(csv.reader([environ.get(RECURSION_VARIABLE, "")])) if name]
    if len(seen) >= MAX_RECURSION:
        raise ConfigurationError(
            f"Maximum recursive credential process resolution reached ({MAX_RECURSION}).\n"
            f"Profiles seen: {' -> '.join(seen)}"
        )
    if profile in seen:
        raise ConfigurationError(
            "Credential process resolution detected an infinite loop, "
            f"profile cycle: {' -> '.join([*seen, profile])}\n"
        )
    out = io.StringIO()
    csv.writer(out).writerow([*seen, profile])
    environ[RECURSION_VARIABLE] = out.getvalue().strip()


# --- formats ----------------------------------------------------------------------------------


def _process(credentials: ExportedCredentials) -> str:
    output: dict[str, object] = {
        "Version": 1,
        "AccessKeyId": credentials.access_key,
        "SecretAccessKey": credentials.secret_key,
    }
    if credentials.token is not None:
        output["SessionToken"] = credentials.token
    if credentials.expiration is not None:
        output["Expiration"] = credentials.expiration
    return json.dumps(output, indent=2, separators=(",", ": ")) + "\n"


def environment_variables(credentials: ExportedCredentials) -> dict[str, str | None]:
    """The variables the ``env`` formats set, in their order; ``None``: not set (a caller that
    sets them in a live environment removes it, so no stale session token stays)."""
    return {
        "AWS_ACCESS_KEY_ID": credentials.access_key,
        "AWS_SECRET_ACCESS_KEY": credentials.secret_key,
        "AWS_SESSION_TOKEN": credentials.token,
        ENV_EXPIRATION: credentials.expiration,
    }


def _per_line(template: str) -> Callable[[ExportedCredentials], str]:
    def render(credentials: ExportedCredentials) -> str:
        return "".join(
            template.format(name=name, value=value) + "\n"
            for name, value in environment_variables(credentials).items()
            if value is not None
        )

    return render


#: Format name -> renderer, in the AWS CLI v2's order (``process`` is the default).
FORMATS: Mapping[str, Callable[[ExportedCredentials], str]] = {
    "process": _process,
    "env": _per_line("export {name}={value}"),
    "env-no-export": _per_line("{name}={value}"),
    "powershell": _per_line('$Env:{name}="{value}"'),
    "windows-cmd": _per_line("set {name}={value}"),
    "fish": _per_line('set -gx {name} "{value}"'),
}
#: Formats for POSIX shells always end lines with ``\n``, even on Windows (the AWS CLI v2).
LF_ONLY = frozenset({"env", "env-no-export", "fish"})


def format_credentials(credentials: ExportedCredentials, format_name: str = "process") -> str:
    """The text the AWS CLI v2 prints for ``--format format_name``, byte for byte
    (``tests/flows/export_credentials_reference.json`` records the reference)."""
    render = FORMATS.get(format_name)
    if render is None:
        raise ConfigurationError(
            f"Unknown format {format_name!r}; choose one of: {', '.join(FORMATS)}"
        )
    return render(credentials)
