# The connection to the backend and its transport.
#
# A connection is a PSCustomObject created by the transport's start function:
#   Transport     'Stdio' (later also 'InProcess')
#   Writer        a System.IO.TextWriter: one JSON request per line goes here
#   Reader        a System.IO.TextReader: answers and notifications come from here, a line each
#   PendingRead   the Reader.ReadLineAsync() task not yet consumed (a reader may have only one)
#   Process       the backend process (Stdio), or $null
#   NextId        the last request id used
#   StderrSource  the event source identifier of the backend's stderr lines (Stdio)
#   StderrTail    the lines the backend wrote to stderr since the current request was sent
#                 (for error messages; the first StderrTailLength of them, in order)
#   StderrIds     the event identifiers of those lines (their order, see Receive-AwsTokenBridgeStderr)
#   StderrDropped how many lines after those were left out
#   StderrEnded   true once the end of the backend's stderr was received (its last event)
#   CancelledIds  the ids of requests given up on, whose late answers are skipped
#   Python, ServerVersion, ProtocolVersion, PythonVersion (the last three from initialize)
# Everything above the transport (requests, cancellation, restarts) only uses Writer, Reader
# and Test-AwsTokenBridgeConnection, so an in-process transport only has to provide a
# TextWriter/TextReader pair.

# Enough for a Python traceback and the log lines before it; more is counted, not kept.
$script:StderrTailLength = 2000

function New-AwsTokenBridgeConnection {
    <#
    .SYNOPSIS
    A connection object (see the top of this file).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]
        $Transport,

        [Parameter(Mandatory = $true)]
        [System.IO.TextWriter]
        $Writer,

        [Parameter(Mandatory = $true)]
        [System.IO.TextReader]
        $Reader,

        [System.Diagnostics.Process]
        $Process = $null,

        [object]
        $Python = $null
    )

    # A [pscustomobject] literal, not New-Object: that cmdlet is in the Utility module (issue 15).
    [pscustomobject]@{
            Transport = $Transport
            Writer = $Writer
            Reader = $Reader
            PendingRead = $null
            Process = $Process
            NextId = 0
            StderrSource = $null
            StderrTail = [System.Collections.Generic.List[string]]::new()
            StderrIds = [System.Collections.Generic.List[long]]::new()
            StderrDropped = 0
            StderrEnded = $false
            CancelledIds = [System.Collections.Generic.HashSet[long]]::new()
            Python = $Python
            ServerVersion = $null
            ProtocolVersion = $null
            PythonVersion = $null
        }
}

function Test-AwsTokenBridgeConnection {
    <#
    .SYNOPSIS
    True while the backend behind Connection can still be written to.
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [AllowNull()]
        [object]
        $Connection
    )

    if ($null -eq $Connection) {
        return $false
    }
    if ($null -eq $Connection.Process) {
        return $true
    }
    try {
        -not $Connection.Process.HasExited
    }
    catch {
        $false
    }
}

function Get-AwsTokenBridgeConnection {
    <#
    .SYNOPSIS
    The backend connection: reused while the backend lives, started (again) otherwise.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param()

    $connection = $script:Connection
    if (Test-AwsTokenBridgeConnection -Connection $connection) {
        return $connection
    }
    if ($null -ne $connection) {
        Write-Verbose -Message ('AwsTokenBridge: the backend ' + (Get-AwsTokenBridgeExitText -Connection $connection) + '; starting a new one.')
        Stop-AwsTokenBridgeBackend
    }
    Start-AwsTokenBridgeBackend
}

function Send-AwsTokenBridgeLine {
    <#
    .SYNOPSIS
    Writes one line to the backend; $false when it could not be written (the backend is gone).
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Connection,

        [Parameter(Mandatory = $true)]
        [string]
        $Line
    )

    if (-not (Test-AwsTokenBridgeConnection -Connection $Connection)) {
        return $false
    }
    try {
        $Connection.Writer.Write($Line + "`n")
        $Connection.Writer.Flush()
        $true
    }
    catch {
        Write-Verbose -Message ('AwsTokenBridge: writing to the backend failed: ' + $_.Exception.Message)
        $false
    }
}

