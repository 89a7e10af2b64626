"""AWS Sign-In (service ``signin``, API version 2023-01-01) models for ``CreateOAuth2Token``.

The operation's input is one member, ``tokenInput``, which is the whole HTTP body; its output
is one member, ``tokenOutput``, which is the whole HTTP body. boto3 keeps both wrappers in
Python, and so do these models.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, ClassVar

from pydantic import Field, SecretStr, model_validator

from py_backend.models._base import OutputModel, RequestModel, ResponseModel
from py_backend.models._grants import require_grant_members
from py_backend.models._members import Shape

SAME_DEVICE_CLIENT_ID = "arn:aws:signin:::devtools/same-device"
CROSS_DEVICE_CLIENT_ID = "arn:aws:signin:::devtools/cross-device"


class CreateOAuth2TokenRequestBody(RequestModel):
    """The ``tokenInput`` structure: an authorization-code redemption or a refresh.

    Checked as botocore checks it: required members, types and minimum lengths. The model's
    maximum lengths and patterns are the service's to enforce (it raised the refresh token's
    limit from 2,048 to 12,288 once), so a client that refused them would break on the next raise.
    """

    grant_needs: ClassVar[dict[str, tuple[str, ...]]] = {
        "authorization_code": ("code", "redirect_uri", "code_verifier"),
        "refresh_token": ("refresh_token",),
    }

    client_id: Annotated[str, Shape("ClientId")]
    grant_type: Annotated[str, Shape("GrantType")]
    code: Annotated[SecretStr, Shape("AuthorizationCode")] | None = Field(
        default=None, min_length=1
    )
    redirect_uri: Annotated[str, Shape("RedirectUri")] | None = Field(default=None, min_length=1)
    code_verifier: Annotated[SecretStr, Shape("CodeVerifier")] | None = Field(
        default=None, min_length=43
    )
    refresh_token: Annotated[SecretStr, Shape("RefreshToken")] | None = Field(
        default=None, min_length=1
    )

    @model_validator(mode="after")
    def _grant_members(self) -> CreateOAuth2TokenRequestBody:
        require_grant_members(self, self.grant_type, self.grant_needs)
        return self


class CreateOAuth2TokenRequest(RequestModel):
    """Input of ``CreateOAuth2Token``: ``tokenInput`` is sent as the whole body."""

    operation: ClassVar[str] = "CreateOAuth2Token"

    token_input: CreateOAuth2TokenRequestBody

    def wire_body(self, order: Sequence[str] = ()) -> dict[str, Any]:
        """The HTTP body: the ``tokenInput`` members, with no wrapper (``payload`` in the model)."""
        return self.token_input.wire_body(order)


class AccessToken(OutputModel):
    """Temporary AWS credentials returned as Sign-In's "access token"."""

    access_key_id: Annotated[str, Shape(required=True)] | None = None
    secret_access_key: Annotated[SecretStr, Shape(required=True)] | None = None
    session_token: Annotated[SecretStr, Shape(required=True)] | None = None


class CreateOAuth2TokenResponseBody(OutputModel):
    """The ``tokenOutput`` structure."""

    access_token: Annotated[AccessToken, Shape(required=True)] | None = None
    token_type: Annotated[str, Shape("TokenType", required=True)] | None = None
    expires_in: Annotated[int, Shape("ExpiresIn", min=1, required=True)] | None = None
    refresh_token: Annotated[SecretStr, Shape("RefreshToken", min=1, required=True)] | None = None
    id_token: Annotated[SecretStr, Shape("IdToken", min=1)] | None = None


class CreateOAuth2TokenResponse(ResponseModel):
    """Output of ``CreateOAuth2Token``; ``tokenOutput`` holds the body, as in boto3."""

    token_output: Annotated[CreateOAuth2TokenResponseBody, Shape(required=True)] | None = None
