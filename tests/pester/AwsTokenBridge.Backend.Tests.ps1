# The module's own backend environment (issue 19): the path logic (Windows paths too, computed
# for Windows on any platform), where the private environment comes in the Python search, the
# errors and warnings that name Install-AwsTokenBridgeBackend, and Install-AwsTokenBridgeBackend's
# refusals, no-op, -WhatIf and cleanup. The whole install from a repository is
# tests/pester/journey/Install.Tests.ps1. Pester 5; Windows PowerShell 5.1 and 7 syntax only.

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'TestSupport.ps1')
    $python = Get-TestPython
    $version = (Import-PowerShellDataFile -LiteralPath (Get-TestModuleManifest)).ModuleVersion

    $savedEnvironment = Save-TestEnvironment -Name 'AWSTB_PYTHON', 'AWSTB_CONFIG', 'VIRTUAL_ENV', 'XDG_DATA_HOME', 'LOCALAPPDATA', 'PATH'
    # No user configuration, and a data folder of the test's own.
    $dataHome = Join-Path -Path $TestDrive -ChildPath 'data'
    $null = Set-TestEnvironment -Variable @{
        AWSTB_PYTHON = $null
        VIRTUAL_ENV = $null
        AWSTB_CONFIG = (Join-Path -Path $TestDrive -ChildPath 'no-config.psd1')
        XDG_DATA_HOME = $dataHome
        LOCALAPPDATA = $dataHome
    }
    $windows = [System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT
    $privateFolder = Join-Path -Path (Join-Path -Path (Join-Path -Path $dataHome -ChildPath 'AwsTokenBridge') -ChildPath 'backend') -ChildPath $version
    if ($windows) {
        $privatePython = Join-Path -Path (Join-Path -Path $privateFolder -ChildPath 'Scripts') -ChildPath 'python.exe'
    }
    else {
        $privatePython = Join-Path -Path (Join-Path -Path $privateFolder -ChildPath 'bin') -ChildPath 'python'
    }

    function New-TestModuleCopy {
        <#
        A copy of module/ under Parent\AwsTokenBridge (no checkout around it unless Parent has
        one), with a stand-in wheel when -Wheel is given; returns its manifest path.
        #>
        param([string] $Parent, [switch] $Wheel)
        $target = Join-Path -Path $Parent -ChildPath 'AwsTokenBridge'
        $null = New-Item -ItemType Directory -Path $target -Force
        Copy-Item -Path (Join-Path -Path (Join-Path -Path (Get-TestRepositoryRoot) -ChildPath 'module') -ChildPath '*') -Destination $target -Recurse -Force
        if ($Wheel) {
            $wheels = Join-Path -Path $target -ChildPath 'wheels'
            $null = New-Item -ItemType Directory -Path $wheels -Force
            Set-Content -LiteralPath (Join-Path -Path $wheels -ChildPath ('aws_token_bridge-' + $version + '-py3-none-any.whl')) -Value 'not a wheel'
        }
        Join-Path -Path $target -ChildPath 'AwsTokenBridge.psd1'
    }

    function New-TestPrivateEnvironment {
        <#
        A virtual environment where the module keeps its own, without pip, whose metadata says
        aws-token-bridge BackendVersion is installed (what Install-AwsTokenBridgeBackend checks).
        #>
        param([string] $BackendVersion = $version)
        & $python -m venv --without-pip $privateFolder
        $site = & $privatePython -c "import sysconfig; print(sysconfig.get_paths()['purelib'])"
        $distInfo = Join-Path -Path $site -ChildPath ('aws_token_bridge-' + $BackendVersion + '.dist-info')
        $null = New-Item -ItemType Directory -Path $distInfo -Force
        Set-Content -LiteralPath (Join-Path -Path $distInfo -ChildPath 'METADATA') -Encoding ascii -Value @(
            'Metadata-Version: 2.1', 'Name: aws-token-bridge', ('Version: ' + $BackendVersion)
        )
    }

    # Made here, for the whole file: TestDrive removes what a Describe makes when it ends, and
    # the session keeps reading the format file of every copy imported.
    $copy = New-TestModuleCopy -Parent (Join-Path -Path $TestDrive -ChildPath 'installed') -Wheel
    $noWheel = New-TestModuleCopy -Parent (Join-Path -Path $TestDrive -ChildPath 'no-wheel')
    $checkout = Join-Path -Path $TestDrive -ChildPath 'checkout'
    $checkoutManifest = New-TestModuleCopy -Parent $checkout
}

