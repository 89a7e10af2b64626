# The in-process transport (Transport = 'InProcess'): the backend in this PowerShell process,
# through pythonnet, against the emulator on 127.0.0.1. Pester 5; run by
# tests/module/test_pester.py (or: Invoke-Pester -Path tests/pester/InProcess.Tests.ps1).
#
# Python can be loaded into a process only once, so the order matters: the fallbacks (nothing
# loaded yet) run first, then the transport itself. Where the probe finds no shared libpython
# or no pythonnet, the in-process tests are skipped with the probe's reason.

BeforeDiscovery {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'TestSupport.ps1')
    $probePath = Join-Path -Path (Join-Path -Path (Join-Path -Path (Get-TestRepositoryRoot) -ChildPath 'module') -ChildPath 'Private') -ChildPath 'InProcessProbe.py'
    $found = & (Get-TestPython) $probePath | ConvertFrom-Json
    $unavailable = @($found.problems).Count -gt 0
    if ($unavailable) {
        Write-Warning -Message ('The in-process tests are skipped: ' + (@($found.problems) -join '; '))
    }
}

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'TestSupport.ps1')
    $python = Get-TestPython
    $emulator = Start-TestEmulator -Python $python
    $savedEnvironment = Save-TestEnvironment -Name 'AWSTB_PYTHON', 'PYTHONNET_PYDLL'
    $savedPyDll = $savedEnvironment.PYTHONNET_PYDLL
    $env:AWSTB_PYTHON = $python
    $endpoint = @{ Region = 'us-east-1'; EndpointUrl = $emulator.BaseUrl }
    $deviceGrant = 'urn:ietf:params:oauth:grant-type:device_code'

    function Import-TestModule {
        param([hashtable] $Options)
        Remove-Module -Name AwsTokenBridge -Force -ErrorAction Ignore
        Import-Module -Name (Get-TestModuleManifest) -ArgumentList $Options -Force
    }

    function Get-TestConnection {
        InModuleScope AwsTokenBridge { $script:Connection }
    }

    function Get-TestChildProcessId {
        # The ids of this PowerShell process's living child processes.
        if (Test-Path -LiteralPath "/proc/$PID/task") {
            $ids = foreach ($file in @(Get-ChildItem -Path "/proc/$PID/task/*/children" -ErrorAction Ignore)) {
                $text = [System.IO.File]::ReadAllText($file.FullName)
                $text.Split([char[]]@(' ', "`n"), [System.StringSplitOptions]::RemoveEmptyEntries)
            }
            return @($ids | ForEach-Object { [int]$_ })
        }
        if ([System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT) {
            return @(Get-CimInstance -ClassName Win32_Process -Filter "ParentProcessId = $PID" | ForEach-Object { [int]$_.ProcessId })
        }
        @(& ps -A -o 'pid=,ppid=' | ForEach-Object {
                $fields = $_.Trim() -split '\s+'
                if ([int]$fields[1] -eq $PID) { [int]$fields[0] }
            })
    }

    function Get-TestStrayChildProcess {
        # Child processes other than the emulator, as 'name (id)' (a stdio backend would be one).
        foreach ($id in @(Get-TestChildProcessId | Where-Object { $_ -ne $emulator.Process.Id })) {
            $process = Get-Process -Id $id -ErrorAction Ignore
            if ($null -ne $process) {
                $process.ProcessName + ' (' + $id + ')'
            }
        }
    }

    function New-TestDeviceToken {
        param([switch] $Approve)
        $client = Register-SSOOIDCClient -ClientName 'pester-inprocess' -ClientType public -GrantType $deviceGrant, 'refresh_token' -Scope 'sso:account:access' @endpoint
        $device = $client | Start-SSOOIDCDeviceAuthorization -StartUrl 'https://d-1234567890.awsapps.com/start' @endpoint
        if ($Approve) {
            $null = Invoke-TestEmulatorControl -Emulator $emulator -Path '/__emulator/device/approve' -Body @{ userCode = $device.UserCode }
        }
        $client | New-SSOOIDCToken -GrantType $deviceGrant -DeviceCode $device.DeviceCode @endpoint
    }
}

AfterAll {
    Remove-Module -Name AwsTokenBridge -Force -ErrorAction Ignore
    Restore-TestEnvironment -Saved $savedEnvironment
    Stop-TestEmulator -Emulator $emulator
}

Describe 'Falling back to the stdio transport' {
    BeforeAll {
        Import-TestModule -Options @{ Transport = 'InProcess' }
        Mock -ModuleName AwsTokenBridge Get-AwsTokenBridgeInProcessProbe { 'no shared Python library (planted by the test)' }
    }

    It 'warns once, says why, and runs the cmdlets in a backend process' {
        $first = Register-SSOOIDCClient -ClientName 'fallback' -ClientType public @endpoint -WarningVariable firstWarnings -WarningAction SilentlyContinue
        $second = Register-SSOOIDCClient -ClientName 'fallback' -ClientType public @endpoint -WarningVariable secondWarnings -WarningAction SilentlyContinue
        $first.ClientId | Should -Not -BeNullOrEmpty
        $second.ClientId | Should -Not -BeNullOrEmpty
        @($firstWarnings).Count | Should -Be 1
        [string]$firstWarnings[0] | Should -Match 'in-process transport is not available'
        [string]$firstWarnings[0] | Should -Match 'planted by the test'
        [string]$firstWarnings[0] | Should -Match 'stdio transport'
        @($secondWarnings).Count | Should -Be 0
        $connection = Get-TestConnection
        $connection.Transport | Should -Be 'Stdio'
        $connection.Process | Should -Not -BeNullOrEmpty
        # What the in-process tests below assert the absence of: the backend is a child.
        @(Get-TestStrayChildProcess) -join ', ' | Should -Match ('\(' + $connection.Process.Id + '\)')
    }
}

