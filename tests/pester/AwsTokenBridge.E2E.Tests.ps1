# End to end: the module, its real Python backend, and the emulator on 127.0.0.1.
# Pester 5; run by tests/module/test_pester.py (or: Invoke-Pester -Path tests/pester).

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'TestSupport.ps1')
    $python = Get-TestPython
    $emulator = Start-TestEmulator -Python $python
    $savedPython = Set-TestEnvironment -Variable @{ AWSTB_PYTHON = $python }
    Import-Module -Name (Get-TestModuleManifest) -Force
    $endpoint = @{ Region = 'us-east-1'; EndpointUrl = $emulator.BaseUrl }
    $deviceGrant = 'urn:ietf:params:oauth:grant-type:device_code'

    function New-TestClient {
        Register-SSOOIDCClient -ClientName 'pester' -ClientType public -GrantType $deviceGrant, 'refresh_token' -Scope 'sso:account:access' @endpoint
    }

    function New-TestToken {
        param([object] $Client)
        $device = $Client | Start-SSOOIDCDeviceAuthorization -StartUrl 'https://d-1234567890.awsapps.com/start' @endpoint
        $null = Invoke-TestEmulatorControl -Emulator $emulator -Path '/__emulator/device/approve' -Body @{ userCode = $device.UserCode }
        $null = Invoke-TestEmulatorControl -Emulator $emulator -Path '/__emulator/clock' -Body @{ advanceSeconds = 30 }
        $Client | New-SSOOIDCToken -GrantType $deviceGrant -DeviceCode $device.DeviceCode @endpoint
    }

    function Get-TestBackendProcessId {
        InModuleScope AwsTokenBridge {
            if ($null -eq $script:Connection) {
                return $null
            }
            $script:Connection.Process.Id
        }
    }
}

AfterAll {
    Remove-Module -Name AwsTokenBridge -Force -ErrorAction Ignore
    Restore-TestEnvironment -Saved $savedPython
    Stop-TestEmulator -Emulator $emulator
}

