# Unit tests: the generated functions and the private code with the backend mocked.
# Pester 5; run by tests/module/test_pester.py (or: Invoke-Pester -Path tests/pester).

BeforeDiscovery {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'TestSupport.ps1')
    $fixturePath = Join-Path -Path (Join-Path -Path $PSScriptRoot -ChildPath 'fixtures') -ChildPath 'invoke-samples.json'
    # Windows PowerShell 5.1's ConvertFrom-Json writes a JSON array as one object: unroll it.
    $samples = @(Get-Content -Raw -LiteralPath $fixturePath | ConvertFrom-Json | ForEach-Object { $_ })
}

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'TestSupport.ps1')
    $manifestPath = Get-TestModuleManifest
    Import-Module -Name $manifestPath -Force
    $tokenArguments = @{
        ClientId = 'client-1'
        ClientSecret = 'secret-1'
        GrantType = 'refresh_token'
        RefreshToken = 'refresh-1'
        Region = 'us-east-1'
    }
}

AfterAll {
    Remove-Module -Name AwsTokenBridge -Force -ErrorAction Ignore
    Remove-Variable -Scope Global -Name AwsTokenBridgeTestSent -ErrorAction Ignore
}

Describe 'What a function sends: <name>' -ForEach $samples {
    BeforeAll {
        $sample = $_
        # The mock body runs in this file's scope: it keeps the hashtable; the module's own
        # serializer turns it into JSON afterwards.
        Mock -ModuleName AwsTokenBridge -CommandName Invoke-AwsTokenBridgeRequest -MockWith {
            $global:AwsTokenBridgeTestSent = $Params
            [pscustomobject]@{ result = [pscustomobject]@{ items = @() }; error = $null }
        }
    }

    It 'sends the params of the fixture, byte for byte' {
        $arguments = ConvertTo-TestHashtable -InputObject $sample.arguments
        $stored = @($sample.stored.PSObject.Properties)
        foreach ($variable in $stored) {
            Set-Variable -Scope Global -Name $variable.Name -Value $variable.Value
        }
        try {
            $global:AwsTokenBridgeTestSent = $null
            if ($null -eq $sample.pipeline) {
                & $sample.cmdlet @arguments
            }
            else {
                $sample.pipeline | & $sample.cmdlet @arguments
            }
        }
        finally {
            foreach ($variable in $stored) {
                Remove-Variable -Scope Global -Name $variable.Name -ErrorAction Ignore
            }
        }
        $sent = InModuleScope AwsTokenBridge -Parameters @{ Sent = $global:AwsTokenBridgeTestSent } {
            param($Sent)
            # The shell's environment variables (their values are this machine's) have tests of
            # their own in AwsTokenBridge.Habits.Tests.ps1.
            $Sent.context.Remove('environment')
            ConvertTo-AwsTokenBridgeJson -InputObject $Sent
        }
        $sent | Should -BeExactly $sample.params
    }
}

Describe 'ShouldProcess, -WhatIf and -Force' {
    BeforeEach {
        Mock -ModuleName AwsTokenBridge -CommandName Invoke-AwsTokenBridgeBackend -MockWith { $null }
    }

    It 'calls the backend without a prompt by default (ConfirmImpact Medium)' {
        New-SSOOIDCToken @tokenArguments
        Should -Invoke -ModuleName AwsTokenBridge -CommandName Invoke-AwsTokenBridgeBackend -Times 1 -Exactly -ParameterFilter {
            $Cmdlet -eq 'New-SSOOIDCToken' -and $Parameters.ClientId -eq 'client-1'
        }
    }

    It '-WhatIf makes no call' {
        New-SSOOIDCToken @tokenArguments -WhatIf
        Should -Invoke -ModuleName AwsTokenBridge -CommandName Invoke-AwsTokenBridgeBackend -Times 0 -Exactly
    }

    It '-WhatIf wins over -Force' {
        New-SSOOIDCToken @tokenArguments -WhatIf -Force
        Should -Invoke -ModuleName AwsTokenBridge -CommandName Invoke-AwsTokenBridgeBackend -Times 0 -Exactly
    }

    It '-Force skips the confirmation that -Confirm asks for' {
        New-SSOOIDCToken @tokenArguments -Confirm -Force
        Should -Invoke -ModuleName AwsTokenBridge -CommandName Invoke-AwsTokenBridgeBackend -Times 1 -Exactly
    }

    It '-Force skips the confirmation that $ConfirmPreference asks for' {
        # Global: a module function does not see the caller's local preference variables.
        $savedPreference = $global:ConfirmPreference
        $global:ConfirmPreference = 'Low'
        try {
            New-SSOOIDCToken @tokenArguments -Force
        }
        finally {
            $global:ConfirmPreference = $savedPreference
        }
        Should -Invoke -ModuleName AwsTokenBridge -CommandName Invoke-AwsTokenBridgeBackend -Times 1 -Exactly
    }

    It 'shows the action text and the ClientId as the target' {
        # WhatIf text goes to the host: run a child session and read its output.
        $shell = Get-TestShell
        $command = "`$env:AWSTB_PYTHON = 'no-such-python'; Import-Module '" + $manifestPath + "'; " +
            'New-SSOOIDCToken -ClientId client-7 -ClientSecret s -GrantType refresh_token -RefreshToken r -Region us-east-1 -WhatIf'
        $output = (& $shell -NoProfile -NonInteractive -Command $command) -join "`n"
        $output | Should -Match ([regex]::Escape('What if: Performing the operation "New-SSOOIDCToken (CreateToken)" on target "client-7".'))
    }
}

