# Starting the backend: python -m py_backend rpc as a child process, then the initialize
# handshake (the protocol version must have the module's major version).
#
# The process gets stdin, stdout and stderr redirected, UTF-8 without a byte order mark both
# ways (the requests go through our own StreamWriter on stdin's BaseStream: .NET Framework has
# no ProcessStartInfo.StandardInputEncoding), its arguments as one string
# (ProcessStartInfo.ArgumentList does not exist in Windows PowerShell 5.1), and a neutral working
# directory. Its stderr is read asynchronously (BeginErrorReadLine) into the session's event
# queue, so a chatty backend can never block on a full pipe; Receive-AwsTokenBridgeStderr moves
# the lines to the verbose stream.

function Get-AwsTokenBridgePythonPath {
    <#
    .SYNOPSIS
    The PYTHONPATH for the backend: the configured folder, a source checkout's root (when the
    module runs from one), then whatever PYTHONPATH already holds.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param()

    $folders = [System.Collections.Generic.List[string]]::new()
    if ($script:Configuration.PythonPath) {
        $folders.Add([string]$script:Configuration.PythonPath)
    }
    $checkout = [System.IO.Path]::GetDirectoryName($script:ModuleRoot)
    $package = Join-AwsTokenBridgePath -Path $checkout -ChildPath 'py_backend', '__init__.py'
    if (Test-AwsTokenBridgeFile -Path $package) {
        $folders.Add($checkout)
    }
    if ($env:PYTHONPATH) {
        $folders.Add($env:PYTHONPATH)
    }
    $folders.ToArray() -join [System.IO.Path]::PathSeparator
}

function New-AwsTokenBridgePythonStartInfo {
    <#
    .SYNOPSIS
    A ProcessStartInfo for Python with Arguments: no window, every stream redirected as UTF-8
    without a byte order mark, a neutral working directory, PYTHONIOENCODING=utf-8.
    #>
    [CmdletBinding()]
    [OutputType([System.Diagnostics.ProcessStartInfo])]
    param(
        [Parameter(Mandatory = $true)]
        [string]
        $FileName,

        [AllowEmptyCollection()]
        [string[]]
        $Arguments = @()
    )

    $utf8 = [System.Text.UTF8Encoding]::new($false)
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new()
    $startInfo.FileName = $FileName
    $startInfo.Arguments = ConvertTo-AwsTokenBridgeCommandLine -Argument $Arguments
    $startInfo.UseShellExecute = $false
    $startInfo.CreateNoWindow = $true
    $startInfo.RedirectStandardInput = $true
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $startInfo.StandardOutputEncoding = $utf8
    $startInfo.StandardErrorEncoding = $utf8
    # A neutral folder: "python -m" puts the working directory on sys.path.
    $startInfo.WorkingDirectory = [System.IO.Path]::GetTempPath()
    $startInfo.EnvironmentVariables['PYTHONIOENCODING'] = 'utf-8'
    $startInfo
}

function New-AwsTokenBridgeStartInfo {
    <#
    .SYNOPSIS
    The ProcessStartInfo that runs the backend with the Python command Python.
    #>
    [CmdletBinding()]
    [OutputType([System.Diagnostics.ProcessStartInfo])]
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Python
    )

    $arguments = @($Python.Arguments) + @('-m', 'py_backend', 'rpc')
    $startInfo = New-AwsTokenBridgePythonStartInfo -FileName $Python.FileName -Arguments $arguments
    $pythonPath = Get-AwsTokenBridgePythonPath
    if ($pythonPath) {
        $startInfo.EnvironmentVariables['PYTHONPATH'] = $pythonPath
    }
    if ($script:Configuration.LogLevel) {
        $startInfo.EnvironmentVariables['AWSTB_LOG_LEVEL'] = [string]$script:Configuration.LogLevel
    }
    $startInfo
}

