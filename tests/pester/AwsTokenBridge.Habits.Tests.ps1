# A PowerShell user's habits (issue 12, item 4): one Describe per habit, against the real
# backend and the emulator on 127.0.0.1, or a scripted fake backend where the protocol itself is
# under test. Pester 5; Windows PowerShell 5.1 and PowerShell 7 syntax only.

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'TestSupport.ps1')
    $python = Get-TestPython
    $emulator = Start-TestEmulator -Python $python
    $manifest = Get-TestModuleManifest
    $deviceGrant = 'urn:ietf:params:oauth:grant-type:device_code'

    # Every variable a test here changes, restored in AfterAll, from a neutral starting point: no
    # variable of the user's shell steers these tests. Ordinal keys: a @{} would keep one of
    # HTTP_PROXY and http_proxy, which are two variables on Linux and macOS.
    $neutral = [hashtable]::new([System.StringComparer]::Ordinal)
    foreach ($name in @(
            'AWSTB_PYTHON', 'VIRTUAL_ENV', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION',
            'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CONFIG_FILE',
            'AWS_SHARED_CREDENTIALS_FILE', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_SSO_OIDC', 'HTTP_PROXY',
            'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy', 'AWSTB_FAKE_MODE', 'AWSTB_FAKE_CHILD')) {
        $neutral[$name] = $null
    }
    $emptyConfig = Join-Path -Path $TestDrive -ChildPath 'empty-config'
    $null = New-Item -ItemType File -Path $emptyConfig
    $neutral.AWS_CONFIG_FILE = $emptyConfig
    $neutral.AWS_SHARED_CREDENTIALS_FILE = $emptyConfig
    $savedEnvironment = Set-TestEnvironment -Variable $neutral

    function Import-TestModule {
        <# Imports the module afresh with the given import options (default: the test Python). #>
        param([hashtable] $Options = @{ Python = $python })
        Remove-Module -Name AwsTokenBridge -Force -ErrorAction Ignore
        Import-Module -Name $manifest -ArgumentList $Options -Force
    }

    # A backend that speaks just enough of the protocol to misbehave on purpose: it answers
    # 'initialize', then treats 'invoke' as $env:AWSTB_FAKE_MODE says (read when it starts).
    $fakeBackend = Join-Path -Path $TestDrive -ChildPath 'fake_backend.py'
    Set-Content -LiteralPath $fakeBackend -Encoding ascii -Value @'
import json
import os
import subprocess
import sys
import time


def close_output(last_words, pause=0.0):
    """The backend's output ends first; its last words on stderr come after."""
    sys.stdout.flush()
    os.close(1)
    time.sleep(pause)
    sys.stderr.write(last_words + "\n")
    sys.stderr.flush()


mode = os.environ.get("AWSTB_FAKE_MODE", "")
for raw in sys.stdin:
    message = json.loads(raw)
    if "id" not in message:
        continue
    if message["method"] == "initialize":
        result = {"protocolVersion": "1.0", "serverVersion": "0.0.0", "pythonVersion": "3", "cmdlets": []}
        answer = {"jsonrpc": "2.0", "id": message["id"], "result": result}
    elif mode == "garbage":
        sys.stdout.write("Traceback (most recent call last): this is not JSON\n")
        sys.stdout.flush()
        continue
    elif mode == "wrong-id":
        answer = {"jsonrpc": "2.0", "id": message["id"] + 1000, "result": {"items": ["not yours"]}}
    elif mode == "exit":
        # A backend on its way out: its output ends first, its last words and exit come after.
        close_output("last words before exit", pause=0.5)
        sys.exit(3)
    elif mode == "orphan":
        # A backend that dies leaving a child that holds its stderr open (as a browser it
        # opened would): the end of that stream does not come while the child lives.
        child = subprocess.Popen(
            [sys.executable, "-c", "import time; time.sleep(120)"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
        )
        with open(os.environ["AWSTB_FAKE_CHILD"], "w") as pid_file:
            pid_file.write(str(child.pid))
        close_output("last words before exit")
        sys.exit(5)
    elif mode == "linger":
        # A backend that closes its output and lives on.
        close_output("output closed, still running")
        time.sleep(120)
    elif mode == "stderr":
        for number in range(300):
            sys.stderr.write("backend line %03d\n" % number)
        sys.stderr.flush()
        sys.exit(4)
    else:
        answer = {"jsonrpc": "2.0", "id": message["id"], "result": {"items": []}}
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()
'@

    function Invoke-TestFakeBackend {
        <#
        Runs Register-SSOOIDCClient against the fake backend in Mode, in a runspace of its own
        with a watchdog, so a module that waits forever fails this test instead of hanging the
        suite. Returns the ErrorRecord, the string 'no error', or 'still waiting'.
        #>
        param([string] $Mode, [hashtable] $Options = @{})
        $env:AWSTB_FAKE_MODE = $Mode
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript({
                    param($Manifest, $Python, $Fake, $Options)
                    Import-Module -Name $Manifest -ArgumentList (@{ Python = @($Python, $Fake) } + $Options) -Force
                    try {
                        $null = Register-SSOOIDCClient -ClientName 'fake' -ClientType public -Region us-east-1 -ErrorAction Stop
                        'no error'
                    }
                    catch {
                        $_
                    }
                    finally {
                        Remove-Module -Name AwsTokenBridge -Force
                    }
                }).AddArgument($manifest).AddArgument($python).AddArgument($fakeBackend).AddArgument($Options)
            $pending = $shell.BeginInvoke()
            # A watchdog against a hang, not a timing assertion: a module that works answers at once.
            if (-not $pending.AsyncWaitHandle.WaitOne(60000)) {
                $shell.Stop()
                return 'still waiting'
            }
            $shell.EndInvoke($pending) | Select-Object -Last 1
        }
        finally {
            $shell.Dispose()
            $env:AWSTB_FAKE_MODE = $null
        }
    }

    function Get-TestDebugText {
        <# The debug and verbose messages of a script block (its errors ignored), as one string. #>
        param([scriptblock] $ScriptBlock)
        $records = & {
            try {
                & $ScriptBlock
            }
            catch {
                $null = $_
            }
        } 5>&1 4>&1
        (@($records) | ForEach-Object { [string]$_ }) -join "`n"
    }
}