Describe 'The device code flow' {
    BeforeAll {
        $client = New-TestClient
    }

    It 'registers a client whose type name the view keys on, with its secret masked in the view' {
        $client.PSObject.TypeNames[0] | Should -Be 'Amazon.SSOOIDC.Model.RegisterClientResponse'
        $client.ClientSecret | Should -Not -BeNullOrEmpty
        ($client | Out-String) | Should -Not -Match ([regex]::Escape($client.ClientSecret))
        ($client | Out-String) | Should -Match ([regex]::Escape('**** ('))
    }

    It 'fails while the authorization is pending, with the error id of the service error' {
        $device = $client | Start-SSOOIDCDeviceAuthorization -StartUrl 'https://d-1234567890.awsapps.com/start' @endpoint
        { $client | New-SSOOIDCToken -GrantType $deviceGrant -DeviceCode $device.DeviceCode @endpoint } |
            Should -Throw -ErrorId 'AuthorizationPendingException,New-SSOOIDCToken'
    }

    It 'returns the token once the device is approved' {
        $token = New-TestToken -Client $client
        $token.PSObject.TypeNames[0] | Should -Be 'Amazon.SSOOIDC.Model.CreateTokenResponse'
        $token.AccessToken | Should -Not -BeNullOrEmpty
        ($token | Out-String) | Should -Not -Match ([regex]::Escape($token.AccessToken))
    }

    It '-Select AccessToken writes the access token string' {
        $token = New-TestToken -Client $client
        $refreshed = $client | New-SSOOIDCToken -GrantType refresh_token -RefreshToken $token.RefreshToken @endpoint -Select 'AccessToken'
        $refreshed | Should -BeOfType [string]
        $refreshed | Should -Not -Be $token.AccessToken
    }

    It "-Select '^ClientId' writes the client id it was given" {
        $token = New-TestToken -Client $client
        $client | New-SSOOIDCToken -GrantType refresh_token -RefreshToken $token.RefreshToken @endpoint -Select '^ClientId' |
            Should -Be $client.ClientId
    }

    It '-PassThru writes the client id and warns that it is obsolete' {
        $token = New-TestToken -Client $client
        $output = $client | New-SSOOIDCToken -GrantType refresh_token -RefreshToken $token.RefreshToken @endpoint -PassThru 3>&1
        $warnings = @($output | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -Match "Parameter 'PassThru' is obsolete"
        @($output | Where-Object { $_ -is [string] }) | Should -Be @($client.ClientId)
    }

    It '-PassThru with -Select is an argument error' {
        { $client | New-SSOOIDCToken -GrantType refresh_token -RefreshToken 'r' @endpoint -PassThru -Select '*' } |
            Should -Throw -ErrorId 'System.ArgumentException,New-SSOOIDCToken'
    }

    It 'an invalid -Select is an argument error naming Select' {
        $record = $null
        try {
            $client | New-SSOOIDCToken -GrantType refresh_token -RefreshToken 'r' @endpoint -Select 'NoSuchProperty' -ErrorAction Stop
        }
        catch {
            $record = $_
        }
        $record.Exception | Should -BeOfType [System.ArgumentException]
        $record.Exception.Message | Should -Match 'Invalid value for -Select parameter'
    }
}

Describe 'ShouldProcess' {
    It '-WhatIf makes no call to the service' {
        $before = Get-TestOperationCount -Emulator $emulator -Operation 'RegisterClient'
        Register-SSOOIDCClient -ClientName 'what-if' -ClientType public @endpoint -WhatIf | Should -BeNullOrEmpty
        Get-TestOperationCount -Emulator $emulator -Operation 'RegisterClient' | Should -Be $before
    }

    It '-Force calls the service without asking, even with -Confirm' {
        $before = Get-TestOperationCount -Emulator $emulator -Operation 'RegisterClient'
        $client = Register-SSOOIDCClient -ClientName 'forced' -ClientType public @endpoint -Confirm -Force
        $client.ClientId | Should -Not -BeNullOrEmpty
        Get-TestOperationCount -Emulator $emulator -Operation 'RegisterClient' | Should -Be ($before + 1)
    }
}

Describe 'Pipeline input' {
    It 'runs once per piped name' {
        $names = 'tool-a', 'tool-b' | Register-SSOOIDCClient -ClientType public @endpoint -Select '^ClientName'
        $names | Should -Be @('tool-a', 'tool-b')
    }

    It 'binds a piped client object by property name' {
        $client = New-TestClient
        $device = $client | Start-SSOOIDCDeviceAuthorization -StartUrl 'https://d-1234567890.awsapps.com/start' @endpoint
        $device.PSObject.TypeNames[0] | Should -Be 'Amazon.SSOOIDC.Model.StartDeviceAuthorizationResponse'
    }
}

Describe 'The shell context and the streams' {
    It 'uses $StoredAWSRegion when there is no -Region' {
        $global:StoredAWSRegion = 'us-east-1'
        try {
            $client = Register-SSOOIDCClient -ClientName 'stored-region' -ClientType public -EndpointUrl $emulator.BaseUrl
        }
        finally {
            Remove-Variable -Scope Global -Name 'StoredAWSRegion' -ErrorAction Ignore
        }
        $client.ClientId | Should -Not -BeNullOrEmpty
    }

    It 'writes the backend messages to the verbose stream' {
        $records = Register-SSOOIDCClient -ClientName 'verbose' -ClientType public @endpoint -Verbose 4>&1
        $verbose = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message })
        ($verbose -join "`n") | Should -Match "Invoking AWS Single Sign-On OIDC operation 'RegisterClient'"
    }
}

Describe 'The backend process' {
    It 'is reused from call to call' {
        $null = New-TestClient
        $first = Get-TestBackendProcessId
        $null = New-TestClient
        Get-TestBackendProcessId | Should -Be $first
    }

    It 'is started again after it died, and the next call works' {
        $null = New-TestClient
        $before = Get-TestBackendProcessId
        $process = Get-Process -Id $before
        $process.Kill()
        $null = $process.WaitForExit(10000)
        $client = New-TestClient
        $client.ClientId | Should -Not -BeNullOrEmpty
        Get-TestBackendProcessId | Should -Not -Be $before
    }

    It 'refuses a backend of another protocol version with how to fix it' {
        InModuleScope AwsTokenBridge {
            Stop-AwsTokenBridgeBackend
            $saved = $script:ProtocolVersion
            $script:ProtocolVersion = '99.0'
            try {
                { Start-AwsTokenBridgeBackend } | Should -Throw -ErrorId 'AwsTokenBridgeProtocolMismatch'
                try {
                    Start-AwsTokenBridgeBackend
                }
                catch {
                    $_.Exception.Message | Should -Match 'pip install'
                }
            }
            finally {
                $script:ProtocolVersion = $saved
            }
        }
    }

    It 'is stopped when the module is removed' {
        $null = New-TestClient
        $backend = Get-TestBackendProcessId
        Remove-Module -Name AwsTokenBridge -Force
        try {
            Get-Process -Id $backend -ErrorAction Ignore | Should -BeNullOrEmpty
        }
        finally {
            Import-Module -Name (Get-TestModuleManifest) -Force
        }
    }
}

