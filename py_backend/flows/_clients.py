"""Making the service clients a flow uses, from a :class:`Session` or the environment."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypedDict
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec

from py_backend.client import SigninClient, SSOOIDCClient
from py_backend.session import Session

__all__ = ["ClientFactory", "ClientOptions", "origin"]


class ClientOptions(TypedDict, total=False):
    """The keywords a cache loader takes for the clients of a refresh: :class:`ClientFactory`'s."""

    session: Session | None
    environ: Mapping[str, str] | None
    endpoint_url: str | None
    verify: bool | str | None


@dataclass(frozen=True)
class ClientFactory:
    """Makes the service clients a flow uses: from the session (default:
    ``Session(environ=environ)``), an endpoint override and TLS, and ``cancelled`` (a cmdlet's
    Ctrl+C: :meth:`Session.client`). ``endpoint_url`` replaces the resolved endpoint (the
    emulator), as ``AWS_ENDPOINT_URL_SSO_OIDC`` / ``AWS_ENDPOINT_URL_SIGNIN`` do in botocore.
    """

    session: Session | None = None
    #: Out of the repr: the environment may hold AWS_SECRET_ACCESS_KEY or a session token.
    environ: Mapping[str, str] | None = field(default=None, repr=False)
    endpoint_url: str | None = None
    verify: bool | str | None = None
    cancelled: threading.Event | None = None

    def _session(self) -> Session:
        return self.session if self.session is not None else Session(environ=self.environ)

    def _options(self) -> dict[str, Any]:
        """What every client of the flow is made with, besides its region."""
        return {name: getattr(self, name) for name in ("endpoint_url", "verify", "cancelled")}

    def sso_oidc(self, region: str) -> SSOOIDCClient:
        """An SSO OIDC client for ``region``."""
        return self._session().client("sso-oidc", region_name=region, **self._options())

    def signin(self, region: str | None, dpop_key: ec.EllipticCurvePrivateKey) -> SigninClient:
        """A Sign-In client whose token requests carry DPoP proofs signed by ``dpop_key``."""
        return self._session().client(
            "signin", region_name=region, dpop_key=dpop_key, **self._options()
        )


def origin(url: str) -> str:
    """``scheme://host[:port]`` of ``url``: the base of the unmodeled authorize pages.

    The AWS CLI finds it the same way, from the resolved endpoint of a modeled operation.
    """
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
