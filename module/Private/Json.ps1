# JSON in both directions.
#
# Out: the module's own serializer, not ConvertTo-Json, whose output differs between Windows
# PowerShell 5.1 and PowerShell 7 (silent truncation at -Depth, escaping of < > ' &, enums as
# numbers, DateTime as \/Date()\/, extra ETS properties serialized on strings). It writes what
# Python's json.dumps(value, sort_keys=True, separators=(',', ':'), ensure_ascii=True) writes, so
# the tests can compare requests byte for byte.
#
# In: ConvertFrom-Json (5.1 has neither -AsHashtable nor -Depth), then a walk that turns each
# object with a "$type" member into a PSCustomObject whose first PSTypeName is that .NET type
# name (the format views key on it), without the "$type" member; objects without "$type" are
# dictionaries and become hashtables.

$script:MaxJsonDepth = 32

function ConvertTo-AwsTokenBridgeJsonString {
    <#
    .SYNOPSIS
    A JSON string literal: quotes, backslashes and control characters escaped, non-ASCII as \uXXXX.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [string]
        $Value
    )

    if ($Value -cmatch '^[\x20\x21\x23-\x5b\x5d-\x7f]*$') {
        return '"' + $Value + '"'
    }
    $builder = [System.Text.StringBuilder]::new($Value.Length + 16)
    $null = $builder.Append('"')
    foreach ($character in $Value.ToCharArray()) {
        $code = [int]$character
        if ($code -eq 34) {
            $null = $builder.Append('\"')
        }
        elseif ($code -eq 92) {
            $null = $builder.Append('\\')
        }
        elseif ($code -eq 10) {
            $null = $builder.Append('\n')
        }
        elseif ($code -eq 13) {
            $null = $builder.Append('\r')
        }
        elseif ($code -eq 9) {
            $null = $builder.Append('\t')
        }
        elseif ($code -eq 8) {
            $null = $builder.Append('\b')
        }
        elseif ($code -eq 12) {
            $null = $builder.Append('\f')
        }
        elseif ($code -lt 32 -or $code -gt 127) {
            $null = $builder.Append(('\u{0:x4}' -f $code))
        }
        else {
            $null = $builder.Append($character)
        }
    }
    $null = $builder.Append('"')
    $builder.ToString()
}

function Test-AwsTokenBridgeNumber {
    <#
    .SYNOPSIS
    True for the .NET numeric types JSON writes as numbers.
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [AllowNull()]
        [object]
        $Value
    )

    $Value -is [int] -or $Value -is [long] -or $Value -is [double] -or $Value -is [decimal] -or
    $Value -is [single] -or $Value -is [byte] -or $Value -is [sbyte] -or $Value -is [int16] -or
    $Value -is [uint16] -or $Value -is [uint32] -or $Value -is [uint64]
}

