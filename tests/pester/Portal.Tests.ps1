# From token to credentials (issue 16): register, device login, accounts, roles, role
# credentials, logout, and the refused token; the module, its real backend and the emulator.
# Pester 5; run by tests/module/test_pester.py (or: Invoke-Pester -Path tests/pester).

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'TestSupport.ps1')
    $python = Get-TestPython
    $emulator = Start-TestEmulator -Python $python
    $savedPython = Set-TestEnvironment -Variable @{ AWSTB_PYTHON = $python }
    Import-Module -Name (Get-TestModuleManifest) -Force
    $endpoint = @{ Region = 'us-east-1'; EndpointUrl = $emulator.BaseUrl }
    $deviceGrant = 'urn:ietf:params:oauth:grant-type:device_code'

    function New-TestToken {
        $client = Register-SSOOIDCClient -ClientName 'pester-portal' -ClientType public -GrantType $deviceGrant, 'refresh_token' -Scope 'sso:account:access' @endpoint
        $device = $client | Start-SSOOIDCDeviceAuthorization -StartUrl 'https://d-1234567890.awsapps.com/start' @endpoint
        $null = Invoke-TestEmulatorControl -Emulator $emulator -Path '/__emulator/device/approve' -Body @{ userCode = $device.UserCode }
        $null = Invoke-TestEmulatorControl -Emulator $emulator -Path '/__emulator/clock' -Body @{ advanceSeconds = 30 }
        $client | New-SSOOIDCToken -GrantType $deviceGrant -DeviceCode $device.DeviceCode @endpoint
    }
}

AfterAll {
    Remove-Module -Name AwsTokenBridge -Force -ErrorAction Ignore
    Restore-TestEnvironment -Saved $savedPython
    Stop-TestEmulator -Emulator $emulator
}

Describe 'From the device login to role credentials and logout' {
    BeforeAll {
        $token = New-TestToken
    }

    It 'lists every account from the token piped in, one AccountInfo per account' {
        $accounts = @($token | Get-SSOAccountList @endpoint)
        $accounts.Count | Should -Be 3
        $accounts[0].PSObject.TypeNames[0] | Should -Be 'Amazon.SSO.Model.AccountInfo'
        $accounts.AccountId | Should -Be @('111111111111', '222222222222', '333333333333')
        $accounts[0].AccountName | Should -Be 'Development'
        $accounts[0].EmailAddress | Should -Be 'dev@example.com'
    }

    It 'pages through all accounts with -MaxResult 1, one call per page' {
        $before = Get-TestOperationCount -Emulator $emulator -Operation 'ListAccounts'
        $accounts = @(Get-SSOAccountList -AccessToken $token.AccessToken -MaxResult 1 @endpoint)
        $accounts.AccountId | Should -Be @('111111111111', '222222222222', '333333333333')
        Get-TestOperationCount -Emulator $emulator -Operation 'ListAccounts' | Should -Be ($before + 3)
    }

    It '-NoAutoIteration makes one call; -Select * shows the NextToken to go on from' {
        $before = Get-TestOperationCount -Emulator $emulator -Operation 'ListAccounts'
        $page = Get-SSOAccountList -AccessToken $token.AccessToken -MaxResults 2 -NoAutoIteration -Select '*' @endpoint
        $page.PSObject.TypeNames[0] | Should -Be 'Amazon.SSO.Model.ListAccountsResponse'
        @($page.AccountList).Count | Should -Be 2
        $page.NextToken | Should -Not -BeNullOrEmpty
        $rest = @(Get-SSOAccountList -AccessToken $token.AccessToken -NextToken $page.NextToken @endpoint)
        $rest.AccountId | Should -Be @('333333333333')
        Get-TestOperationCount -Emulator $emulator -Operation 'ListAccounts' | Should -Be ($before + 2)
    }

    It 'lists the roles of accounts piped in by property name' {
        $roles = @(Get-SSOAccountList -AccessToken $token.AccessToken @endpoint |
                Where-Object { $_.AccountId -eq '333333333333' } |
                Get-SSOAccountRoleList -AccessToken $token.AccessToken -MaxResult 1 @endpoint)
        $roles.Count | Should -Be 3
        $roles[0].PSObject.TypeNames[0] | Should -Be 'Amazon.SSO.Model.RoleInfo'
        $roles.RoleName | Should -Be @('AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess')
        $roles.AccountId | Sort-Object -Unique | Should -Be '333333333333'
    }

    It 'gets role credentials for a role piped in, with the secrets kept out of the view' {
        $role = Get-SSOAccountRoleList -AccountId '111111111111' -AccessToken $token.AccessToken @endpoint |
            Select-Object -First 1
        $credentials = $role | Get-SSORoleCredential -AccessToken $token.AccessToken @endpoint
        $credentials.PSObject.TypeNames[0] | Should -Be 'Amazon.SSO.Model.RoleCredentials'
        $credentials.AccessKeyId | Should -Match '^ASIA[A-Z2-7]{16}$'
        $credentials.SecretAccessKey | Should -Not -BeNullOrEmpty
        $credentials.SessionToken | Should -Not -BeNullOrEmpty
        $credentials.Expiration | Should -BeOfType [long]
        $shown = $credentials | Out-String
        $shown | Should -Match ([regex]::Escape($credentials.AccessKeyId))
        $shown | Should -Not -Match ([regex]::Escape($credentials.SecretAccessKey))
        $shown | Should -Not -Match ([regex]::Escape($credentials.SessionToken))
    }

    It 'positional role name; a role the user lacks is refused by the service' {
        $credentials = Get-SSORoleCredential 'ReadOnlyAccess' -AccountId '222222222222' -AccessToken $token.AccessToken @endpoint
        $credentials.AccessKeyId | Should -Not -BeNullOrEmpty
        { Get-SSORoleCredential 'AdministratorAccess' -AccountId '222222222222' -AccessToken $token.AccessToken @endpoint } |
            Should -Throw -ErrorId 'ForbiddenException,Get-SSORoleCredential'
    }

    It 'Close-SSOSession -WhatIf makes no call' {
        $before = Get-TestOperationCount -Emulator $emulator -Operation 'Logout'
        $token | Close-SSOSession -WhatIf @endpoint | Should -BeNullOrEmpty
        Get-TestOperationCount -Emulator $emulator -Operation 'Logout' | Should -Be $before
    }

    It 'Close-SSOSession writes nothing, and the token is refused afterwards' {
        $token | Close-SSOSession -Force @endpoint | Should -BeNullOrEmpty
        { $token | Get-SSOAccountList @endpoint } |
            Should -Throw -ErrorId 'UnauthorizedException,Get-SSOAccountList'
        $record = $null
        try {
            Get-SSORoleCredential 'ReadOnlyAccess' -AccountId '111111111111' -AccessToken $token.AccessToken @endpoint -ErrorAction Stop
        }
        catch {
            $record = $_
        }
        $record.FullyQualifiedErrorId | Should -Be 'UnauthorizedException,Get-SSORoleCredential'
        $record.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $record.Exception.Message | Should -Not -Match ([regex]::Escape($token.AccessToken))
    }
}