Describe 'The sign-in cmdlets' {
    BeforeAll {
        # A home of their own: the backend writes the AWS CLI's caches and config file there.
        $loginHome = Join-Path -Path $TestDrive -ChildPath 'home'
        $loginVariables = New-TestHome -Path $loginHome
        $savedVariables = Set-TestEnvironment -Variable $loginVariables
        # The backend reads its environment when it starts: the next call starts one that sees
        # this home.
        InModuleScope AwsTokenBridge { Stop-AwsTokenBridgeBackend }
        $global:AwsTokenBridgeTestShown = [System.Collections.Generic.List[string]]::new()
        $startUrl = 'https://d-1234567890.awsapps.com/start'
    }

    AfterAll {
        InModuleScope AwsTokenBridge { Stop-AwsTokenBridgeBackend }
        Restore-TestEnvironment -Saved $savedVariables
        Remove-Variable -Scope Global -Name AwsTokenBridgeTestShown -ErrorAction Ignore
    }

    BeforeEach {
        $global:AwsTokenBridgeTestShown.Clear()
    }

    It 'Invoke-SSOOIDCLogin shows the user code, waits for its approval with progress, and caches the token' {
        # The user: reads the code the cmdlet shows, and approves it on the device page.
        Mock -ModuleName AwsTokenBridge -CommandName Write-Information -MockWith {
            $global:AwsTokenBridgeTestShown.Add([string]$MessageData)
            if ([string]$MessageData -match 'user_code=([A-Za-z0-9-]+)') {
                $null = Invoke-TestEmulatorControl -Emulator $emulator -Path '/__emulator/device/approve' -Body @{ userCode = $Matches[1] }
            }
        }
        Mock -ModuleName AwsTokenBridge -CommandName Write-Progress -MockWith { $null }
        $result = Invoke-SSOOIDCLogin -StartUrl $startUrl -SSORegion us-east-1 -NoBrowser -EndpointUrl $emulator.BaseUrl
        $result.PSObject.TypeNames[0] | Should -Be 'AwsTokenBridge.SSOLoginResult'
        $result.StartUrl | Should -Be $startUrl
        $result.CachePath | Should -BeLike ($loginHome + '*')
        Test-Path -LiteralPath $result.CachePath -PathType Leaf | Should -BeTrue
        ([datetime]$result.ExpiresAt) -gt (Get-Date) | Should -BeTrue
        ($global:AwsTokenBridgeTestShown -join "`n") | Should -Match 'Then enter the code'
        Should -Invoke -ModuleName AwsTokenBridge -CommandName Write-Progress -ParameterFilter { $Activity -eq 'AWS SSO sign-in' -and $PercentComplete -eq 100 }
        $entry = Get-Content -Raw -LiteralPath $result.CachePath | ConvertFrom-Json
        $entry.accessToken | Should -Not -BeNullOrEmpty
        ($result | Out-String) | Should -Not -Match ([regex]::Escape($entry.accessToken))
    }

    It 'Invoke-AMSPLogin -Remote asks for the code the browser shows and points the profile at the session' {
        # The user: opens the URL on another device, signs in, and types the code shown there.
        Register-TestConsoleLoginMock
        $result = Invoke-AMSPLogin -ProfileName 'pester-remote' -Region us-east-1 -Remote -EndpointUrl $emulator.BaseUrl
        Should -Invoke -ModuleName AwsTokenBridge -CommandName Read-Host -Times 1 -Exactly
        $result.PSObject.TypeNames[0] | Should -Be 'AwsTokenBridge.SignInLoginResult'
        $result.ProfileName | Should -Be 'pester-remote'
        $result.CachePath | Should -BeLike ($loginVariables.AWS_LOGIN_CACHE_DIRECTORY + '*')
        Test-Path -LiteralPath $result.CachePath -PathType Leaf | Should -BeTrue
        $config = Get-Content -Raw -LiteralPath $loginVariables.AWS_CONFIG_FILE
        $config | Should -Match ('login_session = ' + [regex]::Escape($result.LoginSession))
        $entry = Get-Content -Raw -LiteralPath $result.CachePath | ConvertFrom-Json
        ($result | Format-List -Property * | Out-String) | Should -Not -Match ([regex]::Escape($entry.accessToken.secretAccessKey))
    }

    It 'a finished remote sign-in cannot be finished again' {
        $record = $null
        try {
            Invoke-AMSPLogin -Remote -LoginHandle 'no-such-handle' -AuthorizationCode 'code' -EndpointUrl $emulator.BaseUrl -Region us-east-1 -ErrorAction Stop
        }
        catch {
            $record = $_
        }
        $record.FullyQualifiedErrorId | Should -BeExactly 'LoginNotFound,Invoke-AMSPLogin'
        $record.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}
