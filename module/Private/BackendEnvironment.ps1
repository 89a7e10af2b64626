# The module's private Python environment (Install-AwsTokenBridgeBackend, about_AwsTokenBridge):
# a virtual environment per module version in the user's data folder, with the wheel the module
# package carries (wheels/aws_token_bridge-<version>-*.whl) installed in it.
#
#   Windows:   $env:LOCALAPPDATA\AwsTokenBridge\backend\<version>\Scripts\python.exe
#   elsewhere: $env:XDG_DATA_HOME/AwsTokenBridge/backend/<version>/bin/python
#              (XDG_DATA_HOME defaults to ~/.local/share)
#
# The path functions take the platform and the folders as parameters (defaults: this machine),
# so the Windows paths are tested on any platform; they join with the separator of the platform
# they describe, not of the one they run on.

$script:BackendFolderName = 'backend'

function Join-AwsTokenBridgePath {
    <#
    .SYNOPSIS
    Path and ChildPath parts joined with the separator of Windows or of the other platforms.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [string]
        $Path,

        [Parameter(Mandatory = $true)]
        [string[]]
        $ChildPath,

        [bool]
        $Windows = (Test-AwsTokenBridgeWindows)
    )

    $separator = '/'
    if ($Windows) {
        $separator = '\'
    }
    $joined = $Path.TrimEnd('/', '\')
    foreach ($part in $ChildPath) {
        $joined = $joined + $separator + $part.Trim('/', '\')
    }
    $joined
}

function Get-AwsTokenBridgeDataFolder {
    <#
    .SYNOPSIS
    The module's folder in the user's data folder: LOCALAPPDATA on Windows, XDG_DATA_HOME or
    ~/.local/share elsewhere.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [bool]
        $Windows = (Test-AwsTokenBridgeWindows),

        [AllowEmptyString()]
        [string]
        $LocalAppData = $env:LOCALAPPDATA,

        [AllowEmptyString()]
        [string]
        $XdgDataHome = $env:XDG_DATA_HOME,

        [AllowEmptyString()]
        [string]
        $HomeFolder = $HOME
    )

    if ($Windows) {
        $base = $LocalAppData
        if (-not $base) {
            # LOCALAPPDATA is set in every Windows logon; a service account may lack it.
            $base = [System.Environment]::GetFolderPath('LocalApplicationData')
        }
    }
    elseif ($XdgDataHome -and [System.IO.Path]::IsPathRooted($XdgDataHome)) {
        # The XDG specification: a relative XDG_DATA_HOME is invalid and is ignored.
        $base = $XdgDataHome
    }
    else {
        $base = Join-AwsTokenBridgePath -Path $HomeFolder -ChildPath @('.local', 'share') -Windows $false
    }
    Join-AwsTokenBridgePath -Path $base -ChildPath @('AwsTokenBridge') -Windows $Windows
}

function Get-AwsTokenBridgeBackendFolder {
    <#
    .SYNOPSIS
    The private virtual environment of a module version (this one by default).
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [string]
        $DataFolder = (Get-AwsTokenBridgeDataFolder),

        [string]
        $Version = $script:ModuleVersion,

        [bool]
        $Windows = (Test-AwsTokenBridgeWindows)
    )

    Join-AwsTokenBridgePath -Path $DataFolder -ChildPath @($script:BackendFolderName, $Version) -Windows $Windows
}

function Get-AwsTokenBridgeEnvironmentPython {
    <#
    .SYNOPSIS
    Where a virtual environment keeps its interpreter: Scripts\python.exe on Windows, bin/python
    elsewhere (whether or not it exists).
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [string]
        $Path,

        [bool]
        $Windows = (Test-AwsTokenBridgeWindows)
    )

    if ($Windows) {
        return (Join-AwsTokenBridgePath -Path $Path -ChildPath @('Scripts', 'python.exe') -Windows $true)
    }
    Join-AwsTokenBridgePath -Path $Path -ChildPath @('bin', 'python') -Windows $false
}

function Get-AwsTokenBridgeBackendPython {
    <#
    .SYNOPSIS
    The interpreter of this module version's private environment, or $null when it is not there.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param()

    Get-AwsTokenBridgeVirtualEnvironmentPython -Path (Get-AwsTokenBridgeBackendFolder)
}

