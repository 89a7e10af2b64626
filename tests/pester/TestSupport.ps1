# Helpers for the Pester suites (dot-sourced): paths, the Python to use, the emulator, the
# environment variables a suite changes, a home of its own, and the console sign-in user.
# Windows PowerShell 5.1 and PowerShell 7 syntax only, like the module.

function Get-TestRepositoryRoot {
    <#
    .SYNOPSIS
    The repository root (tests/pester/..).
    #>
    Split-Path -Path (Split-Path -Path $PSScriptRoot -Parent) -Parent
}

function Get-TestModuleManifest {
    <#
    .SYNOPSIS
    The path of module/AwsTokenBridge.psd1.
    #>
    $moduleFolder = Join-Path -Path (Get-TestRepositoryRoot) -ChildPath 'module'
    Join-Path -Path $moduleFolder -ChildPath 'AwsTokenBridge.psd1'
}

function Get-TestPython {
    <#
    .SYNOPSIS
    The Python with the project installed: $env:AWSTB_TEST_PYTHON (set by pytest), the
    checkout's .venv, or python3/python on PATH.
    #>
    if ($env:AWSTB_TEST_PYTHON) {
        return $env:AWSTB_TEST_PYTHON
    }
    $venv = Join-Path -Path (Get-TestRepositoryRoot) -ChildPath '.venv'
    $candidates = @(
        (Join-Path -Path (Join-Path -Path $venv -ChildPath 'bin') -ChildPath 'python'),
        (Join-Path -Path (Join-Path -Path $venv -ChildPath 'Scripts') -ChildPath 'python.exe')
    )
    foreach ($candidate in $candidates) {
        if (Test-Path -LiteralPath $candidate -PathType Leaf) {
            return $candidate
        }
    }
    $found = Get-Command -Name 'python3', 'python' -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    if ($null -eq $found) {
        throw 'No Python found for the tests: set $env:AWSTB_TEST_PYTHON.'
    }
    $found.Path
}

function Get-TestShell {
    <#
    .SYNOPSIS
    The executable of the PowerShell running the tests, to start a child session with.
    .DESCRIPTION
    Not the process's own path: PowerShell installed as a dotnet tool (or hosted by an
    application) runs as dotnet, which takes pwsh's arguments for its own. The executable is
    in $PSHOME: pwsh (or pwsh.exe) for PowerShell 7, powershell.exe for Windows PowerShell 5.1.
    #>
    foreach ($name in 'pwsh.exe', 'pwsh', 'powershell.exe') {
        $candidate = Join-Path -Path $PSHOME -ChildPath $name
        if (Test-Path -LiteralPath $candidate -PathType Leaf) {
            return $candidate
        }
    }
    (Get-Process -Id $PID).Path
}

function Start-TestEmulator {
    <#
    .SYNOPSIS
    Starts python -m py_backend emulator --port 0 and reads its 'listening on' line.
    #>
    param(
        [Parameter(Mandatory = $true)]
        [string]
        $Python
    )

    $startInfo = [System.Diagnostics.ProcessStartInfo]::new()
    $startInfo.FileName = $Python
    $startInfo.Arguments = '-m py_backend emulator --port 0'
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardOutput = $true
    $startInfo.WorkingDirectory = Get-TestRepositoryRoot
    $startInfo.EnvironmentVariables['PYTHONPATH'] = Get-TestRepositoryRoot
    $process = [System.Diagnostics.Process]::Start($startInfo)
    $line = $process.StandardOutput.ReadLine()
    if ($line -notmatch 'listening on (http://\S+)') {
        $process.Kill()
        throw ('The emulator did not start: ' + $line)
    }
    New-Object -TypeName psobject -Property @{ Process = $process; BaseUrl = $Matches[1] }
}

function Stop-TestEmulator {
    <#
    .SYNOPSIS
    Stops an emulator started by Start-TestEmulator.
    #>
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Emulator
    )

    if (-not $Emulator.Process.HasExited) {
        $Emulator.Process.Kill()
        $null = $Emulator.Process.WaitForExit(10000)
    }
    $Emulator.Process.Dispose()
}

function Invoke-TestEmulatorControl {
    <#
    .SYNOPSIS
    POSTs Body (as JSON) to the emulator's control API at Path, or GETs Path without a Body.
    #>
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Emulator,

        [Parameter(Mandatory = $true)]
        [string]
        $Path,

        [hashtable]
        $Body = $null
    )

    $uri = $Emulator.BaseUrl + $Path
    if ($null -eq $Body) {
        return (Invoke-RestMethod -Method Get -Uri $uri)
    }
    $json = ConvertTo-Json -InputObject $Body -Compress
    Invoke-RestMethod -Method Post -Uri $uri -ContentType 'application/json' -Body $json
}

function Get-TestOperationCount {
    <#
    .SYNOPSIS
    How many requests the emulator has served for an operation (CreateToken, RegisterClient...).
    #>
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Emulator,

        [Parameter(Mandatory = $true)]
        [string]
        $Operation
    )

    $stats = Invoke-TestEmulatorControl -Emulator $Emulator -Path '/__emulator/stats'
    $count = $stats.operations.$Operation
    if ($null -eq $count) {
        return 0
    }
    [int]$count
}

