# The early start (issue 15): Import-Module starts the backend and sends initialize without
# waiting; the first cmdlet takes that process, or starts another when what the start depends on
# changed since the import; AWSTB_EARLY_START=0 turns it off; removing the module stops it; a
# Python that cannot be found fails nothing at import and is reported by the first cmdlet.
# Pester 5; Windows PowerShell 5.1 and 7 syntax only.

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'TestSupport.ps1')
    $python = Get-TestPython
    $emulator = Start-TestEmulator -Python $python
    $savedEnvironment = Set-TestEnvironment -Variable @{ AWSTB_PYTHON = $python; AWSTB_EARLY_START = $null }
    $call = @{ ClientName = 'early'; ClientType = 'public'; Region = 'us-east-1'; EndpointUrl = $emulator.BaseUrl }

    function Get-TestEarlyProcess {
        # The early-started backend process, or $null.
        InModuleScope AwsTokenBridge {
            if ($null -eq $script:EarlyBackend) {
                return $null
            }
            $script:EarlyBackend.Connection.Process
        }
    }

    function Test-TestProcessEnded {
        # True once no process has the id (the module disposes of its Process objects when it
        # stops one); waits up to ten seconds for it.
        param([int] $Id)
        for ($i = 0; $i -lt 100; $i++) {
            $found = Get-Process -Id $Id -ErrorAction Ignore
            if ($null -eq $found -or $found.HasExited) {
                return $true
            }
            Start-Sleep -Milliseconds 100
        }
        $false
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
    Restore-TestEnvironment -Saved $savedEnvironment
    Stop-TestEmulator -Emulator $emulator
}

Describe 'The backend started at import' {
    AfterEach {
        Remove-Module -Name AwsTokenBridge -Force -ErrorAction Ignore
        $env:AWSTB_EARLY_START = $null
        $env:AWSTB_EARLY_TEST = $null
    }

    It 'is started by Import-Module and answers the first cmdlet, in the same process' {
        Import-Module -Name (Get-TestModuleManifest) -Force
        $early = Get-TestEarlyProcess
        $early | Should -Not -BeNullOrEmpty
        $earlyId = $early.Id
        $early.HasExited | Should -BeFalse
        (Get-TestBackendProcessId) | Should -BeNullOrEmpty

        $client = Register-SSOOIDCClient @call
        $client.ClientId | Should -Not -BeNullOrEmpty
        (Get-TestBackendProcessId) | Should -Be $earlyId
        (Get-TestEarlyProcess) | Should -BeNullOrEmpty
    }

    It 'is stopped and replaced when the environment changed between the import and the first cmdlet' {
        Import-Module -Name (Get-TestModuleManifest) -Force
        $early = Get-TestEarlyProcess
        $early | Should -Not -BeNullOrEmpty
        $earlyId = $early.Id
        $env:AWSTB_EARLY_TEST = 'changed'

        $client = Register-SSOOIDCClient @call
        $client.ClientId | Should -Not -BeNullOrEmpty
        (Get-TestBackendProcessId) | Should -Not -Be $earlyId
        Test-TestProcessEnded -Id $earlyId | Should -BeTrue
    }

    It 'is stopped when the module is removed before any cmdlet ran' {
        Import-Module -Name (Get-TestModuleManifest) -Force
        $early = Get-TestEarlyProcess
        $early | Should -Not -BeNullOrEmpty
        $earlyId = $early.Id
        (Get-Process -Id $earlyId -ErrorAction Ignore) | Should -Not -BeNullOrEmpty -Because 'the early backend waits for its first request'
        Remove-Module -Name AwsTokenBridge -Force
        Test-TestProcessEnded -Id $earlyId | Should -BeTrue
    }

    It 'is not started with AWSTB_EARLY_START=0; the first cmdlet starts the backend' {
        $env:AWSTB_EARLY_START = '0'
        Import-Module -Name (Get-TestModuleManifest) -Force
        (Get-TestEarlyProcess) | Should -BeNullOrEmpty
        (Get-TestBackendProcessId) | Should -BeNullOrEmpty

        $client = Register-SSOOIDCClient @call
        $client.ClientId | Should -Not -BeNullOrEmpty
        (Get-TestBackendProcessId) | Should -Not -BeNullOrEmpty
    }

    It 'fails nothing at import when no Python can run; the first cmdlet says why' {
        $missing = Join-Path -Path $TestDrive -ChildPath 'no-such-python'
        $saved = Set-TestEnvironment -Variable @{ AWSTB_PYTHON = $missing }
        try {
            { Import-Module -Name (Get-TestModuleManifest) -Force -ErrorAction Stop } | Should -Not -Throw
            (Get-TestEarlyProcess) | Should -BeNullOrEmpty
            $failure = $null
            try {
                $null = Register-SSOOIDCClient @call
            }
            catch {
                $failure = $_
            }
            $failure | Should -Not -BeNullOrEmpty
            $failure.FullyQualifiedErrorId | Should -BeLike 'AwsTokenBridgePythonNotFound*'
            $failure.Exception.Message | Should -BeLike ('*' + $missing + '*')
        }
        finally {
            Restore-TestEnvironment -Saved $saved
        }
    }
}

