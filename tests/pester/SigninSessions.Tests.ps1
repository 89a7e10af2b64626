# AWS Sign-In sessions from PowerShell (issue 20): log in, list the session, introspect its
# refresh token, revoke it, and see the next refresh refused; the module, its real backend and
# the emulator, which verifies every SigV4 signature (made with the login's own credentials).
# Pester 5; run by tests/module/test_pester.py (or: Invoke-Pester -Path tests/pester).

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'TestSupport.ps1')
    $python = Get-TestPython
    $emulator = Start-TestEmulator -Python $python
    $savedPython = Set-TestEnvironment -Variable @{ AWSTB_PYTHON = $python }
    Import-Module -Name (Get-TestModuleManifest) -Force

    $sessionVariables = New-TestHome -Path (Join-Path -Path $TestDrive -ChildPath 'home')
    Set-Content -LiteralPath $sessionVariables.AWS_CONFIG_FILE -Value @('[profile console]', 'region = us-east-1')
    $loginCache = $sessionVariables.AWS_LOGIN_CACHE_DIRECTORY
    $sessionVariables.AWS_ENDPOINT_URL_SIGNIN = $emulator.BaseUrl
    $sessionVariables.AWS_EC2_METADATA_DISABLED = 'true'
    foreach ($name in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE') {
        $sessionVariables[$name] = $null
    }
    $savedVariables = Set-TestEnvironment -Variable $sessionVariables
    InModuleScope AwsTokenBridge { Stop-AwsTokenBridgeBackend }

    function Invoke-TestConsoleLogin {
        # Invoke-AMSPLogin -Remote, the user played by a mock that reads the emulator's page.
        Register-TestConsoleLoginMock
        Invoke-AMSPLogin -ProfileName 'console' -Region us-east-1 -Remote -EndpointUrl $emulator.BaseUrl -Force
    }
}

AfterAll {
    InModuleScope AwsTokenBridge { Stop-AwsTokenBridgeBackend }
    Restore-TestEnvironment -Saved $savedVariables
    Remove-Variable -Scope Global -Name AwsTokenBridgeTestShown -ErrorAction Ignore
    Remove-Module -Name AwsTokenBridge -Force -ErrorAction Ignore
    Restore-TestEnvironment -Saved $savedPython
    Stop-TestEmulator -Emulator $emulator
}

Describe 'An AWS Sign-In session: list, introspect, revoke, refused refresh' {
    BeforeAll {
        $login = Invoke-TestConsoleLogin
        $entry = Get-ChildItem -LiteralPath $loginCache -Filter '*.json' | Select-Object -First 1
        $refreshToken = (Get-Content -LiteralPath $entry.FullName -Raw | ConvertFrom-Json).refreshToken
        $signed = @{ ProfileName = 'console'; Region = 'us-east-1' }
    }

    It 'Get-AMSPSessionList lists the login session with its client type' {
        $sessions = @(Get-AMSPSessionList @signed)
        $sessions.Count | Should -Be 1
        $sessions[0].ClientType | Should -Be 'CLI'
        $sessions[0].Status | Should -Be 'ACTIVE'
        $sessions[0].ClientId | Should -Be 'arn:aws:signin:::devtools/cross-device'
        $sessions[0].SessionArn | Should -Match '^arn:aws:signin:us-east-1:\d{12}:session/'
        $one = Get-AMSPSession -SessionArn $sessions[0].SessionArn @signed
        $one.IssuedInRegion | Should -Be 'us-east-1'
        $one.ExpiresAt | Should -BeGreaterThan $one.IssuedAt
    }

    It 'Invoke-AMSPIntrospectOAuth2TokenWithIAM says the refresh token is active, and its session' {
        $refreshToken | Should -Match '^ASOR'
        $seen = Invoke-AMSPIntrospectOAuth2TokenWithIAM -Token $refreshToken @signed -Force
        $seen.Active | Should -BeTrue
        $seen.TokenType | Should -Be 'refresh_token'
        $seen.SigninSession | Should -Be (@(Get-AMSPSessionList @signed)[0].SessionArn)
        # The token is a secret: the default view does not show it.
        ($seen | Out-String) | Should -Not -Match ([regex]::Escape($refreshToken))
    }

    It 'Revoke-AMSPOAuth2TokenWithIAM revokes it (no output), and introspection calls it inactive' {
        $before = Get-TestOperationCount -Emulator $emulator -Operation 'RevokeOAuth2TokenWithIAM'
        Revoke-AMSPOAuth2TokenWithIAM -Token $refreshToken @signed -Force | Should -BeNullOrEmpty
        Get-TestOperationCount -Emulator $emulator -Operation 'RevokeOAuth2TokenWithIAM' | Should -Be ($before + 1)
        $after = Invoke-AMSPIntrospectOAuth2TokenWithIAM -Token $refreshToken @signed -Force
        $after.Active | Should -BeFalse
        $after.SigninSession | Should -BeNullOrEmpty
        @(Get-AMSPSessionList @signed)[0].Status | Should -Be 'REVOKED'
    }

    It 'the next refresh of the revoked session is refused' {
        # The cached credentials are made stale, as 15 minutes would: the next use must refresh.
        $cached = Get-Content -LiteralPath $entry.FullName -Raw | ConvertFrom-Json
        $cached.accessToken.expiresAt = '2000-01-01T00:00:00Z'
        Set-Content -LiteralPath $entry.FullName -Value ($cached | ConvertTo-Json -Depth 5)
        $before = Get-TestOperationCount -Emulator $emulator -Operation 'CreateOAuth2Token'
        { Get-AwsTokenBridgeCredential -ProfileName 'console' -ErrorAction Stop } |
            Should -Throw
        # The refresh was sent (with its DPoP proof) and refused by the emulator.
        Get-TestOperationCount -Emulator $emulator -Operation 'CreateOAuth2Token' | Should -Be ($before + 1)
        # botocore's words for TOKEN_EXPIRED, naming the cmdlet that signs in again.
        $error[0].Exception.Message | Should -Match 'session has expired or credentials have changed'
        $error[0].Exception.Message | Should -Match 'Invoke-AMSPLogin -ProfileName console'
        $error[0].Exception.Message | Should -Not -Match ([regex]::Escape($refreshToken))
    }
}
