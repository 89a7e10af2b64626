# Calling the backend.
#
# Invoke-AwsTokenBridgeBackend is the one call of every public function: it sends 'invoke'
# (the cmdlet, its parameters, the shell context), writes the output objects, and throws the
# errors with the public function's $PSCmdlet.ThrowTerminatingError (so the
# FullyQualifiedErrorId ends with ',<Cmdlet>' and -ErrorAction/try/catch work as for any cmdlet).
#
# Requests are written once. A request that could not be written at all (the backend had died
# or its input was closed) is sent again, once, to a new backend; a request that was written is
# never sent again (a second CreateToken could redeem a code twice). While waiting, the
# notifications about the request are written to PowerShell's streams. When the wait ends any
# other way than with the answer (Ctrl+C, which stops the pipeline; an error), the finally
# block sends $/cancelRequest; whatever the backend still writes about that request is skipped
# by the next request, which reads only its own id.
#
# Nothing else is skipped: a line that is not a JSON object, or an answer to an id the module
# is not waiting for and never gave up on, means the backend no longer speaks the protocol.
# The call then ends at once with an AwsTokenBridgeProtocolError (and the next command starts a
# new backend) instead of waiting for an answer that cannot be recognised.

function Send-AwsTokenBridgeRequest {
    <#
    .SYNOPSIS
    Writes a request with the connection's next id; returns the id, or $null if it was not
    written.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Connection,

        [Parameter(Mandatory = $true)]
        [string]
        $Method,

        [hashtable]
        $Params = @{}
    )

    $Connection.NextId = $Connection.NextId + 1
    $id = $Connection.NextId
    $line = ConvertTo-AwsTokenBridgeJson -InputObject @{ jsonrpc = '2.0'; id = $id; method = $Method; params = $Params }
    if (Send-AwsTokenBridgeLine -Connection $Connection -Line $line) {
        return $id
    }
    $null
}

function Receive-AwsTokenBridgeAnswer {
    <#
    .SYNOPSIS
    Reads until the answer to request Id; writes its notifications on the way.
    .DESCRIPTION
    Returns Status 'Answered' (Message: the response), 'Closed' (the backend's output ended),
    'TimedOut' (only with TimeoutSeconds) or 'ProtocolError' (Detail: what the backend wrote
    that is not the protocol). Notifications about other requests and late answers to cancelled
    ones are skipped.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Connection,

        [Parameter(Mandatory = $true)]
        [long]
        $Id,

        [int]
        $TimeoutSeconds = 0,

        [string]
        $Activity = 'AWS Token Bridge'
    )

    # -Debug means Inquire in Windows PowerShell 5.1: one prompt per backend debug message.
    if ($DebugPreference -eq 'Inquire') {
        $DebugPreference = 'Continue'
    }
    $deadline = [DateTime]::MaxValue
    if ($TimeoutSeconds -gt 0) {
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    }
    $progressId = [int]($Id % 1000000) + 1
    # A $/log line of a level the caller's preferences do not show is skipped unparsed (each
    # call brings several verbose lines; parsing and writing them nowhere cost milliseconds).
    # The prefix is exactly what the backend writes for this request (compact JSON, keys in
    # that order); any other form is parsed as usual.
    $skippedPrefixes = [System.Collections.Generic.List[string]]::new()
    $logPrefix = '{"jsonrpc":"2.0","method":"$/log","params":{"id":' + $Id + ',"level":"'
    if (-not (Test-AwsTokenBridgeShown -Preference $VerbosePreference)) {
        $skippedPrefixes.Add($logPrefix + 'verbose",')
    }
    if (-not (Test-AwsTokenBridgeShown -Preference $DebugPreference)) {
        $skippedPrefixes.Add($logPrefix + 'debug",')
    }
    $progressShown = $false
    $status = $null
    $answer = $null
    $detail = $null
    try {
        while ($null -eq $status) {
            Receive-AwsTokenBridgeStderr -Connection $Connection
            $read = Read-AwsTokenBridgeLine -Connection $Connection -TimeoutMilliseconds 100
            if ($read.Status -eq 'Closed') {
                $status = 'Closed'
            }
            elseif ($read.Status -eq 'Pending') {
                if ([DateTime]::UtcNow -gt $deadline) {
                    $status = 'TimedOut'
                }
            }
            elseif (Test-AwsTokenBridgeLinePrefix -Line $read.Line -Prefix $skippedPrefixes) {
                continue
            }
            else {
                $message = ConvertFrom-AwsTokenBridgeLine -Line $read.Line
                if ($null -eq $message) {
                    $status = 'ProtocolError'
                    $detail = 'it wrote a line that is not a JSON object (' + (Get-AwsTokenBridgeLineExcerpt -Line $read.Line) + ')'
                }
                elseif ($null -ne $message.method) {
                    if ($null -ne $message.params -and $message.params.id -eq $Id) {
                        if (Write-AwsTokenBridgeNotification -Message $message -ProgressId $progressId -Activity $Activity) {
                            $progressShown = $true
                        }
                    }
                }
                elseif ($message.id -eq $Id) {
                    $answer = $message
                    $status = 'Answered'
                }
                elseif ($null -ne $message.id -and $Connection.CancelledIds.Remove([long]$message.id)) {
                    Write-Debug -Message ('AwsTokenBridge: skipped the late answer to the cancelled request ' + $message.id + '.')
                }
                else {
                    $status = 'ProtocolError'
                    $detail = 'it answered request ' + (ConvertTo-AwsTokenBridgeJson -InputObject $message.id) +
                        ' while the module waited for request ' + $Id
                    if ($null -ne $message.error) {
                        $detail += ' (' + [string]$message.error.message + ')'
                    }
                }
            }
        }
    }
    finally {
        if ($null -eq $status) {
            # Stopped (Ctrl+C) or failed while waiting: tell the backend to drop the request (it
            # answers it at once with -32800). Two .NET calls and nothing else: while a pipeline
            # stops, PowerShell runs no commands and ends every loop at its first iteration.
            # The late answer and any notification still in the pipe carry this id, which the
            # next request's loop skips; the pending read stays on the connection, so no line
            # is lost.
            try {
                $null = $Connection.CancelledIds.Add($Id)
                $Connection.Writer.Write('{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":' + $Id + '}}' + "`n")
                $Connection.Writer.Flush()
            }
            catch {
                # The backend is gone: the next request starts a new one.
                $null = $_
            }
        }
    }
    if ($progressShown) {
        Write-Progress -Id $progressId -Activity $Activity -Completed
    }
    [pscustomobject]@{ Status = $status; Message = $answer; Detail = $detail }
}

