"""Per-client settings: region, endpoint URL, FIPS/dual-stack, retries, TLS and timeouts.

Each setting follows botocore's precedence: the client argument (botocore's ``create_client``
argument or ``Config`` field), then the environment, then the selected profile, then
botocore's default. An environment variable that is set counts even when empty, as in
botocore's ``EnvironmentProvider`` (``AWS_USE_FIPS_ENDPOINT=`` means false); empty endpoint
URLs, regions and CA bundles count as unset.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from py_backend.config.context import ConfigContext
from py_backend.config.region import region_from
from py_backend.config.shared_files import (
    ConfigValue,
    SharedFiles,
    load_shared_files,
    selected_profile,
)
from py_backend.errors import ConfigurationError, ParamValidationError, TokenBridgeError

#: botocore's ``endpoint.DEFAULT_TIMEOUT``, used for both timeouts, in seconds.
DEFAULT_TIMEOUT = 60.0
DEFAULT_RETRY_MODE = "standard"
#: Total attempts when nothing sets ``max_attempts``: ``retries/standard.py`` for the v2
#: modes, ``_retry.json``'s ``__default__`` for legacy.
DEFAULT_MAX_ATTEMPTS = {"standard": 3, "adaptive": 3, "legacy": 5}


@dataclass(frozen=True)
class ClientSettings:
    """Everything a client for one service needs besides credentials."""

    service: str
    region: str | None
    #: An endpoint URL that replaces the endpoint rules' result, when one is configured.
    endpoint_url: str | None
    #: The FIPS and dual-stack wishes as configured; like botocore, endpoint resolution should
    #: ignore both when ``endpoint_url`` is set.
    use_fips_endpoint: bool
    use_dualstack_endpoint: bool
    retry_mode: str
    #: Total attempts, the first one included (botocore's ``total_max_attempts``).
    max_attempts: int
    #: ``True`` (the default CA store), ``False`` (no verification) or a CA bundle path.
    verify: bool | str
    #: Seconds, or ``None`` for no timeout.
    connect_timeout: float | None = DEFAULT_TIMEOUT
    read_timeout: float | None = DEFAULT_TIMEOUT


@dataclass(frozen=True)
class _Found:
    """A setting's raw value and where it came from, for error messages."""

    value: object
    where: str
    explicit: bool

    def invalid(self, reason: str) -> TokenBridgeError:
        """The error for a bad value: a parameter error for an argument, else a config error."""
        if self.explicit:
            return ParamValidationError.single(self.where, reason)
        return ConfigurationError(f"Invalid value for {self.where}: {reason}")


@dataclass(frozen=True)
class _Lookup:
    """Finds one setting in the argument, the environment, then the profile."""

    # Out of the repr: both may hold keys.
    environ: Mapping[str, str] = field(repr=False)
    profile: Mapping[str, ConfigValue] = field(repr=False)
    profile_name: str

    def find(
        self, key: str, explicit: object, variable: str, argument: str | None = None
    ) -> _Found | None:
        """The first of: ``explicit`` (the ``argument``, by default named ``key``), the
        environment ``variable``, the profile's ``key``."""
        if explicit is not None:
            return _Found(explicit, argument or key, explicit=True)
        if variable in self.environ:
            return _Found(self.environ[variable], variable, explicit=False)
        configured = self.profile.get(key)
        if isinstance(configured, str):
            return _Found(configured, f"{key} in profile {self.profile_name}", explicit=False)
        return None

    def flag(self, key: str, explicit: bool | None, variable: str) -> bool:
        """A boolean setting, false when set nowhere. As botocore's ``utils.ensure_boolean``:
        a bool as is; a string is true iff it is ``true`` in any case; anything else is false."""
        found = self.find(key, explicit, variable)
        value = found.value if found else False
        if isinstance(value, bool):
            return value
        return isinstance(value, str) and value.lower() == "true"


