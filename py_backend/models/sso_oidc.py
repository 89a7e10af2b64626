"""SSO OIDC (service ``sso-oidc``, API version 2019-06-10) request and response models.

Requests are checked as botocore checks them: required members, types and minimum lengths, never
a maximum, a pattern or an enum (those are the service's, which may widen them). The members a
known grant type needs are checked too; an unknown grant type is sent as it is.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import SecretStr, model_validator

from py_backend.models._base import OutputModel, RequestModel, ResponseModel
from py_backend.models._grants import (
    DEVICE_CODE_GRANT,
    JWT_BEARER_GRANT,
    TOKEN_EXCHANGE_GRANT,
    require_grant_members,
)


class CreateTokenRequest(RequestModel):
    """Input of ``CreateToken``: a device code, authorization code or refresh token for tokens."""

    operation: ClassVar[str] = "CreateToken"
    grant_needs: ClassVar[dict[str, tuple[str, ...]]] = {
        DEVICE_CODE_GRANT: ("device_code",),
        "authorization_code": ("code", "redirect_uri"),
        "refresh_token": ("refresh_token",),
    }

    client_id: str
    client_secret: SecretStr
    grant_type: str
    device_code: SecretStr | None = None
    code: SecretStr | None = None
    refresh_token: SecretStr | None = None
    scope: list[str] | None = None
    redirect_uri: str | None = None
    code_verifier: SecretStr | None = None

    @model_validator(mode="after")
    def _grant_members(self) -> CreateTokenRequest:
        require_grant_members(self, self.grant_type, self.grant_needs)
        return self


class CreateTokenResponse(ResponseModel):
    """Output of ``CreateToken``: a bearer access token, usually with a refresh token."""

    access_token: SecretStr | None = None
    token_type: str | None = None
    expires_in: int | None = None
    refresh_token: SecretStr | None = None
    id_token: SecretStr | None = None


class CreateTokenWithIAMRequest(RequestModel):
    """Input of ``CreateTokenWithIAM``: an IAM-signed (SigV4) token request by an application."""

    operation: ClassVar[str] = "CreateTokenWithIAM"
    grant_needs: ClassVar[dict[str, tuple[str, ...]]] = {
        "authorization_code": ("code", "redirect_uri"),
        "refresh_token": ("refresh_token",),
        JWT_BEARER_GRANT: ("assertion",),
        TOKEN_EXCHANGE_GRANT: ("subject_token", "subject_token_type"),
    }

    client_id: str
    grant_type: str
    code: SecretStr | None = None
    refresh_token: SecretStr | None = None
    assertion: SecretStr | None = None
    scope: list[str] | None = None
    redirect_uri: str | None = None
    subject_token: SecretStr | None = None
    subject_token_type: str | None = None
    requested_token_type: str | None = None
    code_verifier: SecretStr | None = None

    @model_validator(mode="after")
    def _grant_members(self) -> CreateTokenWithIAMRequest:
        require_grant_members(self, self.grant_type, self.grant_needs)
        return self


class AwsAdditionalDetails(OutputModel):
    """Extra AWS information returned with an IAM token."""

    identity_context: str | None = None


class CreateTokenWithIAMResponse(ResponseModel):
    """Output of ``CreateTokenWithIAM``."""

    access_token: SecretStr | None = None
    token_type: str | None = None
    expires_in: int | None = None
    refresh_token: SecretStr | None = None
    id_token: SecretStr | None = None
    issued_token_type: str | None = None
    scope: list[str] | None = None
    aws_additional_details: AwsAdditionalDetails | None = None


class RegisterClientRequest(RequestModel):
    """Input of ``RegisterClient``: a public client asks for an id and secret."""

    operation: ClassVar[str] = "RegisterClient"

    client_name: str
    client_type: str
    scopes: list[str] | None = None
    redirect_uris: list[str] | None = None
    grant_types: list[str] | None = None
    issuer_url: str | None = None
    entitled_application_arn: str | None = None


class RegisterClientResponse(ResponseModel):
    """Output of ``RegisterClient``."""

    client_id: str | None = None
    client_secret: SecretStr | None = None
    client_id_issued_at: int | None = None
    client_secret_expires_at: int | None = None
    authorization_endpoint: str | None = None
    token_endpoint: str | None = None


class StartDeviceAuthorizationRequest(RequestModel):
    """Input of ``StartDeviceAuthorization``."""

    operation: ClassVar[str] = "StartDeviceAuthorization"

    client_id: str
    client_secret: SecretStr
    start_url: str


class StartDeviceAuthorizationResponse(ResponseModel):
    """Output of ``StartDeviceAuthorization``: what the user must approve, and how often to poll."""

    device_code: SecretStr | None = None
    user_code: str | None = None
    verification_uri: str | None = None
    verification_uri_complete: str | None = None
    expires_in: int | None = None
    interval: int | None = None
