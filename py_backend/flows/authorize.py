"""Authorization URLs and redirect parsing, byte for byte as the AWS CLI v2 builds them.

Sign-In (``aws login``) and SSO OIDC (``aws sso login``) differ in small ways that matter to the
services (path, ``code_challenge_method``, ``scope`` / ``scopes``), so each has its builder.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlsplit

#: What ``aws sso login`` registers and asks for when no scopes are configured.
DEFAULT_SCOPE = "sso:account:access"


def _authorize_url(base_url: str, path: str, params: Mapping[str, str], code_challenge: str) -> str:
    # The query as botocore's percent_encode_sequence writes it, then code_challenge: last and
    # unencoded (it is base64url, so it needs no encoding), as the AWS CLI puts it.
    query = "&".join(
        f"{quote(key, safe='-._~')}={quote(value, safe='-._~')}" for key, value in params.items()
    )
    return f"{base_url.rstrip('/')}{path}?{query}&code_challenge={code_challenge}"


def signin_authorize_url(
    base_url: str, *, client_id: str, state: str, code_challenge: str, redirect_uri: str | None
) -> str:
    """The ``aws login`` authorize URL (``login/utils.py::_get_authorization_uri``)."""
    params = {
        "response_type": "code",
        "client_id": client_id,
        "state": state,
        "code_challenge_method": "SHA-256",
        "scope": "openid",
    }
    if redirect_uri:
        params["redirect_uri"] = redirect_uri
    return _authorize_url(base_url, "/v1/authorize", params, code_challenge)


def sso_authorize_url(
    base_url: str,
    *,
    client_id: str,
    redirect_uri: str,
    state: str,
    code_challenge: str,
    scopes: tuple[str, ...] | list[str] = (),
) -> str:
    """The ``aws sso login`` authorize URL (``SSOTokenFetcherAuth._get_authorization_uri``)."""
    params = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "state": state,
        "code_challenge_method": "S256",
        "scopes": " ".join(scopes) or DEFAULT_SCOPE,
    }
    return _authorize_url(base_url, "/authorize", params, code_challenge)


@dataclass(frozen=True)
class Redirect:
    """What an authorization server sent back to the redirect URI."""

    code: str | None
    state: str | None
    error: str | None

    def __repr__(self) -> str:
        # The code is a one-time secret: never shown.
        code = "'***'" if self.code else "None"
        return f"Redirect(code={code}, state={self.state!r}, error={self.error!r})"


def parse_redirect(location: str) -> Redirect:
    """Read ``code``, ``state`` and ``error`` from a redirect URL's query."""
    query = dict(parse_qsl(urlsplit(location).query))
    return Redirect(query.get("code"), query.get("state"), query.get("error"))
