<#
AwsTokenBridge: the AWS Tools' token cmdlets, run by a Python backend (see about_AwsTokenBridge).

This file only loads the module: Private/ holds the backend client (process, protocol, JSON,
errors, parameters), Public/ one generated function per cmdlet (python -m py_backend.psmodule
generate), Commands/ the module's own commands, written by hand (Install-AwsTokenBridgeBackend,
Get-AwsTokenBridgeBackend: setting up and showing the backend, not service operations). Options can be given at import and override the configuration file:

    Import-Module AwsTokenBridge -ArgumentList @{ Python = 'C:\Python312\python.exe' }
#>
param(
    [hashtable]
    $Options = @{}
)

$script:ModuleRoot = $PSScriptRoot

# .NET calls, not Get-ChildItem, Sort-Object and Import-PowerShellDataFile: those would make
# PowerShell load its Management and Utility modules during the import (about 100 ms, issue 15).
function Get-AwsTokenBridgeModuleScript {
    <#
    .SYNOPSIS
    The .ps1 files of one of the module's folders, in name order.
    #>
    param([string] $Folder)

    $files = [System.IO.Directory]::GetFiles([System.IO.Path]::Combine($PSScriptRoot, $Folder), '*.ps1')
    [System.Array]::Sort($files, [System.StringComparer]::OrdinalIgnoreCase)
    foreach ($file in $files) {
        # .NET Framework's GetFiles matches '*.ps1' against longer extensions too (.ps1xml).
        if ($file.EndsWith('.ps1', [System.StringComparison]::OrdinalIgnoreCase)) {
            $file
        }
    }
}

foreach ($file in (Get-AwsTokenBridgeModuleScript -Folder 'Private')) {
    . $file
}

# The manifest is the one place that states the module version and the RPC protocol version. Read
# the way Import-PowerShellDataFile reads it (a parsed hashtable literal, SafeGetValue: data only).
$script:Manifest = Import-AwsTokenBridgeDataFile -Path ([System.IO.Path]::Combine($PSScriptRoot, 'AwsTokenBridge.psd1'))
$script:ModuleVersion = [string]$script:Manifest.ModuleVersion
$script:ProtocolVersion = [string]$script:Manifest.PrivateData.AwsTokenBridge.ProtocolVersion
$script:PythonPackage = [string]$script:Manifest.PrivateData.AwsTokenBridge.PythonPackage

$script:Configuration = Get-AwsTokenBridgeConfiguration -Options $Options
# The transport: 'Stdio' (the default: the backend as a child process) or 'InProcess' (the
# opt-in pythonnet fast path, docs/inprocess.md), which falls back to 'Stdio' with a warning.
$script:Transport = $script:Configuration.Transport
$script:Connection = $null

$ExecutionContext.SessionState.Module.OnRemove = {
    Stop-AwsTokenBridgeBackend
}

# Python's start overlaps the rest of the session's work until the first cmdlet (Start-Backend.ps1),
# from here on: the cmdlets' own files (Public/, Commands/) load while Python starts (issue 15).
Start-AwsTokenBridgeEarlyBackend

$publicFunctions = [System.Collections.Generic.List[string]]::new()
try {
    foreach ($folder in @('Public', 'Commands')) {
        foreach ($file in (Get-AwsTokenBridgeModuleScript -Folder $folder)) {
            . $file
            $publicFunctions.Add([System.IO.Path]::GetFileNameWithoutExtension($file))
        }
    }
}
catch {
    # A failed import runs no OnRemove: the backend started above would outlive it.
    Stop-AwsTokenBridgeBackend
    throw
}

Export-ModuleMember -Function ($publicFunctions.ToArray())
