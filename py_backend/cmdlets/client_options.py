"""``-ClientConfig``: the AmazonSSOOIDCConfig / AmazonSigninConfig settings this wrapper honours.

The module passes the hashtable as a JSON object. Keys are matched case-insensitively, as
PowerShell hashtables match them:

=====================  ==========================================================
``ServiceURL``         the endpoint (``-EndpointUrl`` wins over it, as in the AWS Tools)
``RegionEndpoint``     the region (``-Region`` wins; it beats every other source)
``Timeout``            seconds, ``"hh:mm:ss"`` or a TimeSpan object (``TotalSeconds``)
``MaxErrorRetry``      retries after the first attempt
``UseFIPSEndpoint``    boolean
``UseDualstackEndpoint`` boolean
``ProxyHost``          proxy host name or URL
``ProxyPort``          proxy port (1-65535; -1 means unset, the .NET default)
=====================  ==========================================================

Anything else is refused with an error naming the key.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from py_backend.client_config import ClientConfig
from py_backend.cmdlets.errors import INVALID_ARGUMENT, CmdletError
from py_backend.cmdlets.specs import CLIENT_CONFIG_KEYS

_TIMESPAN = re.compile(r"^(?:(\d+)\.)?(\d{1,2}):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$")
#: The AWS SDK for .NET's ``ClientConfig.Timeout`` limit: ``Int32.MaxValue`` milliseconds.
MAX_TIMEOUT_SECONDS = 2_147_483.647


@dataclass(frozen=True)
class ClientConfigParameter:
    """What ``-ClientConfig`` asks for, in the core's terms."""

    service_url: str | None = None
    region: str | None = None
    config: ClientConfig = field(default_factory=ClientConfig)


def client_options(cmdlet: str, value: Any) -> ClientConfigParameter:
    """Read ``-ClientConfig`` (``None`` gives the defaults) or raise :class:`CmdletError`."""
    if value is None:
        return ClientConfigParameter()
    if not isinstance(value, Mapping):
        raise _bad(cmdlet, "must be a hashtable of AmazonConfig settings")
    settings = _canonical_keys(cmdlet, value)
    timeout = _read(cmdlet, settings, "Timeout", _seconds)
    retries = _read(cmdlet, settings, "MaxErrorRetry", _retry_count)
    return ClientConfigParameter(
        service_url=_read(cmdlet, settings, "ServiceURL", _url),
        region=_read(cmdlet, settings, "RegionEndpoint", _region),
        config=ClientConfig(
            connect_timeout=timeout,
            read_timeout=timeout,
            retries=None if retries is None else {"max_attempts": retries},
            use_fips_endpoint=_read(cmdlet, settings, "UseFIPSEndpoint", _boolean),
            use_dualstack_endpoint=_read(cmdlet, settings, "UseDualstackEndpoint", _boolean),
            proxies=_proxies(cmdlet, settings),
        ),
    )


def _canonical_keys(cmdlet: str, value: Mapping[Any, Any]) -> dict[str, Any]:
    known = {key.casefold(): key for key in CLIENT_CONFIG_KEYS}
    settings: dict[str, Any] = {}
    for key, item in value.items():
        canonical = known.get(str(key).casefold())
        if canonical is None:
            raise _bad(
                cmdlet,
                f"has an unsupported setting '{key}'; supported: " + ", ".join(CLIENT_CONFIG_KEYS),
            )
        settings[canonical] = item
    return settings


def _read(cmdlet: str, settings: Mapping[str, Any], key: str, parse: Callable[[Any], Any]) -> Any:
    value = settings.get(key)
    if value is None:
        return None
    try:
        return parse(value)
    except ValueError as problem:
        raise _bad(cmdlet, f"setting '{key}' {problem}") from None


def _url(value: Any) -> str:
    if isinstance(value, str) and re.match(r"^https?://[^\s/?#]+", value) and _parses(value):
        return value
    raise ValueError("must be an http:// or https:// URL")


def _parses(url: str) -> bool:
    """Whether ``url``'s host and port can be read (``http://[::1`` cannot)."""
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises for a port that is not a number from 0 to 65535
    except ValueError:
        return False
    return bool(parts.hostname)


def endpoint_url(cmdlet: str, value: Any) -> str | None:
    """``-EndpointUrl``, checked; empty counts as not given (the AWS Tools ignore it)."""
    if not value:
        return None
    try:
        return _url(value)
    except ValueError as problem:
        raise INVALID_ARGUMENT(f"-EndpointUrl {problem}.", cmdlet, "EndpointUrl") from None


def _region(value: Any) -> str:
    # A RegionEndpoint object arrives as its properties; its SystemName is the region.
    name = value.get("SystemName") if isinstance(value, Mapping) else value
    if isinstance(name, str) and name:
        return name
    raise ValueError("must be a region name such as us-east-1")


def _seconds(value: Any) -> float:
    if isinstance(value, Mapping):
        value = value.get("TotalSeconds")
    if isinstance(value, str):
        value = _timespan_seconds(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ValueError("must be a positive number of seconds or a TimeSpan")
    if not math.isfinite(value) or value > MAX_TIMEOUT_SECONDS:
        # As the AWS SDK for .NET: at most Int32.MaxValue milliseconds (about 24.8 days).
        raise ValueError(f"must be at most {MAX_TIMEOUT_SECONDS} seconds (24.20:31:23.647)")
    return float(value)


def _timespan_seconds(text: str) -> float | None:
    match = _TIMESPAN.match(text.strip())
    if match is None:
        return None
    days, hours, minutes, seconds = match.groups()
    return int(days or 0) * 86400 + int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def _retry_count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("must be a whole number of retries, 0 or more")
    return value


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be $true or $false")
    return value


def _proxies(cmdlet: str, settings: Mapping[str, Any]) -> dict[str, str] | None:
    host = settings.get("ProxyHost")
    port = settings.get("ProxyPort")
    if port is not None and (isinstance(port, bool) or not isinstance(port, int)):
        raise _bad(cmdlet, "setting 'ProxyPort' must be a port number")
    if port is not None and port != -1 and not 1 <= port <= 65535:
        raise _bad(cmdlet, "setting 'ProxyPort' must be between 1 and 65535")
    if host is None:
        if port not in (None, -1):
            raise _bad(cmdlet, "setting 'ProxyPort' needs 'ProxyHost'")
        return None
    if not isinstance(host, str) or not host.strip():
        raise _bad(cmdlet, "setting 'ProxyHost' must be a host name")
    url = host if "://" in host else f"http://{host}"
    if port not in (None, -1):
        url = f"{url.rstrip('/')}:{port}"
    if not re.match(r"^https?://", url, re.IGNORECASE) or not _parses(url):
        # httpx (and the .NET WebProxy) speak only HTTP to a proxy: socks5:// is refused here.
        raise _bad(cmdlet, "setting 'ProxyHost' must be a host name or an http:// proxy URL")
    return {"http": url, "https": url}


def _bad(cmdlet: str, problem: str) -> CmdletError:
    return INVALID_ARGUMENT(f"-ClientConfig {problem}.", cmdlet, "ClientConfig")