AfterAll {
    Remove-Module -Name AwsTokenBridge -Force -ErrorAction Ignore
    Restore-TestEnvironment -Saved $savedEnvironment
    Stop-TestEmulator -Emulator $emulator
}

Describe 'Finding Python' {
    BeforeAll {
        Import-TestModule -Options @{}
    }

    AfterEach {
        $env:AWSTB_PYTHON = $null
        $env:VIRTUAL_ENV = $null
    }

    It 'takes the Python of an activated virtual environment ($env:VIRTUAL_ENV) before the checkout and PATH' {
        # Both layouts, so that the test holds on Windows (Scripts\python.exe) and elsewhere (bin/python).
        $venv = Join-Path -Path $TestDrive -ChildPath 'activated'
        $layouts = @(
            (Join-Path -Path (Join-Path -Path $venv -ChildPath 'bin') -ChildPath 'python'),
            (Join-Path -Path (Join-Path -Path $venv -ChildPath 'Scripts') -ChildPath 'python.exe')
        )
        foreach ($path in $layouts) {
            $null = New-Item -ItemType File -Path $path -Force
        }
        $env:VIRTUAL_ENV = $venv
        $found = InModuleScope AwsTokenBridge { Resolve-AwsTokenBridgePython }
        $found.FileName | Should -BeIn $layouts
        $found.Source | Should -Match 'VIRTUAL_ENV'
    }

    It 'knows both virtual environment layouts: Scripts\python.exe on Windows, bin/python elsewhere' {
        $windowsVenv = Join-Path -Path $TestDrive -ChildPath 'winvenv'
        $scripts = Join-Path -Path $windowsVenv -ChildPath 'Scripts'
        $null = New-Item -ItemType Directory -Path $scripts -Force
        $null = New-Item -ItemType File -Path (Join-Path -Path $scripts -ChildPath 'python.exe') -Force
        InModuleScope AwsTokenBridge -Parameters @{ Root = $windowsVenv } {
            param($Root)
            Get-AwsTokenBridgeVirtualEnvironmentPython -Path $Root -Windows $true |
                Should -Be (Join-Path -Path (Join-Path -Path $Root -ChildPath 'Scripts') -ChildPath 'python.exe')
            Get-AwsTokenBridgeVirtualEnvironmentPython -Path $Root -Windows $false | Should -BeNullOrEmpty
        }
    }

    It "takes the .venv of the checkout the module was loaded from before py, python3 and python" {
        $expected = @(
            (Join-Path -Path (Join-Path -Path (Join-Path -Path (Get-TestRepositoryRoot) -ChildPath '.venv') -ChildPath 'bin') -ChildPath 'python'),
            (Join-Path -Path (Join-Path -Path (Join-Path -Path (Get-TestRepositoryRoot) -ChildPath '.venv') -ChildPath 'Scripts') -ChildPath 'python.exe')
        ) | Where-Object { Test-Path -LiteralPath $_ -PathType Leaf } | Select-Object -First 1
        if ($null -eq $expected) {
            Set-ItResult -Skipped -Because 'this checkout has no .venv'
            return
        }
        $found = InModuleScope AwsTokenBridge { Resolve-AwsTokenBridgePython }
        $found.FileName | Should -Be $expected
        $found.Source | Should -Match '\.venv'
    }

    It 'names the Python it tried and the command that installs the package when that Python lacks it' {
        # A Python without the package's dependencies, as a user's bare python3 would be: it
        # stops at the first import, as python -m py_backend rpc would there.
        $bare = Join-Path -Path $TestDrive -ChildPath 'bare_python.py'
        Set-Content -LiteralPath $bare -Encoding ascii -Value 'import sys; sys.stderr.write("ModuleNotFoundError: No module named ''pydantic''\n"); sys.exit(1)'
        Import-TestModule -Options @{ Python = @($python, $bare) }
        $record = $null
        try {
            Register-SSOOIDCClient -ClientName 'x' -ClientType public -Region us-east-1 -EndpointUrl $emulator.BaseUrl
        }
        catch {
            $record = $_
        }
        $record | Should -Not -BeNullOrEmpty
        $record.Exception.Message | Should -Match ([regex]::Escape($python))
        $record.Exception.Message | Should -Match ([regex]::Escape($python + ' -m pip install aws-token-bridge'))
        Import-TestModule -Options @{}
    }
}

