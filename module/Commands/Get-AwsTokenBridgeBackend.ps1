function Get-AwsTokenBridgeBackend {
    <#
    .SYNOPSIS
    Shows the Python, backend version and protocol version the AwsTokenBridge module uses, and
    where each was found.

    .DESCRIPTION
    Finds the Python as the cmdlets do (about_AwsTokenBridge: $env:AWSTB_PYTHON, the
    configuration, an activated virtual environment, a source checkout's .venv, the module's own
    environment that Install-AwsTokenBridgeBackend makes, then PATH), starts the backend if it
    is not running, and reports what it answered: its version, the protocol version it speaks,
    its Python version, and the folder its package was loaded from.

    Nothing is installed or downloaded. When no usable backend exists, Status is NotUsable and
    Problem says why and what to run; when the backend's version is not the module's, Status is
    VersionMismatch and Problem names the command that fixes it.

    PrivateEnvironment is the module's own environment for this module version (whether or not
    it exists); DataFolder holds the environments of every version. Remove DataFolder, after
    Uninstall-PSResource AwsTokenBridge, to leave nothing of the module behind.

    .EXAMPLE
    Get-AwsTokenBridgeBackend

    Shows the backend the cmdlets use, or why there is none.

    .EXAMPLE
    Remove-Item -LiteralPath (Get-AwsTokenBridgeBackend).DataFolder -Recurse -Force

    Removes the module's private environments (run it before Uninstall-PSResource, or read the
    folder first: the command needs the module).

    .OUTPUTS
    AwsTokenBridge.BackendInfo

    .LINK
    Install-AwsTokenBridgeBackend

    .LINK
    about_AwsTokenBridge
    #>
    [CmdletBinding(PositionalBinding = $false)]
    [OutputType('AwsTokenBridge.BackendInfo')]
    param()

    $info = [ordered]@{
        Status = 'NotUsable'
        Problem = $null
        Python = $null
        PythonFoundIn = $null
        PythonVersion = $null
        BackendVersion = $null
        BackendFoundIn = $null
        ProtocolVersion = $null
        ModuleVersion = $script:ModuleVersion
        ModuleProtocolVersion = $script:ProtocolVersion
        ModuleFolder = $script:ModuleRoot
        Transport = $script:Transport
        PrivateEnvironment = (Get-AwsTokenBridgeBackendFolder)
        PrivateEnvironmentInstalled = ($null -ne (Get-AwsTokenBridgeBackendPython))
        DataFolder = (Get-AwsTokenBridgeDataFolder)
    }
    $connection = $script:Connection
    try {
        if (-not (Test-AwsTokenBridgeConnection -Connection $connection)) {
            $resolved = Resolve-AwsTokenBridgePython
            $info.Python = ((@($resolved.FileName) + @($resolved.Arguments)) -join ' ')
            $info.PythonFoundIn = $resolved.Source
            # The mismatch is reported in Problem below, not also as a warning.
            $connection = Start-AwsTokenBridgeBackend -WarningAction SilentlyContinue
        }
    }
    catch {
        $info.Problem = $_.Exception.Message
        return (ConvertTo-AwsTokenBridgeBackendInfo -Property $info)
    }
    $python = $connection.Python
    $info.Python = ((@($python.FileName) + @($python.Arguments)) -join ' ')
    $info.PythonFoundIn = $python.Source
    $info.PythonVersion = $connection.PythonVersion
    $info.BackendVersion = $connection.ServerVersion
    $info.ProtocolVersion = $connection.ProtocolVersion
    $info.Transport = $connection.Transport
    $facts = Get-AwsTokenBridgePythonFacts -Python $python
    if ($null -ne $facts) {
        $info.BackendFoundIn = $facts.backendPath
    }
    $info.Status = 'Ready'
    if ($connection.ServerVersion -ne $script:ModuleVersion) {
        $info.Status = 'VersionMismatch'
        $info.Problem = Get-AwsTokenBridgeMismatchText -Connection $connection
    }
    ConvertTo-AwsTokenBridgeBackendInfo -Property $info
}