Describe 'A PYTHONNET_PYDLL that names no file' -Skip:$unavailable {
    BeforeAll {
        $env:PYTHONNET_PYDLL = Join-Path -Path $TestDrive -ChildPath 'no-such-libpython'
        Import-TestModule -Options @{ Transport = 'InProcess' }
    }

    AfterAll {
        $env:PYTHONNET_PYDLL = $savedPyDll
    }

    It 'warns, naming the variable, and runs the cmdlets in a backend process' {
        $client = Register-SSOOIDCClient -ClientName 'bad-pydll' -ClientType public @endpoint -WarningVariable warnings -WarningAction SilentlyContinue
        $client.ClientId | Should -Not -BeNullOrEmpty
        @($warnings).Count | Should -Be 1
        [string]$warnings[0] | Should -Match 'PYTHONNET_PYDLL'
        [string]$warnings[0] | Should -Match 'no-such-libpython'
        (Get-TestConnection).Transport | Should -Be 'Stdio'
        ('Python.Runtime.PythonEngine' -as [type]) | Should -BeNullOrEmpty -Because 'nothing was loaded'
    }
}

Describe 'The in-process transport' -Skip:$unavailable {
    BeforeAll {
        # PYTHONNET_PYDLL (pythonnet's own setting) names the library to load: here a link to
        # the one sysconfig names, so that the test can tell which of the two was loaded.
        $env:PYTHONNET_PYDLL = $null
        $found = & $python (Join-Path -Path (Join-Path -Path (Join-Path -Path (Get-TestRepositoryRoot) -ChildPath 'module') -ChildPath 'Private') -ChildPath 'InProcessProbe.py') | ConvertFrom-Json
        $pyDll = [string]$found.pythonDll
        if ([System.Environment]::OSVersion.Platform -ne [System.PlatformID]::Win32NT) {
            $pyDll = Join-Path -Path $TestDrive -ChildPath ('linked-' + (Split-Path -Path $found.pythonDll -Leaf))
            $null = New-Item -ItemType SymbolicLink -Path $pyDll -Value ([string]$found.pythonDll)
        }
        $env:PYTHONNET_PYDLL = $pyDll
        Import-TestModule -Options @{ Transport = 'InProcess' }
    }

    AfterAll {
        $env:PYTHONNET_PYDLL = $savedPyDll
    }

    It 'answers without a backend process' {
        $client = Register-SSOOIDCClient -ClientName 'inprocess' -ClientType public @endpoint -WarningVariable warnings
        $client.PSObject.TypeNames[0] | Should -Be 'Amazon.SSOOIDC.Model.RegisterClientResponse'
        @($warnings).Count | Should -Be 0
        $connection = Get-TestConnection
        $connection.Transport | Should -Be 'InProcess'
        $connection.Process | Should -BeNullOrEmpty
        $connection.ServerVersion | Should -Not -BeNullOrEmpty
        ('Python.Runtime.PythonEngine' -as [type])::IsInitialized | Should -BeTrue
        @(Get-TestStrayChildProcess) | Should -BeNullOrEmpty -Because 'no backend process may run'
    }

    It 'loads the library PYTHONNET_PYDLL names' {
        ('Python.Runtime.Runtime' -as [type])::PythonDLL | Should -Be $pyDll
    }

    It 'runs the device code flow to a token against the emulator, in this process' {
        $tokensBefore = Get-TestOperationCount -Emulator $emulator -Operation 'CreateToken'
        $token = New-TestDeviceToken -Approve
        $token.PSObject.TypeNames[0] | Should -Be 'Amazon.SSOOIDC.Model.CreateTokenResponse'
        $token.AccessToken | Should -Not -BeNullOrEmpty
        $token.RefreshToken | Should -Not -BeNullOrEmpty
        Get-TestOperationCount -Emulator $emulator -Operation 'CreateToken' | Should -Be ($tokensBefore + 1)
        @(Get-TestStrayChildProcess) | Should -BeNullOrEmpty -Because 'no backend process may run'
        (Get-TestConnection).Transport | Should -Be 'InProcess'
    }

    It 'writes the backend''s notifications to the verbose stream of the cmdlet' {
        $verbose = Register-SSOOIDCClient -ClientName 'verbose' -ClientType public @endpoint -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($verbose | Where-Object { $_.Message -match "Invoking AWS Single Sign-On OIDC operation 'RegisterClient'" }).Count | Should -Be 1
    }

    It 'throws the service error as the cmdlet' {
        { New-TestDeviceToken } | Should -Throw -ErrorId 'AuthorizationPendingException,New-SSOOIDCToken'
    }

    It 'reuses the loaded Python after the module is imported again' {
        $before = Get-TestConnection
        Import-TestModule -Options @{ Transport = 'InProcess' }
        $client = Register-SSOOIDCClient -ClientName 'again' -ClientType public @endpoint -WarningVariable warnings
        $client.ClientId | Should -Not -BeNullOrEmpty
        @($warnings).Count | Should -Be 0
        $after = Get-TestConnection
        $after.Transport | Should -Be 'InProcess'
        [object]::ReferenceEquals($before, $after) | Should -BeFalse
    }

    It 'starts a fresh backend session after the module stops the old one' {
        InModuleScope AwsTokenBridge { Stop-AwsTokenBridgeBackend }
        $client = Register-SSOOIDCClient -ClientName 'restarted' -ClientType public @endpoint
        $client.ClientId | Should -Not -BeNullOrEmpty
        (Get-TestConnection).Transport | Should -Be 'InProcess'
    }
}
