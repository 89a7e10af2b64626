"""New-SSOOIDCToken (seed 001)."""

from __future__ import annotations

from py_backend.cmdlets.specs.blocks import REFRESH_HELP_TAIL, member
from py_backend.cmdlets.specs.sso_oidc import doc, sso_oidc_cmdlet

NEW_SSOOIDC_TOKEN = sso_oidc_cmdlet(
    "New",
    "SSOOIDCToken",
    "CreateToken",
    description=(
        "Creates and returns access and refresh tokens for clients that are authenticated using "
        "client secrets. The access token can be used to fetch short-term credentials for the "
        "assigned AWS accounts or to access application APIs using bearer authentication."
    ),
    should_process_target="ClientId",
    members=(
        member(
            "ClientId",
            "clientId",
            doc("CreateToken", "clientId"),
            pipeline=True,
        ),
        member(
            "ClientSecret",
            "clientSecret",
            doc("CreateToken", "clientSecret"),
        ),
        member(
            "Code",
            "code",
            doc("CreateToken", "code")
            + " This grant type is currently unsupported for the CreateToken API.",
        ),
        # Not on the seed page, which predates the member; the current AWS Tools cmdlet
        # has it, and PKCE authorization-code redemption needs it.
        member(
            "CodeVerifier",
            "codeVerifier",
            doc("CreateToken", "codeVerifier"),
        ),
        member(
            "DeviceCode",
            "deviceCode",
            doc("CreateToken", "deviceCode"),
        ),
        member(
            "GrantType",
            "grantType",
            "Supports the following OAuth grant types: Device Code and Refresh Token. Specify "
            "either of the following values, depending on the grant type that you want:\n"
            "* Device Code - urn:ietf:params:oauth:grant-type:device_code\n"
            "* Refresh Token - refresh_token\n"
            "For information about how to obtain the device code, see the "
            "StartDeviceAuthorization topic.",
        ),
        member(
            "RedirectUri",
            "redirectUri",
            doc("CreateToken", "redirectUri"),
        ),
        member(
            "RefreshToken",
            "refreshToken",
            doc("CreateToken", "refreshToken") + f"\n{REFRESH_HELP_TAIL}",
        ),
        member(
            "Scope",
            "scope",
            doc("CreateToken", "scope"),
        ),
    ),
    passthru=True,
)