AfterAll {
    Remove-Module -Name AwsTokenBridge -Force -ErrorAction Ignore
    Restore-TestEnvironment -Saved $savedEnvironment
}

Describe 'Where the private environment is' {
    BeforeAll {
        Import-Module -Name (Get-TestModuleManifest) -Force
    }

    It 'is under LOCALAPPDATA on Windows, with Scripts\python.exe' {
        InModuleScope AwsTokenBridge -Parameters @{ Version = $version } {
            param($Version)
            $data = Get-AwsTokenBridgeDataFolder -Windows $true -LocalAppData 'C:\Users\Ada\AppData\Local' -XdgDataHome '/ignored' -HomeFolder 'C:\Users\Ada'
            $data | Should -BeExactly 'C:\Users\Ada\AppData\Local\AwsTokenBridge'
            $folder = Get-AwsTokenBridgeBackendFolder -DataFolder $data -Windows $true
            $folder | Should -BeExactly ('C:\Users\Ada\AppData\Local\AwsTokenBridge\backend\' + $Version)
            Get-AwsTokenBridgeEnvironmentPython -Path $folder -Windows $true | Should -BeExactly ('C:\Users\Ada\AppData\Local\AwsTokenBridge\backend\' + $Version + '\Scripts\python.exe')
            Get-AwsTokenBridgeBackendFolder -DataFolder 'D:\Data\AwsTokenBridge\' -Version '9.8.7' -Windows $true | Should -BeExactly 'D:\Data\AwsTokenBridge\backend\9.8.7'
        }
    }

    It 'is under XDG_DATA_HOME elsewhere, with bin/python' {
        InModuleScope AwsTokenBridge -Parameters @{ Version = $version } {
            param($Version)
            $data = Get-AwsTokenBridgeDataFolder -Windows $false -LocalAppData 'C:\ignored' -XdgDataHome '/srv/data' -HomeFolder '/home/ada'
            $data | Should -BeExactly '/srv/data/AwsTokenBridge'
            $folder = Get-AwsTokenBridgeBackendFolder -DataFolder $data -Windows $false
            Get-AwsTokenBridgeEnvironmentPython -Path $folder -Windows $false | Should -BeExactly ('/srv/data/AwsTokenBridge/backend/' + $Version + '/bin/python')
        }
    }

    It 'is under ~/.local/share when XDG_DATA_HOME is unset, empty or relative' {
        InModuleScope AwsTokenBridge {
            foreach ($xdg in @('', 'relative/data')) {
                Get-AwsTokenBridgeDataFolder -Windows $false -LocalAppData '' -XdgDataHome $xdg -HomeFolder '/home/ada' | Should -BeExactly '/home/ada/.local/share/AwsTokenBridge' -Because "XDG_DATA_HOME='$xdg'"
            }
        }
    }

    It 'follows the environment of this session by default' {
        $found = InModuleScope AwsTokenBridge { Get-AwsTokenBridgeBackendFolder }
        $found | Should -Be $privateFolder
    }
}

Describe 'Finding the private environment among the Pythons' {
    BeforeAll {
        Remove-Module -Name AwsTokenBridge -Force -ErrorAction Ignore
        Import-Module -Name $copy -Force
        New-TestPrivateEnvironment
    }

    AfterAll {
        Remove-Item -LiteralPath $privateFolder -Recurse -Force -ErrorAction Ignore
        $env:AWSTB_PYTHON = $null
        $env:VIRTUAL_ENV = $null
    }

    It 'comes before any Python on PATH' {
        $found = InModuleScope AwsTokenBridge { Resolve-AwsTokenBridgePython }
        $found.FileName | Should -Be $privatePython
        $found.Kind | Should -Be 'Private'
        $found.Source | Should -Match ([regex]::Escape($privateFolder))
    }

    It 'comes after AWSTB_PYTHON and an activated virtual environment' {
        $env:AWSTB_PYTHON = $python
        (InModuleScope AwsTokenBridge { Resolve-AwsTokenBridgePython }).Kind | Should -Be 'Explicit'
        $env:AWSTB_PYTHON = $null
        $env:VIRTUAL_ENV = $privateFolder + '-activated'
        $activatedPython = $privatePython.Replace($privateFolder, $env:VIRTUAL_ENV)
        $null = New-Item -ItemType Directory -Path (Split-Path -Path $activatedPython -Parent) -Force
        Set-Content -LiteralPath $activatedPython -Value ''
        (InModuleScope AwsTokenBridge { Resolve-AwsTokenBridgePython }).FileName | Should -Be $activatedPython
        $env:VIRTUAL_ENV = $null
    }

    It 'comes after the configuration' {
        Import-Module -Name $copy -ArgumentList @{ Python = $python } -Force
        (InModuleScope AwsTokenBridge { Resolve-AwsTokenBridgePython }).Source | Should -Be 'the module configuration'
        Import-Module -Name $copy -Force
    }

    It 'comes after the .venv of the checkout the module was loaded from' {
        # The copy is <checkout>/AwsTokenBridge: its parent is the checkout, as module/ is.
        $venvPython = $privatePython.Replace($privateFolder, (Join-Path -Path $checkout -ChildPath '.venv'))
        $null = New-Item -ItemType Directory -Path (Split-Path -Path $venvPython -Parent) -Force
        Set-Content -LiteralPath $venvPython -Value ''
        Remove-Module -Name AwsTokenBridge -Force
        Import-Module -Name $checkoutManifest
        try {
            $found = InModuleScope AwsTokenBridge { Resolve-AwsTokenBridgePython }
        }
        finally {
            Remove-Module -Name AwsTokenBridge -Force
            Import-Module -Name $copy
        }
        $found.FileName | Should -Be $venvPython
        $found.Kind | Should -Be 'Checkout'
    }

    It 'is shown by Get-AwsTokenBridgeBackend whether or not it runs a backend' {
        $info = Get-AwsTokenBridgeBackend
        $info.PSObject.TypeNames[0] | Should -Be 'AwsTokenBridge.BackendInfo'
        $info.PrivateEnvironment | Should -Be $privateFolder
        $info.PrivateEnvironmentInstalled | Should -BeTrue
        $info.DataFolder | Should -Be (Join-Path -Path $dataHome -ChildPath 'AwsTokenBridge')
        $info.Python | Should -Be $privatePython
        $info.PythonFoundIn | Should -Match 'own environment'
        $info.ModuleVersion | Should -Be $version
    }
}

Describe 'Without a usable backend' {
    BeforeAll {
        Remove-Module -Name AwsTokenBridge -Force -ErrorAction Ignore
    }

    It 'names Install-AwsTokenBridgeBackend when the Python found lacks the package' {
        $bare = Join-Path -Path $TestDrive -ChildPath 'bare_python.py'
        Set-Content -LiteralPath $bare -Encoding ascii -Value 'import sys; sys.stderr.write("ModuleNotFoundError: No module named ''py_backend''\n"); sys.exit(1)'
        Import-Module -Name $copy -ArgumentList @{ Python = @($python, $bare) } -Force
        $record = $null
        try {
            Register-SSOOIDCClient -ClientName 'x' -ClientType public -Region us-east-1 -EndpointUrl 'http://127.0.0.1:9'
        }
        catch {
            $record = $_
        }
        $record.FullyQualifiedErrorId | Should -BeExactly 'AwsTokenBridgeBackendNotStarted,Register-SSOOIDCClient'
        $record.Exception.Message | Should -Match '^No usable AWS Token Bridge backend'
        $record.Exception.Message | Should -Match 'Run Install-AwsTokenBridgeBackend'
        Test-Path -LiteralPath $privateFolder | Should -BeFalse
    }

    It 'names Install-AwsTokenBridgeBackend when no Python is found at all' {
        Import-Module -Name $copy -Force
        $env:PATH = Join-Path -Path $TestDrive -ChildPath 'empty-path'
        try {
            $record = $null
            try {
                Register-SSOOIDCClient -ClientName 'x' -ClientType public -Region us-east-1
            }
            catch {
                $record = $_
            }
        }
        finally {
            $env:PATH = $savedEnvironment['PATH']
        }
        $record.FullyQualifiedErrorId | Should -BeExactly 'AwsTokenBridgePythonNotFound,Register-SSOOIDCClient'
        $record.Exception.Message | Should -Match 'Install-AwsTokenBridgeBackend'
    }
}

Describe 'A backend of another version' {
    BeforeAll {
        # Speaks the protocol, but is aws-token-bridge 0.0.0.
        $fake = Join-Path -Path $TestDrive -ChildPath 'old_backend.py'
        Set-Content -LiteralPath $fake -Encoding ascii -Value @'
import json
import sys

for raw in sys.stdin:
    message = json.loads(raw)
    if "id" not in message:
        continue
    if message["method"] == "initialize":
        result = {"protocolVersion": "1.0", "serverVersion": "0.0.0", "pythonVersion": "3.99.0", "cmdlets": []}
    else:
        result = {"items": []}
    sys.stdout.write(json.dumps({"jsonrpc": "2.0", "id": message["id"], "result": result}) + "\n")
    sys.stdout.flush()
'@
        Import-Module -Name $copy -ArgumentList @{ Python = @($python, $fake) } -Force
    }

    AfterAll {
        Remove-Module -Name AwsTokenBridge -Force -ErrorAction Ignore
    }

    It 'is named on the first call with both versions and the command that fixes it, once' {
        $first = @(Register-SSOOIDCClient -ClientName 'x' -ClientType public -Region us-east-1 -WarningVariable warned -WarningAction SilentlyContinue)
        $first | Should -BeNullOrEmpty
        $text = @($warned | ForEach-Object { [string]$_ })
        $text.Count | Should -Be 1
        $text[0] | Should -Match 'aws-token-bridge 0\.0\.0'
        $text[0] | Should -Match ('module is ' + [regex]::Escape($version))
        $text[0] | Should -Match ([regex]::Escape($python + ' -m pip install aws-token-bridge==' + $version))
        $text[0] | Should -Match 'Install-AwsTokenBridgeBackend'
        $null = Register-SSOOIDCClient -ClientName 'x' -ClientType public -Region us-east-1 -WarningVariable again -WarningAction SilentlyContinue
        @($again).Count | Should -Be 0
    }

    It 'is shown by Get-AwsTokenBridgeBackend as VersionMismatch with the fix' {
        $info = Get-AwsTokenBridgeBackend
        $info.Status | Should -Be 'VersionMismatch'
        $info.BackendVersion | Should -Be '0.0.0'
        $info.PythonVersion | Should -Be '3.99.0'
        $info.ProtocolVersion | Should -Be '1.0'
        $info.PythonFoundIn | Should -Be 'the module configuration'
        $info.Problem | Should -Match 'aws-token-bridge=='
    }

    It 'offers Install-AwsTokenBridgeBackend -Force when it is the private environment' {
        $text = InModuleScope AwsTokenBridge {
            $command = New-AwsTokenBridgePythonCommand -FileName '/x/bin/python' -Source 'the module''s own environment' -Kind Private
            Get-AwsTokenBridgeVersionFix -Python $command
        }
        $text | Should -Match 'Install-AwsTokenBridgeBackend -Force'
        $text | Should -Not -Match 'pip install'
    }
}

Describe 'Install-AwsTokenBridgeBackend' {
    AfterEach {
        Remove-Item -LiteralPath $privateFolder -Recurse -Force -ErrorAction Ignore
        Remove-Module -Name AwsTokenBridge -Force -ErrorAction Ignore
    }

    It 'supports ShouldProcess and takes -Python and -Force by name only' {
        Import-Module -Name $copy -Force
        $command = Get-Command -Name Install-AwsTokenBridgeBackend
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'Confirm'
        $command.Parameters['Python'].ParameterType | Should -Be ([string])
        $command.Parameters['Force'].SwitchParameter | Should -BeTrue
        { Install-AwsTokenBridgeBackend 'python3' } | Should -Throw
    }

    It 'refuses, naming what to do, when the module carries no wheel' {
        Import-Module -Name $noWheel -Force
        { Install-AwsTokenBridgeBackend -Python $python } | Should -Throw -ErrorId 'AwsTokenBridgeWheelNotFound,Install-AwsTokenBridgeBackend'
        Test-Path -LiteralPath $privateFolder | Should -BeFalse
    }

    It 'refuses a -Python that does not exist, naming it' {
        Import-Module -Name $copy -Force
        $missing = Join-Path -Path $TestDrive -ChildPath 'no-such-python'
        $record = $null
        try {
            Install-AwsTokenBridgeBackend -Python $missing
        }
        catch {
            $record = $_
        }
        $record.FullyQualifiedErrorId | Should -BeExactly 'AwsTokenBridgePythonNotFound,Install-AwsTokenBridgeBackend'
        $record.Exception.Message | Should -Match ([regex]::Escape($missing))
    }

    It 'changes nothing with -WhatIf' {
        Import-Module -Name $copy -Force
        Install-AwsTokenBridgeBackend -Python $python -WhatIf | Should -BeNullOrEmpty
        Test-Path -LiteralPath (Join-Path -Path $dataHome -ChildPath 'AwsTokenBridge') | Should -BeFalse
    }

    It 'does nothing when the environment already has this version, and -Force -WhatIf keeps it' {
        Import-Module -Name $copy -Force
        New-TestPrivateEnvironment
        $marker = Join-Path -Path $privateFolder -ChildPath 'marker'
        Set-Content -LiteralPath $marker -Value 'kept'
        # No -Python: a complete environment needs none.
        $result = Install-AwsTokenBridgeBackend
        $result.Changed | Should -BeFalse
        $result.Path | Should -Be $privateFolder
        $result.BackendVersion | Should -Be $version
        $result.PSObject.TypeNames[0] | Should -Be 'AwsTokenBridge.BackendInstallation'
        Install-AwsTokenBridgeBackend -Python $python -Force -WhatIf | Should -BeNullOrEmpty
        Test-Path -LiteralPath $marker | Should -BeTrue
    }

    It 'installs again over an environment of another version, and leaves nothing when pip fails' {
        Import-Module -Name $copy -Force
        New-TestPrivateEnvironment -BackendVersion '0.0.1'
        $record = $null
        try {
            Install-AwsTokenBridgeBackend -Python $python
        }
        catch {
            $record = $_
        }
        # The stand-in wheel is not a wheel: pip refuses it, and the half-made environment goes.
        $record.FullyQualifiedErrorId | Should -BeExactly 'AwsTokenBridgeBackendInstallFailed,Install-AwsTokenBridgeBackend'
        $record.Exception.Message | Should -Match 'exit code'
        Test-Path -LiteralPath $privateFolder | Should -BeFalse
    }
}