Describe 'Pipeline input' {
    BeforeEach {
        Mock -ModuleName AwsTokenBridge -CommandName Invoke-AwsTokenBridgeBackend -MockWith { $null }
    }

    It 'binds piped strings to the pipeline parameter, one call each' {
        'tool-a', 'tool-b' | Register-SSOOIDCClient -ClientType public -Region us-east-1
        foreach ($name in 'tool-a', 'tool-b') {
            Should -Invoke -ModuleName AwsTokenBridge -CommandName Invoke-AwsTokenBridgeBackend -Times 1 -Exactly -ParameterFilter {
                $Parameters.ClientName -eq $name
            }
        }
    }

    It 'binds the properties of a piped object by name and leaves the object out of -Credential' {
        $client = [pscustomobject]@{ ClientId = 'client-9'; ClientSecret = 'secret-9'; ClientIdIssuedAt = 1 }
        $client | New-SSOOIDCToken -GrantType refresh_token -RefreshToken r -Region us-east-1
        Should -Invoke -ModuleName AwsTokenBridge -CommandName Invoke-AwsTokenBridgeBackend -Times 1 -Exactly -ParameterFilter {
            $Parameters.ClientId -eq 'client-9' -and $Parameters.ClientSecret -eq 'secret-9' -and -not $Parameters.ContainsKey('Credential')
        }
    }

    It 'keeps credentials given on the command line' {
        New-SSOOIDCTokenWithIAM -ClientId app -GrantType refresh_token -RefreshToken r -Region us-east-1 -Credential @{ AccessKey = 'AKID'; SecretKey = 'SECRET' }
        Should -Invoke -ModuleName AwsTokenBridge -CommandName Invoke-AwsTokenBridgeBackend -Times 1 -Exactly -ParameterFilter {
            $Parameters.Credential.AccessKey -eq 'AKID' -and $Parameters.Credential.SecretKey -eq 'SECRET'
        }
    }

    It 'passes -Select and -PassThru on to the backend' {
        New-SSOOIDCToken @tokenArguments -Select '^ClientId'
        New-SSOOIDCToken @tokenArguments -PassThru
        Should -Invoke -ModuleName AwsTokenBridge -CommandName Invoke-AwsTokenBridgeBackend -Times 1 -Exactly -ParameterFilter {
            $Parameters.Select -eq '^ClientId' -and -not $Parameters.ContainsKey('PassThru')
        }
        Should -Invoke -ModuleName AwsTokenBridge -CommandName Invoke-AwsTokenBridgeBackend -Times 1 -Exactly -ParameterFilter {
            $Parameters.PassThru -and -not $Parameters.ContainsKey('Select')
        }
    }
}

Describe 'Output objects' {
    It 'get the .NET type name as their first PSTypeName, without the $type member' {
        $token = InModuleScope AwsTokenBridge {
            $json = '{"$type":"Amazon.SSOOIDC.Model.CreateTokenResponse","AccessToken":"access-secret-value","ExpiresIn":900,' +
                '"IdToken":null,"RefreshToken":"refresh-secret-value","TokenType":"Bearer",' +
                '"ResponseMetadata":{"$type":"Amazon.Runtime.ResponseMetadata","RequestId":"r-1","Metadata":{}},' +
                '"Scope":["openid"]}'
            ConvertTo-AwsTokenBridgeObject -InputObject (ConvertFrom-Json -InputObject $json)
        }
        $token.PSObject.TypeNames[0] | Should -Be 'Amazon.SSOOIDC.Model.CreateTokenResponse'
        $token.PSObject.Properties.Name | Should -Not -Contain '$type'
        $token.ResponseMetadata.PSObject.TypeNames[0] | Should -Be 'Amazon.Runtime.ResponseMetadata'
        $token.ResponseMetadata.Metadata | Should -BeOfType [hashtable]
        , $token.Scope | Should -BeOfType [array]
        @($token.Scope).Count | Should -Be 1
    }

    It 'show secrets masked in the default view and keep their values' {
        $token = InModuleScope AwsTokenBridge {
            $json = '{"$type":"Amazon.SSOOIDC.Model.CreateTokenResponse","AccessToken":"access-secret-value","ExpiresIn":900,' +
                '"IdToken":null,"RefreshToken":"refresh-secret-value","TokenType":"Bearer"}'
            ConvertTo-AwsTokenBridgeObject -InputObject (ConvertFrom-Json -InputObject $json)
        }
        $shown = $token | Out-String
        $shown | Should -Not -Match 'access-secret-value'
        $shown | Should -Not -Match 'refresh-secret-value'
        $shown | Should -Match ([regex]::Escape('**** (19 characters)'))
        $shown | Should -Match 'Bearer'
        $token.AccessToken | Should -BeExactly 'access-secret-value'
        ($token | Format-List -Property * | Out-String) | Should -Match 'access-secret-value'
    }

    It 'mask the secrets of nested objects' {
        $body = InModuleScope AwsTokenBridge {
            $json = '{"$type":"Amazon.Signin.Model.CreateOAuth2TokenResponseBody","AccessToken":{"$type":"Amazon.Signin.Model.AccessToken",' +
                '"AccessKeyId":"ASIAEXAMPLE","SecretAccessKey":"secret-key-value","SessionToken":"session-token-value"},' +
                '"ExpiresIn":900,"IdToken":null,"RefreshToken":"refresh-secret-value","TokenType":"aws_sigv4"}'
            ConvertTo-AwsTokenBridgeObject -InputObject (ConvertFrom-Json -InputObject $json)
        }
        $shown = $body | Out-String
        $shown | Should -Match 'ASIAEXAMPLE'
        $shown | Should -Not -Match 'secret-key-value'
        $shown | Should -Not -Match 'session-token-value'
        $body.AccessToken.SecretAccessKey | Should -BeExactly 'secret-key-value'
    }
}