Describe 'Exact values' {
    BeforeAll {
        Import-TestModule
        $endpoint = @{ Region = 'us-east-1'; EndpointUrl = $emulator.BaseUrl }
        $fromFile = Join-Path -Path $TestDrive -ChildPath 'name.txt'
        [System.IO.File]::WriteAllText($fromFile, "first line`nsecond line`n", [System.Text.UTF8Encoding]::new($false))
    }

    It 'sends every value to the backend and back unchanged, whatever characters it holds' {
        # ClientName goes to the backend, which answers -Select '^ClientName' with what arrived.
        $values = [ordered]@{
            'newlines' = "one`ntwo`r`nthree"
            'a newline at the end only' = "name`n"
            'the trailing newline of Get-Content -Raw' = (Get-Content -LiteralPath $fromFile -Raw)
            'tabs, quotes and backslashes' = "tab`there `"double`" 'single' back\slash"
            'non-ASCII text' = "Gr$([char]0x00FC)$([char]0x00DF)e $([char]0x65E5)$([char]0x672C) $([char]0xD83D)$([char]0xDE00)"
            'a string that looks like a date' = '2024-01-02T03:04:05Z'
            '10 KiB' = ('0123456789abcdef' * 640)
        }
        $values['the trailing newline of Get-Content -Raw'] | Should -BeExactly "first line`nsecond line`n"
        foreach ($label in $values.Keys) {
            $echoed = Register-SSOOIDCClient -ClientName $values[$label] -ClientType public -Select '^ClientName' @endpoint
            $echoed | Should -BeOfType [string] -Because $label
            $echoed | Should -BeExactly $values[$label] -Because $label
        }
    }

    It 'ends the call with an error when the backend writes a line that is not JSON' {
        $result = Invoke-TestFakeBackend -Mode 'garbage'
        $result | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $result.FullyQualifiedErrorId | Should -BeLike 'AwsTokenBridgeProtocolError*'
    }

    It 'ends the call with an error when the backend answers with an id that was never asked' {
        $result = Invoke-TestFakeBackend -Mode 'wrong-id'
        $result | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $result.FullyQualifiedErrorId | Should -BeLike 'AwsTokenBridgeProtocolError*'
    }

    It 'ends the call with an error that has the exit code and last stderr line of a backend that exits' {
        $result = Invoke-TestFakeBackend -Mode 'exit'
        $result | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $result.FullyQualifiedErrorId | Should -BeLike 'AwsTokenBridgeBackendExited*'
        $result.Exception.Message | Should -Match 'exited with code 3'
        $result.Exception.Message | Should -Match 'last words before exit'
    }

    # StartTimeoutSeconds bounds the waits after the output ends: 5 keeps these short.
    It 'ends the call with the exit code and last stderr line of a backend whose child holds its stderr open' {
        $childFile = Join-Path -Path $TestDrive -ChildPath 'orphan.pid'
        $env:AWSTB_FAKE_CHILD = $childFile
        try {
            $result = Invoke-TestFakeBackend -Mode 'orphan' -Options @{ StartTimeoutSeconds = 5 }
        }
        finally {
            if (Test-Path -LiteralPath $childFile) {
                $child = [System.Diagnostics.Process]::GetProcessById([int](Get-Content -LiteralPath $childFile -Raw))
                $child.Kill()
                $child.Dispose()
            }
            $env:AWSTB_FAKE_CHILD = $null
        }
        $result | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $result.FullyQualifiedErrorId | Should -BeLike 'AwsTokenBridgeBackendExited*'
        $result.Exception.Message | Should -Match 'exited with code 5'
        $result.Exception.Message | Should -Match 'last words before exit'
    }

    It 'ends the call with an error when the backend closes its output and lives on' {
        $result = Invoke-TestFakeBackend -Mode 'linger' -Options @{ StartTimeoutSeconds = 5 }
        $result | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $result.FullyQualifiedErrorId | Should -BeLike 'AwsTokenBridgeBackendExited*'
        $result.Exception.Message | Should -Match 'stopped answering'
        $result.Exception.Message | Should -Match 'output closed, still running'
    }
}

Describe 'Environment read at every call' {
    BeforeAll {
        Import-TestModule
        $register = @{ ClientName = 'env'; ClientType = 'public' }
        $iam = @{
            ClientId = 'arn:aws:sso::123456789012:application/ssoins-1/apl-1'
            GrantType = 'urn:ietf:params:oauth:grant-type:jwt-bearer'
            Assertion = 'eyJhbGciOiJub25lIn0.e30.'
        }
        $profiles = Join-Path -Path $TestDrive -ChildPath 'credentials'
        Set-Content -LiteralPath $profiles -Encoding ascii -Value @(
            '[envtest]', 'aws_access_key_id = AKIDPROFILE', 'aws_secret_access_key = profile-secret'
        )
        $configA = Join-Path -Path $TestDrive -ChildPath 'config-a'
        $configB = Join-Path -Path $TestDrive -ChildPath 'config-b'
        Set-Content -LiteralPath $configA -Encoding ascii -Value @('[default]', 'region = ap-south-1')
        Set-Content -LiteralPath $configB -Encoding ascii -Value @('[default]', 'region = sa-east-1')
    }

    BeforeEach {
        # The backend runs (and took its environment) before the variables change.
        $env:AWS_REGION = 'us-east-1'
        $env:AWS_ENDPOINT_URL = $emulator.BaseUrl
        $null = Register-SSOOIDCClient @register
    }

    AfterEach {
        foreach ($name in @('AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_SSO_OIDC', 'AWS_PROFILE',
                'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy')) {
            [System.Environment]::SetEnvironmentVariable($name, $null)
        }
        $env:AWS_CONFIG_FILE = $emptyConfig
        $env:AWS_SHARED_CREDENTIALS_FILE = $emptyConfig
    }

    It 'uses the new AWS_REGION, then AWS_DEFAULT_REGION' {
        $env:AWS_REGION = 'eu-west-1'
        Get-TestDebugText { Register-SSOOIDCClient @register -Debug } | Should -Match "Region obtained from Environment with value 'eu-west-1'"
        $env:AWS_REGION = $null
        $env:AWS_DEFAULT_REGION = 'eu-north-1'
        Get-TestDebugText { Register-SSOOIDCClient @register -Debug } | Should -Match "AWS_DEFAULT_REGION with value 'eu-north-1'"
    }

    It 'reads the AWS_CONFIG_FILE the shell names now' {
        $env:AWS_REGION = $null
        $env:AWS_CONFIG_FILE = $configA
        Get-TestDebugText { Register-SSOOIDCClient @register -Debug } | Should -Match "with value 'ap-south-1'"
        $env:AWS_CONFIG_FILE = $configB
        Get-TestDebugText { Register-SSOOIDCClient @register -Debug } | Should -Match "with value 'sa-east-1'"
    }

    It 'uses the new AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_SSO_OIDC' {
        $env:AWS_ENDPOINT_URL = 'http://127.0.0.1:9'
        Get-TestDebugText { Register-SSOOIDCClient @register -Debug } | Should -Match ([regex]::Escape('Endpoint: http://127.0.0.1:9'))
        $env:AWS_ENDPOINT_URL_SSO_OIDC = $emulator.BaseUrl
        Get-TestDebugText { Register-SSOOIDCClient @register -Debug } | Should -Match ([regex]::Escape('Endpoint: ' + $emulator.BaseUrl))
    }

    It 'signs with the AWS_ACCESS_KEY_ID family, then with the AWS_PROFILE in the AWS_SHARED_CREDENTIALS_FILE set later' {
        $env:AWS_ACCESS_KEY_ID = 'AKIDENVIRONMENT'
        $env:AWS_SECRET_ACCESS_KEY = 'environment-secret'
        Get-TestDebugText { New-SSOOIDCTokenWithIAM @iam -Debug } | Should -Match 'Credentials obtained from Environment'
        $env:AWS_ACCESS_KEY_ID = $null
        $env:AWS_SECRET_ACCESS_KEY = $null
        $env:AWS_SHARED_CREDENTIALS_FILE = $profiles
        $env:AWS_PROFILE = 'envtest'
        Get-TestDebugText { New-SSOOIDCTokenWithIAM @iam -Debug } | Should -Match "Credentials obtained from stored profile named 'envtest'"
    }

    It 'goes through the proxy set now, and around it for the hosts NO_PROXY names (<Case> case)' -TestCases @(
        @{ Case = 'upper'; Proxy = 'HTTP_PROXY'; NoProxy = 'NO_PROXY' }
        @{ Case = 'lower'; Proxy = 'http_proxy'; NoProxy = 'no_proxy' }
    ) {
        param($Case, $Proxy, $NoProxy)
        # No proxy listens on port 9: a call that goes through it fails.
        [System.Environment]::SetEnvironmentVariable($Proxy, 'http://127.0.0.1:9')
        { Register-SSOOIDCClient @register -ErrorAction Stop } | Should -Throw
        [System.Environment]::SetEnvironmentVariable($NoProxy, '127.0.0.1')
        (Register-SSOOIDCClient @register).ClientId | Should -Not -BeNullOrEmpty
    }
}

Describe 'Timestamps' {
    BeforeAll {
        Import-TestModule
        $loginHome = Join-Path -Path $TestDrive -ChildPath 'home'
        $null = New-Item -ItemType Directory -Path $loginHome -Force
        $savedHome = Set-TestEnvironment -Variable @{ HOME = $loginHome; USERPROFILE = $loginHome }
        InModuleScope AwsTokenBridge { Stop-AwsTokenBridgeBackend }
        $null = Invoke-TestEmulatorControl -Emulator $emulator -Path '/__emulator/auto-approve' -Body @{ enabled = $true }
    }

    AfterAll {
        $null = Invoke-TestEmulatorControl -Emulator $emulator -Path '/__emulator/auto-approve' -Body @{ enabled = $false }
        InModuleScope AwsTokenBridge { Stop-AwsTokenBridgeBackend }
        Restore-TestEnvironment -Saved $savedHome
    }

    It 'are DateTime values of Kind Utc, as the AWS SDK for .NET unmarshalls them, and only they' {
        Mock -ModuleName AwsTokenBridge -CommandName Write-Progress -MockWith { $null }
        $result = Invoke-SSOOIDCLogin -StartUrl 'https://d-1234567890.awsapps.com/start' -SSORegion us-east-1 -NoBrowser -EndpointUrl $emulator.BaseUrl -InformationAction Ignore
        $result.ExpiresAt | Should -BeOfType [datetime]
        $result.ExpiresAt.Kind | Should -Be ([System.DateTimeKind]::Utc)
        $result.ExpiresAt | Should -BeGreaterThan ([datetime]::UtcNow)
        # A string parameter is no timestamp, whatever it looks like: -Select '^Param' gives it back.
        $value = '2030-05-06T07:08:09.123+02:00'
        $echoed = Register-SSOOIDCClient -ClientName $value -ClientType public -Select '^ClientName' -Region us-east-1 -EndpointUrl $emulator.BaseUrl
        $echoed | Should -BeOfType [string]
        $echoed | Should -BeExactly $value
    }

    It 'reads answers as ConvertFrom-Json does (strings that look like dates stay strings), without the cmdlet on PowerShell 7' {
        $line = '{"jsonrpc":"2.0","id":1,"result":{"items":["2030-05-06T07:08:09Z",{"$type":"T","At":{"$type":"System.DateTime","Value":"2030-05-06T07:08:09Z"},"List":[1,"a"]}],' +
            '"values":[0,-7,9007199254740993,2.5,-0.0,1e300,true,false,null,"caf\u00e9\n\"\\",[],[[1],[]],{},{"k":"v","n":{"m":[null]}}]}}'
        $read = InModuleScope AwsTokenBridge -Parameters @{ Line = $line } {
            param($Line)
            $message = ConvertFrom-AwsTokenBridgeLine -Line $Line
            $items = @(@($message.result.items) | ForEach-Object { ConvertTo-AwsTokenBridgeObject -InputObject $_ })
            @{ Message = $message; First = $items[0]; At = $items[1].At; List = @($items[1].List); Newtonsoft = $script:JsonViaNewtonsoft }
        }
        $read.First | Should -BeOfType [string]
        $read.First | Should -BeExactly '2030-05-06T07:08:09Z'
        $read.At | Should -BeOfType [datetime]
        $read.At.Kind | Should -Be ([System.DateTimeKind]::Utc)
        $read.At | Should -Be ([datetime]::new(2030, 5, 6, 7, 8, 9, [System.DateTimeKind]::Utc))
        $read.List.Count | Should -Be 2
        # PowerShell 7 reads with Newtonsoft.Json (ConvertFrom-Json would load the Utility module).
        $read.Newtonsoft | Should -Be ($PSVersionTable.PSEdition -eq 'Core')

        # The oracle: ConvertFrom-Json itself, with dates left as strings (-DateKind String on 7.5+;
        # Windows PowerShell 5.1 never makes dates). Types and values, member order, nesting.
        $dateKind = @{}
        if ((Get-Command -Name ConvertFrom-Json).Parameters.ContainsKey('DateKind')) {
            $dateKind = @{ DateKind = 'String' }
        }
        elseif ($PSVersionTable.PSEdition -eq 'Core') {
            Set-ItResult -Skipped -Because 'ConvertFrom-Json before PowerShell 7.5 turns these strings into dates'
            return
        }
        $expected = ConvertFrom-Json -InputObject $line @dateKind
        function Get-TestJsonShape([object] $Value) {
            if ($null -eq $Value) {
                return 'null'
            }
            if ($Value -is [System.Management.Automation.PSCustomObject]) {
                $members = foreach ($property in $Value.PSObject.Properties) { $property.Name + '=' + (Get-TestJsonShape $property.Value) }
                return '{' + (@($members) -join ';') + '}'
            }
            if ($Value -is [array]) {
                $items = foreach ($item in $Value) { Get-TestJsonShape $item }
                return $Value.GetType().Name + '[' + (@($items) -join ',') + ']'
            }
            $Value.GetType().FullName + ':' + [string]$Value
        }
        $shape = Get-TestJsonShape $read.Message
        $shape | Should -BeExactly (Get-TestJsonShape $expected)
        $shape | Should -BeLike '*System.Int64:9007199254740993*'
    }
}

Describe 'Named-only parameters' {
    BeforeAll {
        Import-TestModule
        # Positions the AWS Tools give (research/aws-tools-powershell.md: the pipeline parameter
        # ClientId of the SSOOIDC cmdlets is Position 0; New-AMSPOAuth2Token has none).
        $positions = @{
            'New-AMSPOAuth2Token' = @()
            'New-SSOOIDCToken' = @('ClientId')
            'New-SSOOIDCTokenWithIAM' = @('ClientId')
            'Register-SSOOIDCClient' = @('ClientName')
            'Start-SSOOIDCDeviceAuthorization' = @('ClientId')
            'Invoke-SSOOIDCLogin' = @('ProfileName')
            'Invoke-AMSPLogin' = @('ProfileName')
            # AWS.Tools.SSO (docs/portal.md section 5).
            'Get-SSORoleCredential' = @('RoleName')
            'Get-SSOAccountList' = @('AccessToken')
            'Get-SSOAccountRoleList' = @('AccountId')
            'Close-SSOSession' = @('AccessToken')
            # AWS.Tools.Signin (docs/signin-operations.md section 3): named only.
            'New-AMSPOAuth2TokenWithIAM' = @()
            'Invoke-AMSPIntrospectOAuth2TokenWithIAM' = @()
            'Revoke-AMSPOAuth2TokenWithIAM' = @()
            'Get-AMSPSession' = @()
            'Get-AMSPSessionList' = @()
            'Revoke-AMSPSessionBatch' = @()
            # The module's own commands (issue 19): by name only.
            'Install-AwsTokenBridgeBackend' = @()
            'Get-AwsTokenBridgeBackend' = @()
            # Status, logout and credentials (docs/credentials.md): the profile first, as the
            # sign-in cmdlets have it; the SSO logout ends every cached session, so takes none.
            'Get-SSOOIDCLoginStatus' = @('ProfileName')
            'Get-AMSPLoginStatus' = @('ProfileName')
            'Invoke-SSOOIDCLogout' = @()
            'Invoke-AMSPLogout' = @('ProfileName')
            'Get-AwsTokenBridgeCredential' = @('ProfileName')
        }
    }

    It 'every cmdlet has positions only where the AWS Tools give one' {
        @(Get-Command -Module AwsTokenBridge).Count | Should -Be $positions.Count
        foreach ($name in $positions.Keys) {
            $positional = foreach ($parameter in (Get-Command -Name $name).Parameters.Values) {
                foreach ($set in $parameter.ParameterSets.Values) {
                    if ($set.Position -ge 0) {
                        $parameter.Name
                    }
                }
            }
            @($positional | Sort-Object -Unique) | Should -Be @($positions[$name]) -Because $name
        }
    }

    It 'refuses a value without a name where the AWS Tools have no position' {
        { New-AMSPOAuth2Token 'client-id' -Region us-east-1 -EndpointUrl $emulator.BaseUrl } |
            Should -Throw -ErrorId 'PositionalParameterNotFound,New-AMSPOAuth2Token'
    }
}

Describe '-ClientConfig' {
    BeforeAll {
        Import-TestModule
        $register = @{ ClientName = 'config'; ClientType = 'public' }
    }

    It 'takes a hashtable, and an object shaped like AmazonSSOOIDCConfig, reading RegionEndpoint by its SystemName' {
        $text = Get-TestDebugText { Register-SSOOIDCClient @register -ClientConfig @{ ServiceURL = $emulator.BaseUrl; RegionEndpoint = 'eu-west-2' } -Debug }
        $text | Should -Match "Region obtained from supplied client configuration with value 'eu-west-2'"
        $text | Should -Match ([regex]::Escape('Endpoint: ' + $emulator.BaseUrl))
        $config = [pscustomobject]@{
            ServiceURL = $emulator.BaseUrl
            RegionEndpoint = [pscustomobject]@{ SystemName = 'eu-west-1'; DisplayName = 'Europe (Ireland)' }
            Timeout = [timespan]::FromSeconds(30)
            MaxErrorRetry = 1
            UseFIPSEndpoint = $false
        }
        $text = Get-TestDebugText { Register-SSOOIDCClient @register -ClientConfig $config -Debug }
        $text | Should -Match "Region obtained from supplied client configuration with value 'eu-west-1'"
        (Register-SSOOIDCClient @register -ClientConfig $config).ClientId | Should -Not -BeNullOrEmpty
    }

    It 'takes the real Amazon.SSOOIDC.AmazonSSOOIDCConfig' {
        $packages = Join-Path -Path $HOME -ChildPath '.nuget/packages'
        $core = Join-Path -Path $packages -ChildPath 'awssdk.core/4.1.0/lib/net8.0/AWSSDK.Core.dll'
        $oidc = Join-Path -Path $packages -ChildPath 'awssdk.ssooidc/4.1.0.1/lib/net8.0/AWSSDK.SSOOIDC.dll'
        if ($PSVersionTable.PSEdition -ne 'Core' -or -not (Test-Path -LiteralPath $core) -or -not (Test-Path -LiteralPath $oidc)) {
            Set-ItResult -Skipped -Because 'the AWS SDK for .NET 4 assemblies are not on this machine'
            return
        }
        try {
            Add-Type -LiteralPath $core, $oidc
        }
        catch {
            Set-ItResult -Skipped -Because ('the AWS SDK for .NET does not load here: ' + $_.Exception.Message)
            return
        }
        $config = New-Object -TypeName Amazon.SSOOIDC.AmazonSSOOIDCConfig
        $config.RegionEndpoint = [Amazon.RegionEndpoint]::GetBySystemName('ap-northeast-1')
        $text = Get-TestDebugText { Register-SSOOIDCClient @register -ClientConfig $config -EndpointUrl $emulator.BaseUrl -Debug }
        $text | Should -Match "Region obtained from supplied client configuration with value 'ap-northeast-1'"
        (Register-SSOOIDCClient @register -ClientConfig $config -EndpointUrl $emulator.BaseUrl).ClientId | Should -Not -BeNullOrEmpty
    }
}

Describe 'Service errors' {
    BeforeAll {
        Import-TestModule
        $endpoint = @{ Region = 'us-east-1'; EndpointUrl = $emulator.BaseUrl }
        # A device code nobody approved: the service answers AuthorizationPendingException.
        $client = Register-SSOOIDCClient -ClientName 'errors' -ClientType public @endpoint
        $device = $client | Start-SSOOIDCDeviceAuthorization -StartUrl 'https://d-1234567890.awsapps.com/start' @endpoint
        $pending = @{ GrantType = $deviceGrant; DeviceCode = $device.DeviceCode; ClientId = $client.ClientId; ClientSecret = $client.ClientSecret }
    }

    BeforeEach {
        # Past the polling interval, so the service says pending rather than slow down.
        $null = Invoke-TestEmulatorControl -Emulator $emulator -Path '/__emulator/clock' -Body @{ advanceSeconds = 10 }
    }

    It 'are terminating by default (try/catch catches them), and -ErrorAction <Action> lets the script continue' -TestCases @(
        @{ Action = 'SilentlyContinue' }
        @{ Action = 'Continue' }
        @{ Action = 'Ignore' }
    ) {
        param($Action)
        $default = 'not caught'
        try {
            New-SSOOIDCToken @pending @endpoint
        }
        catch {
            $default = $_.FullyQualifiedErrorId
        }
        $default | Should -BeExactly 'AuthorizationPendingException,New-SSOOIDCToken'
        $null = Invoke-TestEmulatorControl -Emulator $emulator -Path '/__emulator/clock' -Body @{ advanceSeconds = 10 }
        { New-SSOOIDCToken @pending @endpoint -ErrorAction Stop } | Should -Throw -ErrorId 'AuthorizationPendingException,New-SSOOIDCToken'

        $null = Invoke-TestEmulatorControl -Emulator $emulator -Path '/__emulator/clock' -Body @{ advanceSeconds = 10 }
        $reached = 'not reached'
        $errors = $null
        try {
            $output = New-SSOOIDCToken @pending @endpoint -ErrorAction $Action -ErrorVariable errors 2>$null
            $reached = 'reached'
        }
        catch {
            $reached = 'caught: ' + $_.FullyQualifiedErrorId
        }
        $reached | Should -BeExactly 'reached'
        $output | Should -BeNullOrEmpty
        if ($Action -ne 'Ignore') {
            # -ErrorAction Ignore records the error nowhere, -ErrorVariable included.
            @($errors).Count | Should -Be 1
            $errors[0].FullyQualifiedErrorId | Should -BeExactly 'AuthorizationPendingException,New-SSOOIDCToken'
        }
    }
}

Describe '-InformationAction SilentlyContinue' {
    BeforeAll {
        # A real console: what the user sees is what pwsh prints.
        $shellName = 'powershell'
        if ($PSVersionTable.PSEdition -eq 'Core') {
            $shellName = 'pwsh'
        }
        $pwsh = (Get-Command -Name $shellName -CommandType Application | Select-Object -First 1).Path
        $loginHome = Join-Path -Path $TestDrive -ChildPath 'info-home'
        $null = New-Item -ItemType Directory -Path $loginHome -Force
        $script = Join-Path -Path $TestDrive -ChildPath 'login.ps1'
        Set-Content -LiteralPath $script -Encoding ascii -Value @'
param($Manifest, $Python, $Endpoint, $Action)
Import-Module -Name $Manifest -ArgumentList @{ Python = $Python }
$ProgressPreference = 'SilentlyContinue'
$login = @{ StartUrl = 'https://d-1234567890.awsapps.com/start'; SSORegion = 'us-east-1'; NoBrowser = $true; EndpointUrl = $Endpoint }
if ($Action -ne 'default') {
    $login.InformationAction = $Action
}
$result = Invoke-SSOOIDCLogin @login
'RESULT ' + $result.StartUrl
'@

        function Invoke-TestLoginConsole {
            <# Runs the sign-in in a new console, approving its device code as its user would; returns what it printed. #>
            param([string] $Action)
            $startInfo = [System.Diagnostics.ProcessStartInfo]::new()
            $startInfo.FileName = $pwsh
            $startInfo.Arguments = '-NoProfile -NonInteractive -File "' + $script + '" "' + $manifest + '" "' + $python + '" ' + $emulator.BaseUrl + ' ' + $Action
            $startInfo.UseShellExecute = $false
            $startInfo.RedirectStandardOutput = $true
            $startInfo.RedirectStandardError = $true
            $startInfo.EnvironmentVariables['HOME'] = $loginHome
            $startInfo.EnvironmentVariables['USERPROFILE'] = $loginHome
            $process = [System.Diagnostics.Process]::Start($startInfo)
            try {
                $output = $process.StandardOutput.ReadToEndAsync()
                $errors = $process.StandardError.ReadToEndAsync()
                # A watchdog against a hang, not a timing assertion.
                $deadline = [datetime]::UtcNow.AddSeconds(120)
                while (-not $process.WaitForExit(500) -and [datetime]::UtcNow -lt $deadline) {
                    $devices = Invoke-TestEmulatorControl -Emulator $emulator -Path '/__emulator/devices'
                    foreach ($device in @($devices.devices | Where-Object { $_.status -eq 'pending' })) {
                        $null = Invoke-TestEmulatorControl -Emulator $emulator -Path '/__emulator/device/approve' -Body @{ userCode = $device.userCode }
                    }
                }
                if (-not $process.HasExited) {
                    $process.Kill()
                }
                $process.WaitForExit()
                $output.Result + $errors.Result
            }
            finally {
                $process.Dispose()
            }
        }
    }

    It 'silences the URL and code a sign-in writes, which the default shows' {
        $shown = Invoke-TestLoginConsole -Action 'default'
        $shown | Should -Match 'RESULT https://d-1234567890'
        $shown | Should -Match 'user_code='
        $silenced = Invoke-TestLoginConsole -Action 'SilentlyContinue'
        $silenced | Should -Match 'RESULT https://d-1234567890'
        $silenced | Should -Not -Match 'user_code='
    }
}

Describe 'Backend stderr' {
    It 'appears complete and in order in the error of a backend that writes many lines and dies' {
        $result = Invoke-TestFakeBackend -Mode 'stderr'
        $result | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $text = $result.Exception.Message
        $lines = @([regex]::Matches($text, 'backend line (\d{3})') | ForEach-Object { [int]$_.Groups[1].Value })
        $lines.Count | Should -Be 300
        $lines | Should -Be (0..299)
    }
}