function Start-AwsTokenBridgeStdioTransport {
    <#
    .SYNOPSIS
    Starts the backend process and returns its connection (before the handshake).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Python,

        # The early start: stderr is read from the first cmdlet on (Start-AwsTokenBridgeStderrReader),
        # not while the import runs (events raised then can reach the queue out of order).
        [switch]
        $DeferStderr
    )

    $process = [System.Diagnostics.Process]::new()
    $process.StartInfo = New-AwsTokenBridgeStartInfo -Python $Python
    try {
        $null = $process.Start()
    }
    catch {
        $process.Dispose()
        $message = 'Could not start the AWS Token Bridge backend with ' + $Python.Description + ': ' +
            $_.Exception.Message + ' ' + (Get-AwsTokenBridgeInstallHint)
        throw (New-AwsTokenBridgeErrorRecord -Message $message -ErrorId 'AwsTokenBridgePythonNotFound' -Category ObjectNotFound -TargetObject $Python.FileName)
    }
    $writer = [System.IO.StreamWriter]::new($process.StandardInput.BaseStream, [System.Text.UTF8Encoding]::new($false))
    $writer.AutoFlush = $false
    $connection = New-AwsTokenBridgeConnection -Transport 'Stdio' -Writer $writer -Reader $process.StandardOutput -Process $process -Python $Python
    if (-not $DeferStderr) {
        Start-AwsTokenBridgeStderrReader -Connection $connection
    }
    $connection
}

function Register-AwsTokenBridgeStderrEvent {
    <#
    .SYNOPSIS
    Subscribes the session's event queue to a backend process's stderr lines; returns the
    source identifier.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Diagnostics.Process]
        $Process
    )

    $source = 'AwsTokenBridge.Backend.Stderr.' + [guid]::NewGuid().ToString('N')
    # What Register-ObjectEvent does (no action: the events queue up), through the engine's event
    # manager: that cmdlet is in the Utility module, which it would load (issue 15). The overload
    # is picked by its types: a $null action fits the ScriptBlock and the delegate overloads alike.
    $subscribe = [System.Management.Automation.PSEventManager].GetMethod('SubscribeEvent', [type[]]@(
            [object], [string], [string], [psobject], [scriptblock], [bool], [bool]))
    $null = $subscribe.Invoke($ExecutionContext.Events, [object[]]@($Process, 'ErrorDataReceived', $source, $null, $null, $false, $false))
    $source
}

function Start-AwsTokenBridgeStderrReader {
    <#
    .SYNOPSIS
    Starts reading the backend's stderr into the session's event queue (the connection's
    StderrSource). Events are raised only after BeginErrorReadLine, so none is lost.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Connection
    )

    $Connection.StderrSource = Register-AwsTokenBridgeStderrEvent -Process $Connection.Process
    $Connection.Process.BeginErrorReadLine()
}

function Get-AwsTokenBridgeStartFailure {
    <#
    .SYNOPSIS
    The error message for a backend that ended or timed out before answering initialize.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Connection,

        [Parameter(Mandatory = $true)]
        [string]
        $Status
    )

    if ($Status -eq 'Closed') {
        Wait-AwsTokenBridgeBackendExit -Connection $Connection
    }
    $stderr = Get-AwsTokenBridgeStderrText -Connection $Connection
    $python = $Connection.Python.Description
    if ($Status -eq 'TimedOut') {
        return 'The AWS Token Bridge backend (' + $python + ') did not answer within ' +
            $script:Configuration.StartTimeoutSeconds + ' seconds. Increase StartTimeoutSeconds in ' +
            $script:Configuration.ConfigurationPath + ' if this machine is slow.' + $stderr
    }
    # The package, or one of its dependencies, is missing from that Python: no usable backend.
    # Name the Python, Install-AwsTokenBridgeBackend first (it needs nothing from the user but
    # that command), then the command that installs the package into that Python instead.
    if ($stderr -match 'No module named') {
        return 'No usable AWS Token Bridge backend: the Python the module found (' + $python + ') does not have the ' +
            $script:PythonPackage + ' package (or a package it needs). Run Install-AwsTokenBridgeBackend to install the ' +
            'backend in the module''s own environment, or install it into that Python (' + $Connection.Python.FileName +
            ' -m pip install ' + $script:PythonPackage + '), or point the module at a Python that has it. ' +
            (Get-AwsTokenBridgeInstallHint) + $stderr
    }
    'The AWS Token Bridge backend (' + $python + ') ' + (Get-AwsTokenBridgeExitText -Connection $Connection) +
        ' before it answered. ' + (Get-AwsTokenBridgeInstallHint) + $stderr
}

function Send-AwsTokenBridgeInitialize {
    <#
    .SYNOPSIS
    Writes the initialize request; returns its id, or $null if the backend took no input.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Connection
    )

    $params = @{
        protocolVersion = $script:ProtocolVersion
        clientInfo = @{
            name = 'AwsTokenBridge'
            version = $script:ModuleVersion
            powershellEdition = [string]$PSVersionTable.PSEdition
            powershellVersion = [string]$PSVersionTable.PSVersion
        }
    }
    Send-AwsTokenBridgeRequest -Connection $Connection -Method 'initialize' -Params $params
}

