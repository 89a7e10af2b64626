"""AWS Sign-In (service ``signin``, API version 2023-01-01) models for ``CreateOAuth2Token``.

The operation's input is one member, ``tokenInput``, which is the whole HTTP body; its output
is one member, ``tokenOutput``, which is the whole HTTP body. boto3 keeps both wrappers in
Python, and so do these models.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from pydantic import Field, SecretStr, model_validator

from py_backend.models._base import OutputModel, RequestModel, ResponseModel
from py_backend.models._grants import require_grant_members

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

    client_id: str
    grant_type: str
    code: SecretStr | None = Field(default=None, min_length=1)
    redirect_uri: str | None = Field(default=None, min_length=1)
    code_verifier: SecretStr | None = Field(default=None, min_length=43)
    refresh_token: SecretStr | None = Field(default=None, min_length=1)

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

    access_key_id: str | None = None
    secret_access_key: SecretStr | None = None
    session_token: SecretStr | None = None


class CreateOAuth2TokenResponseBody(OutputModel):
    """The ``tokenOutput`` structure."""

    access_token: AccessToken | None = None
    token_type: str | None = None
    expires_in: int | None = None
    refresh_token: SecretStr | None = None
    id_token: SecretStr | None = None


class CreateOAuth2TokenResponse(ResponseModel):
    """Output of ``CreateOAuth2Token``; ``tokenOutput`` holds the body, as in boto3."""

    token_output: CreateOAuth2TokenResponseBody | None = None
