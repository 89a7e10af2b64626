"""New-SSOOIDCTokenWithIAM (no seed: V5 source)."""

from __future__ import annotations

from py_backend.cmdlets.specs.blocks import AUTH_CODE_ONLY, REFRESH_HELP_TAIL, member
from py_backend.cmdlets.specs.sso_oidc import doc, sso_oidc_cmdlet

NEW_SSOOIDC_TOKEN_WITH_IAM = sso_oidc_cmdlet(
    "New",
    "SSOOIDCTokenWithIAM",
    "CreateTokenWithIAM",
    description=(
        "Creates and returns access and refresh tokens for clients and applications that are "
        "authenticated using IAM entities. The access token can be used to fetch short-lived "
        "credentials for the assigned Amazon Web Services accounts or to access application "
        "APIs using bearer authentication."
    ),
    should_process_target="ClientId",
    members=(
        member(
            "Assertion",
            "assertion",
            doc("CreateTokenWithIAM", "assertion"),
        ),
        # Inferred (generator rule, confirmed by the V5 source): the first required member
        # is the pipeline parameter, Position 0.
        member(
            "ClientId",
            "clientId",
            doc("CreateTokenWithIAM", "clientId"),
            pipeline=True,
        ),
        member(
            "Code",
            "code",
            f"{AUTH_CODE_ONLY} This short-lived code is used to identify this authorization "
            "request. The code is obtained through a redirect from IAM Identity Center to a "
            "redirect URI persisted in the Authorization Code GrantOptions for the "
            "application.",
        ),
        member(
            "CodeVerifier",
            "codeVerifier",
            doc("CreateTokenWithIAM", "codeVerifier"),
        ),
        member(
            "GrantType",
            "grantType",
            "Supports the following OAuth grant types: Authorization Code, Refresh Token, "
            "JWT Bearer, and Token Exchange. Specify one of the following values, depending "
            "on the grant type that you want:\n"
            "* Authorization Code - authorization_code\n"
            "* Refresh Token - refresh_token\n"
            "* JWT Bearer - urn:ietf:params:oauth:grant-type:jwt-bearer\n"
            "* Token Exchange - urn:ietf:params:oauth:grant-type:token-exchange",
        ),
        member(
            "RedirectUri",
            "redirectUri",
            doc("CreateTokenWithIAM", "redirectUri"),
        ),
        member(
            "RefreshToken",
            "refreshToken",
            "Used only when calling this API for the Refresh Token grant type. This token is "
            "used to refresh short-lived tokens, such as the access token, that might "
            f"expire.\n{REFRESH_HELP_TAIL}",
        ),
        member(
            "RequestedTokenType",
            "requestedTokenType",
            "Used only when calling this API for the Token Exchange grant type. This value "
            "specifies the type of token that the requester can receive. The following "
            "values are supported:\n"
            "* Access Token - urn:ietf:params:oauth:token-type:access_token\n"
            "* Refresh Token - urn:ietf:params:oauth:token-type:refresh_token",
        ),
        # The member is already singular ("scope"), so no rename and no alias.
        member(
            "Scope",
            "scope",
            doc("CreateTokenWithIAM", "scope"),
        ),
        member(
            "SubjectToken",
            "subjectToken",
            doc("CreateTokenWithIAM", "subjectToken"),
        ),
        member(
            "SubjectTokenType",
            "subjectTokenType",
            "Used only when calling this API for the Token Exchange grant type. This value "
            "specifies the type of token that is passed as the subject of the exchange. The "
            "following value is supported:\n"
            "* Access Token - urn:ietf:params:oauth:token-type:access_token",
        ),
    ),
)
