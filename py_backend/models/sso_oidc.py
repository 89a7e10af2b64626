"""SSO OIDC (service ``sso-oidc``, API version 2019-06-10) request and response models.

Requests are checked as botocore checks them: required members, types and minimum lengths, never
a maximum, a pattern or an enum (those are the service's, which may widen them). The members a
known grant type needs are checked too; an unknown grant type is sent as it is.
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import SecretStr, model_validator

from py_backend.models._base import OutputModel, RequestModel, ResponseModel
from py_backend.models._grants import (
    DEVICE_CODE_GRANT,
    JWT_BEARER_GRANT,
    TOKEN_EXCHANGE_GRANT,
    require_grant_members,
)
from py_backend.models._members import Shape

ClientId = Annotated[str, Shape("ClientId")]
ClientSecret = Annotated[SecretStr, Shape("ClientSecret")]
GrantType = Annotated[str, Shape("GrantType")]
AuthCode = Annotated[SecretStr, Shape("AuthCode")]
RefreshToken = Annotated[SecretStr, Shape("RefreshToken")]
CodeVerifier = Annotated[SecretStr, Shape("CodeVerifier")]
Uri = Annotated[str, Shape("URI")]
Scopes = Annotated[list[str], Shape("Scopes", element="Scope")]
TokenTypeUri = Annotated[str, Shape("TokenTypeURI")]
ExpiresIn = Annotated[int, Shape("ExpirationInSeconds")]
DeviceCode = Annotated[SecretStr, Shape("DeviceCode")]
Timestamp = Annotated[int, Shape("LongTimeStampType", long=True)]


class CreateTokenRequest(RequestModel):
    """Input of ``CreateToken``: a device code, authorization code or refresh token for tokens."""

    operation: ClassVar[str] = "CreateToken"
    grant_needs: ClassVar[dict[str, tuple[str, ...]]] = {
        DEVICE_CODE_GRANT: ("device_code",),
        "authorization_code": ("code", "redirect_uri"),
        "refresh_token": ("refresh_token",),
    }

    client_id: ClientId
    client_secret: ClientSecret
    grant_type: GrantType
    device_code: DeviceCode | None = None
    code: AuthCode | None = None
    refresh_token: RefreshToken | None = None
    scope: Scopes | None = None
    redirect_uri: Uri | None = None
    code_verifier: CodeVerifier | None = None

    @model_validator(mode="after")
    def _grant_members(self) -> CreateTokenRequest:
        require_grant_members(self, self.grant_type, self.grant_needs)
        return self


class _TokenResponse(ResponseModel):
    """The members both token operations answer with, in the service model's order."""

    access_token: Annotated[SecretStr, Shape("AccessToken")] | None = None
    token_type: Annotated[str, Shape("TokenType")] | None = None
    expires_in: ExpiresIn | None = None
    refresh_token: RefreshToken | None = None
    id_token: Annotated[SecretStr, Shape("IdToken")] | None = None


class CreateTokenResponse(_TokenResponse):
    """Output of ``CreateToken``: a bearer access token, usually with a refresh token."""


class CreateTokenWithIAMRequest(RequestModel):
    """Input of ``CreateTokenWithIAM``: an IAM-signed (SigV4) token request by an application."""

    operation: ClassVar[str] = "CreateTokenWithIAM"
    grant_needs: ClassVar[dict[str, tuple[str, ...]]] = {
        "authorization_code": ("code", "redirect_uri"),
        "refresh_token": ("refresh_token",),
        JWT_BEARER_GRANT: ("assertion",),
        TOKEN_EXCHANGE_GRANT: ("subject_token", "subject_token_type"),
    }

    client_id: ClientId
    grant_type: GrantType
    code: AuthCode | None = None
    refresh_token: RefreshToken | None = None
    assertion: Annotated[SecretStr, Shape("Assertion")] | None = None
    scope: Scopes | None = None
    redirect_uri: Uri | None = None
    subject_token: Annotated[SecretStr, Shape("SubjectToken")] | None = None
    subject_token_type: TokenTypeUri | None = None
    requested_token_type: TokenTypeUri | None = None
    code_verifier: CodeVerifier | None = None

    @model_validator(mode="after")
    def _grant_members(self) -> CreateTokenWithIAMRequest:
        require_grant_members(self, self.grant_type, self.grant_needs)
        return self


class AwsAdditionalDetails(OutputModel):
    """Extra AWS information returned with an IAM token."""

    identity_context: Annotated[str, Shape("IdentityContext")] | None = None


class CreateTokenWithIAMResponse(_TokenResponse):
    """Output of ``CreateTokenWithIAM``: the token members, then the IAM ones."""

    issued_token_type: TokenTypeUri | None = None
    scope: Scopes | None = None
    aws_additional_details: AwsAdditionalDetails | None = None


class RegisterClientRequest(RequestModel):
    """Input of ``RegisterClient``: a public client asks for an id and secret."""

    operation: ClassVar[str] = "RegisterClient"

    client_name: Annotated[str, Shape("ClientName")]
    client_type: Annotated[str, Shape("ClientType")]
    scopes: Scopes | None = None
    redirect_uris: Annotated[list[str], Shape("RedirectUris", element="URI")] | None = None
    grant_types: Annotated[list[str], Shape("GrantTypes", element="GrantType")] | None = None
    issuer_url: Uri | None = None
    entitled_application_arn: Annotated[str, Shape("ArnType")] | None = None


class RegisterClientResponse(ResponseModel):
    """Output of ``RegisterClient``."""

    client_id: ClientId | None = None
    client_secret: ClientSecret | None = None
    client_id_issued_at: Timestamp | None = None
    client_secret_expires_at: Timestamp | None = None
    authorization_endpoint: Uri | None = None
    token_endpoint: Uri | None = None


class StartDeviceAuthorizationRequest(RequestModel):
    """Input of ``StartDeviceAuthorization``."""

    operation: ClassVar[str] = "StartDeviceAuthorization"

    client_id: ClientId
    client_secret: ClientSecret
    start_url: Uri


class StartDeviceAuthorizationResponse(ResponseModel):
    """Output of ``StartDeviceAuthorization``: what the user must approve, and how often to poll."""

    device_code: DeviceCode | None = None
    user_code: Annotated[str, Shape("UserCode")] | None = None
    verification_uri: Uri | None = None
    verification_uri_complete: Uri | None = None
    expires_in: ExpiresIn | None = None
    interval: Annotated[int, Shape("IntervalInSeconds")] | None = None
