# What a generated function sends: its bound parameters, and the shell's stored defaults.
#
# The parameters are $PSBoundParameters (canonical names: PowerShell never keys them by alias)
# minus PowerShell's common parameters. Three need a form JSON can carry:
#   -Credential        an AWSCredentials object (or anything with AccessKey and SecretKey)
#                      becomes @{ AccessKey; SecretKey; Token }. The parameter is [object] and
#                      ValueFromPipeline, so a piped object that is not a credential binds to it
#                      by value; such a value, bound from the pipeline, is left out.
#   -NetworkCredential @{ UserName } (the password is never sent; the backend refuses SAML).
#   -Region            a region name, or an AWSRegion / RegionEndpoint as @{ Region } /
#                      @{ SystemName }.
# Switches, SecureStrings and the rest are written by ConvertTo-AwsTokenBridgeJson.

$script:CommonParameterNames = @(
    'Verbose', 'Debug', 'ErrorAction', 'WarningAction', 'InformationAction', 'ProgressAction',
    'ErrorVariable', 'WarningVariable', 'InformationVariable', 'OutVariable', 'OutBuffer',
    'PipelineVariable', 'WhatIf', 'Confirm', 'UseTransaction'
)

function Get-AwsTokenBridgeMemberValue {
    <#
    .SYNOPSIS
    The value of the first member (dictionary key or property) of InputObject named in Name.
    #>
    [CmdletBinding()]
    param(
        [AllowNull()]
        [object]
        $InputObject,

        [Parameter(Mandatory = $true)]
        [string[]]
        $Name
    )

    if ($null -eq $InputObject) {
        return $null
    }
    foreach ($candidate in $Name) {
        if ($InputObject -is [System.Collections.IDictionary]) {
            if ($InputObject.Contains($candidate)) {
                return $InputObject[$candidate]
            }
        }
        elseif ($null -ne $InputObject.PSObject.Properties[$candidate]) {
            return $InputObject.PSObject.Properties[$candidate].Value
        }
    }
    $null
}

function ConvertTo-AwsTokenBridgeCredential {
    <#
    .SYNOPSIS
    @{ AccessKey; SecretKey; Token } from AWS credentials in any of their forms, or $null.
    .DESCRIPTION
    Amazon.Runtime.AWSCredentials (GetCredentials()), the AWS Tools' stored-credentials wrapper
    (a Credentials property holding one), or a dictionary or object with AccessKey and SecretKey
    (and Token or SessionToken). Anonymous credentials (GetCredentials() is $null) give $null.
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param(
        [AllowNull()]
        [object]
        $InputObject
    )

    if ($null -eq $InputObject -or $InputObject -is [string]) {
        return $null
    }
    if ($null -ne $InputObject.PSObject.Methods['GetCredentials']) {
        $immutable = $InputObject.GetCredentials()
        if ($null -eq $immutable) {
            return $null
        }
        return @{
            AccessKey = [string]$immutable.AccessKey
            SecretKey = [string]$immutable.SecretKey
            Token = $(if ($immutable.Token) { [string]$immutable.Token } else { $null })
        }
    }
    $wrapped = Get-AwsTokenBridgeMemberValue -InputObject $InputObject -Name 'Credentials'
    if ($null -ne $wrapped -and $null -ne $wrapped.PSObject.Methods['GetCredentials']) {
        return (ConvertTo-AwsTokenBridgeCredential -InputObject $wrapped)
    }
    $accessKey = Get-AwsTokenBridgeMemberValue -InputObject $InputObject -Name 'AccessKey'
    $secretKey = Get-AwsTokenBridgeMemberValue -InputObject $InputObject -Name 'SecretKey'
    if ($null -eq $accessKey -or $null -eq $secretKey) {
        return $null
    }
    $token = Get-AwsTokenBridgeMemberValue -InputObject $InputObject -Name 'Token', 'SessionToken'
    @{
        AccessKey = $accessKey
        SecretKey = $secretKey
        Token = $token
    }
}

