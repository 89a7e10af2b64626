"""Register-SSOOIDCClient (no seed: V5 source)."""

from __future__ import annotations

from py_backend.cmdlets.specs.blocks import member
from py_backend.cmdlets.specs.sso_oidc import sso_oidc_cmdlet

REGISTER_SSOOIDC_CLIENT = sso_oidc_cmdlet(
    "Register",
    "SSOOIDCClient",
    "RegisterClient",
    description=(
        "Registers a public client with IAM Identity Center. This allows clients to perform "
        "authorization using the authorization code grant with Proof Key for Code Exchange "
        "(PKCE) or the device code grant."
    ),
    should_process_target="ClientName",
    members=(
        # Inferred (generator rule, confirmed by the V5 source): pipeline parameter.
        member(
            "ClientName",
            "clientName",
            "The friendly name of the client.",
            pipeline=True,
        ),
        member(
            "ClientType",
            "clientType",
            "The type of client. The service supports only public as a client type. "
            "Anything other than public will be rejected by the service.",
        ),
        member(
            "EntitledApplicationArn",
            "entitledApplicationArn",
            "This IAM Identity Center application ARN is used to define administrator-"
            "managed configuration for public client access to resources. At "
            "authorization, the scopes, grants, and redirect URI available to this client "
            "will be restricted by this application resource.",
        ),
        # Inferred rename: the generator singularises "GrantTypes" and keeps it as alias.
        member(
            "GrantType",
            "grantTypes",
            "The list of OAuth 2.0 grant types that are defined by the client. This list is "
            "used to restrict the token granting flows available to the client. Supports "
            "the following OAuth 2.0 grant types: Authorization Code, Device Code, and "
            "Refresh Token.\n"
            "* Authorization Code - authorization_code\n"
            "* Device Code - urn:ietf:params:oauth:grant-type:device_code\n"
            "* Refresh Token - refresh_token",
            aliases=("GrantTypes",),
        ),
        member(
            "IssuerUrl",
            "issuerUrl",
            "The IAM Identity Center Issuer URL associated with an instance of IAM Identity "
            "Center. This value is needed for user access to resources through the client.",
        ),
        # The V5 source keeps this name (no singular rename, no alias).
        member(
            "RedirectUris",
            "redirectUris",
            "The list of redirect URI that are defined by the client. At completion of "
            "authorization, this list is used to restrict what locations the user agent can "
            "be redirected back to.",
        ),
        # Inferred rename: "Scopes" -> "Scope", alias "Scopes".
        member(
            "Scope",
            "scopes",
            "The list of scopes that are defined by the client. Upon authorization, this "
            "list is used to restrict permissions when granting an access token.",
            aliases=("Scopes",),
        ),
    ),
)