function Get-AwsTokenBridgeLineExcerpt {
    <#
    .SYNOPSIS
    The start of a line the backend wrote, quoted for an error message.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [string]
        $Line
    )

    $limit = 200
    if ($Line.Length -le $limit) {
        return ("'" + $Line + "'")
    }
    "'" + $Line.Substring(0, $limit) + "'..."
}

function Test-AwsTokenBridgeLinePrefix {
    <#
    .SYNOPSIS
    True when Line starts with one of Prefix (ordinal).
    #>
    param([string] $Line, [System.Collections.Generic.List[string]] $Prefix)

    foreach ($candidate in $Prefix) {
        if ($Line.StartsWith($candidate, [System.StringComparison]::Ordinal)) {
            return $true
        }
    }
    $false
}

function Invoke-AwsTokenBridgeRequest {
    <#
    .SYNOPSIS
    Sends one request to the backend (starting or restarting it as needed) and returns the
    response object; throws an ErrorRecord when the backend cannot answer.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]
        $Method,

        [hashtable]
        $Params = @{},

        [string]
        $Activity = 'AWS Token Bridge'
    )

    $connection = Get-AwsTokenBridgeConnection
    # An error message shows the stderr lines of this request (the earlier ones went to -Verbose).
    Clear-AwsTokenBridgeStderr -Connection $connection
    $id = Send-AwsTokenBridgeRequest -Connection $connection -Method $Method -Params $Params
    if ($null -eq $id) {
        # Never written, so it is safe to send again: once, to a new backend.
        Write-Verbose -Message ('AwsTokenBridge: the backend ' + (Get-AwsTokenBridgeExitText -Connection $connection) + '; starting a new one.')
        Stop-AwsTokenBridgeBackend
        $connection = Get-AwsTokenBridgeConnection
        $id = Send-AwsTokenBridgeRequest -Connection $connection -Method $Method -Params $Params
        if ($null -eq $id) {
            $message = 'The AWS Token Bridge backend does not take requests: it ' + (Get-AwsTokenBridgeExitText -Connection $connection) +
                '.' + (Get-AwsTokenBridgeStderrText -Connection $connection)
            Stop-AwsTokenBridgeBackend
            throw (New-AwsTokenBridgeErrorRecord -Message $message -ErrorId 'AwsTokenBridgeBackendUnavailable' -Category ResourceUnavailable)
        }
    }
    $received = Receive-AwsTokenBridgeAnswer -Connection $connection -Id $id -Activity $Activity
    if ($received.Status -eq 'ProtocolError') {
        $message = 'The AWS Token Bridge backend broke the protocol while running ' + $Activity + ': ' + $received.Detail +
            '. The request was not sent again, because it may already have reached the service; the next command starts ' +
            'a new backend.' + (Get-AwsTokenBridgeStderrText -Connection $connection)
        Stop-AwsTokenBridgeBackend
        throw (New-AwsTokenBridgeErrorRecord -Message $message -ErrorId 'AwsTokenBridgeProtocolError' -Category ProtocolError)
    }
    if ($received.Status -ne 'Answered') {
        Wait-AwsTokenBridgeBackendExit -Connection $connection
        $message = 'The AWS Token Bridge backend ' + (Get-AwsTokenBridgeExitText -Connection $connection) + ' while running ' +
            $Activity + '. The request was not sent again, because it may already have reached the service; the next ' +
            'command starts a new backend.' + (Get-AwsTokenBridgeStderrText -Connection $connection)
        Stop-AwsTokenBridgeBackend
        throw (New-AwsTokenBridgeErrorRecord -Message $message -ErrorId 'AwsTokenBridgeBackendExited' -Category ResourceUnavailable)
    }
    $received.Message
}