Describe 'Errors' {
    BeforeAll {
        function New-TestRpcError {
            param([string] $ErrorCode, [string] $ExceptionType, [string] $ErrorId, [string] $Category, [object] $Target)
            $data = [pscustomobject]@{
                errorCode = $ErrorCode
                message = 'The message of ' + $ErrorCode
                httpStatus = 400
                requestId = 'request-1'
                exceptionType = $ExceptionType
                category = $Category
                errorId = $ErrorId
                targetObject = $Target
            }
            [pscustomobject]@{ error = [pscustomobject]@{ code = -32000; message = $data.message; data = $data }; result = $null }
        }
    }

    Context 'a service error' {
        BeforeAll {
            Mock -ModuleName AwsTokenBridge -CommandName Invoke-AwsTokenBridgeRequest -MockWith {
                New-TestRpcError -ErrorCode 'AuthorizationPendingException' -ExceptionType 'Amazon.SSOOIDC.Model.AuthorizationPendingException' `
                    -ErrorId 'AuthorizationPendingException,New-SSOOIDCToken' -Category 'ResourceUnavailable' -Target 'client-1'
            }
        }

        It 'is thrown with the error id and the cmdlet name' {
            { New-SSOOIDCToken @tokenArguments } | Should -Throw -ErrorId 'AuthorizationPendingException,New-SSOOIDCToken'
        }

        It 'has the FullyQualifiedErrorId, category, target, message and data of the backend error' {
            $record = $null
            try {
                New-SSOOIDCToken @tokenArguments -ErrorAction Stop
            }
            catch {
                $record = $_
            }
            $record.FullyQualifiedErrorId | Should -BeExactly 'AuthorizationPendingException,New-SSOOIDCToken'
            $record.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
            $record.CategoryInfo.Reason | Should -Be 'AuthorizationPendingException'
            $record.TargetObject | Should -Be 'client-1'
            $record.Exception | Should -BeOfType [System.InvalidOperationException]
            $record.Exception.Message | Should -BeExactly 'The message of AuthorizationPendingException'
            $record.Exception.Data['ErrorCode'] | Should -Be 'AuthorizationPendingException'
            $record.Exception.Data['HttpStatus'] | Should -Be 400
            $record.Exception.Data['RequestId'] | Should -Be 'request-1'
        }

        It 'is terminating: the rest of the statement list does not run' {
            $after = $false
            try {
                New-SSOOIDCToken @tokenArguments
                $after = $true
            }
            catch {
                $null = $_
            }
            $after | Should -BeFalse
        }
    }

    Context 'an argument error' {
        BeforeAll {
            Mock -ModuleName AwsTokenBridge -CommandName Invoke-AwsTokenBridgeRequest -MockWith {
                New-TestRpcError -ErrorCode 'ArgumentException' -ExceptionType 'System.ArgumentException' `
                    -ErrorId 'System.ArgumentException,New-SSOOIDCToken' -Category 'NotSpecified' -Target 'Select'
            }
        }

        It 'keeps its exception type and parameter name' {
            $record = $null
            try {
                New-SSOOIDCToken @tokenArguments -Select 'NoSuchProperty' -ErrorAction Stop
            }
            catch {
                $record = $_
            }
            $record.FullyQualifiedErrorId | Should -BeExactly 'System.ArgumentException,New-SSOOIDCToken'
            $record.Exception | Should -BeOfType [System.ArgumentException]
            $record.Exception.ParamName | Should -Be 'Select'
        }
    }

    Context 'a cancelled request' {
        It 'is an OperationCanceledException' {
            $record = InModuleScope AwsTokenBridge {
                ConvertTo-AwsTokenBridgeErrorRecord -RpcError ([pscustomobject]@{ code = -32800; message = 'Request cancelled' }) -Cmdlet 'New-SSOOIDCToken'
            }
            $record.Exception | Should -BeOfType [System.OperationCanceledException]
            $record.CategoryInfo.Category | Should -Be 'OperationStopped'
        }
    }
}

