# The module's configuration: a PowerShell data file per user, overridden by import options.
#
#   Windows:   $env:APPDATA\AwsTokenBridge\config.psd1
#   elsewhere: $env:XDG_CONFIG_HOME/AwsTokenBridge/config.psd1 (default ~/.config/...)
#   any:       the file named by $env:AWSTB_CONFIG
#
# Read with Import-PowerShellDataFile, which evaluates no code. Keys (all optional):
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
        $base = Join-Path -Path $HOME -ChildPath '.config'
    }
    Join-Path -Path (Join-Path -Path $base -ChildPath 'AwsTokenBridge') -ChildPath 'config.psd1'
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

    if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) {
        return @{}
    }
    try {
        Import-PowerShellDataFile -LiteralPath $Path
    }
    catch {
        Write-Warning -Message ("AwsTokenBridge: ignoring the configuration file '" + $Path + "': " + $_.Exception.Message)
        @{}
    }
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
    New-Object -TypeName psobject -Property $settings
}
