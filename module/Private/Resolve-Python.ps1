# Finding the Python that runs the backend, in this order (about_AwsTokenBridge):
#   1. $env:AWSTB_PYTHON (a path or a command name);
#   2. the configuration's Python setting (a path, a name, or @(program, arguments...));
#   3. an activated virtual environment, $env:VIRTUAL_ENV (on Windows too, where py -3 ignores it);
#   4. the .venv of the source checkout the module was loaded from (a developer's own layout);
#   5. the module's private environment for this version (Install-AwsTokenBridgeBackend,
#      BackendEnvironment.ps1);
#   6. on Windows, the Python launcher: py -3;
#   7. python3, then python, on PATH.
# A location given explicitly (1 or 2) that does not exist is an error, never a fall-through to
# another Python. Each command found says where it came from (Source, for messages) and what
# kind of place that is (Kind: Explicit, Checkout, Private or Path), which decides the command a
# message offers as the fix.

function Find-AwsTokenBridgeProgram {
    <#
    .SYNOPSIS
    The full path of a program given as a path or as a command name on PATH, or $null.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [string]
        $Name
    )

    if ([System.IO.Path]::IsPathRooted($Name) -or $Name.Contains('/') -or $Name.Contains('\')) {
        # Resolved against $PWD as Test-Path and Resolve-Path did (Paths.ps1).
        if (Test-AwsTokenBridgeFile -Path $Name) {
            return (Resolve-AwsTokenBridgeFileSystemPath -Path $Name)
        }
        return $null
    }
    # Get-Command is PowerShell's own (no module to load); indexing, not Select-Object (Utility).
    $commands = @(Get-Command -Name $Name -CommandType Application -ErrorAction Ignore)
    if ($commands.Count -eq 0) {
        return $null
    }
    $commands[0].Path
}

function New-AwsTokenBridgePythonCommand {
    <#
    .SYNOPSIS
    A Python command: the program, its leading arguments and where it was found.
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

        [Parameter(Mandatory = $true)]
        [string]
        $Source,

        [ValidateSet('Explicit', 'Checkout', 'Private', 'Path')]
        [string]
        $Kind = 'Explicit'
    )

    [pscustomobject]@{
        FileName = $FileName
        Arguments = $Arguments
        Source = $Source
        Kind = $Kind
        Description = ((@($FileName) + $Arguments) -join ' ') + ' (from ' + $Source + ')'
    }
}

function Get-AwsTokenBridgeInstallHint {
    <#
    .SYNOPSIS
    How to install or point at a Python for the backend, for error messages.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param()

    'Run Install-AwsTokenBridgeBackend to give the module its own Python environment with the ' + $script:PythonPackage +
    ' package (it needs Python 3.10 or later, https://www.python.org/downloads/, on PATH or named with -Python), or ' +
    'tell the module which Python that has the package to use: set $env:AWSTB_PYTHON to its path, or put ' +
    "Python = '<path>' in " + $script:Configuration.ConfigurationPath + ', or import the module with ' +
    "-ArgumentList @{ Python = '<path>' }."
}

function Get-AwsTokenBridgeVirtualEnvironmentPython {
    <#
    .SYNOPSIS
    The interpreter of the virtual environment at Path (Scripts\python.exe on Windows,
    bin/python elsewhere), or $null when it has none.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [string]
        $Path,

        [bool]
        $Windows = (Test-AwsTokenBridgeWindows)
    )

    if (-not $Path) {
        return $null
    }
    if ($Windows) {
        $candidate = Join-AwsTokenBridgePath -Path $Path -ChildPath 'Scripts', 'python.exe'
    }
    else {
        $candidate = Join-AwsTokenBridgePath -Path $Path -ChildPath 'bin', 'python'
    }
    if (Test-AwsTokenBridgeFile -Path $candidate) {
        return $candidate
    }
    $null
}

