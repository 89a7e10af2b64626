"""Credentials and region, found in the AWS Tools' order (aws-tools-powershell.md section 4).

Credentials (V4 ``TryGetCredentials``; the first hit wins), only for signed operations:

1. ``-AccessKey`` + ``-SecretKey`` (+ ``-SessionToken``);
2. ``-ProfileName`` (in ``-ProfileLocation`` alone when given): a missing profile is an error,
   never a fall-through to another account's credentials;
3. ``-Credential``;
4. the shell's ``$StoredAWSCredentials``;
5. ``AWS_ACCESS_KEY_ID``/``AWS_SECRET_ACCESS_KEY``/``AWS_SESSION_TOKEN``;
6. the ``AWS_PROFILE`` profile (what V5 adds), then the ``default`` profile.

Unsigned operations (CreateToken, RegisterClient, StartDeviceAuthorization, CreateOAuth2Token)
resolve none, and so never run a ``credential_process``: the AWS Tools demand them anyway (a
known wart, worked around with anonymous credentials).

Region (V4 ``TryGetRegion`` and ``ServiceCmdlet``): ``-Region``; then ``-ClientConfig``'s
``RegionEndpoint``; ``$StoredAWSRegion``; the ``default`` profile's region (honouring
``-ProfileLocation``); ``AWS_REGION``. Where the AWS Tools would stop with "No region
specified", this wrapper also tries the ``-ProfileName`` profile's region (AWS Tools issue #25)
and ``AWS_DEFAULT_REGION``, so no region the AWS Tools find changes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from py_backend.auth.credentials import Credentials
from py_backend.cmdlets.client_options import ClientConfigParameter
from py_backend.cmdlets.context import ShellContext
from py_backend.cmdlets.errors import INVALID_ARGUMENT, ErrorKind
from py_backend.cmdlets.parameters import BoundParameters
from py_backend.config.context import ConfigContext, expand_path
from py_backend.config.credentials_chain import environment_credentials, standard_providers
from py_backend.config.credentials_chain import resolve_credentials as chain_credentials
from py_backend.config.region import validate_region
from py_backend.config.shared_files import load_shared_files
from py_backend.errors import ConfigurationError, NoCredentialsError, NoRegionError
from py_backend.flows.login_session import login_provider

#: The core chain's profile providers, ``aws login``'s included (as the core session has).
_PROVIDERS = standard_providers(login=login_provider)

NO_CREDENTIALS = "No credentials specified or obtained from persisted/shell defaults."
NO_REGION = "No region specified or obtained from persisted/shell defaults."
STORED_CREDENTIALS = "shell variable $StoredAWSCredentials"
STORED_REGION = "shell variable $StoredAWSRegion"
_NOT_SUPPORTED = ErrorKind("NotSupported", "System.NotSupportedException", "InvalidArgument")


@dataclass(frozen=True)
class Found:
    """A resolved value and where it came from, in the AWS Tools' diagnostic words."""

    value: Any
    source: str


def profile_context(
    environ: Mapping[str, str], profile: str | None, location: str | None
) -> ConfigContext:
    """Where profiles are read: ``-ProfileLocation`` alone (an ini credentials file) when given,
    else the shared config and credentials files."""
    if location:
        return ConfigContext(
            environ=MappingProxyType(dict(environ)),
            config_path=None,
            credentials_path=expand_path(location, environ),
            profile=profile,
        )
    return ConfigContext.from_environ(environ, profile=profile)


# --- credentials ----------------------------------------------------------------------------


def refuse_network_credential(cmdlet: str, bound: BoundParameters) -> None:
    """``-NetworkCredential`` serves SAML role profiles, which this wrapper cannot use."""
    if bound.get("NetworkCredential") is not None:
        raise _NOT_SUPPORTED(
            "The -NetworkCredential parameter is not supported: AwsTokenBridge cannot use "
            "SAML role profiles. Use -ProfileName with a profile of another kind, or "
            "-AccessKey/-SecretKey, -Credential or the environment.",
            cmdlet,
            "NetworkCredential",
        )


def resolve_credentials(cmdlet: str, bound: BoundParameters, shell: ShellContext) -> Found:
    """The credentials of a signed call, or raise :class:`CmdletError`/ConfigurationError."""
    environ = shell.environment()
    location = bound.get("ProfileLocation")
    sources: tuple[Callable[[], Found | None], ...] = (
        lambda: _key_parameters(cmdlet, bound),
        lambda: _named_profile(environ, bound.get("ProfileName"), location),
        lambda: _credential_object(cmdlet, bound.get("Credential")),
        lambda: _stored_credentials(environ, shell.stored_credentials),
        lambda: _found(environment_credentials(environ), "Environment"),
        lambda: _named_profile(environ, environ.get("AWS_PROFILE"), location),
        lambda: _default_profile(environ, location) if not bound.get("ProfileName") else None,
    )
    found = next((f for f in (source() for source in sources) if f is not None), None)
    if found is None:
        raise NoCredentialsError(NO_CREDENTIALS)
    return found