def resolve_client_settings(
    service: str,
    context: ConfigContext,
    *,
    region_name: str | None = None,
    endpoint_url: str | None = None,
    use_fips_endpoint: bool | None = None,
    use_dualstack_endpoint: bool | None = None,
    ignore_configured_endpoint_urls: bool | None = None,
    retry_mode: str | None = None,
    max_attempts: int | None = None,
    verify: bool | str | None = None,
    connect_timeout: float | None = None,
    read_timeout: float | None = None,
) -> ClientSettings:
    """Resolve the settings of a client for ``service`` (botocore's name: ``sso-oidc``, ``signin``).

    ``max_attempts`` counts every attempt, like ``AWS_MAX_ATTEMPTS``. Raises
    :class:`ProfileNotFound` for a missing profile that was asked for,
    :class:`ParamValidationError` for a bad argument and :class:`ConfigurationError` for a bad
    configured value.
    """
    files = load_shared_files(context)
    profile = selected_profile(files, context)
    lookup = _Lookup(context.environ, profile, context.active_profile)
    ignore = lookup.flag(
        "ignore_configured_endpoint_urls",
        ignore_configured_endpoint_urls,
        "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
    )
    mode = _retry_mode(lookup.find("retry_mode", retry_mode, "AWS_RETRY_MODE"))
    return ClientSettings(
        service=service,
        region=region_from(context.environ, profile, region_name),
        endpoint_url=endpoint_url or (None if ignore else _configured_url(service, lookup, files)),
        use_fips_endpoint=lookup.flag(
            "use_fips_endpoint", use_fips_endpoint, "AWS_USE_FIPS_ENDPOINT"
        ),
        use_dualstack_endpoint=lookup.flag(
            "use_dualstack_endpoint", use_dualstack_endpoint, "AWS_USE_DUALSTACK_ENDPOINT"
        ),
        retry_mode=mode,
        max_attempts=_max_attempts(
            lookup.find("max_attempts", max_attempts, "AWS_MAX_ATTEMPTS"), mode
        ),
        verify=_verify(lookup.find("ca_bundle", verify, "AWS_CA_BUNDLE", "verify")),
        connect_timeout=_timeout("connect_timeout", connect_timeout),
        read_timeout=_timeout("read_timeout", read_timeout),
    )


def service_config_key(service: str) -> str:
    """The key of ``service`` in a ``[services]`` block: ``sso-oidc`` -> ``sso_oidc``.

    botocore derives it from the hyphenated service id; for the services here that is the
    client name itself.
    """
    return service.replace("-", "_").lower()


def _configured_url(service: str, lookup: _Lookup, files: SharedFiles) -> str | None:
    """botocore's ``ConfiguredEndpointProvider``: service variable (``sso-oidc``:
    ``AWS_ENDPOINT_URL_SSO_OIDC``), global variable, the profile's ``services`` block, then the
    profile's ``endpoint_url``."""
    environ = lookup.environ
    candidates: tuple[Callable[[], object], ...] = (
        lambda: environ.get(f"AWS_ENDPOINT_URL_{service_config_key(service).upper()}"),
        lambda: environ.get("AWS_ENDPOINT_URL"),
        lambda: _service_block(service, lookup, files).get("endpoint_url"),
        lambda: lookup.profile.get("endpoint_url"),
    )
    return next((url for url in (c() for c in candidates) if isinstance(url, str) and url), None)


def _service_block(service: str, lookup: _Lookup, files: SharedFiles) -> Mapping[str, str]:
    """The service's nested block in the profile's ``services`` section (``{}`` if none)."""
    name = lookup.profile.get("services")
    if not isinstance(name, str):
        return {}
    section = files.services.get(name)
    if not section:
        raise ConfigurationError(
            f"The profile is configured to use the services section but the "
            f'"{name}" services configuration does not exist.'
        )
    block = section.get(service_config_key(service))
    return block if isinstance(block, dict) else {}


def _retry_mode(found: _Found | None) -> str:
    if found is None:
        return DEFAULT_RETRY_MODE
    if found.value not in DEFAULT_MAX_ATTEMPTS:
        raise found.invalid("the retry mode must be one of " + ", ".join(DEFAULT_MAX_ATTEMPTS))
    return str(found.value)


def _max_attempts(found: _Found | None, mode: str) -> int:
    if found is None:
        return DEFAULT_MAX_ATTEMPTS[mode]
    value = found.value
    try:
        attempts = value if isinstance(value, int) else int(str(value))
    except ValueError:
        raise found.invalid("must be a whole number") from None
    if isinstance(value, bool) or attempts < 1:
        raise found.invalid("must be a whole number of at least 1")
    return attempts


def _verify(found: _Found | None) -> bool | str:
    if found is None or found.value == "":
        return True
    if isinstance(found.value, (bool, str)):
        return found.value
    raise found.invalid("must be a boolean or a CA bundle path")


def _timeout(argument: str, value: float | None) -> float | None:
    """Seconds; ``0`` means no timeout at all (the AWS CLI's ``--cli-read-timeout 0``)."""
    if value is None:
        return DEFAULT_TIMEOUT
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ParamValidationError.single(argument, "must be a number of seconds, 0 or more")
    return float(value) or None
