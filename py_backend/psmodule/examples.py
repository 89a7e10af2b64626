"""The ``.EXAMPLE`` sections of each cmdlet's help: code, then what it shows.

Every example is PowerShell that Windows PowerShell 5.1 and PowerShell 7 both parse (the module
tests parse each one) and uses ``-Region us-east-1`` so it runs as written against the real
services; ``-EndpointUrl`` points it at the local emulator instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from py_backend.models._grants import (
    ACCESS_TOKEN_TYPE,
    DEVICE_CODE_GRANT,
    JWT_BEARER_GRANT,
    TOKEN_EXCHANGE_GRANT,
)


@dataclass(frozen=True)
class Example:
    """One help example: the code (one or more lines) and its explanation."""

    code: str
    remarks: str


_DEVICE_LOOP = f"""\
$client = Register-SSOOIDCClient -ClientName 'my-tool' -ClientType public -Region us-east-1
$startUrl = 'https://d-1234567890.awsapps.com/start'
$device = $client | Start-SSOOIDCDeviceAuthorization -StartUrl $startUrl -Region us-east-1
Write-Host "Open $($device.VerificationUriComplete) and check that it shows $($device.UserCode)"
$interval = $device.Interval
$deadline = (Get-Date).AddSeconds($device.ExpiresIn)
$token = $null
while ($null -eq $token -and (Get-Date) -lt $deadline) {{
    Write-Progress -Activity 'Waiting for the device authorization' -Status $device.UserCode
    Start-Sleep -Seconds $interval
    try {{
        $token = $client | New-SSOOIDCToken -GrantType '{DEVICE_CODE_GRANT}' `
            -DeviceCode $device.DeviceCode -Region us-east-1 -ErrorAction Stop
    }}
    catch {{
        $errorId = $_.FullyQualifiedErrorId
        if ($errorId -like '*SlowDownException,New-SSOOIDCToken') {{
            $interval += 5
        }}
        elseif ($errorId -notlike '*AuthorizationPendingException,New-SSOOIDCToken') {{
            throw
        }}
    }}
}}
Write-Progress -Activity 'Waiting for the device authorization' -Completed
$token"""

EXAMPLES: dict[str, tuple[Example, ...]] = {
    "New-SSOOIDCToken": (
        Example(
            _DEVICE_LOOP,
            "The device code flow: register a public client, start a device authorization, "
            "then poll New-SSOOIDCToken every Interval seconds until the user approves the code "
            "in a browser. Each poll that comes too early fails with "
            "AuthorizationPendingException (slow down adds 5 seconds); the client object is "
            "piped in, so its ClientId and ClientSecret bind by property name. The token's "
            "default view masks AccessToken, RefreshToken and IdToken; the properties hold the "
            "real values.",
        ),
        Example(
            "$refreshed = New-SSOOIDCToken -ClientId $client.ClientId "
            "-ClientSecret $client.ClientSecret `\n"
            "    -GrantType refresh_token -RefreshToken $token.RefreshToken -Region us-east-1",
            "Refreshes an access token with the refresh token an earlier call returned.",
        ),
        Example(
            "$accessToken = $client | New-SSOOIDCToken -GrantType refresh_token "
            "-RefreshToken $token.RefreshToken `\n"
            "    -Region us-east-1 -Select AccessToken",
            "-Select AccessToken writes only the access token string instead of the whole "
            "response.",
        ),
        Example(
            "$clients | New-SSOOIDCToken -GrantType refresh_token "
            "-RefreshToken $token.RefreshToken `\n"
            "    -Region us-east-1 -Select '^ClientId'",
            "-Select '^ClientId' writes the ClientId each call was made with, instead of the "
            "response (what the deprecated -PassThru did), so a pipeline can tell which "
            "clients were refreshed.",
        ),
    ),
    "New-SSOOIDCTokenWithIAM": (
        Example(
            "$assertion = Get-Content -Raw -Path ./id-token.jwt\n"
            "New-SSOOIDCTokenWithIAM "
            "-ClientId 'arn:aws:sso::123456789012:application/ssoins-1111111111111111/"
            "apl-aaaaaaaaaaaaaaaa' `\n"
            f"    -GrantType '{JWT_BEARER_GRANT}' "
            "-Assertion $assertion -ProfileName admin -Region us-east-1",
            "Exchanges a JSON Web Token from a trusted token issuer for an IAM Identity Center "
            "token. The call is SigV4-signed with the credentials of the profile named admin.",
        ),
        Example(
            "$token | New-SSOOIDCTokenWithIAM -ClientId $applicationArn "
            "-GrantType refresh_token -Region us-east-1",
            "Refreshes a token: the piped token's RefreshToken binds by property name.",
        ),
        Example(
            "New-SSOOIDCTokenWithIAM -ClientId $applicationArn "
            f"-GrantType '{TOKEN_EXCHANGE_GRANT}' `\n"
            "    -SubjectToken $token.AccessToken "
            f"-SubjectTokenType '{ACCESS_TOKEN_TYPE}' `\n"
            f"    -RequestedTokenType '{ACCESS_TOKEN_TYPE}' "
            "-Region us-east-1 -Select AccessToken",
            "Token exchange: trades an access token issued to another application for one "
            "this application can use, and writes only the new access token.",
        ),
    ),
    "Register-SSOOIDCClient": (
        Example(
            "$client = Register-SSOOIDCClient -ClientName 'my-tool' -ClientType public "
            "-Region us-east-1\n"
            "$client.ClientSecretExpiresAt",
            "Registers a public client for the device code flow. The default view masks "
            "ClientSecret; $client.ClientSecret holds the value to keep for later calls.",
        ),
        Example(
            "Register-SSOOIDCClient -ClientName 'my-tool' -ClientType public "
            "-GrantType 'authorization_code', 'refresh_token' `\n"
            "    -RedirectUris 'http://127.0.0.1:8400/oauth/callback' "
            "-Scope 'sso:account:access' `\n"
            "    -IssuerUrl 'https://identitycenter.amazonaws.com/ssoins-1111111111111111' "
            "-Region us-east-1",
            "Registers a client for the authorization code grant with PKCE and a loopback "
            "redirect URI.",
        ),
        Example(
            "'tool-a', 'tool-b' | Register-SSOOIDCClient -ClientType public -Region us-east-1 "
            "-Select '^ClientName'",
            "Registers two clients; -Select '^ClientName' writes the name each was registered "
            "with instead of the response.",
        ),
    ),
    "Start-SSOOIDCDeviceAuthorization": (
        Example(
            "$device = $client | Start-SSOOIDCDeviceAuthorization "
            "-StartUrl 'https://d-1234567890.awsapps.com/start' -Region us-east-1\n"
            "Start-Process $device.VerificationUriComplete",
            "Starts a device authorization for a registered client (its ClientId and "
            "ClientSecret bind from the piped object by property name) and opens the "
            "verification page. The default view masks DeviceCode.",
        ),
        Example(
            "$client | Start-SSOOIDCDeviceAuthorization "
            "-StartUrl 'https://d-1234567890.awsapps.com/start' `\n"
            "    -Region us-east-1 -Select '^ClientId'",
            "-Select '^ClientId' writes the ClientId the authorization was started for, "
            "instead of the response.",
        ),
    ),
    "New-AMSPOAuth2Token": (
        Example(
            "$tokens = New-AMSPOAuth2Token "
            "-TokenInput_ClientId 'arn:aws:signin:::devtools/same-device' `\n"
            "    -TokenInput_GrantType authorization_code -TokenInput_Code $code "
            "-TokenInput_CodeVerifier $verifier `\n"
            "    -TokenInput_RedirectUri 'http://127.0.0.1:8400/oauth/callback' "
            "-Region us-east-1\n"
            "$tokens.AccessToken.AccessKeyId",
            "Redeems an AWS Sign-In authorization code (once only) for temporary AWS "
            "credentials. The default -Select is TokenOutput: the response body, whose "
            "AccessToken holds AccessKeyId, SecretAccessKey and SessionToken (the last two "
            "masked in the default view).",
        ),
        Example(
            "New-AMSPOAuth2Token -TokenInput_ClientId 'arn:aws:signin:::devtools/same-device' `\n"
            "    -TokenInput_GrantType refresh_token "
            "-TokenInput_RefreshToken $tokens.RefreshToken -Region us-east-1",
            "Refreshes the credentials with the refresh token of an earlier redemption "
            "(the backend signs the request with the same DPoP key for the whole session).",
        ),
        Example(
            "$response = New-AMSPOAuth2Token "
            "-TokenInput_ClientId 'arn:aws:signin:::devtools/same-device' `\n"
            "    -TokenInput_GrantType refresh_token "
            "-TokenInput_RefreshToken $tokens.RefreshToken -Region us-east-1 -Select *\n"
            "$response.ResponseMetadata.RequestId",
            "-Select * writes the whole service response, with its ResponseMetadata.",
        ),
    ),
    "Invoke-SSOOIDCLogin": (
        Example(
            "Invoke-SSOOIDCLogin -ProfileName dev",
            "Signs in with the sso-session of the profile dev: the browser opens the IAM "
            "Identity Center authorization page and returns to a listener on 127.0.0.1. The "
            "token is cached where the AWS CLI v2 and the AWS SDKs find it, so "
            "'aws s3 ls --profile dev' works without another sign-in.",
        ),
        Example(
            "Invoke-SSOOIDCLogin -ProfileName dev -UseDeviceCode -NoBrowser",
            "The device code flow, without opening a browser here: the cmdlet shows a URL and a "
            "code to enter on any device, then waits until the code is approved; "
            "Write-Progress shows how long it has waited, and Ctrl+C stops it.",
        ),
        Example(
            "Invoke-SSOOIDCLogin -StartUrl 'https://d-1234567890.awsapps.com/start' "
            "-SSORegion us-east-1 -SSOSession my-sso",
            "Signs in without a profile: the token is cached under the session name my-sso, "
            "which an [sso-session my-sso] section with this start URL and region uses.",
        ),
        Example(
            "$login = Invoke-SSOOIDCLogin -ProfileName dev\n"
            "'Signed in until ' + $login.ExpiresAt.ToLocalTime().ToString('t')",
            "ExpiresAt is a DateTime in UTC (Kind Utc): ToLocalTime() gives the local time. "
            "CachePath is the cache file that was written.",
        ),
    ),
    "Get-SSOAccountList": (
        Example(
            "$token = $client | New-SSOOIDCToken -GrantType '" + DEVICE_CODE_GRANT + "' `\n"
            "    -DeviceCode $device.DeviceCode -Region us-east-1\n"
            "$token | Get-SSOAccountList -Region us-east-1",
            "Lists every AWS account the signed-in user is assigned: the token's AccessToken "
            "binds by property name. The cmdlet pages through all results (one call per page).",
        ),
        Example(
            "$page = Get-SSOAccountList -AccessToken $token.AccessToken -MaxResult 10 "
            "-NoAutoIteration -Select '*' -Region us-east-1\n"
            "$page.AccountList\n"
            "$next = Get-SSOAccountList -AccessToken $token.AccessToken -NextToken "
            "$page.NextToken -Region us-east-1",
            "Pages by hand: -NoAutoIteration makes one call, -Select '*' returns the whole "
            "response with its NextToken, and a bound -NextToken also makes one call.",
        ),
    ),
    "Get-SSOAccountRoleList": (
        Example(
            "$token | Get-SSOAccountList -Region us-east-1 |\n"
            "    Get-SSOAccountRoleList -AccessToken $token.AccessToken -Region us-east-1",
            "Lists the roles of every account: each AccountInfo binds its AccountId by "
            "property name, and the roles of all pages are written.",
        ),
    ),
    "Get-SSORoleCredential": (
        Example(
            "$role = Get-SSOAccountRoleList -AccountId '111111111111' "
            "-AccessToken $token.AccessToken -Region us-east-1 |\n"
            "    Where-Object RoleName -eq 'ReadOnlyAccess'\n"
            "$credentials = $role | Get-SSORoleCredential -AccessToken $token.AccessToken "
            "-Region us-east-1",
            "Gets temporary credentials for a role: the RoleInfo binds RoleName and AccountId "
            "by property name. The default view masks SecretAccessKey and SessionToken; "
            "Expiration is in milliseconds since 1970.",
        ),
        Example(
            "Get-SSORoleCredential 'ReadOnlyAccess' -AccountId '111111111111' "
            "-AccessToken $token.AccessToken -Region us-east-1",
            "The role name is the positional parameter.",
        ),
    ),
    "Close-SSOSession": (
        Example(
            "$token | Close-SSOSession -Region us-east-1 -Force",
            "Ends the sign-in session of the token (Logout); the token is refused afterwards. "
            "Role credentials already obtained stay valid until they expire. Nothing is "
            "written unless -Select is given.",
        ),
    ),
    "Invoke-AMSPLogin": (
        Example(
            "Invoke-AMSPLogin -ProfileName console -Region us-east-1",
            "Signs in with AWS Sign-In in the browser on this computer and points the profile "
            "console at the new session (login_session, and region if it had none), so the "
            "AWS CLI v2 and the AWS SDKs use and refresh its credentials: "
            "'aws sts get-caller-identity --profile console'.",
        ),
        Example(
            "Invoke-AMSPLogin -ProfileName console -Remote",
            "Signs in on another device: open the URL the cmdlet shows there, sign in, and "
            "enter the authorization code the browser shows at the prompt 'Enter the "
            "authorization code displayed in your browser'.",
        ),
        Example(
            "Invoke-AMSPLogin -Region us-east-1 -NoProfileUpdate | "
            "Select-Object -Property 'LoginSession', 'AccountId', 'ExpiresAt'",
            "Caches a session without changing any profile, and shows who signed in and until "
            "when. The secret key and the session token stay in the cache file.",
        ),
    ),
    "Get-SSOOIDCLoginStatus": (
        Example(
            "Get-SSOOIDCLoginStatus -ProfileName dev",
            "Shows whether the token cached for the profile's sso-session is valid (Status "
            "valid), expired but refreshable (refreshable) or needs a new sign-in (expired), "
            "and when it expires. Nothing is refreshed or sent.",
        ),
        Example(
            "Get-SSOOIDCLoginStatus -ProfileName dev | Where-Object { $_.Status -eq 'expired' } | "
            "Invoke-SSOOIDCLogin",
            "Signs in again only when a new sign-in is needed (the status's ProfileName binds "
            "by property name).",
        ),
    ),
    "Get-AMSPLoginStatus": (
        Example(
            "Get-AMSPLoginStatus -ProfileName console",
            "Shows who is signed in for the profile (the login session and account) and when "
            "its credentials expire; LoginCommand names the cmdlet that signs in again.",
        ),
    ),
    "Invoke-SSOOIDCLogout": (
        Example(
            "Invoke-SSOOIDCLogout -WhatIf",
            "Shows what would be done: every cached SSO token ended at the portal and removed.",
        ),
        Example(
            "Invoke-SSOOIDCLogout -Force",
            "Signs out of IAM Identity Center as aws sso logout does, without asking.",
        ),
    ),
    "Invoke-AMSPLogout": (
        Example(
            "Invoke-AMSPLogout -ProfileName console",
            "Removes the cached AWS Sign-In session of the profile console.",
        ),
        Example(
            "Invoke-AMSPLogout -All -Confirm",
            "Removes every cached AWS Sign-In session, after asking.",
        ),
    ),
    "Get-AwsTokenBridgeCredential": (
        Example(
            "Get-AwsTokenBridgeCredential -ProfileName console | "
            "Get-STSCallerIdentity -Region us-east-1",
            "Passes the profile's current credentials to an AWS Tools cmdlet: AccessKey, "
            "SecretKey and SessionToken bind by property name. (Get-STSCallerIdentity is in "
            "AWS.Tools.SecurityToken.)",
        ),
        Example(
            "Get-AwsTokenBridgeCredential -ProfileName dev -SetEnvironment\n"
            "aws sts get-caller-identity",
            "Sets $env:AWS_ACCESS_KEY_ID, $env:AWS_SECRET_ACCESS_KEY, $env:AWS_SESSION_TOKEN "
            "and $env:AWS_CREDENTIAL_EXPIRATION, which every tool started from this session "
            "uses.",
        ),
    ),
    "New-AMSPOAuth2TokenWithIAM": (
        Example(
            "New-AMSPOAuth2TokenWithIAM -GrantType client_credentials "
            "-Resource aws-mcp.amazonaws.com -ProfileName dev",
            "Gets an access token scoped to the resource, signed with the profile's "
            "credentials (AccessToken is shown by length).",
        ),
    ),
    "Invoke-AMSPIntrospectOAuth2TokenWithIAM": (
        Example(
            "Invoke-AMSPIntrospectOAuth2TokenWithIAM -Token $refreshToken -ProfileName console",
            "Tells whether the Sign-In token is active, and its claims (SigninSession, Exp); "
            "Active is False for an expired, revoked or unknown token.",
        ),
    ),
    "Revoke-AMSPOAuth2TokenWithIAM": (
        Example(
            "Revoke-AMSPOAuth2TokenWithIAM -Token $refreshToken -Force",
            "Revokes the refresh token and its chain: the next refresh is refused. Writes nothing.",
        ),
    ),
    "Get-AMSPSession": (
        Example(
            "Get-AMSPSession -SessionArn $arn",
            "Shows one sign-in session of the caller: client, status, issue and expiry times.",
        ),
    ),
    "Get-AMSPSessionList": (
        Example(
            "Get-AMSPSessionList -ProfileName console",
            "Lists the caller's sign-in sessions (aws login sessions have ClientType CLI), "
            "page after page.",
        ),
        Example(
            "Get-AMSPSessionList -Status ACTIVE | Select-Object -ExpandProperty SessionArn",
            "The ARNs of the active sessions.",
        ),
    ),
    "Revoke-AMSPSessionBatch": (
        Example(
            "Revoke-AMSPSessionBatch -SessionArn $arn -Reason 'lost laptop' -Force",
            "Revokes up to five sessions; RevokedSessions and Errors say which.",
        ),
    ),
}


def examples_for(cmdlet: str) -> tuple[Example, ...]:
    """The examples of ``cmdlet``; raises ``KeyError`` when it has none (every cmdlet must)."""
    return EXAMPLES[cmdlet]
