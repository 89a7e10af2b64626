# Errors: the backend's domain errors (-32000, data = {errorCode, message, httpStatus, requestId,
# exceptionType, category, errorId, targetObject}) and the module's own failures become
# ErrorRecords that Invoke-AwsTokenBridgeBackend throws with the public cmdlet's
# $PSCmdlet.ThrowTerminatingError. PowerShell then appends ',<Cmdlet>' to the record's ErrorId
# (ErrorRecord.FullyQualifiedErrorId adds the name of the script command in its InvocationInfo),
# so the ErrorId given here is the backend's errorId without that suffix, and the user sees
# exactly data.errorId: '<ErrorType>,<Cmdlet>'.

function New-AwsTokenBridgeErrorRecord {
    <#
    .SYNOPSIS
    An ErrorRecord for a failure of the module itself (no Python, no backend, wrong protocol).
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.ErrorRecord])]
    param(
        [Parameter(Mandatory = $true)]
        [string]
        $Message,

        [Parameter(Mandatory = $true)]
        [string]
        $ErrorId,

        [System.Management.Automation.ErrorCategory]
        $Category = [System.Management.Automation.ErrorCategory]::NotSpecified,

        [object]
        $TargetObject = $null
    )

    $exception = [System.InvalidOperationException]::new($Message)
    [System.Management.Automation.ErrorRecord]::new($exception, $ErrorId, $Category, $TargetObject)
}

function ConvertTo-AwsTokenBridgeErrorCategory {
    <#
    .SYNOPSIS
    The ErrorCategory named Name, or NotSpecified for an unknown or missing name.
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.ErrorCategory])]
    param(
        [AllowNull()]
        [AllowEmptyString()]
        [string]
        $Name
    )

    $names = [System.Enum]::GetNames([System.Management.Automation.ErrorCategory])
    if ($Name -and $names -contains $Name) {
        return [System.Management.Automation.ErrorCategory]$Name
    }
    [System.Management.Automation.ErrorCategory]::NotSpecified
}

function Get-AwsTokenBridgeErrorId {
    <#
    .SYNOPSIS
    The ErrorId to give a backend error: data.errorId without its ',<Cmdlet>' suffix.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Data,

        [Parameter(Mandatory = $true)]
        [string]
        $Cmdlet
    )

    $full = [string]$Data.errorId
    $suffix = ',' + $Cmdlet
    if ($full.EndsWith($suffix, [System.StringComparison]::OrdinalIgnoreCase)) {
        return $full.Substring(0, $full.Length - $suffix.Length)
    }
    if ($full) {
        return $full
    }
    if ($Data.errorCode) {
        return [string]$Data.errorCode
    }
    'AwsTokenBridgeError'
}

function New-AwsTokenBridgeException {
    <#
    .SYNOPSIS
    The exception for a backend error of .NET type TypeName, as the AWS Tools would throw it.
    .DESCRIPTION
    System types the session has (ArgumentException, InvalidOperationException,
    OperationCanceledException, ParameterBindingException...) are created as themselves (an
    ArgumentException with its parameter name). A service exception type (Amazon.SSOOIDC.Model.*)
    exists only when the AWS Tools are loaded: then it is created and wrapped in an
    InvalidOperationException, as the AWS Tools wrap it; otherwise the InvalidOperationException
    carries the message alone.
    #>
    [CmdletBinding()]
    [OutputType([System.Exception])]
    param(
        [AllowNull()]
        [AllowEmptyString()]
        [string]
        $TypeName,

        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [string]
        $Message,

        [AllowNull()]
        [object]
        $ParameterName = $null
    )

    $type = $null
    if ($TypeName) {
        $type = $TypeName -as [type]
    }
    if ($null -ne $type -and [System.Exception].IsAssignableFrom($type)) {
        try {
            if ($TypeName.StartsWith('System.', [System.StringComparison]::Ordinal)) {
                if ($type -eq [System.ArgumentException] -and $ParameterName -is [string]) {
                    return [System.ArgumentException]::new($Message, $ParameterName)
                }
                return (New-Object -TypeName $type.FullName -ArgumentList $Message)
            }
            $inner = New-Object -TypeName $type.FullName -ArgumentList $Message
            return [System.InvalidOperationException]::new($Message, $inner)
        }
        catch {
            Write-Debug -Message ('AwsTokenBridge: could not create a ' + $TypeName + ': ' + $_.Exception.Message)
        }
    }
    [System.InvalidOperationException]::new($Message)
}

function ConvertTo-AwsTokenBridgeErrorRecord {
    <#
    .SYNOPSIS
    The ErrorRecord for the JSON-RPC error object of an invoke of Cmdlet.
    .DESCRIPTION
    A cmdlet error (-32000) keeps the backend's error id, category, target object and message;
    the exception's Data holds ErrorCode, HttpStatus, RequestId and ExceptionType, and the
    category's Reason is the error code. A cancelled request (-32800) is an
    OperationCanceledException; any other protocol error is the module's own
    AwsTokenBridgeProtocolError.
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.ErrorRecord])]
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $RpcError,

        [Parameter(Mandatory = $true)]
        [string]
        $Cmdlet
    )

    $data = $RpcError.data
    if ($RpcError.code -eq -32000 -and $null -ne $data) {
        $message = [string]$data.message
        if (-not $message) {
            $message = [string]$RpcError.message
        }
        $exception = New-AwsTokenBridgeException -TypeName ([string]$data.exceptionType) -Message $message -ParameterName $data.targetObject
        $exception.Data['ErrorCode'] = [string]$data.errorCode
        $exception.Data['ExceptionType'] = [string]$data.exceptionType
        $exception.Data['RequestId'] = [string]$data.requestId
        if ($null -ne $data.httpStatus) {
            $exception.Data['HttpStatus'] = [int]$data.httpStatus
        }
        $errorId = Get-AwsTokenBridgeErrorId -Data $data -Cmdlet $Cmdlet
        $category = ConvertTo-AwsTokenBridgeErrorCategory -Name ([string]$data.category)
        $record = [System.Management.Automation.ErrorRecord]::new($exception, $errorId, $category, $data.targetObject)
        if ($data.errorCode) {
            $record.CategoryInfo.Reason = [string]$data.errorCode
        }
        return $record
    }
    if ($RpcError.code -eq -32800) {
        $exception = [System.OperationCanceledException]::new([string]$RpcError.message)
        return [System.Management.Automation.ErrorRecord]::new($exception, 'OperationCanceled', [System.Management.Automation.ErrorCategory]::OperationStopped, $null)
    }
    $message = 'The AWS Token Bridge backend refused the request (JSON-RPC error ' + $RpcError.code + '): ' + $RpcError.message
    New-AwsTokenBridgeErrorRecord -Message $message -ErrorId 'AwsTokenBridgeProtocolError' -Category ProtocolError
}
