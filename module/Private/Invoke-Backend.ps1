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
    Returns Status 'Answered' (Message: the response), 'Closed' (the backend's output ended)
    or 'TimedOut' (only with TimeoutSeconds). Lines about other requests (late answers to
    cancelled ones) are skipped.
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
    $progressShown = $false
    $status = $null
    $answer = $null
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
            else {
                $message = ConvertFrom-AwsTokenBridgeLine -Line $read.Line
                if ($null -eq $message) {
                    Write-Verbose -Message 'AwsTokenBridge: skipped a line from the backend that is not a JSON object.'
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
    New-Object -TypeName psobject -Property @{ Status = $status; Message = $answer }
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
    if ($received.Status -ne 'Answered') {
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
    module's, is thrown with Caller.ThrowTerminatingError.
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
        $Caller.ThrowTerminatingError($_)
    }
    if ($null -ne $answer.error) {
        $Caller.ThrowTerminatingError((ConvertTo-AwsTokenBridgeErrorRecord -RpcError $answer.error -Cmdlet $Cmdlet))
    }
    foreach ($item in @($answer.result.items)) {
        ConvertTo-AwsTokenBridgeObject -InputObject $item
    }
}
