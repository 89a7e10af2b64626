<#
.SYNOPSIS
    Builds, tests, analyzes, packages and demonstrates the AwsTokenBridge PowerShell module.

.DESCRIPTION
    Tasks, run in the order given:

      Build    Regenerates module/Public/*.ps1, the manifest and the format file from the Python
               cmdlet specifications (python -m py_backend.psmodule generate), and the Pester
               fixture of sample invocations.
      Test     pytest (every suite but the ones that start PowerShell), then the Pester 5 suites
               in this PowerShell (tests/pester). -PytestArgument and -PesterPath narrow them.
      Analyze  PSScriptAnalyzer on module/ and this script, with
               tests/pester/PSScriptAnalyzerSettings.psd1 (compatibility with 5.1 and 7). Where
               PSScriptAnalyzer is not installed, it says so and fails nothing.
      Package  The module as a PowerShell repository serves it: out/AwsTokenBridge/<version>/ (the
               module folder, with the aws-token-bridge wheel under wheels/, which
               Install-AwsTokenBridgeBackend installs), and out/repository/AwsTokenBridge.<version>.nupkg
               (Compress-PSResource; where PSResourceGet is missing, as in Windows PowerShell 5.1
               without it, a warning says so). Publish-PSResource -Path out/AwsTokenBridge/<version>
               publishes the folder to any repository. -OutputPath moves out/.
      Demo     Starts the emulator on 127.0.0.1 and runs the device code flow through the module.

    Python: -Python, else $env:AWSTB_PYTHON, else the checkout's .venv, else python3/python on PATH.
    Works in Windows PowerShell 5.1 and PowerShell 7.

.EXAMPLE
    ./build.ps1 -Task Build, Test

.EXAMPLE
    ./build.ps1 -Task Package -OutputPath ./dist
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Analyze', 'Package', 'Demo')]
    [string[]]
    $Task = @('Build'),

    [string]
    $Python,

    # Kept for older scripts: Package always includes the wheel now.
    [switch]
    $IncludeWheel,

    # Where Package writes (default: out/ in the checkout).
    [string]
    $OutputPath,

    # What Test gives pytest instead of the whole tests folder (test paths, a -k expression...).
    [string[]]
    $PytestArgument = @(),

    # The Pester suites Test runs (files or folders); all of tests/pester by default.
    [string[]]
    $PesterPath = @()
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$moduleFolder = Join-Path -Path $root -ChildPath 'module'
$manifestPath = Join-Path -Path $moduleFolder -ChildPath 'AwsTokenBridge.psd1'
$pesterFolder = Join-Path -Path (Join-Path -Path $root -ChildPath 'tests') -ChildPath 'pester'

function Resolve-BuildPython {
    if ($Python) {
        return $Python
    }
    if ($env:AWSTB_PYTHON) {
        return $env:AWSTB_PYTHON
    }
    $venv = Join-Path -Path $root -ChildPath '.venv'
    $candidates = @(
        (Join-Path -Path (Join-Path -Path $venv -ChildPath 'Scripts') -ChildPath 'python.exe'),
        (Join-Path -Path (Join-Path -Path $venv -ChildPath 'bin') -ChildPath 'python')
    )
    foreach ($candidate in $candidates) {
        if (Test-Path -LiteralPath $candidate -PathType Leaf) {
            return $candidate
        }
    }
    $found = Get-Command -Name 'python3', 'python' -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    if ($null -eq $found) {
        throw 'Python was not found: pass -Python, set $env:AWSTB_PYTHON, or create .venv (python3 dev.py test).'
    }
    $found.Path
}

function Invoke-BuildPython {
    param(
        [Parameter(Mandatory = $true)]
        [string[]]
        $Argument
    )
    $pythonPath = Resolve-BuildPython
    Write-Host ('> ' + $pythonPath + ' ' + ($Argument -join ' '))
    $savedPath = $env:PYTHONPATH
    $env:PYTHONPATH = $root
    try {
        & $pythonPath @Argument
        if ($LASTEXITCODE -ne 0) {
            throw ('Python exited with code ' + $LASTEXITCODE + ': ' + ($Argument -join ' '))
        }
    }
    finally {
        $env:PYTHONPATH = $savedPath
    }
}

function Invoke-BuildTask {
    $samples = Join-Path -Path (Join-Path -Path $pesterFolder -ChildPath 'fixtures') -ChildPath 'invoke-samples.json'
    Invoke-BuildPython -Argument @('-m', 'py_backend.psmodule', 'generate', '--module-dir', $moduleFolder, '--samples', $samples)
}

function Invoke-TestTask {
    $targets = @(Join-Path -Path $root -ChildPath 'tests')
    if ($PytestArgument.Count -gt 0) {
        $targets = $PytestArgument
    }
    Invoke-BuildPython -Argument (@('-m', 'pytest', '-q', '-m', 'not pester') + $targets)
    $pester = Get-Module -ListAvailable -Name Pester | Sort-Object -Property Version -Descending | Select-Object -First 1
    if ($null -eq $pester -or $pester.Version.Major -lt 5) {
        throw 'Pester 5 is needed for the Pester suites: Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser'
    }
    Import-Module -Name Pester -MinimumVersion 5.0
    $savedTestPython = $env:AWSTB_TEST_PYTHON
    $env:AWSTB_TEST_PYTHON = Resolve-BuildPython
    try {
        $configuration = New-PesterConfiguration
        $configuration.Run.Path = $pesterFolder
        if ($PesterPath.Count -gt 0) {
            $configuration.Run.Path = $PesterPath
        }
        $configuration.Run.PassThru = $true
        $configuration.Output.Verbosity = 'Detailed'
        $result = Invoke-Pester -Configuration $configuration
    }
    finally {
        $env:AWSTB_TEST_PYTHON = $savedTestPython
    }
    if ($result.FailedCount -gt 0) {
        throw ([string]$result.FailedCount + ' Pester test(s) failed.')
    }
}

function Invoke-AnalyzeTask {
    if ($null -eq (Get-Module -ListAvailable -Name PSScriptAnalyzer)) {
        # Not a failure: the analyzer is not everywhere (it is not served on NuGet), and the
        # 5.1 compatibility checks also run in pytest with a PowerShell parser.
        Write-Warning -Message 'PSScriptAnalyzer is not installed, so Analyze did not run. Install it with: Install-Module PSScriptAnalyzer -Scope CurrentUser'
        return
    }
    $settings = Join-Path -Path $pesterFolder -ChildPath 'PSScriptAnalyzerSettings.psd1'
    $findings = @(Invoke-ScriptAnalyzer -Path $moduleFolder -Recurse -Settings $settings)
    $findings += @(Invoke-ScriptAnalyzer -Path (Join-Path -Path $root -ChildPath 'build.ps1') -Settings $settings)
    if ($findings.Count -gt 0) {
        $findings | Format-Table -Property 'RuleName', 'Severity', 'ScriptName', 'Line', 'Message' -AutoSize -Wrap | Out-Host
        throw ([string]$findings.Count + ' PSScriptAnalyzer finding(s).')
    }
    Write-Host 'PSScriptAnalyzer: no findings.'
}

function Invoke-PackageTask {
    $manifest = Import-PowerShellDataFile -LiteralPath $manifestPath
    $outputRoot = $OutputPath
    if (-not $outputRoot) {
        $outputRoot = Join-Path -Path $root -ChildPath 'out'
    }
    $null = New-Item -ItemType Directory -Path $outputRoot -Force
    $outputRoot = (Resolve-Path -LiteralPath $outputRoot).ProviderPath
    $output = Join-Path -Path $outputRoot -ChildPath 'AwsTokenBridge'
    $target = Join-Path -Path $output -ChildPath $manifest.ModuleVersion
    if (Test-Path -LiteralPath $target) {
        Remove-Item -LiteralPath $target -Recurse -Force
    }
    $null = New-Item -ItemType Directory -Path $target -Force
    Copy-Item -Path (Join-Path -Path $moduleFolder -ChildPath '*') -Destination $target -Recurse
    # The wheel Install-AwsTokenBridgeBackend installs: the module package carries its backend.
    $wheels = Join-Path -Path $target -ChildPath 'wheels'
    Invoke-BuildPython -Argument @('-m', 'pip', 'wheel', $root, '--no-deps', '--wheel-dir', $wheels)
    $packaged = Test-ModuleManifest -Path (Join-Path -Path $target -ChildPath 'AwsTokenBridge.psd1')
    Write-Host ('Packaged ' + $packaged.Name + ' ' + $packaged.Version + ' in ' + $target)
    if ($null -eq (Get-Command -Name 'Compress-PSResource' -ErrorAction Ignore)) {
        Write-Warning -Message 'Compress-PSResource (PSResourceGet 1.1 or later, in PowerShell 7.4 and later) is not available, so no .nupkg was made. Install-Module Microsoft.PowerShell.PSResourceGet, or publish the folder with Publish-Module.'
        return
    }
    $repository = Join-Path -Path $outputRoot -ChildPath 'repository'
    $null = New-Item -ItemType Directory -Path $repository -Force
    $package = Join-Path -Path $repository -ChildPath ('AwsTokenBridge.' + $manifest.ModuleVersion + '.nupkg')
    if (Test-Path -LiteralPath $package) {
        Remove-Item -LiteralPath $package -Force
    }
    Compress-PSResource -Path $target -DestinationPath $repository
    Write-Host ('Packaged ' + $package + ' (a local folder repository: Register-PSResourceRepository -Uri ' + $repository + ')')
}

function Invoke-DemoTask {
    $pythonPath = Resolve-BuildPython
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new()
    $startInfo.FileName = $pythonPath
    $startInfo.Arguments = '-m py_backend emulator --port 0 --auto-approve'
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardOutput = $true
    $startInfo.WorkingDirectory = $root
    $startInfo.EnvironmentVariables['PYTHONPATH'] = $root
    $emulator = [System.Diagnostics.Process]::Start($startInfo)
    $savedPython = $env:AWSTB_PYTHON
    try {
        $line = $emulator.StandardOutput.ReadLine()
        if ($line -notmatch 'listening on (http://\S+)') {
            throw ('The emulator did not start: ' + $line)
        }
        $endpoint = @{ Region = 'us-east-1'; EndpointUrl = $Matches[1] }
        Write-Host ('Emulator: ' + $Matches[1] + ' (device codes are approved at once)')
        $env:AWSTB_PYTHON = $pythonPath
        Import-Module -Name $manifestPath -Force
        $grants = @('urn:ietf:params:oauth:grant-type:device_code', 'refresh_token')
        $client = Register-SSOOIDCClient -ClientName 'build-demo' -ClientType public -GrantType $grants -Scope 'sso:account:access' @endpoint
        $client | Format-List | Out-Host
        $device = $client | Start-SSOOIDCDeviceAuthorization -StartUrl 'https://d-1234567890.awsapps.com/start' @endpoint
        $device | Format-List | Out-Host
        $token = $client | New-SSOOIDCToken -GrantType $grants[0] -DeviceCode $device.DeviceCode @endpoint
        $token | Format-List | Out-Host
        $refreshed = $client | New-SSOOIDCToken -GrantType 'refresh_token' -RefreshToken $token.RefreshToken @endpoint -Select '^ClientId'
        Write-Host ("Refreshed the token of client '" + $refreshed + "'.")
    }
    finally {
        Remove-Module -Name AwsTokenBridge -Force -ErrorAction Ignore
        $env:AWSTB_PYTHON = $savedPython
        if (-not $emulator.HasExited) {
            $emulator.Kill()
        }
        $emulator.Dispose()
    }
}

foreach ($name in $Task) {
    Write-Host ('== ' + $name)
    if ($name -eq 'Build') {
        Invoke-BuildTask
    }
    elseif ($name -eq 'Test') {
        Invoke-TestTask
    }
    elseif ($name -eq 'Analyze') {
        Invoke-AnalyzeTask
    }
    elseif ($name -eq 'Package') {
        Invoke-PackageTask
    }
    else {
        Invoke-DemoTask
    }
}
