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

$publicFunctions = [System.Collections.Generic.List[string]]::new()
foreach ($folder in @('Private', 'Public', 'Commands')) {
    $path = Join-Path -Path $PSScriptRoot -ChildPath $folder
    foreach ($file in @(Get-ChildItem -LiteralPath $path -Filter '*.ps1' -File | Sort-Object -Property Name)) {
        . $file.FullName
        if ($folder -ne 'Private') {
            $publicFunctions.Add($file.BaseName)
        }
    }
}

# The manifest is the one place that states the module version and the RPC protocol version.
$manifestPath = Join-Path -Path $PSScriptRoot -ChildPath 'AwsTokenBridge.psd1'
$script:Manifest = Import-PowerShellDataFile -LiteralPath $manifestPath
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

Export-ModuleMember -Function ($publicFunctions.ToArray())
