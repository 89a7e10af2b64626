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

function New-AwsTokenBridgeServiceException {
    <#
    .SYNOPSIS
    An instance of the AWS SDK's exception Type (already loaded) for a backend service error.
    .DESCRIPTION
    Built with the SDK's (message, ErrorType, errorCode, requestId, HttpStatusCode) constructor,
    so ErrorCode, StatusCode and RequestId read as the AWS Tools' inner exception does; the
    modeled members in Data.properties (Error, Error_description, Reason...) are set too.
    Nothing is loaded here: Type is only ever a type the session already has.
    #>
    [CmdletBinding()]
    [OutputType([System.Exception])]
    param(
        [Parameter(Mandatory = $true)]
        [type]
        $Type,

        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [string]
        $Message,

        [AllowNull()]
        [object]
        $Data = $null
    )

    $status = 0
    if ($null -ne $Data -and $null -ne $Data.httpStatus) {
        $status = [int]$Data.httpStatus
    }
    $errorTypeName = 'Unknown'
    if ($status -ge 500) {
        $errorTypeName = 'Receiver'
    }
    elseif ($status -ge 400) {
        $errorTypeName = 'Sender'
    }
    $errorTypeEnum = 'Amazon.Runtime.ErrorType' -as [type]
    $exception = $null
    if ($null -ne $errorTypeEnum -and $null -ne $Data) {
        $arguments = @(
            $Message,
            [System.Enum]::Parse($errorTypeEnum, $errorTypeName),
            [string]$Data.errorCode,
            [string]$Data.requestId,
            [System.Net.HttpStatusCode]$status
        )
        $exception = New-Object -TypeName $Type.FullName -ArgumentList $arguments
    }
    else {
        $exception = New-Object -TypeName $Type.FullName -ArgumentList $Message
    }
    $properties = $null
    if ($null -ne $Data) {
        $properties = $Data.properties
    }
    $pairs = @()
    if ($properties -is [System.Collections.IDictionary]) {
        $pairs = @($properties.GetEnumerator() | ForEach-Object { [pscustomobject]@{ Name = [string]$_.Key; Value = $_.Value } })
    }
    elseif ($null -ne $properties) {
        $pairs = @($properties.PSObject.Properties | ForEach-Object { [pscustomobject]@{ Name = $_.Name; Value = $_.Value } })
    }
    foreach ($pair in $pairs) {
        $property = $Type.GetProperty($pair.Name)
        if ($null -eq $pair.Value -or $null -eq $property -or -not $property.CanWrite) {
            continue
        }
        try {
            # A string converts to the SDK's ConstantClass enums (Reason) by their implicit operator.
            $exception.($pair.Name) = $pair.Value
        }
        catch {
            Write-Debug -Message ('AwsTokenBridge: could not set ' + $pair.Name + ' on a ' + $Type.FullName)
        }
    }
    $exception
}

function New-AwsTokenBridgeException {
    <#
    .SYNOPSIS
    The exception for a backend error of .NET type TypeName, as the AWS Tools would throw it.
    .DESCRIPTION
    System types the session has (ArgumentException, InvalidOperationException,
    OperationCanceledException, ParameterBindingException...) are created as themselves (an
    ArgumentException with its parameter name). A service exception type (Amazon.SSOOIDC.Model.*)
    exists only when the AWS SDK is loaded in the session (for example by AWS.Tools.SSOOIDC):
    then it is created with the error's code, status, request id and modeled members, and
    wrapped in an InvalidOperationException, as the AWS Tools wrap it, so that
    catch [Amazon.SSOOIDC.Model.AuthorizationPendingException] matches. Otherwise the
    InvalidOperationException carries the message alone, and nothing is loaded.
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
        $ParameterName = $null,

        [AllowNull()]
        [object]
        $Data = $null
    )

    $type = $null
    if ($TypeName) {
        # -as [type] only looks in assemblies the session has already loaded.
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
            $inner = New-AwsTokenBridgeServiceException -Type $type -Message $Message -Data $Data
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
        $exception = New-AwsTokenBridgeException -TypeName ([string]$data.exceptionType) -Message $message -ParameterName $data.targetObject -Data $data
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