function Initialize-AwsTokenBridgeConnection {
    <#
    .SYNOPSIS
    The initialize handshake: refuses a backend of another protocol major version.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Connection,

        # The id of an initialize request already sent (by the early start); none: send it now.
        [object]
        $SentId = $null
    )

    $id = $SentId
    if ($null -eq $id) {
        $id = Send-AwsTokenBridgeInitialize -Connection $Connection
    }
    $status = 'Closed'
    $answer = $null
    if ($null -ne $id) {
        $received = Receive-AwsTokenBridgeAnswer -Connection $Connection -Id $id -TimeoutSeconds ([int]$script:Configuration.StartTimeoutSeconds)
        $status = $received.Status
        $answer = $received.Message
    }
    if ($status -eq 'ProtocolError') {
        $message = 'The AWS Token Bridge backend (' + $Connection.Python.Description + ') does not speak the protocol: ' +
            $received.Detail + '.' + (Get-AwsTokenBridgeStderrText -Connection $Connection)
        throw (New-AwsTokenBridgeErrorRecord -Message $message -ErrorId 'AwsTokenBridgeProtocolError' -Category ProtocolError)
    }
    if ($status -ne 'Answered') {
        $message = Get-AwsTokenBridgeStartFailure -Connection $Connection -Status $status
        throw (New-AwsTokenBridgeErrorRecord -Message $message -ErrorId 'AwsTokenBridgeBackendNotStarted' -Category ResourceUnavailable)
    }
    $fix = ' Install matching versions of the AwsTokenBridge module (' + $script:ModuleVersion + ') and the ' +
        $script:PythonPackage + ' Python package (' + $Connection.Python.FileName + ' -m pip install ' +
        $script:PythonPackage + '==' + $script:ModuleVersion + ').'
    if ($null -ne $answer.error) {
        $message = 'The AWS Token Bridge backend refused the module (protocol ' + $script:ProtocolVersion + '): ' + $answer.error.message
        if ($answer.error.code -eq -32002) {
            $message += $fix
        }
        throw (New-AwsTokenBridgeErrorRecord -Message $message -ErrorId 'AwsTokenBridgeProtocolMismatch' -Category InvalidOperation)
    }
    $result = $answer.result
    $served = [string]$result.protocolVersion
    if ($served.Split('.')[0] -ne $script:ProtocolVersion.Split('.')[0]) {
        $message = 'The AWS Token Bridge backend speaks protocol ' + $served + ' (aws-token-bridge ' + $result.serverVersion +
            '); this module speaks ' + $script:ProtocolVersion + '.' + $fix
        throw (New-AwsTokenBridgeErrorRecord -Message $message -ErrorId 'AwsTokenBridgeProtocolMismatch' -Category InvalidOperation)
    }
    $Connection.ServerVersion = [string]$result.serverVersion
    $Connection.ProtocolVersion = $served
    $Connection.PythonVersion = [string]$result.pythonVersion
    if ($Connection.ServerVersion -ne $script:ModuleVersion) {
        # Said once, at the start that the first cmdlet call makes; the call itself goes on (the
        # protocol matches, so it works), and Get-AwsTokenBridgeBackend shows the same.
        Write-Warning -Message (Get-AwsTokenBridgeMismatchText -Connection $Connection)
    }
    if (Test-AwsTokenBridgeShown -Preference $VerbosePreference) {
        Write-Verbose -Message ('AwsTokenBridge: backend ' + $result.serverVersion + ' (protocol ' + $served + ', Python ' +
            $result.pythonVersion + ') started with ' + $Connection.Python.Description)
    }
}

function Get-AwsTokenBridgeMismatchText {
    <#
    .SYNOPSIS
    What to say when the backend's version is not the module's: both versions, the Python, and
    the command that fixes it.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Connection
    )

    'The AWS Token Bridge backend is ' + $script:PythonPackage + ' ' + $Connection.ServerVersion + ' (' +
        $Connection.Python.Description + '), but this AwsTokenBridge module is ' + $script:ModuleVersion +
        '; cmdlets may not behave as documented. ' + (Get-AwsTokenBridgeVersionFix -Python $Connection.Python)
}