function Read-AwsTokenBridgeLine {
    <#
    .SYNOPSIS
    Waits up to TimeoutMilliseconds for the next line from the backend.
    .DESCRIPTION
    Returns Status 'Line' (with Line), 'Pending' (nothing yet: the read stays pending on the
    connection, so no line is ever lost) or 'Closed' (the backend's output ended). Short waits
    return to PowerShell often, which is what lets Ctrl+C stop the command.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Connection,

        [int]
        $TimeoutMilliseconds = 100
    )

    $line = $null
    try {
        if ($null -eq $Connection.PendingRead) {
            $Connection.PendingRead = $Connection.Reader.ReadLineAsync()
        }
        if (-not $Connection.PendingRead.Wait($TimeoutMilliseconds)) {
            return [pscustomobject]@{ Status = 'Pending'; Line = $null }
        }
        $line = $Connection.PendingRead.Result
    }
    catch {
        Write-Verbose -Message ('AwsTokenBridge: reading from the backend failed: ' + $_.Exception.Message)
    }
    $Connection.PendingRead = $null
    if ($null -eq $line) {
        return [pscustomobject]@{ Status = 'Closed'; Line = $null }
    }
    [pscustomobject]@{ Status = 'Line'; Line = $line }
}

function Receive-AwsTokenBridgeStderr {
    <#
    .SYNOPSIS
    Moves the backend's stderr lines received so far to the verbose stream (and the tail kept
    for error messages).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Connection
    )

    if (-not $Connection.StderrSource) {
        return
    }
    # In the order the lines were written: PowerShell can queue two events of a burst the other
    # way round, but numbers them in order (EventIdentifier).
    $events = Remove-AwsTokenBridgeStderrEvent -Source $Connection.StderrSource
    if ($events.Length -gt 1) {
        $order = [int[]]@(foreach ($queued in $events) { $queued.EventIdentifier })
        [System.Array]::Sort($order, $events)
    }
    $verbose = Test-AwsTokenBridgeShown -Preference $VerbosePreference
    foreach ($queued in $events) {
        $text = $queued.SourceEventArgs.Data
        if ($null -eq $text) {
            # The reader raises it after the last line, at the end of the stream.
            $Connection.StderrEnded = $true
            continue
        }
        if ($Connection.StderrTail.Count -lt $script:StderrTailLength) {
            # Kept in EventIdentifier order: a line queued late goes back to its place.
            $ids = $Connection.StderrIds
            $at = $ids.Count
            while ($at -gt 0 -and $ids[$at - 1] -gt $queued.EventIdentifier) {
                $at--
            }
            $ids.Insert($at, [long]$queued.EventIdentifier)
            $Connection.StderrTail.Insert($at, $text)
        }
        else {
            $Connection.StderrDropped = $Connection.StderrDropped + 1
        }
        if ($verbose) {
            Write-Verbose -Message ('AwsTokenBridge backend: ' + $text)
        }
    }
}

function Remove-AwsTokenBridgeStderrEvent {
    <#
    .SYNOPSIS
    Takes the queued events of the stderr subscription Source out of the session's event queue
    and returns them (Get-Event and Remove-Event, through the engine's own event manager: those
    cmdlets are in the Utility module, issue 15).
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.PSEventArgs[]])]
    param(
        [Parameter(Mandatory = $true)]
        [string]
        $Source
    )

    $taken = [System.Collections.Generic.List[System.Management.Automation.PSEventArgs]]::new()
    $queue = $ExecutionContext.Events.ReceivedEvents
    # The process's reader thread adds events while this runs: hold the queue's lock.
    [System.Threading.Monitor]::Enter($queue.SyncRoot)
    try {
        for ($index = $queue.Count - 1; $index -ge 0; $index--) {
            $queued = $queue[$index]
            if ($queued.SourceIdentifier -eq $Source) {
                $taken.Insert(0, $queued)
                $queue.RemoveAt($index)
            }
        }
    }
    finally {
        [System.Threading.Monitor]::Exit($queue.SyncRoot)
    }
    # The comma: an empty or one-element array leaves as an array.
    , $taken.ToArray()
}

