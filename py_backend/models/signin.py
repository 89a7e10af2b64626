"""AWS Sign-In (service ``signin``, API version 2023-01-01) models for ``CreateOAuth2Token``.

The operation's input is one member, ``tokenInput``, which is the whole HTTP body; its output
is one member, ``tokenOutput``, which is the whole HTTP body. boto3 keeps both wrappers in
Python, and so do these models.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, ClassVar, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_core import PydanticCustomError

from py_backend.models._base import RequestModel, ResponseModel, WireModel
from py_backend.models._grants import require_grant_members

SAME_DEVICE_CLIENT_ID = "arn:aws:signin:::devtools/same-device"
CROSS_DEVICE_CLIENT_ID = "arn:aws:signin:::devtools/cross-device"
SigninClientId = Literal[
    "arn:aws:signin:::devtools/same-device", "arn:aws:signin:::devtools/cross-device"
]
_CODE_VERIFIER = re.compile(r"[A-Za-z0-9\-._~]+")


class CreateOAuth2TokenRequestBody(RequestModel):
    """The ``tokenInput`` structure: an authorization-code redemption or a refresh."""

    grant_needs: ClassVar[dict[str, tuple[str, ...]]] = {
        "authorization_code": ("code", "redirect_uri", "code_verifier"),
        "refresh_token": ("refresh_token",),
    }

    client_id: SigninClientId
    grant_type: Literal["authorization_code", "refresh_token"]
    code: SecretStr | None = Field(default=None, min_length=1, max_length=512)
    redirect_uri: str | None = Field(default=None, min_length=1, max_length=2048)
    code_verifier: SecretStr | None = Field(default=None, min_length=43, max_length=128)
    refresh_token: SecretStr | None = Field(default=None, min_length=1, max_length=2048)

    @field_validator("code_verifier")
    @classmethod
    def _verifier_alphabet(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _CODE_VERIFIER.fullmatch(value.get_secret_value()):
            raise PydanticCustomError(
                "string_pattern_mismatch",
                "does not match the pattern {pattern}",
                {"pattern": _CODE_VERIFIER.pattern},
            )
        return value

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


class AccessToken(WireModel):
    """Temporary AWS credentials returned as Sign-In's "access token"."""

    model_config = {"extra": "ignore"}

    access_key_id: str | None = None
    secret_access_key: SecretStr | None = None
    session_token: SecretStr | None = None


class CreateOAuth2TokenResponseBody(WireModel):
    """The ``tokenOutput`` structure."""

    model_config = {"extra": "ignore"}

    access_token: AccessToken | None = None
    token_type: str | None = None
    expires_in: int | None = None
    refresh_token: SecretStr | None = None
    id_token: SecretStr | None = None


class CreateOAuth2TokenResponse(ResponseModel):
    """Output of ``CreateOAuth2Token``; ``tokenOutput`` holds the body, as in boto3."""

    token_output: CreateOAuth2TokenResponseBody | None = None