Describe 'Finding Python' {
    BeforeEach {
        $savedPython = Save-TestEnvironment -Name 'AWSTB_PYTHON'
        InModuleScope AwsTokenBridge { Stop-AwsTokenBridgeBackend }
    }

    AfterEach {
        Restore-TestEnvironment -Saved $savedPython
    }

    It 'fails with an error that names AWSTB_PYTHON when it points nowhere' {
        $env:AWSTB_PYTHON = Join-Path -Path $TestDrive -ChildPath 'no-such-python'
        $record = $null
        try {
            Register-SSOOIDCClient -ClientName x -ClientType public -Region us-east-1 -ErrorAction Stop
        }
        catch {
            $record = $_
        }
        $record.FullyQualifiedErrorId | Should -BeExactly 'AwsTokenBridgePythonNotFound,Register-SSOOIDCClient'
        $record.Exception.Message | Should -Match 'AWSTB_PYTHON'
        $record.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'uses AWSTB_PYTHON before anything else' {
        $env:AWSTB_PYTHON = Get-TestPython
        $python = InModuleScope AwsTokenBridge { Resolve-AwsTokenBridgePython }
        $python.Source | Should -Be 'the environment variable AWSTB_PYTHON'
        $python.FileName | Should -Be (Resolve-Path -LiteralPath (Get-TestPython)).ProviderPath
    }

    It 'uses the configuration next' {
        $env:AWSTB_PYTHON = $null
        $python = InModuleScope AwsTokenBridge -Parameters @{ Python = (Get-TestPython) } {
            param($Python)
            $saved = $script:Configuration.Python
            $script:Configuration.Python = @($Python, '-X', 'utf8')
            try {
                Resolve-AwsTokenBridgePython
            }
            finally {
                $script:Configuration.Python = $saved
            }
        }
        $python.Source | Should -Be 'the module configuration'
        $python.Arguments | Should -Be @('-X', 'utf8')
    }

    It 'quotes arguments as CommandLineToArgvW splits them' {
        InModuleScope AwsTokenBridge {
            ConvertTo-AwsTokenBridgeCommandLine -Argument @('-m', 'py_backend', 'rpc') | Should -BeExactly '-m py_backend rpc'
            ConvertTo-AwsTokenBridgeCommandLine -Argument @('C:\Program Files\x\', 'a"b', '') | Should -BeExactly '"C:\Program Files\x\\" "a\"b" ""'
        }
    }

    It 'reads the configuration file named by AWSTB_CONFIG, and import options win over it' {
        $path = Join-Path -Path $TestDrive -ChildPath 'config.psd1'
        Set-Content -LiteralPath $path -Value "@{ Python = 'from-file'; LogLevel = 'debug' }"
        $savedConfig = Set-TestEnvironment -Variable @{ AWSTB_CONFIG = $path }
        try {
            $settings = InModuleScope AwsTokenBridge { Get-AwsTokenBridgeConfiguration -Options @{ LogLevel = 'info' } }
        }
        finally {
            Restore-TestEnvironment -Saved $savedConfig
        }
        $settings.Python | Should -Be 'from-file'
        $settings.LogLevel | Should -Be 'info'
        $settings.ConfigurationPath | Should -Be $path
    }
}

Describe 'The request loop' {
    It 'writes the notifications of its request and returns its answer' {
        $result = InModuleScope AwsTokenBridge {
            $script:TestLines = [System.Collections.Generic.Queue[string]]::new()
            $script:TestLines.Enqueue('{"jsonrpc":"2.0","method":"$/log","params":{"id":1,"level":"verbose","message":"from the backend"}}')
            $script:TestLines.Enqueue('{"jsonrpc":"2.0","method":"$/log","params":{"id":7,"level":"warning","message":"about another request"}}')
            $script:TestLines.Enqueue('{"jsonrpc":"2.0","method":"$/log","params":{"id":1,"level":"warning","message":"a warning"}}')
            $script:TestLines.Enqueue('{"jsonrpc":"2.0","method":"$/progress","params":{"id":1,"activity":"Polling","status":"waiting","percentComplete":40}}')
            $script:TestLines.Enqueue('{"jsonrpc":"2.0","id":7,"result":{"items":["late"]}}')
            $script:TestLines.Enqueue('{"jsonrpc":"2.0","id":1,"result":{"items":["mine"]}}')
            $script:TestConnection = New-AwsTokenBridgeConnection -Transport 'Stdio' -Writer ([System.IO.StringWriter]::new()) -Reader ([System.IO.StringReader]::new(''))
            # Request 7 was given up on earlier: its late answer is skipped (an answer to an id
            # never cancelled is a protocol error: AwsTokenBridge.Habits.Tests.ps1).
            $null = $script:TestConnection.CancelledIds.Add(7)
            Mock Get-AwsTokenBridgeConnection { $script:TestConnection }
            Mock Read-AwsTokenBridgeLine { [pscustomobject]@{ Status = 'Line'; Line = $script:TestLines.Dequeue() } }
            Mock Write-Progress { $null }
            $streams = Invoke-AwsTokenBridgeRequest -Method 'invoke' -Params @{ cmdlet = 'X' } -Activity 'X' -Verbose 4>&1 3>&1
            Should -Invoke Write-Progress -Times 1 -Exactly -ParameterFilter { $Activity -eq 'Polling' -and $Status -eq 'waiting' -and $PercentComplete -eq 40 }
            Should -Invoke Write-Progress -Times 1 -Exactly -ParameterFilter { $Completed }
            [pscustomobject]@{ Streams = @($streams); Sent = $script:TestConnection.Writer.ToString() }
        }
        $answer = @($result.Streams | Where-Object { $_ -is [System.Management.Automation.PSCustomObject] })
        $answer.Count | Should -Be 1
        $answer[0].result.items | Should -Be @('mine')
        @($result.Streams | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message }) | Should -Contain 'from the backend'
        $warnings = @($result.Streams | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object { $_.Message })
        $warnings | Should -Be @('a warning')
        $result.Sent | Should -BeExactly ('{"id":1,"jsonrpc":"2.0","method":"invoke","params":{"cmdlet":"X"}}' + "`n")
    }

    It 'cancels its request when it is stopped, and the next request skips the late lines' {
        $sent = InModuleScope AwsTokenBridge {
            $reader = [System.IO.StringReader]::new(
                '{"jsonrpc":"2.0","method":"$/log","params":{"id":1,"level":"warning","message":"late"}}' + "`n" +
                '{"jsonrpc":"2.0","id":1,"error":{"code":-32800,"message":"Request cancelled"}}' + "`n" +
                '{"jsonrpc":"2.0","id":2,"result":"second"}' + "`n")
            $script:TestConnection = New-AwsTokenBridgeConnection -Transport 'Stdio' -Writer ([System.IO.StringWriter]::new()) -Reader $reader
            Mock Get-AwsTokenBridgeConnection { $script:TestConnection }
            Mock Read-AwsTokenBridgeLine { throw 'stopped' }
            { Invoke-AwsTokenBridgeRequest -Method 'invoke' -Params @{} } | Should -Throw
            $cancelLine = $script:TestConnection.Writer.ToString()
            [pscustomobject]@{ Sent = $cancelLine; Cancelled = @($script:TestConnection.CancelledIds) }
        }
        $sent.Sent | Should -Match ([regex]::Escape('{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}'))
        $sent.Cancelled | Should -Be @(1)
    }

    It 'skips the late answer and notifications of a cancelled request' {
        $result = InModuleScope AwsTokenBridge {
            $reader = [System.IO.StringReader]::new(
                '{"jsonrpc":"2.0","method":"$/log","params":{"id":1,"level":"warning","message":"late"}}' + "`n" +
                '{"jsonrpc":"2.0","id":1,"error":{"code":-32800,"message":"Request cancelled"}}' + "`n" +
                '{"jsonrpc":"2.0","id":2,"result":"second"}' + "`n")
            $script:TestConnection = New-AwsTokenBridgeConnection -Transport 'Stdio' -Writer ([System.IO.StringWriter]::new()) -Reader $reader
            $script:TestConnection.NextId = 1
            $null = $script:TestConnection.CancelledIds.Add(1)
            Mock Get-AwsTokenBridgeConnection { $script:TestConnection }
            Invoke-AwsTokenBridgeRequest -Method 'describe' 3>&1
        }
        @($result | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Count | Should -Be 0
        @($result | Where-Object { $_ -isnot [System.Management.Automation.WarningRecord] })[0].result | Should -Be 'second'
    }

    It 'sends a request that could not be written once more, to a new backend' {
        InModuleScope AwsTokenBridge {
            $script:TestWrites = 0
            $script:TestConnection = New-AwsTokenBridgeConnection -Transport 'Stdio' -Writer ([System.IO.StringWriter]::new()) -Reader ([System.IO.StringReader]::new(''))
            Mock Get-AwsTokenBridgeConnection { $script:TestConnection }
            Mock Stop-AwsTokenBridgeBackend { $null }
            Mock Send-AwsTokenBridgeLine { $script:TestWrites += 1; $script:TestWrites -gt 1 }
            Mock Receive-AwsTokenBridgeAnswer { [pscustomobject]@{ Status = 'Answered'; Message = [pscustomobject]@{ id = $Id; result = 'ok' } } }
            (Invoke-AwsTokenBridgeRequest -Method 'describe').result | Should -Be 'ok'
            Should -Invoke Send-AwsTokenBridgeLine -Times 2 -Exactly
            Should -Invoke Stop-AwsTokenBridgeBackend -Times 1 -Exactly
        }
    }

    It 'never sends a written request again when the backend dies before answering' {
        InModuleScope AwsTokenBridge {
            $script:TestConnection = New-AwsTokenBridgeConnection -Transport 'Stdio' -Writer ([System.IO.StringWriter]::new()) -Reader ([System.IO.StringReader]::new(''))
            Mock Get-AwsTokenBridgeConnection { $script:TestConnection }
            Mock Stop-AwsTokenBridgeBackend { $null }
            Mock Send-AwsTokenBridgeLine { $true }
            Mock Receive-AwsTokenBridgeAnswer { [pscustomobject]@{ Status = 'Closed'; Message = $null } }
            { Invoke-AwsTokenBridgeRequest -Method 'invoke' -Activity 'New-SSOOIDCToken' } | Should -Throw -ErrorId 'AwsTokenBridgeBackendExited'
            Should -Invoke Send-AwsTokenBridgeLine -Times 1 -Exactly
        }
    }
}

Describe 'Parameter conversion' {
    It 'turns AWS credential objects into key sets and anonymous credentials into nothing' {
        InModuleScope AwsTokenBridge {
            $credentials = [pscustomobject]@{ Name = 'basic' }
            $credentials | Add-Member -MemberType ScriptMethod -Name GetCredentials -Value {
                [pscustomobject]@{ AccessKey = 'AKID'; SecretKey = 'SECRET'; Token = 'TOKEN' }
            }
            $keys = ConvertTo-AwsTokenBridgeCredential -InputObject $credentials
            $keys.AccessKey | Should -Be 'AKID'
            $keys.SecretKey | Should -Be 'SECRET'
            $keys.Token | Should -Be 'TOKEN'
            $anonymous = [pscustomobject]@{ Name = 'anonymous' }
            $anonymous | Add-Member -MemberType ScriptMethod -Name GetCredentials -Value { $null }
            ConvertTo-AwsTokenBridgeCredential -InputObject $anonymous | Should -BeNullOrEmpty
        }
    }

    It 'sends region objects by name and network credentials without the password' {
        InModuleScope AwsTokenBridge {
            $password = ConvertTo-SecureString -String 'pw' -AsPlainText -Force
            $bound = @{
                Region = [pscustomobject]@{ SystemName = 'eu-west-1'; DisplayName = 'Europe (Ireland)' }
                NetworkCredential = [System.Management.Automation.PSCredential]::new('user', $password)
            }
            $sent = ConvertTo-AwsTokenBridgeParameter -BoundParameters $bound
            ConvertTo-AwsTokenBridgeJson -InputObject $sent | Should -BeExactly '{"NetworkCredential":{"UserName":"user"},"Region":{"SystemName":"eu-west-1"}}'
        }
    }

    It 'reads $StoredAWSCredentials and $StoredAWSRegion from the caller' {
        $global:StoredAWSCredentials = 'my-profile'
        $global:StoredAWSRegion = [pscustomobject]@{ Region = 'eu-central-1'; Name = 'Europe (Frankfurt)' }
        try {
            Mock -ModuleName AwsTokenBridge -CommandName Invoke-AwsTokenBridgeRequest -MockWith {
                $global:AwsTokenBridgeTestSent = $Params.context
                [pscustomobject]@{ result = [pscustomobject]@{ items = @() }; error = $null }
            }
            New-SSOOIDCToken @tokenArguments
            $context = InModuleScope AwsTokenBridge -Parameters @{ Sent = $global:AwsTokenBridgeTestSent } {
                param($Sent)
                $Sent.Remove('environment')
                ConvertTo-AwsTokenBridgeJson -InputObject $Sent
            }
            $context | Should -BeExactly '{"storedCredentials":{"ProfileName":"my-profile"},"storedRegion":"eu-central-1"}'
        }
        finally {
            Remove-Variable -Scope Global -Name 'StoredAWSCredentials', 'StoredAWSRegion' -ErrorAction Ignore
        }
    }
}

Describe 'JSON' {
    It 'writes what Python json.dumps(sort_keys=True, separators=(",", ":")) writes' -ForEach @(
        @{ Value = $null; Expected = 'null' }
        @{ Value = 'a"b\c'; Expected = '"a\"b\\c"' }
        @{ Value = "line`nnext`ttab"; Expected = '"line\nnext\ttab"' }
        @{ Value = ([string][char]0xE9); Expected = '"\u00e9"' }
        @{ Value = @{ b = 1; a = @($true, $false) }; Expected = '{"a":[true,false],"b":1}' }
        @{ Value = @{ B = 1; a = 2 }; Expected = '{"B":1,"a":2}' }
        @{ Value = [pscustomobject]@{ z = 1; y = 'x' }; Expected = '{"z":1,"y":"x"}' }
        @{ Value = @(, @('one')); Expected = '[["one"]]' }
        @{ Value = [System.Management.Automation.ErrorCategory]::InvalidData; Expected = '"InvalidData"' }
        # Names and string items of each kind of container, escaped where they must be.
        @{ Value = @{ 'k"ey' = "v`n"; n = $null; c = [char]'c' }; Expected = '{"c":"c","k\"ey":"v\n","n":null}' }
        @{ Value = [pscustomobject]@{ 'n\m' = @('a', $null, 1) }; Expected = '{"n\\m":["a",null,1]}' }
        @{ Value = @("$([char]0xE9)t$([char]0xE9)", @('x'), @{ B = "`t"; a = @() }); Expected = '["\u00e9t\u00e9",["x"],{"B":"\t","a":[]}]' }
    ) {
        $json = InModuleScope AwsTokenBridge -Parameters @{ Value = $Value } {
            param($Value)
            ConvertTo-AwsTokenBridgeJson -InputObject $Value
        }
        $json | Should -BeExactly $Expected
    }

    It 'writes a SecureString as its text' {
        InModuleScope AwsTokenBridge {
            $secure = ConvertTo-SecureString -String 's3cret' -AsPlainText -Force
            ConvertTo-AwsTokenBridgeJson -InputObject $secure | Should -BeExactly '"s3cret"'
        }
    }

    It 'refuses a value nested more deeply than 32 levels, naming the problem' {
        $value = @{ leaf = 1 }
        for ($level = 0; $level -lt 40; $level++) {
            $value = @{ nested = $value }
        }
        $record = InModuleScope AwsTokenBridge -Parameters @{ Value = $value } {
            param($Value)
            try {
                $null = ConvertTo-AwsTokenBridgeJson -InputObject $Value
            }
            catch {
                $_
            }
        }
        $record.FullyQualifiedErrorId | Should -BeLike 'AwsTokenBridgeValueTooDeep*'
        $record.Exception.Message | Should -Match 'nested too deeply'
    }

    It 'refuses a <Leaf> past 32 levels in <Kind> as it refuses a number there, and writes it at 32' -ForEach @(
        @{ Kind = 'arrays'; Leaf = 'string'; Value = 'x' }
        @{ Kind = 'arrays'; Leaf = 'null'; Value = $null }
        @{ Kind = 'dictionaries'; Leaf = 'string'; Value = 'x' }
        @{ Kind = 'objects'; Leaf = 'char'; Value = [char]'x' }
        @{ Kind = 'objects'; Leaf = 'null'; Value = $null }
    ) {
        $results = InModuleScope AwsTokenBridge -Parameters @{ Kind = $Kind; Leaf = $Value } {
            param($Kind, $Leaf)
            foreach ($levels in 32, 33) {
                $value = $Leaf
                for ($level = 0; $level -lt $levels; $level++) {
                    if ($Kind -eq 'arrays') {
                        $value = @(, $value)
                    }
                    elseif ($Kind -eq 'dictionaries') {
                        $value = @{ k = $value }
                    }
                    else {
                        $value = [pscustomobject]@{ k = $value }
                    }
                }
                try {
                    ConvertTo-AwsTokenBridgeJson -InputObject $value
                }
                catch {
                    $_.FullyQualifiedErrorId
                }
            }
        }
        $results[0] | Should -Not -BeLike 'AwsTokenBridgeValueTooDeep*'
        $results[1] | Should -BeLike 'AwsTokenBridgeValueTooDeep*'
    }
}

Describe 'The test environment helpers' {
    BeforeAll {
        $names = 'AWSTB_TEST_CASE', 'awstb_test_case', 'AWSTB_TEST_UNSET'
    }

    AfterEach {
        foreach ($name in $names) {
            [System.Environment]::SetEnvironmentVariable($name, $null)
        }
    }

    # Names that differ only in case are one variable on Windows.
    It 'restore names that differ only in case each to its own value, and unset what was unset' -Skip:([System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT) {
        [System.Environment]::SetEnvironmentVariable('AWSTB_TEST_CASE', 'upper')
        $changed = [hashtable]::new([System.StringComparer]::Ordinal)
        $changed.AWSTB_TEST_CASE = $null
        $changed.awstb_test_case = 'lower'
        $changed.AWSTB_TEST_UNSET = 'set'
        $saved = Set-TestEnvironment -Variable $changed
        [System.Environment]::GetEnvironmentVariable('AWSTB_TEST_CASE') | Should -BeNullOrEmpty
        [System.Environment]::GetEnvironmentVariable('awstb_test_case') | Should -BeExactly 'lower'
        Restore-TestEnvironment -Saved $saved
        [System.Environment]::GetEnvironmentVariable('AWSTB_TEST_CASE') | Should -BeExactly 'upper'
        [System.Environment]::GetEnvironmentVariable('awstb_test_case') | Should -BeNullOrEmpty
        [System.Environment]::GetEnvironmentVariable('AWSTB_TEST_UNSET') | Should -BeNullOrEmpty
    }
}

Describe 'The sign-in cmdlets' {
    BeforeAll {
        function New-TestAnswer {
            param([hashtable] $Item)
            $object = New-Object -TypeName psobject -Property $Item
            [pscustomobject]@{ result = [pscustomobject]@{ items = @($object) }; error = $null }
        }
        $pendingItem = @{ '$type' = 'AwsTokenBridge.SignInLoginPending'; LoginHandle = 'handle-7'; AuthorizationUrl = 'https://signin.example/v1/authorize'; ExpiresAt = '2030-01-01T00:10:00Z' }
        $resultItem = @{ '$type' = 'AwsTokenBridge.SignInLoginResult'; ProfileName = 'console'; LoginSession = 'arn:aws:sts::123456789012:assumed-role/Admin/admin'; AccountId = '123456789012' }
    }

    BeforeEach {
        $global:AwsTokenBridgeTestCalls = [System.Collections.Generic.List[object]]::new()
    }

    AfterAll {
        Remove-Variable -Scope Global -Name AwsTokenBridgeTestCalls -ErrorAction Ignore
    }

    It 'Invoke-AMSPLogin -Remote starts the sign-in, asks for the code, and finishes it in a second call' {
        Mock -ModuleName AwsTokenBridge -CommandName Invoke-AwsTokenBridgeRequest -MockWith {
            # As JSON now: the function goes on to change the same hashtable for its second call.
            $json = & (Get-Module -Name AwsTokenBridge) { param($Value) ConvertTo-AwsTokenBridgeJson -InputObject $Value } $Params.parameters
            $global:AwsTokenBridgeTestCalls.Add($json)
            if ($Params.parameters.ContainsKey('LoginHandle')) {
                return (New-TestAnswer -Item $resultItem)
            }
            New-TestAnswer -Item $pendingItem
        }
        Mock -ModuleName AwsTokenBridge -CommandName Read-Host -MockWith {
            ConvertTo-SecureString -String 'pasted-code' -AsPlainText -Force
        }
        $result = Invoke-AMSPLogin -ProfileName console -Region us-east-1 -Remote
        Should -Invoke -ModuleName AwsTokenBridge -CommandName Read-Host -Times 1 -Exactly -ParameterFilter {
            $Prompt -eq 'Enter the authorization code displayed in your browser' -and $AsSecureString
        }
        $sent = @($global:AwsTokenBridgeTestCalls)
        $sent.Count | Should -Be 2
        $sent[0] | Should -BeExactly '{"ProfileName":"console","Region":"us-east-1","Remote":true}'
        $sent[1] | Should -BeExactly '{"AuthorizationCode":"pasted-code","LoginHandle":"handle-7","ProfileName":"console","Region":"us-east-1","Remote":true}'
        @($result).Count | Should -Be 1
        $result.PSObject.TypeNames[0] | Should -Be 'AwsTokenBridge.SignInLoginResult'
        $result.LoginSession | Should -Be $resultItem.LoginSession
    }

    It 'Invoke-AMSPLogin -Remote -WhatIf asks nothing and calls nothing' {
        Mock -ModuleName AwsTokenBridge -CommandName Invoke-AwsTokenBridgeBackend -MockWith { $null }
        Mock -ModuleName AwsTokenBridge -CommandName Read-Host -MockWith { 'never' }
        Invoke-AMSPLogin -ProfileName console -Remote -WhatIf
        Should -Invoke -ModuleName AwsTokenBridge -CommandName Invoke-AwsTokenBridgeBackend -Times 0 -Exactly
        Should -Invoke -ModuleName AwsTokenBridge -CommandName Read-Host -Times 0 -Exactly
    }

    It 'a sign-in without -Remote is one call and asks nothing' {
        Mock -ModuleName AwsTokenBridge -CommandName Invoke-AwsTokenBridgeBackend -MockWith { $null }
        Mock -ModuleName AwsTokenBridge -CommandName Read-Host -MockWith { 'never' }
        Invoke-AMSPLogin -ProfileName console -NoBrowser
        Invoke-SSOOIDCLogin -ProfileName dev -UseDeviceCode
        Should -Invoke -ModuleName AwsTokenBridge -CommandName Invoke-AwsTokenBridgeBackend -Times 1 -Exactly -ParameterFilter {
            $Cmdlet -eq 'Invoke-AMSPLogin' -and $Parameters.NoBrowser -and -not $Parameters.ContainsKey('Remote')
        }
        Should -Invoke -ModuleName AwsTokenBridge -CommandName Invoke-AwsTokenBridgeBackend -Times 1 -Exactly -ParameterFilter {
            $Cmdlet -eq 'Invoke-SSOOIDCLogin' -and $Parameters.ProfileName -eq 'dev' -and $Parameters.UseDeviceCode
        }
        Should -Invoke -ModuleName AwsTokenBridge -CommandName Read-Host -Times 0 -Exactly
    }

    It 'names the profile, sso-session or start URL as the ShouldProcess target' {
        $shell = Get-TestShell
        $command = "`$env:AWSTB_PYTHON = 'no-such-python'; Import-Module '" + $manifestPath + "'; " +
            'Invoke-SSOOIDCLogin -SSOSession corp -WhatIf; Invoke-SSOOIDCLogin -WhatIf; ' +
            'Invoke-AMSPLogin -ProfileName console -Remote -WhatIf'
        $output = (& $shell -NoProfile -NonInteractive -Command $command) -join "`n"
        $output | Should -Match ([regex]::Escape('What if: Performing the operation "Invoke-SSOOIDCLogin (CreateToken)" on target "sso-session ''corp''".'))
        $output | Should -Match ([regex]::Escape('What if: Performing the operation "Invoke-SSOOIDCLogin (CreateToken)" on target "the default profile".'))
        $output | Should -Match ([regex]::Escape('What if: Performing the operation "Invoke-AMSPLogin (CreateOAuth2Token)" on target "profile ''console''".'))
    }

    It 'shows information messages (the URL, the code) by default, unless told to ignore them' {
        $shell = Get-TestShell
        $command = "Import-Module '" + $manifestPath + "'; " +
            "& (Get-Module -Name AwsTokenBridge) { Write-AwsTokenBridgeLog -Level information -Text 'open-this-url' }; " +
            "& (Get-Module -Name AwsTokenBridge) { Write-AwsTokenBridgeLog -Level information -Text 'ignored-text' -InformationAction Ignore }; " +
            "& (Get-Module -Name AwsTokenBridge) { Write-AwsTokenBridgeLog -Level verbose -Text 'verbose-text' }"
        $output = (& $shell -NoProfile -NonInteractive -Command $command) -join "`n"
        $output | Should -Match 'open-this-url'
        $output | Should -Not -Match 'ignored-text'
        $output | Should -Not -Match 'verbose-text'
    }

    It 'writes information messages to the information stream with the AwsTokenBridge tag' {
        $records = InModuleScope AwsTokenBridge {
            Write-AwsTokenBridgeLog -Level information -Text 'a message' 6>&1
        }
        $record = @($records | Where-Object { $_ -is [System.Management.Automation.InformationRecord] })
        $record.Count | Should -Be 1
        $record[0].MessageData | Should -Be 'a message'
        $record[0].Tags | Should -Contain 'AwsTokenBridge'
    }
}
