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

# The environment variables the AWS Tools read at every call: sent with each invoke (null when
# unset), because the backend is a long-lived process whose own environment is a snapshot of the
# session's at its start. Any other AWS_ENDPOINT_URL_<SERVICE> that is set is sent too.
$script:ShellEnvironmentNames = @(
    'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION',
    'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN',
    'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE',
    'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_SSO_OIDC', 'AWS_ENDPOINT_URL_SIGNIN', 'AWS_ENDPOINT_URL_SSO',
    'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
    'HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'all_proxy', 'no_proxy'
)

# -ClientConfig: the AmazonConfig properties the backend honours, read from a hashtable or from
# an object shaped like AmazonSSOOIDCConfig / AmazonSigninConfig.
$script:ClientConfigNames = @(
    'ServiceURL', 'RegionEndpoint', 'Timeout', 'MaxErrorRetry', 'UseFIPSEndpoint', 'UseDualstackEndpoint', 'ProxyHost', 'ProxyPort'
)

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

function ConvertTo-AwsTokenBridgeClientConfig {
    <#
    .SYNOPSIS
    -ClientConfig's value for the backend: a hashtable as given, or the honoured properties of
    an AmazonConfig-shaped object (RegionEndpoint by its SystemName, unset ones left out).
    #>
    [CmdletBinding()]
    param(
        [AllowNull()]
        [object]
        $InputObject
    )

    if ($null -eq $InputObject -or $InputObject -is [System.Collections.IDictionary] -or $InputObject -is [string] -or
        $InputObject -is [System.ValueType]) {
        # A hashtable is the backend's own form; anything else simple is for it to refuse by name.
        return $InputObject
    }
    $settings = @{}
    foreach ($name in $script:ClientConfigNames) {
        if ($null -eq $InputObject.PSObject.Properties[$name]) {
            continue
        }
        $value = $InputObject.PSObject.Properties[$name].Value
        if ($null -eq $value -or ($value -is [string] -and -not $value)) {
            continue
        }
        if ($name -eq 'RegionEndpoint' -and $value -isnot [string]) {
            $value = @{ SystemName = [string](Get-AwsTokenBridgeMemberValue -InputObject $value -Name 'SystemName') }
        }
        elseif ($name -eq 'Timeout' -and $value -is [timespan]) {
            $value = $value.TotalSeconds
        }
        $settings[$name] = $value
    }
    # AmazonConfig's ProxyPort is -1 while unset; without a ProxyHost it means nothing.
    if (-not $settings.ContainsKey('ProxyHost')) {
        $settings.Remove('ProxyPort')
    }
    $settings
}

function Get-AwsTokenBridgeShellEnvironment {
    <#
    .SYNOPSIS
    The environment variables the backend resolves this call with: name -> value, or $null for
    an unset one (which the backend then treats as unset too).
    #>
    [CmdletBinding()]
    [OutputType([System.Collections.IDictionary])]
    param()

    # Ordinal: on Linux and macOS http_proxy and HTTP_PROXY are two variables (on Windows both
    # names read the same one).
    $environment = [System.Collections.Generic.Dictionary[string, object]]::new([System.StringComparer]::Ordinal)
    foreach ($name in $script:ShellEnvironmentNames) {
        $value = [System.Environment]::GetEnvironmentVariable($name)
        if ($value) {
            $environment[$name] = $value
        }
        else {
            $environment[$name] = $null
        }
    }
    foreach ($entry in [System.Environment]::GetEnvironmentVariables().GetEnumerator()) {
        $name = [string]$entry.Key
        if ($name.StartsWith('AWS_ENDPOINT_URL_', [System.StringComparison]::OrdinalIgnoreCase) -and $entry.Value) {
            $environment[$name] = [string]$entry.Value
        }
    }
    $environment
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
        elseif ($name -eq 'ClientConfig') {
            $value = ConvertTo-AwsTokenBridgeClientConfig -InputObject $value
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
    The invoke request's context: the caller's $StoredAWSCredentials and $StoredAWSRegion, and
    the environment variables the AWS Tools read at every call.
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
        environment = Get-AwsTokenBridgeShellEnvironment
    }
}