function Find-AwsTokenBridgeWheel {
    <#
    .SYNOPSIS
    The aws-token-bridge wheel of this module version that the module package carries, or $null.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [string]
        $ModuleRoot = $script:ModuleRoot
    )

    $folder = Join-Path -Path $ModuleRoot -ChildPath 'wheels'
    if (-not (Test-Path -LiteralPath $folder -PathType Container)) {
        return $null
    }
    $pattern = ($script:PythonPackage -replace '-', '_') + '-' + $script:ModuleVersion + '-*.whl'
    $wheel = Get-ChildItem -LiteralPath $folder -Filter $pattern -File | Sort-Object -Property Name | Select-Object -First 1
    if ($null -eq $wheel) {
        return $null
    }
    $wheel.FullName
}

function Invoke-AwsTokenBridgeProcess {
    <#
    .SYNOPSIS
    Runs a program to its end and returns its exit code, standard output and standard error.
    .DESCRIPTION
    No window, no input, no console sharing: pip's output is kept for the verbose stream and for the
    error message when it fails. Standard error is read asynchronously while standard output is
    read to its end, so neither pipe can fill and block the program. -Isolated removes
    PYTHONPATH and PYTHONHOME from the child's environment: the private environment must hold
    its own copy of every package, not find one on a folder that happens to be on PYTHONPATH.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]
        $FileName,

        [AllowEmptyCollection()]
        [string[]]
        $Arguments = @(),

        [switch]
        $Isolated,

        [string]
        $PythonPath = $null
    )

    # Its input is closed at once (below): nothing here answers a prompt, and nothing may wait for one.
    $startInfo = New-AwsTokenBridgePythonStartInfo -FileName $FileName -Arguments $Arguments
    if ($Isolated) {
        $null = $startInfo.EnvironmentVariables.Remove('PYTHONPATH')
        $null = $startInfo.EnvironmentVariables.Remove('PYTHONHOME')
    }
    elseif ($PythonPath) {
        $startInfo.EnvironmentVariables['PYTHONPATH'] = $PythonPath
    }
    $process = [System.Diagnostics.Process]::new()
    $process.StartInfo = $startInfo
    try {
        $null = $process.Start()
        $process.StandardInput.Close()
        $errors = $process.StandardError.ReadToEndAsync()
        $output = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()
        New-Object -TypeName psobject -Property @{
            ExitCode = $process.ExitCode
            Output = $output
            Errors = $errors.Result
        }
    }
    finally {
        $process.Dispose()
    }
}

# What the probe prints: one JSON line about the interpreter and the backend package it sees,
# found without importing the package (a broken dependency must not hide where it is).
$script:PythonProbe = @(
    'import importlib.util, json, platform, sys',
    'try:',
    '    import importlib.metadata as m; v = m.version(' + "'aws-token-bridge'" + ')',
    'except Exception:',
    '    v = None',
    's = importlib.util.find_spec(' + "'py_backend'" + ')',
    'print(json.dumps({' + "'executable': sys.executable, 'pythonVersion': platform.python_version(), " +
    "'supported': sys.version_info >= (3, 10), 'backendVersion': v, " +
    "'backendPath': (s.submodule_search_locations[0] if s and s.submodule_search_locations else None)" + '}))'
) -join "`n"

function Get-AwsTokenBridgePythonFacts {
    <#
    .SYNOPSIS
    What a Python command is: its executable, version, and the backend package version and
    folder it sees (with the backend's PYTHONPATH unless -Isolated); $null when it does not run.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Python,

        [switch]
        $Isolated
    )

    $arguments = @($Python.Arguments) + @('-c', $script:PythonProbe)
    try {
        if ($Isolated) {
            $run = Invoke-AwsTokenBridgeProcess -FileName $Python.FileName -Arguments $arguments -Isolated
        }
        else {
            $run = Invoke-AwsTokenBridgeProcess -FileName $Python.FileName -Arguments $arguments -PythonPath (Get-AwsTokenBridgePythonPath)
        }
    }
    catch {
        Write-Verbose -Message ('AwsTokenBridge: could not run ' + $Python.FileName + ': ' + $_.Exception.Message)
        return $null
    }
    $line = @($run.Output -split "`n" | Where-Object { $_.Trim() }) | Select-Object -Last 1
    if ($run.ExitCode -ne 0 -or -not $line) {
        Write-Verbose -Message ('AwsTokenBridge: ' + $Python.FileName + ' exited with code ' + $run.ExitCode + ': ' + $run.Errors)
        return $null
    }
    try {
        ConvertFrom-Json -InputObject $line
    }
    catch {
        Write-Verbose -Message ('AwsTokenBridge: ' + $Python.FileName + ' answered the probe with ' + $line)
        $null
    }
}