function ConvertTo-AwsTokenBridgeJson {
    <#
    .SYNOPSIS
    One compact JSON text for InputObject (see the top of this file).
    .DESCRIPTION
    null; strings and chars; booleans and switches; numbers (invariant culture); enums by name;
    DateTime in ISO 8601; a SecureString as its text; a PSCredential as {UserName} only;
    dictionaries (keys in ordinal order); PSCustomObjects (properties in order); other
    enumerables as arrays; anything else as its string.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [AllowNull()]
        [AllowEmptyString()]
        [AllowEmptyCollection()]
        [object]
        $InputObject,

        [int]
        $Depth = 0
    )

    if ($Depth -gt $script:MaxJsonDepth) {
        throw (New-AwsTokenBridgeErrorRecord -Message 'A parameter value is nested too deeply to send to the AWS Token Bridge backend.' -ErrorId 'AwsTokenBridgeValueTooDeep' -Category InvalidArgument)
    }
    $value = $InputObject
    if ($null -eq $value) {
        return 'null'
    }
    if ($value -is [string] -or $value -is [char]) {
        return (ConvertTo-AwsTokenBridgeJsonString -Value ([string]$value))
    }
    if ($value -is [bool] -or $value -is [System.Management.Automation.SwitchParameter]) {
        if ([bool]$value) {
            return 'true'
        }
        return 'false'
    }
    if ($value -is [System.Security.SecureString]) {
        $plain = [System.Net.NetworkCredential]::new('', $value).Password
        return (ConvertTo-AwsTokenBridgeJsonString -Value $plain)
    }
    if ($value -is [System.Management.Automation.PSCredential]) {
        return (ConvertTo-AwsTokenBridgeJson -InputObject @{ UserName = $value.UserName } -Depth ($Depth + 1))
    }
    if ($value -is [System.Enum]) {
        $name = $value.ToString()
        return (ConvertTo-AwsTokenBridgeJsonString -Value $name)
    }
    if ($value -is [datetime]) {
        $iso = $value.ToUniversalTime().ToString('o', [cultureinfo]::InvariantCulture)
        return (ConvertTo-AwsTokenBridgeJsonString -Value $iso)
    }
    if (Test-AwsTokenBridgeNumber -Value $value) {
        if (($value -is [double] -or $value -is [single]) -and ([double]::IsNaN($value) -or [double]::IsInfinity($value))) {
            throw (New-AwsTokenBridgeErrorRecord -Message 'NaN and Infinity cannot be sent to the AWS Token Bridge backend.' -ErrorId 'AwsTokenBridgeValueNotJson' -Category InvalidArgument)
        }
        if ($value -is [double] -or $value -is [single]) {
            return $value.ToString('R', [cultureinfo]::InvariantCulture)
        }
        return $value.ToString([cultureinfo]::InvariantCulture)
    }
    if ($value -is [System.Collections.IDictionary]) {
        $keys = [string[]]@($value.Keys | ForEach-Object { [string]$_ })
        [System.Array]::Sort($keys, [System.StringComparer]::Ordinal)
        $members = foreach ($key in $keys) {
            (ConvertTo-AwsTokenBridgeJsonString -Value $key) + ':' + (ConvertTo-AwsTokenBridgeJson -InputObject $value[$key] -Depth ($Depth + 1))
        }
        return '{' + (@($members) -join ',') + '}'
    }
    if ($value -is [System.Management.Automation.PSCustomObject]) {
        $members = foreach ($property in $value.PSObject.Properties) {
            (ConvertTo-AwsTokenBridgeJsonString -Value $property.Name) + ':' + (ConvertTo-AwsTokenBridgeJson -InputObject $property.Value -Depth ($Depth + 1))
        }
        return '{' + (@($members) -join ',') + '}'
    }
    if ($value -is [System.Collections.IEnumerable]) {
        $items = foreach ($item in $value) {
            ConvertTo-AwsTokenBridgeJson -InputObject $item -Depth ($Depth + 1)
        }
        return '[' + (@($items) -join ',') + ']'
    }
    ConvertTo-AwsTokenBridgeJsonString -Value ([string]$value)
}

# PowerShell 7's ConvertFrom-Json turns every string that looks like a date into a DateTime; the
# module keeps strings as sent and makes DateTimes only of values the backend types as such.
# PowerShell 7.5+ has -DateKind String; 7.0 to 7.4 read through Newtonsoft.Json (which they
# ship) with date parsing off. Found out at the first answer, not at import: Get-Command loads
# the Utility module (tens of ms), which the first answer's ConvertFrom-Json loads anyway.
$script:JsonDateKind = $null
$script:JsonViaNewtonsoft = $null

function Initialize-AwsTokenBridgeJsonReader {
    <#
    .SYNOPSIS
    Sets how answers are read: ConvertFrom-Json -DateKind String, Newtonsoft.Json, or plain.
    #>
    [CmdletBinding()]
    param()

    $script:JsonDateKind = (Get-Command -Name ConvertFrom-Json).Parameters.ContainsKey('DateKind')
    $script:JsonViaNewtonsoft = (-not $script:JsonDateKind) -and ($PSVersionTable.PSEdition -eq 'Core')
}

function Read-AwsTokenBridgeJsonToken {
    <#
    .SYNOPSIS
    Newtonsoft.Json's token for one line, with dates left as strings (PowerShell 7.0 to 7.4).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [string]
        $Line
    )

    $reader = New-Object -TypeName Newtonsoft.Json.JsonTextReader -ArgumentList ([System.IO.StringReader]::new($Line))
    $reader.DateParseHandling = [Newtonsoft.Json.DateParseHandling]::None
    $reader.FloatParseHandling = [Newtonsoft.Json.FloatParseHandling]::Double
    # The comma: a JObject is enumerable, and would leave as its properties.
    , [Newtonsoft.Json.Linq.JToken]::ReadFrom($reader)
}

