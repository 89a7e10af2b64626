"""Register-SSOOIDCClient (no seed: V5 source)."""

from __future__ import annotations

from py_backend.cmdlets.specs.blocks import member
from py_backend.cmdlets.specs.sso_oidc import doc, sso_oidc_cmdlet

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
            doc("RegisterClient", "clientName"),
            pipeline=True,
        ),
        member(
            "ClientType",
            "clientType",
            doc("RegisterClient", "clientType"),
        ),
        member(
            "EntitledApplicationArn",
            "entitledApplicationArn",
            doc("RegisterClient", "entitledApplicationArn"),
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
            doc("RegisterClient", "issuerUrl"),
        ),
        # The V5 source keeps this name (no singular rename, no alias).
        member(
            "RedirectUris",
            "redirectUris",
            doc("RegisterClient", "redirectUris"),
        ),
        # Inferred rename: "Scopes" -> "Scope", alias "Scopes".
        member(
            "Scope",
            "scopes",
            doc("RegisterClient", "scopes"),
            aliases=("Scopes",),
        ),
    ),
)