function ConvertTo-AwsTokenBridgeRegion {
    <#
    .SYNOPSIS
    -Region's value for the backend: a name, @{ SystemName } (RegionEndpoint) or @{ Region }
    (AWSRegion).
    #>
    [CmdletBinding()]
    param(
        [AllowNull()]
        [object]
        $InputObject
    )

    if ($null -eq $InputObject -or $InputObject -is [string] -or $InputObject -is [System.Collections.IDictionary]) {
        return $InputObject
    }
    $systemName = Get-AwsTokenBridgeMemberValue -InputObject $InputObject -Name 'SystemName'
    if ($systemName) {
        return @{ SystemName = [string]$systemName }
    }
    $region = Get-AwsTokenBridgeMemberValue -InputObject $InputObject -Name 'Region'
    if ($region) {
        return @{ Region = [string]$region }
    }
    [string]$InputObject
}

function ConvertTo-AwsTokenBridgeParameter {
    <#
    .SYNOPSIS
    The parameters a generated function sends to the backend (see the top of this file).
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]
        $BoundParameters,

        [AllowEmptyCollection()]
        [string[]]
        $CommandLineParameter = @()
    )

    $parameters = @{}
    foreach ($name in @($BoundParameters.Keys)) {
        if ($script:CommonParameterNames -contains $name) {
            continue
        }
        $value = $BoundParameters[$name]
        if ($name -eq 'Credential' -and $null -ne $value) {
            $keys = ConvertTo-AwsTokenBridgeCredential -InputObject $value
            if ($null -ne $keys) {
                $value = $keys
            }
            elseif ($CommandLineParameter -notcontains $name) {
                # The piped object itself, bound by value to [object] -Credential: not a credential.
                continue
            }
        }
        elseif ($name -eq 'NetworkCredential' -and $value -is [System.Management.Automation.PSCredential]) {
            $value = @{ UserName = $value.UserName }
        }
        elseif ($name -eq 'Region') {
            $value = ConvertTo-AwsTokenBridgeRegion -InputObject $value
        }
        $parameters[$name] = $value
    }
    $parameters
}

function ConvertTo-AwsTokenBridgeStoredCredential {
    <#
    .SYNOPSIS
    $StoredAWSCredentials for the backend: @{ AccessKey; SecretKey; Token } or @{ ProfileName }.
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param(
        [AllowNull()]
        [object]
        $InputObject
    )

    if ($null -eq $InputObject) {
        return $null
    }
    if ($InputObject -is [string]) {
        if ($InputObject) {
            return @{ ProfileName = $InputObject }
        }
        return $null
    }
    $keys = ConvertTo-AwsTokenBridgeCredential -InputObject $InputObject
    if ($null -ne $keys) {
        return $keys
    }
    $profileName = Get-AwsTokenBridgeMemberValue -InputObject $InputObject -Name 'ProfileName', 'Name'
    if ($profileName) {
        $stored = @{ ProfileName = [string]$profileName }
        $location = Get-AwsTokenBridgeMemberValue -InputObject $InputObject -Name 'ProfileLocation'
        if ($location) {
            $stored.ProfileLocation = [string]$location
        }
        return $stored
    }
    Write-Verbose -Message 'AwsTokenBridge: $StoredAWSCredentials has a form the backend does not take; it is not used.'
    $null
}

function Get-AwsTokenBridgeShellContext {
    <#
    .SYNOPSIS
    The invoke request's context: the caller's $StoredAWSCredentials and $StoredAWSRegion.
    .DESCRIPTION
    Read through the calling cmdlet's SessionState, so the variables are found wherever the
    caller (or Set-AWSCredential / Set-DefaultAWSRegion) put them: its own scope or global.
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Management.Automation.PSCmdlet]
        $Caller
    )

    $variables = $Caller.SessionState.PSVariable
    $credentials = $variables.GetValue('StoredAWSCredentials')
    $region = $variables.GetValue('StoredAWSRegion')
    if ($null -ne $region -and $region -isnot [string]) {
        $region = Get-AwsTokenBridgeMemberValue -InputObject $region -Name 'SystemName', 'Region'
    }
    @{
        storedCredentials = ConvertTo-AwsTokenBridgeStoredCredential -InputObject $credentials
        storedRegion = $(if ($region) { [string]$region } else { $null })
    }
}