function ConvertFrom-AwsTokenBridgeJsonToken {
    <#
    .SYNOPSIS
    The PSCustomObject, array or value ConvertFrom-Json would make of a Newtonsoft.Json token.
    #>
    [CmdletBinding()]
    param(
        [AllowNull()]
        [object]
        $Token
    )

    if ($null -eq $Token) {
        return $null
    }
    if ($Token -is [Newtonsoft.Json.Linq.JObject]) {
        $properties = [ordered]@{}
        foreach ($property in $Token.Properties()) {
            $properties[$property.Name] = ConvertFrom-AwsTokenBridgeJsonToken -Token $property.Value
        }
        return (New-Object -TypeName psobject -Property $properties)
    }
    if ($Token -is [Newtonsoft.Json.Linq.JArray]) {
        $items = foreach ($item in $Token) {
            , (ConvertFrom-AwsTokenBridgeJsonToken -Token $item)
        }
        return , @($items)
    }
    $Token.Value
}

function ConvertFrom-AwsTokenBridgeLine {
    <#
    .SYNOPSIS
    The JSON object on one line from the backend, or $null when the line is not one.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [string]
        $Line
    )

    if ($null -eq $script:JsonDateKind) {
        Initialize-AwsTokenBridgeJsonReader
    }
    try {
        if ($script:JsonDateKind) {
            # PowerShell 7.5+: strings stay strings (a ClientName that looks like a date too).
            # Splatted: Windows PowerShell 5.1 parses this line too, and has no -DateKind.
            $dateKind = @{ DateKind = 'String' }
            $message = ConvertFrom-Json -InputObject $Line @dateKind -ErrorAction Stop
        }
        elseif ($script:JsonViaNewtonsoft) {
            $message = ConvertFrom-AwsTokenBridgeJsonToken -Token (Read-AwsTokenBridgeJsonToken -Line $Line)
        }
        else {
            # Windows PowerShell 5.1 never turns strings into dates.
            $message = ConvertFrom-Json -InputObject $Line -ErrorAction Stop
        }
    }
    catch {
        return $null
    }
    if ($message -is [System.Management.Automation.PSCustomObject]) {
        return $message
    }
    $null
}

function ConvertTo-AwsTokenBridgeObject {
    <#
    .SYNOPSIS
    An output object from its JSON form: "$type" becomes the first PSTypeName (see the top of
    this file). Arrays stay arrays (returned with the comma operator, so one element or none
    survives the return).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [AllowNull()]
        [AllowEmptyCollection()]
        [object]
        $InputObject
    )

    if ($InputObject -is [System.Management.Automation.PSCustomObject]) {
        $typeName = $null
        $properties = [ordered]@{}
        foreach ($property in $InputObject.PSObject.Properties) {
            if ($property.Name -ceq '$type') {
                $typeName = [string]$property.Value
            }
            else {
                $properties[$property.Name] = ConvertTo-AwsTokenBridgeObject -InputObject $property.Value
            }
        }
        if ($typeName -ceq 'System.DateTime') {
            # A timestamp: Kind Utc, as the AWS SDK for .NET unmarshalls it.
            $styles = [System.Globalization.DateTimeStyles]::AdjustToUniversal -bor [System.Globalization.DateTimeStyles]::AssumeUniversal
            return [datetime]::Parse([string]$properties['Value'], [cultureinfo]::InvariantCulture, $styles)
        }
        if ($null -eq $typeName) {
            $dictionary = @{}
            foreach ($key in $properties.Keys) {
                $dictionary[$key] = $properties[$key]
            }
            return $dictionary
        }
        $result = New-Object -TypeName psobject -Property $properties
        $result.PSObject.TypeNames.Insert(0, $typeName)
        return $result
    }
    if ($InputObject -is [array]) {
        $items = foreach ($item in $InputObject) {
            ConvertTo-AwsTokenBridgeObject -InputObject $item
        }
        return , @($items)
    }
    $InputObject
}
