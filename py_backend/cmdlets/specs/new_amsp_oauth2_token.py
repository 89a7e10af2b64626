"""New-AMSPOAuth2Token (seed 000)."""

from __future__ import annotations

from py_backend.cmdlets.spec_model import CmdletSpec, OperationRef
from py_backend.cmdlets.specs.blocks import SIGNIN_CLIENT_CONFIG, member, parameters, select
from py_backend.cmdlets.vocabulary import SIGNIN

NEW_AMSP_OAUTH2_TOKEN = CmdletSpec(
    verb="New",
    noun="AMSPOAuth2Token",
    operation=OperationRef("signin", SIGNIN, "CreateOAuth2Token"),
    synopsis="Calls the AWS Sign-In Data Plane CreateOAuth2Token API operation.",
    description=(
        "CreateOAuth2Token API Path: /v1/token Request Method: POST Content-Type: "
        "application/json or application/x-www-form-urlencoded This API implements OAuth 2.0 "
        "flows for AWS Sign-In CLI clients, supporting both:\n"
        "  1. Authorization code redemption (grant_type=authorization_code) - NOT idempotent\n"
        "  2. Token refresh (grant_type=refresh_token) - Idempotent within token validity "
        "window\n"
        "The operation behavior is determined by the grant_type parameter in the request body: "
        "Authorization Code Flow (NOT Idempotent):\n"
        "  \u2022 JSON or form-encoded body with client_id, grant_type=authorization_code, code, "
        "redirect_uri, code_verifier\n"
        "  \u2022 Returns access_token, token_type, expires_in, refresh_token, and id_token\n"
        "  \u2022 Each authorization code can only be used ONCE for security (prevents replay "
        "attacks)\n"
        "Token Refresh Flow (Idempotent):\n"
        "  \u2022 JSON or form-encoded body with client_id, grant_type=refresh_token, "
        "refresh_token\n"
        "  \u2022 Returns access_token, token_type, expires_in, and refresh_token (no id_token)\n"
        "  \u2022 Multiple calls with same refresh_token return consistent results within "
        "validity window\n"
        "Authentication and authorization:\n"
        "  \u2022 Confidential clients: sigv4 signing required with signin:ExchangeToken "
        "permissions\n"
        "  \u2022 CLI clients (public): authn/authz skipped based on client_id & grant_type\n"
        "Note: This operation cannot be marked as @idempotent because it handles both "
        "idempotent (token refresh) and non-idempotent (auth code redemption) flows in a single "
        "endpoint."
    ),
    dotnet_class="Amazon.PowerShell.Cmdlets.AMSP.NewAMSPOAuth2TokenCmdlet",
    response_type="Amazon.Signin.Model.CreateOAuth2TokenResponse",
    output_type="Amazon.Signin.Model.CreateOAuth2TokenResponseBody",
    default_select="TokenOutput",
    outputs_help=(
        "This cmdlet returns an Amazon.Signin.Model.CreateOAuth2TokenResponseBody object. The "
        "service call response (type Amazon.Signin.Model.CreateOAuth2TokenResponse) can be "
        "returned by specifying '-Select *'."
    ),
    should_process_target="TokenInput_ClientId",
    parameters=parameters(
        (
            # NoPipelineParameter="true" (signin.xml): no Position, no ValueFromPipeline.
            member(
                "TokenInput_ClientId",
                "tokenInput.clientId",
                "The client identifier (ARN) used during Sign-In onboarding Required for both "
                "authorization code and refresh token flows",
            ),
            member(
                "TokenInput_Code",
                "tokenInput.code",
                "The authorization code received from /v1/authorize Required only when "
                "grant_type=authorization_code",
            ),
            member(
                "TokenInput_CodeVerifier",
                "tokenInput.codeVerifier",
                "PKCE code verifier to prove possession of the original code challenge Required "
                "only when grant_type=authorization_code",
            ),
            member(
                "TokenInput_GrantType",
                "tokenInput.grantType",
                "OAuth 2.0 grant type - determines which flow is used Must be "
                '"authorization_code" or "refresh_token"',
            ),
            member(
                "TokenInput_RedirectUri",
                "tokenInput.redirectUri",
                "The redirect URI that must match the original authorization request Required "
                "only when grant_type=authorization_code",
            ),
            member(
                "TokenInput_RefreshToken",
                "tokenInput.refreshToken",
                "The refresh token returned from auth_code redemption Required only when "
                "grant_type=refresh_token",
            ),
        ),
        select("Amazon.Signin.Model.CreateOAuth2TokenResponse", "TokenOutput"),
        SIGNIN_CLIENT_CONFIG,
    ),
)