Describe 'A fresh session' {
    # Issue 15: the first uses of PowerShell's Management and Utility modules (Join-Path,
    # Test-Path, New-Object, ConvertFrom-Json, Register-ObjectEvent...) made PowerShell find and
    # load them during Import-Module and the first cmdlet call, 100 ms and more in a fresh
    # session. The module uses .NET and the engine's own APIs there instead. Checked in a child
    # PowerShell: this session has both modules loaded already.
    It 'loads neither Microsoft.PowerShell.Management nor Microsoft.PowerShell.Utility at import or at the first cmdlet call' {
        $script = Join-Path -Path $TestDrive -ChildPath 'fresh-session.ps1'
        $text = @'
param([string] $Manifest, [string] $Url)
$ErrorActionPreference = 'Stop'
function Get-Loaded { @(Get-Module | ForEach-Object { $_.Name }) -join ',' }
'BEFORE ' + (Get-Loaded)
Import-Module -Name $Manifest
'IMPORTED ' + (Get-Loaded)
$client = Register-SSOOIDCClient -ClientName 'fresh' -ClientType public -Region us-east-1 -EndpointUrl $Url
'CALLED ' + (Get-Loaded)
'CLIENT ' + [bool]$client.ClientId
'@
        [System.IO.File]::WriteAllText($script, $text)
        $output = @(& (Get-TestShell) -NoProfile -NonInteractive -File $script -Manifest (Get-TestModuleManifest) -Url $emulator.BaseUrl 2>&1)
        $LASTEXITCODE | Should -Be 0 -Because ($output -join [System.Environment]::NewLine)
        $lines = @{}
        foreach ($line in $output) {
            $name, $value = ([string]$line).Split([char[]]' ', 2)
            $lines[$name] = @(([string]$value).Split([char[]]',', [System.StringSplitOptions]::RemoveEmptyEntries))
        }
        $lines['CLIENT'] | Should -Be 'True'
        $before = $lines['BEFORE']
        $imported = @($lines['IMPORTED'] | Where-Object { $before -notcontains $_ })
        $called = @($lines['CALLED'] | Where-Object { $before -notcontains $_ })
        $imported | Should -Be @('AwsTokenBridge')
        if ($PSVersionTable.PSEdition -eq 'Core') {
            $called | Should -Be @('AwsTokenBridge')
        }
        else {
            # Windows PowerShell 5.1 reads answers with ConvertFrom-Json (a Utility cmdlet).
            $called | Should -Not -Contain 'Microsoft.PowerShell.Management'
        }
    }
}
