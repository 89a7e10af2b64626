# A PowerShell user's install (issue 19), from a module repository to a first token, with no
# checkout on any path. Run by tests/module/test_install_journey.py in a fresh pwsh 7 with a
# temporary HOME, a PSModulePath that holds only Pester, a PATH without the checkout, no
# PYTHONPATH and no VIRTUAL_ENV; it sets AWSTB_JOURNEY=1. Anywhere else (the other Pester runs
# find this file under tests/pester) it is skipped: it would install into the user's own folders.
#
# The steps share one install (creating the environment takes a while), so they run in order:
# package, a local folder repository, publish, install for the current user, import by name, the
# first call without a backend, Install-AwsTokenBridgeBackend, a device code flow against the
# emulator (run by the installed package), Get-AwsTokenBridgeBackend, uninstall.
# pip gets the backend's dependencies from its configured source (in CI: PIP_NO_INDEX and
# PIP_FIND_LINKS in the environment). PSResourceGet ships with PowerShell 7.4 and later.

BeforeDiscovery {
    $skipJourney = $env:AWSTB_JOURNEY -ne '1'
}

Describe 'Installing AwsTokenBridge from a PowerShell repository' -Skip:$skipJourney {
    BeforeAll {
        $checkout = Split-Path -Path (Split-Path -Path (Split-Path -Path $PSScriptRoot -Parent) -Parent) -Parent
        $buildPython = $env:AWSTB_JOURNEY_BUILD_PYTHON
        $basePython = $env:AWSTB_JOURNEY_PYTHON
        $out = Join-Path -Path $TestDrive -ChildPath 'out'
        $repositoryFolder = Join-Path -Path $TestDrive -ChildPath 'repository'
        $repositoryName = 'AwsTokenBridgeJourney'
        $deviceGrant = 'urn:ietf:params:oauth:grant-type:device_code'
        # What the steps share (an It block's own variables end with it).
        $state = @{ Emulator = $null }
        $version = (Import-PowerShellDataFile -LiteralPath (Join-Path -Path (Join-Path -Path $checkout -ChildPath 'module') -ChildPath 'AwsTokenBridge.psd1')).ModuleVersion

        function Get-JourneyLeftovers {
            <# Every file or folder under HOME whose name says AwsTokenBridge or aws-token-bridge. #>
            @(Get-ChildItem -LiteralPath $HOME -Recurse -Force -ErrorAction Ignore |
                    Where-Object { $_.Name -match 'AwsTokenBridge|aws[-_]token[-_]bridge' } |
                    ForEach-Object { $_.FullName })
        }
    }

    AfterAll {
        if ($null -ne $state.Emulator -and -not $state.Emulator.HasExited) {
            $state.Emulator.Kill()
            $null = $state.Emulator.WaitForExit(10000)
        }
        Remove-Module -Name AwsTokenBridge -Force -ErrorAction Ignore
        Unregister-PSResourceRepository -Name $repositoryName -ErrorAction Ignore
    }

    It 'runs where nothing of the checkout is on a path' {
        $HOME | Should -Not -BeLike ($checkout + '*')
        $env:PYTHONPATH | Should -BeNullOrEmpty
        $env:VIRTUAL_ENV | Should -BeNullOrEmpty
        $env:AWSTB_PYTHON | Should -BeNullOrEmpty
        foreach ($variable in 'PATH', 'PSModulePath') {
            $entries = [System.Environment]::GetEnvironmentVariable($variable) -split [System.IO.Path]::PathSeparator
            @($entries | Where-Object { $_ -and $_.StartsWith($checkout) }) | Should -BeNullOrEmpty -Because $variable
        }
        Get-Module -ListAvailable -Name AwsTokenBridge | Should -BeNullOrEmpty
        Get-JourneyLeftovers | Should -BeNullOrEmpty
    }

    It 'packages the module with the wheel inside (build.ps1 -Task Package)' {
        $build = Join-Path -Path $checkout -ChildPath 'build.ps1'
        $log = & (Join-Path -Path $PSHOME -ChildPath 'pwsh') -NoProfile -NonInteractive -File $build -Task Package -Python $buildPython -OutputPath $out 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($log -join "`n")
        $folder = Join-Path -Path (Join-Path -Path $out -ChildPath 'AwsTokenBridge') -ChildPath $version
        $wheel = @(Get-ChildItem -LiteralPath (Join-Path -Path $folder -ChildPath 'wheels') -Filter ('aws_token_bridge-' + $version + '-*.whl'))
        $wheel.Count | Should -Be 1
        Test-Path -LiteralPath (Join-Path -Path (Join-Path -Path $out -ChildPath 'repository') -ChildPath ('AwsTokenBridge.' + $version + '.nupkg')) | Should -BeTrue
    }

    It 'publishes the package to a local folder repository and installs it from there for the current user' {
        $null = New-Item -ItemType Directory -Path $repositoryFolder -Force
        Register-PSResourceRepository -Name $repositoryName -Uri $repositoryFolder -Trusted
        Publish-PSResource -Path (Join-Path -Path (Join-Path -Path $out -ChildPath 'AwsTokenBridge') -ChildPath $version) -Repository $repositoryName
        Test-Path -LiteralPath (Join-Path -Path $repositoryFolder -ChildPath ('AwsTokenBridge.' + $version + '.nupkg')) | Should -BeTrue
        $found = Find-PSResource -Name AwsTokenBridge -Repository $repositoryName
        $found.Version.ToString() | Should -Be $version

        Install-PSResource -Name AwsTokenBridge -Repository $repositoryName -Scope CurrentUser -TrustRepository
        $installed = Get-InstalledPSResource -Name AwsTokenBridge -Scope CurrentUser
        $installed.InstalledLocation | Should -BeLike ($HOME + '*')
    }

    It 'imports the module by name from the installed location' {
        Import-Module -Name AwsTokenBridge
        $module = Get-Module -Name AwsTokenBridge
        $module.Version.ToString() | Should -Be $version
        $module.ModuleBase | Should -BeLike ($HOME + '*')
        $module.ModuleBase | Should -Not -BeLike ($checkout + '*')
        $commands = @((Get-Command -Module AwsTokenBridge).Name)
        $commands | Should -Contain 'Install-AwsTokenBridgeBackend'
        $commands | Should -Contain 'Get-AwsTokenBridgeBackend'
        $commands | Should -Contain 'New-SSOOIDCToken'
        (Get-Command -Name Install-AwsTokenBridgeBackend).Parameters.Keys | Should -Contain 'WhatIf'
    }

    It 'gives one terminating error naming Install-AwsTokenBridgeBackend on the first call, and downloads nothing' {
        $backend = Get-AwsTokenBridgeBackend
        $backend.PrivateEnvironmentInstalled | Should -BeFalse
        $record = $null
        $output = $null
        try {
            $output = Register-SSOOIDCClient -ClientName 'journey' -ClientType public -Region us-east-1 -EndpointUrl 'http://127.0.0.1:9'
        }
        catch {
            $record = $_
        }
        $output | Should -BeNullOrEmpty
        $record | Should -Not -BeNullOrEmpty
        $record.Exception.Message | Should -Match 'Install-AwsTokenBridgeBackend'
        $record.FullyQualifiedErrorId | Should -BeLike '*,Register-SSOOIDCClient'
        Test-Path -LiteralPath $backend.PrivateEnvironment | Should -BeFalse
        $backend.Status | Should -Be 'NotUsable'
        $backend.Problem | Should -Match 'Install-AwsTokenBridgeBackend'
    }

    It 'changes nothing with -WhatIf' {
        $result = Install-AwsTokenBridgeBackend -Python $basePython -WhatIf
        $result | Should -BeNullOrEmpty
        Test-Path -LiteralPath (Get-AwsTokenBridgeBackend).DataFolder | Should -BeFalse
    }

    It 'installs the backend in a private environment in the user data folder' {
        $installation = Install-AwsTokenBridgeBackend -Python $basePython
        $installation.Changed | Should -BeTrue
        $installation.BackendVersion | Should -Be $version
        $expected = Join-Path -Path (Join-Path -Path (Join-Path -Path (Join-Path -Path $HOME -ChildPath '.local') -ChildPath 'share') -ChildPath 'AwsTokenBridge') -ChildPath 'backend'
        $installation.Path | Should -Be (Join-Path -Path $expected -ChildPath $version)
        Test-Path -LiteralPath $installation.Python -PathType Leaf | Should -BeTrue
    }

    It 'does nothing when run again, and reinstalls with -Force' {
        $again = Install-AwsTokenBridgeBackend -Python $basePython
        $again.Changed | Should -BeFalse
        $again.BackendVersion | Should -Be $version
        $marker = Join-Path -Path $again.Path -ChildPath 'journey-marker'
        Set-Content -LiteralPath $marker -Value 'left by the test'
        (Install-AwsTokenBridgeBackend -Python $basePython).Changed | Should -BeFalse
        Test-Path -LiteralPath $marker | Should -BeTrue
        $forced = Install-AwsTokenBridgeBackend -Python $basePython -Force
        $forced.Changed | Should -BeTrue
        Test-Path -LiteralPath $marker | Should -BeFalse
    }

    It 'gets a token with the device code flow against the emulator' {
        $backendPython = (Get-AwsTokenBridgeBackend).Python
        $startInfo = [System.Diagnostics.ProcessStartInfo]::new()
        $startInfo.FileName = $backendPython
        $startInfo.Arguments = '-m py_backend emulator --port 0 --auto-approve'
        $startInfo.UseShellExecute = $false
        $startInfo.RedirectStandardOutput = $true
        $startInfo.WorkingDirectory = $TestDrive
        $state.Emulator = [System.Diagnostics.Process]::Start($startInfo)
        $line = $state.Emulator.StandardOutput.ReadLine()
        $line -match 'listening on (http://127\.0\.0\.1:\d+)' | Should -BeTrue -Because $line
        $endpoint = @{ Region = 'us-east-1'; EndpointUrl = $Matches[1] }

        $client = Register-SSOOIDCClient -ClientName 'journey' -ClientType public -GrantType $deviceGrant, 'refresh_token' -Scope 'sso:account:access' @endpoint
        $device = $client | Start-SSOOIDCDeviceAuthorization -StartUrl 'https://d-1234567890.awsapps.com/start' @endpoint
        $token = $client | New-SSOOIDCToken -GrantType $deviceGrant -DeviceCode $device.DeviceCode @endpoint
        $token.PSObject.TypeNames | Should -Contain 'Amazon.SSOOIDC.Model.CreateTokenResponse'
        $token.AccessToken | Should -Not -BeNullOrEmpty
        $token.TokenType | Should -Be 'Bearer'
        $token.ExpiresIn | Should -BeGreaterThan 0
    }

    It 'shows the Python, backend and protocol versions, and where each was found' {
        $backend = Get-AwsTokenBridgeBackend
        $backend.Status | Should -Be 'Ready'
        $backend.Problem | Should -BeNullOrEmpty
        $backend.PrivateEnvironmentInstalled | Should -BeTrue
        $backend.Python | Should -BeLike ($backend.PrivateEnvironment + '*')
        $backend.PythonFoundIn | Should -Match 'own environment'
        $backend.BackendVersion | Should -Be $version
        $backend.BackendFoundIn | Should -BeLike ($backend.PrivateEnvironment + '*')
        $backend.ProtocolVersion | Should -Be $backend.ModuleProtocolVersion
        $backend.PythonVersion | Should -Match '^3\.\d+'
        $backend.PSObject.TypeNames[0] | Should -Be 'AwsTokenBridge.BackendInfo'
    }

    It 'leaves nothing behind after Uninstall-PSResource and removing the data folder' {
        $dataFolder = (Get-AwsTokenBridgeBackend).DataFolder
        $state.Emulator.Kill()
        $null = $state.Emulator.WaitForExit(10000)
        Remove-Module -Name AwsTokenBridge -Force
        Uninstall-PSResource -Name AwsTokenBridge -Scope CurrentUser
        Remove-Item -LiteralPath $dataFolder -Recurse -Force
        Get-Module -ListAvailable -Name AwsTokenBridge | Should -BeNullOrEmpty
        Get-JourneyLeftovers | Should -BeNullOrEmpty
    }
}
