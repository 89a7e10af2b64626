"""Client options in boto3's shape (``botocore.config.Config``), without botocore."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any


class _Unsigned:
    """The marker for unsigned requests (``botocore.UNSIGNED`` is accepted too)."""

    def __repr__(self) -> str:
        return "UNSIGNED"

    __str__ = __repr__


UNSIGNED: Any = _Unsigned()


@dataclass(frozen=True)
class ClientConfig:
    """What ``botocore.config.Config`` carries that these clients use.

    A real ``botocore.config.Config`` may be passed wherever a ``ClientConfig`` is taken:
    :meth:`from_any` reads the same attribute names from it.
    """

    region_name: str | None = None
    connect_timeout: float | None = None
    read_timeout: float | None = None
    #: ``{"max_attempts": N}`` (retries after the first) or ``{"total_max_attempts": N}``,
    #: and ``"mode"``, as in botocore.
    retries: Mapping[str, Any] | None = None
    use_fips_endpoint: bool | None = None
    use_dualstack_endpoint: bool | None = None
    proxies: Mapping[str, str | None] | None = None
    user_agent_extra: str | None = None
    #: ``UNSIGNED`` (or botocore's ``UNSIGNED``) sends even ``CreateTokenWithIAM`` unsigned,
    #: as ``--no-sign-request`` does in the AWS CLI.
    signature_version: Any = None

    @property
    def unsigned(self) -> bool:
        """Whether requests are sent without a SigV4 signature."""
        marker = self.signature_version
        # botocore.UNSIGNED is the only instance of a class named UNSIGNED.
        return marker is UNSIGNED or type(marker).__name__ == "UNSIGNED" or marker == "UNSIGNED"

    @classmethod
    def from_any(cls, config: Any) -> ClientConfig:
        """A ``ClientConfig`` from ``None``, a ``ClientConfig``, a botocore ``Config`` or a dict."""
        if config is None:
            return cls()
        if isinstance(config, cls):
            return config
        source = config if isinstance(config, Mapping) else vars(config)
        known = {f.name for f in fields(cls)}
        return cls(**{name: source[name] for name in known if source.get(name) is not None})

    def merge(self, other: ClientConfig) -> ClientConfig:
        """This config with every option ``other`` sets taking precedence (botocore's
        ``Config.merge``: part of the public, boto3-shaped type, even if nothing here calls it)."""
        changes = {f.name: getattr(other, f.name) for f in fields(other)}
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @property
    def total_max_attempts(self) -> int | None:
        """Attempts in all, first included (botocore's ``max_attempts`` counts retries)."""
        if not self.retries:
            return None
        if "total_max_attempts" in self.retries:
            return int(self.retries["total_max_attempts"])
        if "max_attempts" in self.retries:
            return int(self.retries["max_attempts"]) + 1
        return None

    @property
    def retry_mode(self) -> str | None:
        """botocore's retry mode name, when set."""
        return str(self.retries["mode"]) if self.retries and "mode" in self.retries else None