function ConvertTo-TestHashtable {
    <#
    .SYNOPSIS
    A hashtable from a PSCustomObject read from JSON (nested objects too; arrays as string[]).
    #>
    param(
        [AllowNull()]
        [object]
        $InputObject
    )

    $table = @{}
    if ($null -eq $InputObject) {
        return $table
    }
    foreach ($property in $InputObject.PSObject.Properties) {
        $value = $property.Value
        if ($value -is [System.Management.Automation.PSCustomObject]) {
            $value = ConvertTo-TestHashtable -InputObject $value
        }
        elseif ($value -is [array]) {
            $value = [string[]]$value
        }
        $table[$property.Name] = $value
    }
    $table
}

function Save-TestEnvironment {
    <#
    .SYNOPSIS
    The current values of the environment variables Name ($null for one not set), for
    Restore-TestEnvironment.
    #>
    param(
        [Parameter(Mandatory = $true)]
        [string[]]
        $Name
    )

    # Case-sensitive keys: on Linux and macOS HTTP_PROXY and http_proxy are two variables.
    $saved = [hashtable]::new([System.StringComparer]::Ordinal)
    foreach ($variable in $Name) {
        $saved[$variable] = [System.Environment]::GetEnvironmentVariable($variable)
    }
    $saved
}

function Set-TestEnvironment {
    <#
    .SYNOPSIS
    Sets the environment variables Variable names to its values ($null removes one) and returns
    what they were before (Save-TestEnvironment), for Restore-TestEnvironment.
    .DESCRIPTION
    For names that differ only in case (HTTP_PROXY and http_proxy), pass a table with ordinal
    keys: a @{} literal keeps one of them.
    #>
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]
        $Variable
    )

    $saved = Save-TestEnvironment -Name ([string[]]@($Variable.Keys))
    foreach ($name in $Variable.Keys) {
        [System.Environment]::SetEnvironmentVariable($name, $Variable[$name])
    }
    $saved
}

function Restore-TestEnvironment {
    <#
    .SYNOPSIS
    Puts back the environment variables Save-TestEnvironment or Set-TestEnvironment returned.
    #>
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]
        $Saved
    )

    foreach ($name in $Saved.Keys) {
        [System.Environment]::SetEnvironmentVariable($name, $Saved[$name])
    }
}

function New-TestHome {
    <#
    .SYNOPSIS
    Makes the folder Path a home of the test's own and returns the variables that point the
    backend there (HOME, USERPROFILE, and the AWS CLI's config file, credentials file and login
    cache under it), for Set-TestEnvironment; a suite adds what else it needs.
    .DESCRIPTION
    The backend reads and writes the AWS CLI's files and token caches in that home, never the
    user's. It reads its environment when it starts: stop a running one after setting these.
    #>
    param(
        [Parameter(Mandatory = $true)]
        [string]
        $Path
    )

    $null = New-Item -ItemType Directory -Path $Path -Force
    @{
        HOME = $Path
        USERPROFILE = $Path
        AWS_CONFIG_FILE = (Join-Path -Path $Path -ChildPath 'config')
        AWS_SHARED_CREDENTIALS_FILE = (Join-Path -Path $Path -ChildPath 'credentials')
        AWS_LOGIN_CACHE_DIRECTORY = (Join-Path -Path $Path -ChildPath 'login-cache')
    }
}

function Register-TestConsoleLoginMock {
    <#
    .SYNOPSIS
    Plays the user of Invoke-AMSPLogin -Remote: mocks the module's Write-Information to collect
    what the cmdlet shows in $global:AwsTokenBridgeTestShown (made, or emptied, here), and its
    Read-Host to open the authorization URL shown, read the code on the emulator's page and type it.
    .DESCRIPTION
    Call it in the It or BeforeAll block the mocks are for: Pester scopes them to that block. The
    mocks run in the module's scope, so they share only global variables with the test.
    #>
    if ($null -eq $global:AwsTokenBridgeTestShown) {
        $global:AwsTokenBridgeTestShown = [System.Collections.Generic.List[string]]::new()
    }
    $global:AwsTokenBridgeTestShown.Clear()
    Mock -ModuleName AwsTokenBridge -CommandName Write-Information -MockWith {
        $global:AwsTokenBridgeTestShown.Add([string]$MessageData)
    }
    Mock -ModuleName AwsTokenBridge -CommandName Read-Host -MockWith {
        $url = [regex]::Match(($global:AwsTokenBridgeTestShown -join "`n"), 'https?://\S+/v1/authorize\?\S+').Value
        $page = Invoke-WebRequest -Uri $url -UseBasicParsing
        $code = [regex]::Match($page.Content, '<pre id="code">([^<]*)</pre>').Groups[1].Value
        ConvertTo-SecureString -String $code -AsPlainText -Force
    }
}