function Resolve-AwsTokenBridgePython {
    <#
    .SYNOPSIS
    The Python command that runs the backend; throws an ErrorRecord that says how to fix it.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param()

    if ($env:AWSTB_PYTHON) {
        $found = Find-AwsTokenBridgeProgram -Name $env:AWSTB_PYTHON
        if ($null -eq $found) {
            $message = "The environment variable AWSTB_PYTHON is '" + $env:AWSTB_PYTHON +
                "', which is not a program this session can run. Set it to the full path of a Python 3.10 " +
                'or later interpreter that has the ' + $script:PythonPackage + ' package, or remove it to let the module search.'
            throw (New-AwsTokenBridgeErrorRecord -Message $message -ErrorId 'AwsTokenBridgePythonNotFound' -Category ObjectNotFound -TargetObject $env:AWSTB_PYTHON)
        }
        return (New-AwsTokenBridgePythonCommand -FileName $found -Source 'the environment variable AWSTB_PYTHON')
    }

    $configured = @($script:Configuration.Python | Where-Object { $_ })
    if ($configured.Count -gt 0) {
        $found = Find-AwsTokenBridgeProgram -Name ([string]$configured[0])
        if ($null -eq $found) {
            $message = "The Python setting of the AwsTokenBridge configuration is '" + ($configured -join ' ') +
                "', which is not a program this session can run. Correct it in " + $script:Configuration.ConfigurationPath +
                ' (or in the module import options), or remove it to let the module search.'
            throw (New-AwsTokenBridgeErrorRecord -Message $message -ErrorId 'AwsTokenBridgePythonNotFound' -Category ObjectNotFound -TargetObject ([string]$configured[0]))
        }
        # A slice, not Select-Object -Skip 1 (the Utility module).
        $arguments = [string[]]@()
        if ($configured.Count -gt 1) {
            $arguments = [string[]]@($configured[1..($configured.Count - 1)])
        }
        return (New-AwsTokenBridgePythonCommand -FileName $found -Arguments $arguments -Source 'the module configuration')
    }

    $activated = Get-AwsTokenBridgeVirtualEnvironmentPython -Path ([string]$env:VIRTUAL_ENV)
    if ($null -ne $activated) {
        return (New-AwsTokenBridgePythonCommand -FileName $activated -Source 'the activated virtual environment $env:VIRTUAL_ENV')
    }
    $checkoutVenv = Join-AwsTokenBridgePath -Path ([System.IO.Path]::GetDirectoryName($script:ModuleRoot)) -ChildPath '.venv'
    $checkoutPython = Get-AwsTokenBridgeVirtualEnvironmentPython -Path $checkoutVenv
    if ($null -ne $checkoutPython) {
        return (New-AwsTokenBridgePythonCommand -FileName $checkoutPython -Source ('the checkout''s virtual environment ' + $checkoutVenv) -Kind Checkout)
    }
    $ownPython = Get-AwsTokenBridgeBackendPython
    if ($null -ne $ownPython) {
        return (New-AwsTokenBridgePythonCommand -FileName $ownPython -Source ('the module''s own environment ' + (Get-AwsTokenBridgeBackendFolder)) -Kind Private)
    }
    $onPath = Find-AwsTokenBridgePathPython
    if ($null -ne $onPath) {
        return $onPath
    }

    $message = 'Python was not found: the AwsTokenBridge module runs its backend with Python ($env:AWSTB_PYTHON is not set, ' +
        'the configuration names no Python, no virtual environment is active ($env:VIRTUAL_ENV), the checkout has no .venv, ' +
        'Install-AwsTokenBridgeBackend has not made the module''s own environment, and neither the py launcher nor python3 ' +
        'nor python is on PATH). ' +
        (Get-AwsTokenBridgeInstallHint)
    throw (New-AwsTokenBridgeErrorRecord -Message $message -ErrorId 'AwsTokenBridgePythonNotFound' -Category ObjectNotFound)
}

function Find-AwsTokenBridgePathPython {
    <#
    .SYNOPSIS
    The Python on PATH: py -3 (the launcher, Windows only), else python3, else python; $null when
    there is none (each caller says what to do then).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param()

    if (Test-AwsTokenBridgeWindows) {
        $launcher = Find-AwsTokenBridgeProgram -Name 'py'
        if ($null -ne $launcher) {
            return (New-AwsTokenBridgePythonCommand -FileName $launcher -Arguments @('-3') -Source 'the Python launcher' -Kind Path)
        }
    }
    foreach ($name in @('python3', 'python')) {
        $found = Find-AwsTokenBridgeProgram -Name $name
        if ($null -ne $found) {
            return (New-AwsTokenBridgePythonCommand -FileName $found -Source 'PATH' -Kind Path)
        }
    }
    $null
}

function ConvertTo-AwsTokenBridgeCommandLine {
    <#
    .SYNOPSIS
    One command-line string from arguments, quoted as CommandLineToArgvW (and .NET on every
    platform) splits them: ProcessStartInfo.ArgumentList does not exist in Windows PowerShell 5.1.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [AllowEmptyCollection()]
        [string[]]
        $Argument = @()
    )

    $quoted = foreach ($item in $Argument) {
        if ($item -and $item -notmatch '[\s"]') {
            $item
            continue
        }
        # Backslashes are literal unless they come before a quote: double those, escape the quote,
        # and double the trailing ones (they come before the closing quote).
        $escaped = [regex]::Replace($item, '(\\*)"', '$1$1\"')
        $escaped = [regex]::Replace($escaped, '(\\+)$', '$1$1')
        '"' + $escaped + '"'
    }
    @($quoted) -join ' '
}
