"""The four SSO OIDC operation cmdlets.

``New-SSOOIDCToken`` follows its seed (001, an AWS Tools V4 page: it alone has ``-PassThru``);
the other three have no seed and follow the generated V5 sources (see the package's notes).
"""

from __future__ import annotations

from py_backend.cmdlets.specs.blocks import member, operation_cmdlet
from py_backend.service_members import member_doc

REFRESH_HELP_TAIL = (
    "For more information about the features and limitations of the current IAM Identity "
    "Center OIDC implementation, see Considerations for Using this Guide in the IAM Identity "
    "Center OIDC API Reference."
)

NEW_SSOOIDC_TOKEN = operation_cmdlet(
    "New",
    "SSOOIDCToken",
    "sso-oidc",
    "CreateToken",
    (
        member("clientId", pipeline=True),
        member("clientSecret"),
        member(
            "code",
            member_doc("sso-oidc", "CreateToken", "code")
            + " This grant type is currently unsupported for the CreateToken API.",
        ),
        # Not on the seed page, which predates the member; the current AWS Tools cmdlet
        # has it, and PKCE authorization-code redemption needs it.
        member("codeVerifier"),
        member("deviceCode"),
        member(
            "grantType",
            "Supports the following OAuth grant types: Device Code and Refresh Token. Specify "
            "either of the following values, depending on the grant type that you want:\n"
            "* Device Code - urn:ietf:params:oauth:grant-type:device_code\n"
            "* Refresh Token - refresh_token\n"
            "For information about how to obtain the device code, see the "
            "StartDeviceAuthorization topic.",
        ),
        member("redirectUri"),
        member(
            "refreshToken",
            member_doc("sso-oidc", "CreateToken", "refreshToken") + f"\n{REFRESH_HELP_TAIL}",
        ),
        member("scope"),
    ),
    should_process_target="ClientId",
    passthru=True,
)

NEW_SSOOIDC_TOKEN_WITH_IAM = operation_cmdlet(
    "New",
    "SSOOIDCTokenWithIAM",
    "sso-oidc",
    "CreateTokenWithIAM",
    (
        member("assertion"),
        member("clientId", pipeline=True),
        member(
            "code",
            "Used only when calling this API for the Authorization Code grant type. This "
            "short-lived code is used to identify this authorization request. The code is "
            "obtained through a redirect from IAM Identity Center to a redirect URI persisted "
            "in the Authorization Code GrantOptions for the application.",
        ),
        member("codeVerifier"),
        member(
            "grantType",
            "Supports the following OAuth grant types: Authorization Code, Refresh Token, "
            "JWT Bearer, and Token Exchange. Specify one of the following values, depending "
            "on the grant type that you want:\n"
            "* Authorization Code - authorization_code\n"
            "* Refresh Token - refresh_token\n"
            "* JWT Bearer - urn:ietf:params:oauth:grant-type:jwt-bearer\n"
            "* Token Exchange - urn:ietf:params:oauth:grant-type:token-exchange",
        ),
        member("redirectUri"),
        member(
            "refreshToken",
            "Used only when calling this API for the Refresh Token grant type. This token is "
            "used to refresh short-lived tokens, such as the access token, that might "
            f"expire.\n{REFRESH_HELP_TAIL}",
        ),
        member(
            "requestedTokenType",
            "Used only when calling this API for the Token Exchange grant type. This value "
            "specifies the type of token that the requester can receive. The following "
            "values are supported:\n"
            "* Access Token - urn:ietf:params:oauth:token-type:access_token\n"
            "* Refresh Token - urn:ietf:params:oauth:token-type:refresh_token",
        ),
        # The member is already singular ("scope"), so no rename and no alias.
        member("scope"),
        member("subjectToken"),
        member(
            "subjectTokenType",
            "Used only when calling this API for the Token Exchange grant type. This value "
            "specifies the type of token that is passed as the subject of the exchange. The "
            "following value is supported:\n"
            "* Access Token - urn:ietf:params:oauth:token-type:access_token",
        ),
    ),
    should_process_target="ClientId",
)

REGISTER_SSOOIDC_CLIENT = operation_cmdlet(
    "Register",
    "SSOOIDCClient",
    "sso-oidc",
    "RegisterClient",
    (
        member("clientName", pipeline=True),
        member("clientType"),
        member("entitledApplicationArn"),
        member(
            "grantTypes",
            "The list of OAuth 2.0 grant types that are defined by the client. This list is "
            "used to restrict the token granting flows available to the client. Supports "
            "the following OAuth 2.0 grant types: Authorization Code, Device Code, and "
            "Refresh Token.\n"
            "* Authorization Code - authorization_code\n"
            "* Device Code - urn:ietf:params:oauth:grant-type:device_code\n"
            "* Refresh Token - refresh_token",
            singular=True,
        ),
        member("issuerUrl"),
        # The V5 source keeps this name (no singular rename, no alias).
        member("redirectUris"),
        member("scopes", singular=True),
    ),
    should_process_target="ClientName",
)

START_SSOOIDC_DEVICE_AUTHORIZATION = operation_cmdlet(
    "Start",
    "SSOOIDCDeviceAuthorization",
    "sso-oidc",
    "StartDeviceAuthorization",
    (
        member("clientId", pipeline=True),
        member("clientSecret"),
        member(
            "startUrl",
            member_doc("sso-oidc", "StartDeviceAuthorization", "startUrl")
            + " For more information, see Using the Amazon Web Services access portal in the IAM "
            "Identity Center User Guide.",
        ),
    ),
    should_process_target="ClientId",
)

#: The four, in the order the package lists them.
SSO_OIDC_CMDLETS = (
    NEW_SSOOIDC_TOKEN,
    NEW_SSOOIDC_TOKEN_WITH_IAM,
    REGISTER_SSOOIDC_CLIENT,
    START_SSOOIDC_DEVICE_AUTHORIZATION,
)