function Get-AwsTokenBridgeVersionFix {
    <#
    .SYNOPSIS
    The command that gives the module a backend of its own version, for a Python command found
    in a given place (the private environment, PATH, or the user's explicit choice).
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Python
    )

    $pip = $Python.FileName + ' -m pip install ' + $script:PythonPackage + '==' + $script:ModuleVersion
    if ($Python.Kind -eq 'Private') {
        return 'Run Install-AwsTokenBridgeBackend -Force to reinstall the module''s own environment.'
    }
    if ($Python.Kind -eq 'Path') {
        return 'Run Install-AwsTokenBridgeBackend (the module then uses its own environment before PATH), or run ' + $pip + '.'
    }
    'Run ' + $pip + ', or stop choosing that Python (' + $Python.Source + ') and run Install-AwsTokenBridgeBackend.'
}

function ConvertTo-AwsTokenBridgeBackendInfo {
    <#
    .SYNOPSIS
    The AwsTokenBridge.BackendInfo object with these properties, in this order.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.Specialized.OrderedDictionary]
        $Property
    )

    $object = New-Object -TypeName psobject -Property $Property
    $object.PSObject.TypeNames.Insert(0, 'AwsTokenBridge.BackendInfo')
    $object
}

function Resolve-AwsTokenBridgeInstallPython {
    <#
    .SYNOPSIS
    The Python that creates the private environment: -Python, else py -3 (Windows), python3,
    python on PATH; throws an ErrorRecord that says what to do.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [AllowEmptyString()]
        [string]
        $Python
    )

    if ($Python) {
        $found = Find-AwsTokenBridgeProgram -Name $Python
        if ($null -eq $found) {
            $message = "-Python '" + $Python + "' is not a program this session can run: give the full path of a Python 3.10 or later interpreter, or a command name on PATH."
            throw (New-AwsTokenBridgeErrorRecord -Message $message -ErrorId 'AwsTokenBridgePythonNotFound' -Category ObjectNotFound -TargetObject $Python)
        }
        return (New-AwsTokenBridgePythonCommand -FileName $found -Source 'the -Python parameter')
    }
    $onPath = Find-AwsTokenBridgePathPython
    if ($null -ne $onPath) {
        return $onPath
    }
    $message = 'No Python was found to make the backend''s environment: neither the py launcher nor python3 nor python is on PATH. ' +
        'Install Python 3.10 or later (https://www.python.org/downloads/), or name one: Install-AwsTokenBridgeBackend -Python <path>.'
    throw (New-AwsTokenBridgeErrorRecord -Message $message -ErrorId 'AwsTokenBridgePythonNotFound' -Category ObjectNotFound)
}

function New-AwsTokenBridgeInstallation {
    <#
    .SYNOPSIS
    What Install-AwsTokenBridgeBackend reports: the environment, its Python and backend versions,
    and whether this run changed it.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]
        $Folder,

        [Parameter(Mandatory = $true)]
        [string]
        $Python,

        [Parameter(Mandatory = $true)]
        [object]
        $Facts,

        [Parameter(Mandatory = $true)]
        [bool]
        $Changed
    )

    $object = New-Object -TypeName psobject -Property ([ordered]@{
            Path = $Folder
            Python = $Python
            PythonVersion = [string]$Facts.pythonVersion
            BackendVersion = [string]$Facts.backendVersion
            Changed = $Changed
        })
    $object.PSObject.TypeNames.Insert(0, 'AwsTokenBridge.BackendInstallation')
    $object
}
