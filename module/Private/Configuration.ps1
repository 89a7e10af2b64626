# The module's configuration: a PowerShell data file per user, overridden by import options.
#
#   Windows:   $env:APPDATA\AwsTokenBridge\config.psd1
#   elsewhere: $env:XDG_CONFIG_HOME/AwsTokenBridge/config.psd1 (default ~/.config/...)
#   any:       the file named by $env:AWSTB_CONFIG
#
# Read as Import-PowerShellDataFile reads a data file (parsed, SafeGetValue: no code runs), with
# the parser directly: that cmdlet would load the Utility module during the import (issue 15).
# Keys (all optional):
#   Python              path of the Python interpreter, or @('py', '-3.12') (program, arguments)
#   PythonPath          folder added to PYTHONPATH for the backend
#   Transport           'Stdio' (the default: the backend as a child process) or 'InProcess'
#                       (CPython hosted in this process through pythonnet; docs/inprocess.md)
#   LogLevel            the backend's log level on its stderr (debug, info, warning, error)
#   StartTimeoutSeconds how long the backend may take to answer 'initialize' (default 30)

$script:ConfigurationKeys = @('Python', 'PythonPath', 'Transport', 'LogLevel', 'StartTimeoutSeconds')
$script:Transports = @('Stdio', 'InProcess')

function Test-AwsTokenBridgeWindows {
    <#
    .SYNOPSIS
    True on Windows (in Windows PowerShell 5.1, which has no $IsWindows, too).
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param()

    [System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT
}

function Get-AwsTokenBridgeConfigurationPath {
    <#
    .SYNOPSIS
    The path of the user's configuration file (which need not exist).
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param()

    if ($env:AWSTB_CONFIG) {
        return $env:AWSTB_CONFIG
    }
    if (Test-AwsTokenBridgeWindows) {
        $base = $env:APPDATA
    }
    elseif ($env:XDG_CONFIG_HOME) {
        $base = $env:XDG_CONFIG_HOME
    }
    else {
        $base = Join-AwsTokenBridgePath -Path $HOME -ChildPath '.config'
    }
    Join-AwsTokenBridgePath -Path $base -ChildPath 'AwsTokenBridge', 'config.psd1'
}

function Read-AwsTokenBridgeConfigurationFile {
    <#
    .SYNOPSIS
    The settings of the configuration file at Path (an empty hashtable when there is none).
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param(
        [Parameter(Mandatory = $true)]
        [string]
        $Path
    )

    if (-not (Test-AwsTokenBridgeFile -Path $Path)) {
        return @{}
    }
    try {
        Import-AwsTokenBridgeDataFile -Path (Resolve-AwsTokenBridgeFileSystemPath -Path $Path)
    }
    catch {
        Write-Warning -Message ("AwsTokenBridge: ignoring the configuration file '" + $Path + "': " + $_.Exception.Message)
        @{}
    }
}

function Import-AwsTokenBridgeDataFile {
    <#
    .SYNOPSIS
    The hashtable of the PowerShell data file at Path (a full path), as Import-PowerShellDataFile
    reads it: parsed, never run; an error for a file that does not parse or holds no hashtable,
    or whose values are not constant.
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param(
        [Parameter(Mandatory = $true)]
        [string]
        $Path
    )

    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref]$null, [ref]$errors)
    if ($errors.Count -gt 0) {
        throw ('it is not a valid PowerShell data file: ' + $errors[0].Message + ' (line ' + $errors[0].Extent.StartLineNumber + ')')
    }
    $table = $ast.Find({ param($node) $node -is [System.Management.Automation.Language.HashtableAst] }, $false)
    if ($null -eq $table) {
        throw 'it holds no hashtable (a PowerShell data file is one @{ ... }).'
    }
    # SafeGetValue throws for anything but constants (no variables, commands or expressions).
    $table.SafeGetValue()
}

function Get-AwsTokenBridgeConfiguration {
    <#
    .SYNOPSIS
    The module's settings: defaults, then the configuration file, then the import options.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [hashtable]
        $Options = @{}
    )

    $path = Get-AwsTokenBridgeConfigurationPath
    $settings = @{
        Python = $null
        PythonPath = $null
        Transport = 'Stdio'
        LogLevel = $null
        StartTimeoutSeconds = 30
    }
    foreach ($source in @((Read-AwsTokenBridgeConfigurationFile -Path $path), $Options)) {
        foreach ($key in @($source.Keys)) {
            if ($script:ConfigurationKeys -contains $key) {
                $settings[$key] = $source[$key]
            }
            else {
                Write-Warning -Message ("AwsTokenBridge: unknown setting '" + $key + "' ignored; known settings: " + ($script:ConfigurationKeys -join ', ') + '.')
            }
        }
    }
    if ($script:Transports -notcontains $settings.Transport) {
        Write-Warning -Message ("AwsTokenBridge: unknown Transport '" + $settings.Transport + "'; using 'Stdio'.")
        $settings.Transport = 'Stdio'
    }
    $settings.ConfigurationPath = $path
    [pscustomobject]$settings
}