function Unregister-AwsTokenBridgeStderrEvent {
    <#
    .SYNOPSIS
    Ends the stderr subscription Source and drops its queued events (Unregister-Event through
    the engine's event manager).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]
        $Source
    )

    foreach ($subscriber in @($ExecutionContext.Events.GetEventSubscribers($Source))) {
        $ExecutionContext.Events.UnsubscribeEvent($subscriber)
    }
    $null = Remove-AwsTokenBridgeStderrEvent -Source $Source
}

function Test-AwsTokenBridgeShown {
    <#
    .SYNOPSIS
    True when a message under Preference (the caller's VerbosePreference or DebugPreference) is
    shown: the module calls Write-Verbose (a Utility cmdlet, loaded on first use) only then on the
    first call's path, and skips the backend's log lines of a level that is not shown.
    #>
    # A plain function: the answer loop asks it on every call.
    param([object] $Preference)

    @('SilentlyContinue', 'Ignore') -notcontains [string]$Preference
}

function Get-AwsTokenBridgeExitText {
    <#
    .SYNOPSIS
    'exited with code N', 'is not running' or 'stopped answering', for messages.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Connection
    )

    try {
        if ($null -ne $Connection.Process -and $Connection.Process.HasExited) {
            return ('(process ' + $Connection.Process.Id + ') exited with code ' + $Connection.Process.ExitCode)
        }
    }
    catch {
        return 'is not running'
    }
    'stopped answering'
}

function Get-AwsTokenBridgeStderrText {
    <#
    .SYNOPSIS
    The backend's last stderr lines, indented, for an error message ('' when there are none).
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Connection
    )

    Receive-AwsTokenBridgeStderr -Connection $Connection
    if ($Connection.StderrTail.Count -eq 0) {
        return ''
    }
    $text = [System.Environment]::NewLine + 'The backend wrote:' + [System.Environment]::NewLine + '    ' +
        ($Connection.StderrTail.ToArray() -join ([System.Environment]::NewLine + '    '))
    if ($Connection.StderrDropped -gt 0) {
        $text += [System.Environment]::NewLine + '    (and ' + $Connection.StderrDropped + ' more lines, written to the verbose stream)'
    }
    $text
}

function Clear-AwsTokenBridgeStderr {
    <#
    .SYNOPSIS
    Starts a new stderr record for the next request (the earlier lines went to the verbose stream).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Connection
    )

    Receive-AwsTokenBridgeStderr -Connection $Connection
    $Connection.StderrTail.Clear()
    $Connection.StderrIds.Clear()
    $Connection.StderrDropped = 0
}

function Wait-AwsTokenBridgeBackendExit {
    <#
    .SYNOPSIS
    After the backend's output ended: waits for the process to exit, for its stderr reader to
    finish, and for the reader's last lines to reach the session's event queue, so that the exit
    code and every stderr line are known.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Connection
    )

    $process = $Connection.Process
    if ($null -eq $process) {
        return
    }
    # One bound for both waits, against a backend that closed its output but lives on, or whose
    # stderr a child of it holds open (a browser it opened): not an estimate of how long an exit
    # takes (a 2 s bound was missed under load, and the error then lacked lines the backend
    # had written). WaitForExit() without a timeout would wait for that child too, for ever.
    # Short waits return to PowerShell often, which is what lets Ctrl+C stop the command.
    $deadline = [DateTime]::UtcNow.AddSeconds([int]$script:Configuration.StartTimeoutSeconds)
    try {
        while (-not $process.WaitForExit(100)) {
            if ([DateTime]::UtcNow -ge $deadline) {
                return
            }
        }
    }
    catch {
        return
    }
    # PowerShell hands each stderr event to the session's queue through the thread pool, so the
    # reader's last lines can arrive after the exit: wait for its end-of-stream event.
    if (-not $Connection.StderrSource) {
        return
    }
    Receive-AwsTokenBridgeStderr -Connection $Connection
    while (-not $Connection.StderrEnded -and [DateTime]::UtcNow -lt $deadline) {
        [System.Threading.Thread]::Sleep(10)
        Receive-AwsTokenBridgeStderr -Connection $Connection
    }
}
