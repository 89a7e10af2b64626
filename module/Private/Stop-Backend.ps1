# Stopping the backend: when the module is removed (OnRemove), after a failed start, and before
# a restart. Polite first (shutdown, then the end of its input), then Kill after a short wait.

function Stop-AwsTokenBridgeBackend {
    <#
    .SYNOPSIS
    Stops the backend (if any) and forgets the connection; never throws.
    #>
    [CmdletBinding()]
    param(
        [int]
        $TimeoutMilliseconds = 2000
    )

    $connection = $script:Connection
    $script:Connection = $null
    $early = $script:EarlyBackend
    $script:EarlyBackend = $null
    if ($null -ne $early) {
        Stop-AwsTokenBridgeConnection -Connection $early.Connection -TimeoutMilliseconds $TimeoutMilliseconds
    }
    if ($null -ne $connection) {
        Stop-AwsTokenBridgeConnection -Connection $connection -TimeoutMilliseconds $TimeoutMilliseconds
    }
}

function Stop-AwsTokenBridgeConnection {
    <#
    .SYNOPSIS
    Stops one backend connection's process and stderr subscription; never throws.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Connection,

        [int]
        $TimeoutMilliseconds = 2000
    )

    $process = $Connection.Process
    try {
        if (Test-AwsTokenBridgeConnection -Connection $connection) {
            try {
                $connection.Writer.Write('{"jsonrpc":"2.0","id":"shutdown","method":"shutdown"}' + "`n")
                $connection.Writer.Flush()
                $connection.Writer.Close()
            }
            catch {
                Write-Verbose -Message ('AwsTokenBridge: the backend did not take the shutdown request: ' + $_.Exception.Message)
            }
            if ($null -ne $process -and -not $process.WaitForExit($TimeoutMilliseconds)) {
                Write-Verbose -Message ('AwsTokenBridge: stopping the backend (process ' + $process.Id + ') by force.')
                $process.Kill()
                $null = $process.WaitForExit($TimeoutMilliseconds)
            }
        }
    }
    catch {
        Write-Verbose -Message ('AwsTokenBridge: stopping the backend: ' + $_.Exception.Message)
    }
    finally {
        if ($connection.StderrSource) {
            Unregister-AwsTokenBridgeStderrEvent -Source $connection.StderrSource
        }
        if ($null -ne $process) {
            $process.Dispose()
        }
    }
}