function Invoke-AwsTokenBridgeBackend {
    <#
    .SYNOPSIS
    Runs a cmdlet in the backend: writes its output objects, or throws its error as the Caller.
    .DESCRIPTION
    Parameters are the cmdlet's bound parameters (ConvertTo-AwsTokenBridgeParameter); the
    caller's $StoredAWSCredentials and $StoredAWSRegion are sent with them. Each output object
    gets its .NET type name as its first PSTypeName. Every error, the backend's or the
    module's, is thrown with Caller.ThrowTerminatingError, as the AWS Tools throw theirs, unless
    the caller was given -ErrorAction SilentlyContinue, Continue or Ignore: then it is written
    with Caller.WriteError (a non-terminating error, which -ErrorVariable collects) and the
    script goes on.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]
        $Cmdlet,

        [hashtable]
        $Parameters = @{},

        [System.Management.Automation.PSCmdlet]
        $Caller = $null
    )

    if ($null -eq $Caller) {
        $Caller = $PSCmdlet
    }
    $bound = $Caller.MyInvocation.BoundParameters
    $softErrors = $bound.ContainsKey('ErrorAction') -and
        @('SilentlyContinue', 'Continue', 'Ignore') -contains [string]$bound['ErrorAction']
    # Read by Write-AwsTokenBridgeLog (dynamic scope): an explicit -InformationAction
    # SilentlyContinue silences the sign-in messages that the default shows.
    $AwsTokenBridgeInformationAction = $null
    if ($bound.ContainsKey('InformationAction')) {
        $AwsTokenBridgeInformationAction = [string]$bound['InformationAction']
    }
    $record = $null
    try {
        $request = @{
            cmdlet = $Cmdlet
            parameters = $Parameters
            context = Get-AwsTokenBridgeShellContext -Caller $Caller
        }
        $answer = Invoke-AwsTokenBridgeRequest -Method 'invoke' -Params $request -Activity $Cmdlet
    }
    catch [System.Management.Automation.PipelineStoppedException] {
        throw
    }
    catch {
        $record = $_
    }
    if ($null -eq $record -and $null -ne $answer.error) {
        $record = ConvertTo-AwsTokenBridgeErrorRecord -RpcError $answer.error -Cmdlet $Cmdlet
    }
    if ($null -ne $record) {
        if ($softErrors) {
            $Caller.WriteError($record)
            return
        }
        $Caller.ThrowTerminatingError($record)
    }
    foreach ($item in @($answer.result.items)) {
        ConvertTo-AwsTokenBridgeObject -InputObject $item
    }
}