function Start-AwsTokenBridgeBackend {
    <#
    .SYNOPSIS
    Starts the backend with the configured transport, shakes hands, and keeps the connection.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param()

    $python = Resolve-AwsTokenBridgePython
    $connection = $null
    $sentId = $null
    $early = Receive-AwsTokenBridgeEarlyBackend -Python $python
    if ($null -ne $early) {
        $connection = $early.Connection
        $sentId = $early.Id
    }
    elseif ($script:Transport -eq 'InProcess') {
        # The opt-in fast path; it warns once and returns $null when pythonnet or the Python
        # runtime library is missing, and the module falls back to the stdio transport.
        $connection = Start-AwsTokenBridgeInProcessTransport -Python $python
        if ($null -eq $connection) {
            $script:Transport = 'Stdio'
        }
    }
    if ($null -eq $connection) {
        $connection = Start-AwsTokenBridgeStdioTransport -Python $python
    }
    $script:Connection = $connection
    try {
        Initialize-AwsTokenBridgeConnection -Connection $connection -SentId $sentId
    }
    catch {
        Stop-AwsTokenBridgeBackend
        throw
    }
    $connection
}

# The early start (issue 15): Import-Module starts the stdio backend and sends initialize without
# waiting, so Python's start (interpreter and imports, a few hundred ms) runs while PowerShell
# goes on importing and binding the first cmdlet's parameters. The first cmdlet takes the
# process and reads the answer (Start-AwsTokenBridgeBackend), or, when what the start depends on
# has changed since the import (the Python, PYTHONPATH, the log level, the environment), stops
# it and starts another. Nothing can fail at import: a failed early start is forgotten and the
# first cmdlet starts the backend (and reports why it cannot) as without one.
# $env:AWSTB_EARLY_START = '0' turns it off.
$script:EarlyBackend = $null

function Get-AwsTokenBridgeStartKey {
    <#
    .SYNOPSIS
    What a backend started with StartInfo depends on: the program, its arguments and its
    environment (the session's variables, PYTHONPATH, the log level): a changed one means another
    backend.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Diagnostics.ProcessStartInfo]
        $StartInfo
    )

    $environment = $StartInfo.EnvironmentVariables
    $names = [string[]]@($environment.Keys)
    [System.Array]::Sort($names, [System.StringComparer]::Ordinal)
    $builder = [System.Text.StringBuilder]::new()
    $null = $builder.Append($StartInfo.FileName).Append([char]0).Append($StartInfo.Arguments)
    foreach ($name in $names) {
        $null = $builder.Append([char]0).Append($name).Append('=').Append([string]$environment[$name])
    }
    $builder.ToString()
}

function Start-AwsTokenBridgeEarlyBackend {
    <#
    .SYNOPSIS
    At import: starts the stdio backend and sends initialize without waiting; never throws.
    #>
    [CmdletBinding()]
    param()

    if ($script:Transport -ne 'Stdio' -or $env:AWSTB_EARLY_START -eq '0') {
        return
    }
    $connection = $null
    try {
        $python = Resolve-AwsTokenBridgePython
        $connection = Start-AwsTokenBridgeStdioTransport -Python $python -DeferStderr
        $id = Send-AwsTokenBridgeInitialize -Connection $connection
        if ($null -eq $id) {
            throw 'the backend took no input'
        }
        # After the start, not before: Python starts 20 to 30 ms sooner; the key is read from
        # what the process was started with.
        $key = Get-AwsTokenBridgeStartKey -StartInfo $connection.Process.StartInfo
        $script:EarlyBackend = @{ Connection = $connection; Id = $id; Key = $key }
    }
    catch {
        Write-Verbose -Message ('AwsTokenBridge: no early backend start (the first cmdlet starts it): ' + $_.Exception.Message)
        if ($null -ne $connection) {
            Stop-AwsTokenBridgeConnection -Connection $connection
        }
    }
}

function Receive-AwsTokenBridgeEarlyBackend {
    <#
    .SYNOPSIS
    The early-started backend (Connection, Id of its initialize) if it was started as a start now
    with Python would be, else $null (and it is stopped).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Python
    )

    $early = $script:EarlyBackend
    $script:EarlyBackend = $null
    if ($null -eq $early) {
        return $null
    }
    # A backend that already ended is started again rather than read: its start failure is then
    # reported exactly as without the early start (stderr read while it is written, in order).
    if ($script:Transport -eq 'Stdio' -and -not $early.Connection.Process.HasExited -and
        $early.Key -eq (Get-AwsTokenBridgeStartKey -StartInfo (New-AwsTokenBridgeStartInfo -Python $Python))) {
        Start-AwsTokenBridgeStderrReader -Connection $early.Connection
        return $early
    }
    Write-Verbose -Message 'AwsTokenBridge: the backend started at import ended, or the settings changed since; starting it again.'
    Stop-AwsTokenBridgeConnection -Connection $early.Connection
    $null
}