def _key_parameters(cmdlet: str, bound: BoundParameters) -> Found | None:
    access_key, secret_key = bound.get("AccessKey"), bound.get("SecretKey")
    if access_key and secret_key:
        keys = Credentials.from_strings(access_key, secret_key, bound.get("SessionToken"))
        return Found(keys, "the supplied key parameters")
    # The AWS Tools silently ignore half a key pair; naming the missing half is kinder.
    if access_key or secret_key:
        missing = "SecretKey" if access_key else "AccessKey"
        raise INVALID_ARGUMENT(
            f"-{missing} is required with -AccessKey and -SecretKey.", cmdlet, missing
        )
    return None


def _named_profile(
    environ: Mapping[str, str], name: str | None, location: str | None
) -> Found | None:
    if not name:
        return None
    context = profile_context(environ, name, location)
    found = chain_credentials(context, providers=_PROVIDERS)
    if found is None:
        raise ConfigurationError(f"The profile '{name}' has no credentials.")
    return Found(found, f"stored profile named '{name}'")


def _default_profile(environ: Mapping[str, str], location: str | None) -> Found | None:
    context = profile_context(environ, "default", location)
    if load_shared_files(context).profile("default") is None:
        return None
    found = chain_credentials(context, providers=_PROVIDERS)
    return Found(found, "stored profile named 'default'") if found else None


def _credential_object(cmdlet: str, value: Any) -> Found | None:
    if value is None:
        return None
    keys = _key_set(value)
    if keys is None:
        raise INVALID_ARGUMENT(
            "-Credential must be AWS credentials: an object with AccessKey and SecretKey "
            "(and optionally Token).",
            cmdlet,
            "Credential",
        )
    return Found(keys, "supplied credentials object")


def _key_set(value: Any) -> Credentials | None:
    if not isinstance(value, Mapping):
        return None
    access_key, secret_key, token = (value.get(k) for k in ("AccessKey", "SecretKey", "Token"))
    texts = all(isinstance(v, str) for v in (access_key, secret_key))
    if not texts or not access_key or not secret_key or not isinstance(token, (str, type(None))):
        return None
    return Credentials.from_strings(access_key, secret_key, token or None)


def _stored_credentials(
    environ: Mapping[str, str], stored: Mapping[str, Any] | None
) -> Found | None:
    if not stored:
        return None
    keys = _key_set(stored)
    if keys is None:
        profile = _named_profile(environ, stored.get("ProfileName"), stored.get("ProfileLocation"))
        if profile is None:
            return None
        keys = profile.value
    return Found(keys, STORED_CREDENTIALS)


# --- region ---------------------------------------------------------------------------------


def resolve_region(
    cmdlet: str, bound: BoundParameters, shell: ShellContext, options: ClientConfigParameter
) -> Found:
    """The region to call, or raise :class:`NoRegionError` with the AWS Tools' message."""
    environ = shell.environment()
    parameter = region_parameter(cmdlet, bound.get("Region"))
    if parameter is not None:
        return Found(parameter, "region parameter")
    location = bound.get("ProfileLocation")
    candidates: tuple[Callable[[], Found | None], ...] = (
        lambda: _found(options.region, "supplied client configuration"),
        lambda: _found(shell.stored_region, STORED_REGION),
        lambda: _found(_profile_region(environ, "default", location), "stored region"),
        lambda: _found(environ.get("AWS_REGION"), "Environment"),
        lambda: _found(
            _profile_region(environ, bound.get("ProfileName"), location),
            f"profile named '{bound.get('ProfileName')}'",
        ),
        lambda: _found(
            environ.get("AWS_DEFAULT_REGION"), "environment variable AWS_DEFAULT_REGION"
        ),
    )
    found = next((f for f in (c() for c in candidates) if f is not None), None)
    if found is None:
        raise NoRegionError(NO_REGION)
    return Found(validate_region(found.value), found.source)


def region_parameter(cmdlet: str, value: Any) -> str | None:
    """``-Region``'s system name (``None`` when unbound), or raise naming the parameter."""
    if value is None:
        return None
    # An AWSRegion object arrives as its properties (Region, Name); a RegionEndpoint as its
    # (SystemName, DisplayName).
    name = value
    if isinstance(value, Mapping):
        name = value.get("Region") or value.get("SystemName")
    try:
        if isinstance(name, str) and name:
            return validate_region(name)
    except ConfigurationError:
        pass
    raise INVALID_ARGUMENT(
        "-Region must be the system name of a region (such as us-east-1) or an AWSRegion.",
        cmdlet,
        "Region",
    )


def _profile_region(
    environ: Mapping[str, str], name: str | None, location: str | None
) -> str | None:
    if not name:
        return None
    profile = load_shared_files(profile_context(environ, name, location)).profile(name)
    region = (profile or {}).get("region")
    return region if isinstance(region, str) else None


def _found(value: Any, source: str) -> Found | None:
    return Found(value, source) if value else None
