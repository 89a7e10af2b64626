"""``Session``: boto3's entry point, made of py_backend's configuration and clients."""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, overload

import httpx

from py_backend.auth.credentials import Credentials
from py_backend.client import BaseClient, SigninClient, SSOClient, SSOOIDCClient
from py_backend.client_config import ClientConfig
from py_backend.config.client_settings import ClientSettings, resolve_client_settings
from py_backend.config.context import ConfigContext
from py_backend.config.credentials_chain import (
    CredentialProvider,
    explicit_credentials,
    resolve_credentials,
    standard_providers,
)
from py_backend.config.region import resolve_region
from py_backend.endpoints import normalize_fips_region, resolve_endpoint
from py_backend.errors import NoRegionError
from py_backend.transport import TransportSettings

if TYPE_CHECKING:
    # Annotations only: cryptography is imported by the calls that sign (issue 15).
    from cryptography.hazmat.primitives.asymmetric import ec

ServiceName = Literal["sso-oidc", "signin", "sso"]
_CLIENTS: dict[str, type[BaseClient]] = {
    "sso-oidc": SSOOIDCClient,
    "signin": SigninClient,
    "sso": SSOClient,
}


class Session:
    """Where credentials and the region come from, as in ``boto3.session.Session``.

    Takes boto3's keywords. ``environ`` (default: the process environment, read once) and the
    file paths can be injected, which the RPC server and the tests use.
    """

    def __init__(
        self,
        aws_access_key_id: str | None = None,
        aws_secret_access_key: str | None = None,
        aws_session_token: str | None = None,
        region_name: str | None = None,
        profile_name: str | None = None,
        *,
        environ: Mapping[str, str] | None = None,
        config_file: str | os.PathLike[str] | None = None,
        credentials_file: str | os.PathLike[str] | None = None,
    ) -> None:
        self._context = ConfigContext.from_environ(
            environ,
            profile=profile_name,
            config_file=config_file,
            credentials_file=credentials_file,
        )
        self._explicit = explicit_credentials(
            aws_access_key_id, aws_secret_access_key, aws_session_token
        )
        self._region_name = region_name

    def __repr__(self) -> str:
        return f"Session(region_name={self.region_name!r}, profile_name={self.profile_name!r})"

    @property
    def profile_name(self) -> str:
        """The profile in effect (``default`` when none was named)."""
        return self._context.active_profile

    @property
    def region_name(self) -> str | None:
        """The region in effect: the argument, ``AWS_DEFAULT_REGION``, or the profile's."""
        return resolve_region(self._context, self._region_name)

    def get_credentials(self) -> Credentials | None:
        """The credentials the chain finds, or ``None`` (unsigned operations need none)."""
        if self._explicit is not None:
            return self._explicit
        return resolve_credentials(self._context, providers=self.credential_providers())

    def credential_providers(self) -> list[CredentialProvider]:
        """The chain's profile providers: botocore's, except ``aws login``'s.

        Its provider needs this layer's clients, so a session above (``py_backend.Session``,
        :class:`py_backend.flows.login_session.SessionWithLogin`) adds it.
        """
        return standard_providers()

    def get_available_services(self) -> list[str]:
        """The services this library has clients for."""
        return sorted(_CLIENTS)

    @overload
    def client(self, service_name: Literal["sso-oidc"], **kwargs: Any) -> SSOOIDCClient: ...
    @overload
    def client(self, service_name: Literal["signin"], **kwargs: Any) -> SigninClient: ...
    @overload
    def client(self, service_name: Literal["sso"], **kwargs: Any) -> SSOClient: ...
    def client(self, service_name: str, **kwargs: Any) -> BaseClient:
        """Create a client for ``"sso-oidc"``, ``"signin"`` or ``"sso"``, with boto3's keywords.

        Keywords: ``region_name``, ``api_version``, ``use_ssl``, ``verify``, ``endpoint_url``,
        ``aws_access_key_id``, ``aws_secret_access_key``, ``aws_session_token``, ``config`` (a
        :class:`ClientConfig` or a ``botocore.config.Config``), and three of this library's own:
        ``dpop_key`` (Sign-In only: every token request carries a DPoP proof),
        ``http_transport`` (an ``httpx`` transport that replaces the network; default: the one
        :func:`~py_backend.transport.use_http_transport` set, if any) and ``cancelled`` (a
        ``threading.Event``; once it is set no request is sent or retried, and a
        :class:`~py_backend.cancellation.Cancellation` also closes a request in flight).
        """
        return self._create_client(service_name, **kwargs)

    def _create_client(
        self,
        service_name: str,
        region_name: str | None = None,
        api_version: str | None = None,
        use_ssl: bool = True,
        verify: bool | str | None = None,
        endpoint_url: str | None = None,
        aws_access_key_id: str | None = None,
        aws_secret_access_key: str | None = None,
        aws_session_token: str | None = None,
        config: Any = None,
        *,
        dpop_key: ec.EllipticCurvePrivateKey | None = None,
        http_transport: httpx.BaseTransport | None = None,
        cancelled: threading.Event | None = None,
    ) -> BaseClient:
        client_class = _CLIENTS.get(service_name)
        if client_class is None:
            raise ValueError(
                f"Unknown service: {service_name!r}. Valid service names are: "
                + ", ".join(sorted(_CLIENTS))
            )
        options = ClientConfig.from_any(config)
        settings = resolve_client_settings(
            service_name,
            self._context,
            region_name=region_name or options.region_name or self._region_name,
            endpoint_url=endpoint_url,
            use_fips_endpoint=options.use_fips_endpoint,
            use_dualstack_endpoint=options.use_dualstack_endpoint,
            retry_mode=options.retry_mode,
            max_attempts=options.total_max_attempts,
            verify=verify,
            connect_timeout=options.connect_timeout,
            read_timeout=options.read_timeout,
        )
        custom = settings.endpoint_url is not None
        # botocore keeps a region_name of "" as given: with an endpoint URL the client works
        # (unsigned calls need no region; signed ones fail with NoRegionError before sending).
        empty = region_name == "" and custom
        if settings.region is None and not empty:
            raise NoRegionError()
        # A pseudo-region such as "fips-us-east-1" means the real region with FIPS on; a
        # custom endpoint turns FIPS and dual-stack off, as botocore's clients do.
        region, fips_region = ("", False) if empty else normalize_fips_region(settings.region or "")
        explicit = explicit_credentials(aws_access_key_id, aws_secret_access_key, aws_session_token)
        use_fips = bool(settings.use_fips_endpoint or fips_region) and not custom
        use_dualstack = bool(settings.use_dualstack_endpoint) and not custom
        extra: dict[str, Any] = (
            {"dpop_key": dpop_key, "endpoint_flags": (use_fips, use_dualstack)}
            if client_class is SigninClient
            else {}
        )
        return client_class(
            endpoint_url=str(settings.endpoint_url)
            if empty
            else resolve_endpoint(
                service_name,
                region,
                use_fips=use_fips,
                use_dualstack=use_dualstack,
                endpoint_url=settings.endpoint_url,
            ),
            region_name=region,
            config=options,
            transport_settings=_transport_settings(settings, options, use_ssl),
            credentials=lambda: explicit or self.get_credentials(),
            http_transport=http_transport,
            cancelled=cancelled,
            endpoint_overridden=custom,
            **extra,
        )


def _transport_settings(
    settings: ClientSettings, options: ClientConfig, use_ssl: bool
) -> TransportSettings:
    return TransportSettings(
        connect_timeout=settings.connect_timeout,
        read_timeout=settings.read_timeout,
        verify=settings.verify if use_ssl else False,
        max_attempts=settings.max_attempts,
        retry_mode=settings.retry_mode,
        proxies=options.proxies,
        user_agent_extra=options.user_agent_extra or "",
    )
