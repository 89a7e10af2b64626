"""AWS Sign-In (service ``signin``, API version 2023-01-01) models for ``CreateOAuth2Token``.

The operation's input is one member, ``tokenInput``, which is the whole HTTP body; its output
is one member, ``tokenOutput``, which is the whole HTTP body. boto3 keeps both wrappers in
Python, and so do these models.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, ClassVar

from pydantic import Field, SecretStr

from py_backend.models._base import OutputModel, RequestModel, ResponseModel
from py_backend.models._grants import GrantRequest
from py_backend.models._members import Doc, Shape

SAME_DEVICE_CLIENT_ID = "arn:aws:signin:::devtools/same-device"
CROSS_DEVICE_CLIENT_ID = "arn:aws:signin:::devtools/cross-device"


class CreateOAuth2TokenRequestBody(GrantRequest):
    """The ``tokenInput`` structure: an authorization-code redemption or a refresh."""

    grant_needs = {
        "authorization_code": ("code", "redirect_uri", "code_verifier"),
        "refresh_token": ("refresh_token",),
    }

    client_id: Annotated[
        str,
        Shape("ClientId"),
        Doc(
            "The OAuth 2.0 client identifier: arn:aws:signin:::devtools/same-device or "
            "arn:aws:signin:::devtools/cross-device."
        ),
    ]
    grant_type: Annotated[
        str,
        Shape("GrantType"),
        Doc(
            "The OAuth 2.0 grant type: authorization_code (exchange an authorization code for "
            "tokens) or refresh_token (use a refresh token to obtain a new access token)."
        ),
    ]
    code: Annotated[
        SecretStr | None,
        Shape("AuthorizationCode"),
        Doc(
            "The authorization code received from the /v1/authorize endpoint. Required when "
            "grantType is authorization_code."
        ),
    ] = Field(default=None, min_length=1)
    redirect_uri: Annotated[
        str | None,
        Shape("RedirectUri"),
        Doc(
            "The redirect URI that was used in the original authorization request. Must "
            "match exactly. Required when grantType is authorization_code."
        ),
    ] = Field(default=None, min_length=1)
    code_verifier: Annotated[
        SecretStr | None,
        Shape("CodeVerifier"),
        Doc(
            "The PKCE code verifier that proves possession of the original code challenge. "
            "Required when grantType is authorization_code."
        ),
    ] = Field(default=None, min_length=43)
    refresh_token: Annotated[
        SecretStr | None,
        Shape("RefreshToken"),
        Doc(
            "The refresh token issued by a previous token response. Required when grantType "
            "is refresh_token."
        ),
    ] = Field(default=None, min_length=1)


class CreateOAuth2TokenRequest(RequestModel):
    """Input of ``CreateOAuth2Token``: ``tokenInput`` is sent as the whole body."""

    operation: ClassVar[str] = "CreateOAuth2Token"

    token_input: Annotated[
        CreateOAuth2TokenRequestBody,
        Doc(
            "Flattened token operation inputs. The grant type in the request body determines "
            "the specific operation."
        ),
    ]

    def wire_body(self, order: Sequence[str] = ()) -> dict[str, Any]:
        """The HTTP body: the ``tokenInput`` members, with no wrapper (``payload`` in the model)."""
        return self.token_input.wire_body(order)


class AccessToken(OutputModel):
    """Temporary AWS credentials returned as Sign-In's "access token"."""

    access_key_id: Annotated[
        str | None, Shape(required=True), Doc("AWS access key ID for temporary credentials.")
    ] = None
    secret_access_key: Annotated[
        SecretStr | None,
        Shape(required=True),
        Doc("AWS secret access key for temporary credentials."),
    ] = None
    session_token: Annotated[
        SecretStr | None, Shape(required=True), Doc("AWS session token for temporary credentials.")
    ] = None


class CreateOAuth2TokenResponseBody(OutputModel):
    """The ``tokenOutput`` structure."""

    access_token: Annotated[
        AccessToken | None,
        Shape(required=True),
        Doc(
            "Scoped-down temporary AWS credentials (15 minute duration), for signing "
            "requests with SigV4."
        ),
    ] = None
    token_type: Annotated[
        str | None,
        Shape("TokenType", required=True),
        Doc("The type of token issued. Value is aws_sigv4."),
    ] = None
    expires_in: Annotated[
        int | None,
        Shape("ExpiresIn", min=1, required=True),
        Doc("Time to expiry in seconds (maximum 900), for both grant types."),
    ] = None
    refresh_token: Annotated[
        SecretStr | None,
        Shape("RefreshToken", min=1, required=True),
        Doc("A refresh token, bound to the client's key when the request carried a DPoP proof."),
    ] = None
    id_token: Annotated[
        SecretStr | None,
        Shape("IdToken", min=1),
        Doc(
            "An ID token containing user identity claims. Present only when grantType is "
            "authorization_code."
        ),
    ] = None


class CreateOAuth2TokenResponse(ResponseModel):
    """Output of ``CreateOAuth2Token``; ``tokenOutput`` holds the body, as in boto3."""

    token_output: Annotated[
        CreateOAuth2TokenResponseBody | None,
        Shape(required=True),
        Doc(
            "Flattened token operation outputs. The specific response fields depend on the "
            "grant type used in the request."
        ),
    ] = None
