# File system paths with .NET, not Join-Path, Split-Path, Test-Path and Resolve-Path: those are
# cmdlets of PowerShell's Microsoft.PowerShell.Management module, and their first use makes
# PowerShell find and load it (about 100 ms in a fresh session, more under load; issue 15).
# Import-Module and the first cmdlet call use these instead (and Join-AwsTokenBridgePath, in
# BackendEnvironment.ps1, to join paths).
#
# A path is resolved as the cmdlets' -LiteralPath resolves it: through the session's path
# resolution (GetUnresolvedProviderPathFromPSPath), so a relative path is taken from the current
# file system location ($PWD, not the process's working directory), '~' is the home folder, and
# drive-qualified paths (C:\, TestDrive:\) work; no wildcards are expanded.

function Resolve-AwsTokenBridgeFileSystemPath {
    <#
    .SYNOPSIS
    The full file system path of Path as the session resolves it, or $null when it has none
    (an unknown drive, a path of another provider, an empty or malformed path).
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [AllowNull()]
        [AllowEmptyString()]
        [string]
        $Path
    )

    if (-not $Path) {
        return $null
    }
    try {
        $provider = $null
        $drive = $null
        $resolved = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path, [ref]$provider, [ref]$drive)
        if ($provider.Name -ne 'FileSystem') {
            return $null
        }
        # GetFullPath folds '.' and '..' as Resolve-Path's answer does.
        [System.IO.Path]::GetFullPath($resolved)
    }
    catch {
        $null
    }
}

function Test-AwsTokenBridgeFile {
    <#
    .SYNOPSIS
    True when Path is an existing file (Test-Path -LiteralPath Path -PathType Leaf).
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [AllowNull()]
        [AllowEmptyString()]
        [string]
        $Path
    )

    $resolved = Resolve-AwsTokenBridgeFileSystemPath -Path $Path
    ($null -ne $resolved) -and [System.IO.File]::Exists($resolved)
}
