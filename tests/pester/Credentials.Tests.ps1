# Credentials for every tool (issue 17), the PowerShell side: status, logout, and the credentials
# object other cmdlets take by property name (or as AWS_* variables); the module, its real
# backend and the emulator, which verifies the SigV4 signature of New-SSOOIDCTokenWithIAM.
# Pester 5; run by tests/module/test_pester.py (or: Invoke-Pester -Path tests/pester).

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'TestSupport.ps1')
    $python = Get-TestPython
    $emulator = Start-TestEmulator -Python $python
    $savedPython = Set-TestEnvironment -Variable @{ AWSTB_PYTHON = $python }
    Import-Module -Name (Get-TestModuleManifest) -Force

    # A home of their own: the backend reads and writes the AWS CLI's caches and config there.
    $credVariables = New-TestHome -Path (Join-Path -Path $TestDrive -ChildPath 'home')
    $configFile = $credVariables.AWS_CONFIG_FILE
    $startUrl = 'https://d-1234567890.awsapps.com/start'
    $plantedSecret = 'PLANTED/secret+never-shown-0123456789'
    Set-Content -LiteralPath $configFile -Value @(
        '[profile role]', 'sso_session = corp', 'sso_account_id = 111111111111',
        'sso_role_name = AdministratorAccess', 'region = us-east-1',
        '[sso-session corp]', "sso_start_url = $startUrl", 'sso_region = us-east-1',
        '[profile nobody]', 'region = us-east-1',
        '[profile broken]', "aws_secret_access_key = $plantedSecret"
    )
    $credVariables.AWS_ENDPOINT_URL_SIGNIN = $emulator.BaseUrl
    $credVariables.AWS_ENDPOINT_URL_SSO_OIDC = $emulator.BaseUrl
    $credVariables.AWS_ENDPOINT_URL_SSO = $emulator.BaseUrl
    $credVariables.AWS_EC2_METADATA_DISABLED = 'true'
    foreach ($name in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_PROFILE') {
        $credVariables[$name] = $null
    }
    $savedVariables = Set-TestEnvironment -Variable $credVariables
    # The backend reads its environment when it starts: the next call starts one in this home.
    InModuleScope AwsTokenBridge { Stop-AwsTokenBridgeBackend }

    function Invoke-TestConsoleLogin {
        # Invoke-AMSPLogin -Remote, the user played by a mock that reads the emulator's page.
        param([string] $Profile)
        Register-TestConsoleLoginMock
        Invoke-AMSPLogin -ProfileName $Profile -Region us-east-1 -Remote -EndpointUrl $emulator.BaseUrl -Force
    }

    function Invoke-TestSSOLogin {
        # Invoke-SSOOIDCLogin with the device code, approved at the emulator.
        Mock -ModuleName AwsTokenBridge -CommandName Write-Information -MockWith {
            if ([string]$MessageData -match 'user_code=([A-Za-z0-9-]+)') {
                $null = Invoke-TestEmulatorControl -Emulator $emulator -Path '/__emulator/device/approve' -Body @{ userCode = $Matches[1] }
            }
        }
        Mock -ModuleName AwsTokenBridge -CommandName Write-Progress -MockWith { $null }
        Invoke-SSOOIDCLogin -ProfileName 'role' -UseDeviceCode -NoBrowser -EndpointUrl $emulator.BaseUrl -Force
    }

    function New-TestIamCall {
        # What New-SSOOIDCTokenWithIAM needs besides credentials: a jwt-bearer assertion.
        $app = 'arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-aaaaaaaaaaaaaaaa'
        $answer = Invoke-TestEmulatorControl -Emulator $emulator -Path '/__emulator/jwt-bearer/assertion' -Body @{ audience = $app }
        @{
            ClientId = $app
            GrantType = 'urn:ietf:params:oauth:grant-type:jwt-bearer'
            Assertion = $answer.assertion
            Region = 'us-east-1'
            EndpointUrl = $emulator.BaseUrl
        }
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

Describe 'Status, credentials and logout of an AWS Sign-In session' {
    BeforeAll {
        $login = Invoke-TestConsoleLogin -Profile 'console'
    }

    It 'Get-AMSPLoginStatus says a profile without a session needs a login, and which cmdlet' {
        $status = Get-AMSPLoginStatus -ProfileName 'nobody'
        $status.PSObject.TypeNames[0] | Should -Be 'AwsTokenBridge.SignInStatus'
        $status.Status | Should -Be 'expired'
        $status.Kind | Should -Be 'login'
        $status.ProfileName | Should -Be 'nobody'
        $status.Reason | Should -Match 'no login_session'
        $status.LoginCommand | Should -Be 'Invoke-AMSPLogin -ProfileName nobody'
    }

    It 'Get-AMSPLoginStatus shows who is signed in and until when, like login status' {
        $status = Get-AMSPLoginStatus -ProfileName 'console'
        $status.Status | Should -Be 'valid'
        $status.Session | Should -Be $login.LoginSession
        $status.AccountId | Should -Be $login.AccountId
        $status.CredentialsExpiration | Should -BeOfType [datetime]
        $status.CredentialsExpiration | Should -Be ([datetime]$login.ExpiresAt)
        $status.Refreshable | Should -BeTrue
        # The command line's JSON, the same facts.
        $cli = Join-Path -Path (Split-Path -Parent $python) -ChildPath 'aws-token-bridge'
        $json = (& $cli login status --profile console --output json) -join "`n" | ConvertFrom-Json
        $json.Status | Should -Be $status.Status
        $json.Session | Should -Be $status.Session
        $json.AccountId | Should -Be $status.AccountId
    }

    It 'Get-AwsTokenBridgeCredential returns the session credentials, secrets masked in the view' {
        $credentials = Get-AwsTokenBridgeCredential -ProfileName 'console'
        $credentials.PSObject.TypeNames[0] | Should -Be 'AwsTokenBridge.Credentials'
        $credentials.AccessKey | Should -Be $login.AccessKeyId
        $credentials.SecretKey | Should -Not -BeNullOrEmpty
        $credentials.SessionToken | Should -Not -BeNullOrEmpty
        $credentials.Expiration | Should -BeOfType [datetime]
        $shown = $credentials | Out-String
        $shown | Should -Match ([regex]::Escape($credentials.AccessKey))
        $shown | Should -Not -Match ([regex]::Escape($credentials.SecretKey))
        $shown | Should -Not -Match ([regex]::Escape($credentials.SessionToken))
        $shown | Should -Match 'SecretKey\s*:\s*\*\*\*\* \(\d+ characters\)'
    }

    It 'the credentials object piped into New-SSOOIDCTokenWithIAM signs it, and the emulator verifies' {
        $call = New-TestIamCall
        $before = Get-TestOperationCount -Emulator $emulator -Operation 'CreateTokenWithIAM'
        $token = Get-AwsTokenBridgeCredential -ProfileName 'console' | New-SSOOIDCTokenWithIAM @call
        $token.AccessToken | Should -Not -BeNullOrEmpty
        Get-TestOperationCount -Emulator $emulator -Operation 'CreateTokenWithIAM' | Should -Be ($before + 1)
        # The control: the same object with a secret the emulator never minted is refused.
        $forged = Get-AwsTokenBridgeCredential -ProfileName 'console'
        $forged.SecretKey = $forged.SecretKey + 'x'
        $call = New-TestIamCall
        { $forged | New-SSOOIDCTokenWithIAM @call -ErrorAction Stop } | Should -Throw -ExpectedMessage '*signature*'
    }

    It 'the object binds by property name: AccessKey, SecretKey and SessionToken take pipeline input' {
        foreach ($name in 'AccessKey', 'SecretKey', 'SessionToken') {
            $attribute = (Get-Command -Name New-SSOOIDCTokenWithIAM).Parameters[$name].Attributes |
                Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }
            $attribute.ValueFromPipelineByPropertyName | Should -BeTrue -Because $name
        }
    }

    It '-SetEnvironment sets the AWS_* variables as export-credentials --format powershell prints them' {
        Get-AwsTokenBridgeCredential -ProfileName 'console' -SetEnvironment | Should -BeNullOrEmpty
        try {
            $cli = Join-Path -Path (Split-Path -Parent $python) -ChildPath 'aws-token-bridge'
            $env:AWS_PROFILE = 'console'
            $lines = & $cli configure export-credentials --format powershell
            $env:AWS_PROFILE = $null
            $expected = @{}
            foreach ($line in $lines) {
                if ($line -match '^\$Env:(\w+)="(.*)"$') {
                    $expected[$Matches[1]] = $Matches[2]
                }
            }
            @($expected.Keys | Sort-Object) | Should -Be @('AWS_ACCESS_KEY_ID', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN')
            foreach ($name in $expected.Keys) {
                [System.Environment]::GetEnvironmentVariable($name) | Should -BeExactly $expected[$name] -Because $name
            }
            $env:AWS_CREDENTIAL_EXPIRATION | Should -Match '\+00:00$'
        }
        finally {
            foreach ($name in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_PROFILE') {
                [System.Environment]::SetEnvironmentVariable($name, $null)
            }
        }
    }

    It '-SetEnvironment removes a stale session token when the profile has long-term keys' {
        Set-Content -LiteralPath $credVariables.AWS_SHARED_CREDENTIALS_FILE -Value @(
            '[static]', 'aws_access_key_id = AKIDSTATICEXAMPLE', 'aws_secret_access_key = static/secret'
        )
        $env:AWS_SESSION_TOKEN = 'stale-token'
        try {
            Get-AwsTokenBridgeCredential -ProfileName 'static' -SetEnvironment
            $env:AWS_ACCESS_KEY_ID | Should -Be 'AKIDSTATICEXAMPLE'
            $env:AWS_SECRET_ACCESS_KEY | Should -Be 'static/secret'
            Test-Path -LiteralPath 'Env:AWS_SESSION_TOKEN' | Should -BeFalse
            Test-Path -LiteralPath 'Env:AWS_CREDENTIAL_EXPIRATION' | Should -BeFalse
        }
        finally {
            foreach ($name in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN') {
                [System.Environment]::SetEnvironmentVariable($name, $null)
            }
        }
    }

    It 'a profile that gives no credentials is an error naming the cmdlet, with no planted secret in it' {
        $record = $null
        try {
            Get-AwsTokenBridgeCredential -ProfileName 'nobody' -ErrorAction Stop
        }
        catch {
            $record = $_
        }
        $record | Should -Not -BeNullOrEmpty
        $record.Exception.Message | Should -Match 'Unable to retrieve credentials'
        $record = $null
        try {
            Get-AwsTokenBridgeCredential -ProfileName 'broken' -ErrorAction Stop
        }
        catch {
            $record = $_
        }
        $record | Should -Not -BeNullOrEmpty
        ($record | Out-String) + $record.Exception.ToString() | Should -Not -Match ([regex]::Escape($plantedSecret))
    }

    It 'Invoke-AMSPLogout -WhatIf keeps the session; then it removes it and the status says to sign in' {
        Invoke-AMSPLogout -ProfileName 'console' -WhatIf | Should -BeNullOrEmpty
        (Get-AMSPLoginStatus -ProfileName 'console').Status | Should -Be 'valid'
        $result = Invoke-AMSPLogout -ProfileName 'console' -Confirm:$false -WarningVariable said -WarningAction SilentlyContinue
        $result.PSObject.TypeNames[0] | Should -Be 'AwsTokenBridge.LogoutResult'
        $result.RemovedCount | Should -Be 1
        ($said -join "`n") | Should -Match "Removed cached login credentials for profile 'console'"
        Test-Path -LiteralPath $login.CachePath | Should -BeFalse
        $status = Get-AMSPLoginStatus -ProfileName 'console'
        $status.Status | Should -Be 'expired'
        $status.Reason | Should -Be 'no cached session'
    }

    It 'Invoke-AMSPLogout -All removes every cached login session' {
        $first = Invoke-TestConsoleLogin -Profile 'console'
        $second = Invoke-TestConsoleLogin -Profile 'console2'
        $result = Invoke-AMSPLogout -All -Force -WarningAction SilentlyContinue
        $result.RemovedCount | Should -BeGreaterOrEqual 1
        Test-Path -LiteralPath $first.CachePath | Should -BeFalse
        Test-Path -LiteralPath $second.CachePath | Should -BeFalse
        (Get-AMSPLoginStatus -ProfileName 'console2').Status | Should -Be 'expired'
    }
}

Describe 'Status, credentials and logout of an IAM Identity Center session' {
    BeforeAll {
        $ssoLogin = Invoke-TestSSOLogin
    }

    It 'Get-SSOOIDCLoginStatus shows the session and when the token expires' {
        $status = Get-SSOOIDCLoginStatus -ProfileName 'role'
        $status.PSObject.TypeNames[0] | Should -Be 'AwsTokenBridge.SignInStatus'
        $status.Status | Should -Be 'valid'
        $status.Kind | Should -Be 'sso'
        $status.Session | Should -Be 'corp'
        $status.StartUrl | Should -Be $startUrl
        $status.TokenExpiration | Should -Be ([datetime]$ssoLogin.ExpiresAt)
        (Get-SSOOIDCLoginStatus -SSOSession 'corp').Status | Should -Be 'valid'
        $entry = Get-Content -Raw -LiteralPath $ssoLogin.CachePath | ConvertFrom-Json
        ($status | Format-List -Property * | Out-String) | Should -Not -Match ([regex]::Escape($entry.accessToken))
    }

    It 'role credentials of the profile, piped into New-SSOOIDCTokenWithIAM, are accepted by the emulator' {
        $before = Get-TestOperationCount -Emulator $emulator -Operation 'GetRoleCredentials'
        $credentials = Get-AwsTokenBridgeCredential -ProfileName 'role'
        Get-TestOperationCount -Emulator $emulator -Operation 'GetRoleCredentials' | Should -Be ($before + 1)
        $credentials.AccessKey | Should -Match '^ASIA'
        $call = New-TestIamCall
        ($credentials | New-SSOOIDCTokenWithIAM @call).AccessToken | Should -Not -BeNullOrEmpty
    }

    It 'Invoke-SSOOIDCLogout -WhatIf keeps the token; then it ends it at the portal and removes it' {
        $entry = Get-Content -Raw -LiteralPath $ssoLogin.CachePath | ConvertFrom-Json
        Invoke-SSOOIDCLogout -WhatIf | Should -BeNullOrEmpty
        Test-Path -LiteralPath $ssoLogin.CachePath | Should -BeTrue
        $before = Get-TestOperationCount -Emulator $emulator -Operation 'Logout'
        $result = Invoke-SSOOIDCLogout -Force
        $result.PSObject.TypeNames[0] | Should -Be 'AwsTokenBridge.LogoutResult'
        $result.RemovedCount | Should -Be 1
        Get-TestOperationCount -Emulator $emulator -Operation 'Logout' | Should -Be ($before + 1)
        Test-Path -LiteralPath $ssoLogin.CachePath | Should -BeFalse
        { Get-SSOAccountList -AccessToken $entry.accessToken -Region us-east-1 -EndpointUrl $emulator.BaseUrl -ErrorAction Stop } | Should -Throw
        $status = Get-SSOOIDCLoginStatus -ProfileName 'role'
        $status.Status | Should -Be 'expired'
        $status.LoginCommand | Should -Be 'Invoke-SSOOIDCLogin -ProfileName role'
    }
}
