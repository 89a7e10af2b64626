"""The commands: SSO OIDC (2019-06-10) and AWS Sign-In (2023-01-01), as the AWS CLI v1 has them.

Shapes follow the service models botocore ships (member order, required members, ``min``,
list member shape names); ``tests/cli/test_catalog.py`` checks them against botocore.
"""

from __future__ import annotations

from py_backend.cli.model import (
    Member,
    Operation,
    Service,
    Shape,
    integer,
    list_of,
    long,
    string,
    structure,
)

_URI = string("URI")
_SCOPES = list_of("Scopes", string("Scope"))
_TOKEN_TYPE_URI = string("TokenTypeURI")
_EXPIRES_IN = integer("ExpirationInSeconds")


def _secret(name: str, shape: Shape) -> Member:
    return Member(name, shape, secret=True)


_TOKEN_MEMBERS = (
    _secret("accessToken", string("AccessToken")),
    Member("tokenType", string("TokenType")),
    Member("expiresIn", _EXPIRES_IN),
    _secret("refreshToken", string("RefreshToken")),
    _secret("idToken", string("IdToken")),
)

CREATE_TOKEN = Operation(
    service="sso-oidc",
    name="CreateToken",
    cli_name="create-token",
    input=structure(
        "CreateTokenRequest",
        Member("clientId", string("ClientId")),
        _secret("clientSecret", string("ClientSecret")),
        Member("grantType", string("GrantType")),
        _secret("deviceCode", string("DeviceCode")),
        _secret("code", string("AuthCode")),
        _secret("refreshToken", string("RefreshToken")),
        Member("scope", _SCOPES),
        Member("redirectUri", _URI),
        _secret("codeVerifier", string("CodeVerifier")),
        required=("clientId", "clientSecret", "grantType"),
    ),
    output=structure("CreateTokenResponse", *_TOKEN_MEMBERS),
)

CREATE_TOKEN_WITH_IAM = Operation(
    service="sso-oidc",
    name="CreateTokenWithIAM",
    cli_name="create-token-with-iam",
    input=structure(
        "CreateTokenWithIAMRequest",
        Member("clientId", string("ClientId")),
        Member("grantType", string("GrantType")),
        _secret("code", string("AuthCode")),
        _secret("refreshToken", string("RefreshToken")),
        _secret("assertion", string("Assertion")),
        Member("scope", _SCOPES),
        Member("redirectUri", _URI),
        _secret("subjectToken", string("SubjectToken")),
        Member("subjectTokenType", _TOKEN_TYPE_URI),
        Member("requestedTokenType", _TOKEN_TYPE_URI),
        _secret("codeVerifier", string("CodeVerifier")),
        required=("clientId", "grantType"),
    ),
    output=structure(
        "CreateTokenWithIAMResponse",
        *_TOKEN_MEMBERS,
        Member("issuedTokenType", _TOKEN_TYPE_URI),
        Member("scope", _SCOPES),
        Member(
            "awsAdditionalDetails",
            structure("AwsAdditionalDetails", Member("identityContext", string("IdentityContext"))),
        ),
    ),
)

REGISTER_CLIENT = Operation(
    service="sso-oidc",
    name="RegisterClient",
    cli_name="register-client",
    input=structure(
        "RegisterClientRequest",
        Member("clientName", string("ClientName")),
        Member("clientType", string("ClientType")),
        Member("scopes", _SCOPES),
        Member("redirectUris", list_of("RedirectUris", _URI)),
        Member("grantTypes", list_of("GrantTypes", string("GrantType"))),
        Member("issuerUrl", _URI),
        Member("entitledApplicationArn", string("ArnType")),
        required=("clientName", "clientType"),
    ),
    output=structure(
        "RegisterClientResponse",
        Member("clientId", string("ClientId")),
        _secret("clientSecret", string("ClientSecret")),
        Member("clientIdIssuedAt", long("LongTimeStampType")),
        Member("clientSecretExpiresAt", long("LongTimeStampType")),
        Member("authorizationEndpoint", _URI),
        Member("tokenEndpoint", _URI),
    ),
)

START_DEVICE_AUTHORIZATION = Operation(
    service="sso-oidc",
    name="StartDeviceAuthorization",
    cli_name="start-device-authorization",
    input=structure(
        "StartDeviceAuthorizationRequest",
        Member("clientId", string("ClientId")),
        _secret("clientSecret", string("ClientSecret")),
        Member("startUrl", _URI),
        required=("clientId", "clientSecret", "startUrl"),
    ),
    output=structure(
        "StartDeviceAuthorizationResponse",
        _secret("deviceCode", string("DeviceCode")),
        Member("userCode", string("UserCode")),
        Member("verificationUri", _URI),
        Member("verificationUriComplete", _URI),
        Member("expiresIn", _EXPIRES_IN),
        Member("interval", integer("IntervalInSeconds")),
    ),
)

_TEMPORARY_CREDENTIALS = structure(
    "AccessToken",
    Member("accessKeyId", string("String")),
    _secret("secretAccessKey", string("String")),
    _secret("sessionToken", string("String")),
    required=("accessKeyId", "secretAccessKey", "sessionToken"),
)

CREATE_OAUTH2_TOKEN = Operation(
    service="signin",
    name="CreateOAuth2Token",
    cli_name="create-oauth2-token",
    aliases=("create-o-auth2-token",),
    input=structure(
        "CreateOAuth2TokenRequest",
        Member(
            "tokenInput",
            structure(
                "CreateOAuth2TokenRequestBody",
                Member("clientId", string("ClientId")),
                Member("grantType", string("GrantType")),
                _secret("code", string("AuthorizationCode", min=1)),
                Member("redirectUri", string("RedirectUri", min=1)),
                _secret("codeVerifier", string("CodeVerifier", min=43)),
                _secret("refreshToken", string("RefreshToken", min=1)),
                required=("clientId", "grantType"),
            ),
        ),
        required=("tokenInput",),
    ),
    output=structure(
        "CreateOAuth2TokenResponse",
        Member(
            "tokenOutput",
            structure(
                "CreateOAuth2TokenResponseBody",
                Member("accessToken", _TEMPORARY_CREDENTIALS),
                Member("tokenType", string("TokenType")),
                Member("expiresIn", integer("ExpiresIn", min=1)),
                _secret("refreshToken", string("RefreshToken", min=1)),
                _secret("idToken", string("IdToken", min=1)),
                required=("accessToken", "tokenType", "expiresIn", "refreshToken"),
            ),
        ),
        required=("tokenOutput",),
    ),
)

SERVICES: dict[str, Service] = {
    "signin": Service("signin", (CREATE_OAUTH2_TOKEN,)),
    "sso-oidc": Service(
        "sso-oidc",
        (CREATE_TOKEN, CREATE_TOKEN_WITH_IAM, REGISTER_CLIENT, START_DEVICE_AUTHORIZATION),
    ),
}
