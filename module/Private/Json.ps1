# JSON in both directions.
#
# Out: the module's own serializer, not ConvertTo-Json, whose output differs between Windows
# PowerShell 5.1 and PowerShell 7 (silent truncation at -Depth, escaping of < > ' &, enums as
# numbers, DateTime as \/Date()\/, extra ETS properties serialized on strings). It writes what
# Python's json.dumps(value, sort_keys=True, separators=(',', ':'), ensure_ascii=True) writes, so
# the tests can compare requests byte for byte.
#
# In: on PowerShell 7, Newtonsoft.Json (which pwsh loads at start) read token by token, with
# what ConvertFrom-Json makes of each; ConvertFrom-Json itself on Windows PowerShell 5.1 (which
# has neither -AsHashtable nor -Depth). Then a walk that turns each
# object with a "$type" member into a PSCustomObject whose first PSTypeName is that .NET type
# name (the format views key on it), without the "$type" member; objects without "$type" are
# dictionaries and become hashtables.

$script:MaxJsonDepth = 32
# A string JSON writes as it is, between quotes: printable ASCII without '"' and '\'. The end
# is \z, not $, which also matches before a last newline (that string went out unescaped).
$script:JsonPlainString = '^[\x20\x21\x23-\x5b\x5d-\x7f]*\z'

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

    # One builder for the whole text, filled by a plain function: an advanced function per
    # value (parameter binding each time) made a request's JSON cost milliseconds (issue 15).
    $builder = [System.Text.StringBuilder]::new(256)
    Add-AwsTokenBridgeJson -Builder $builder -InputObject $InputObject -Depth $Depth
    $builder.ToString()
}

function ConvertTo-AwsTokenBridgeJsonText {
    <#
    .SYNOPSIS
    The JSON string literals of the strings in Value, in order: quotes, backslashes and control
    characters escaped, non-ASCII as \uXXXX.
    .DESCRIPTION
    The one place that decides whether a string is written as it is. It takes every string of a
    dictionary, object or array at once (names and string items): a call per string (parameter
    binding each time) made a request's JSON cost twice as much. A plain function on purpose.
    #>
    param([object] $Value)

    $texts = [System.Collections.Generic.List[string]]::new()
    foreach ($text in $Value) {
        if ($text -cmatch $script:JsonPlainString) {
            $texts.Add('"' + $text + '"')
            continue
        }
        $builder = [System.Text.StringBuilder]::new($text.Length + 16)
        $null = $builder.Append('"')
        foreach ($character in $text.ToCharArray()) {
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
        $texts.Add($builder.ToString())
    }
    # The comma: a list of one leaves as a list.
    , $texts
}

function Add-AwsTokenBridgeJson {
    <#
    .SYNOPSIS
    Appends the JSON text of InputObject to Builder (the rules of ConvertTo-AwsTokenBridgeJson).
    .DESCRIPTION
    A plain function on purpose: it runs once per value of every request that is neither null
    nor a string (those are written by the dictionary, object or array that holds them).
    #>
    param([System.Text.StringBuilder] $Builder, [object] $InputObject, [int] $Depth)

    if ($Depth -gt $script:MaxJsonDepth) {
        throw (New-AwsTokenBridgeErrorRecord -Message 'A parameter value is nested too deeply to send to the AWS Token Bridge backend.' -ErrorId 'AwsTokenBridgeValueTooDeep' -Category InvalidArgument)
    }
    $value = $InputObject
    if ($null -eq $value) {
        $null = $Builder.Append('null')
        return
    }
    # What JSON writes as a string, written at the end.
    $text = $null
    if ($value -is [string] -or $value -is [char]) {
        $text = [string]$value
    }
    elseif ($value -is [bool] -or $value -is [System.Management.Automation.SwitchParameter]) {
        if ([bool]$value) {
            $null = $Builder.Append('true')
        }
        else {
            $null = $Builder.Append('false')
        }
        return
    }
    elseif ($value -is [System.Security.SecureString]) {
        $text = [System.Net.NetworkCredential]::new('', $value).Password
    }
    elseif ($value -is [System.Management.Automation.PSCredential]) {
        Add-AwsTokenBridgeJson -Builder $Builder -InputObject @{ UserName = $value.UserName } -Depth ($Depth + 1)
        return
    }
    elseif ($value -is [System.Enum]) {
        $text = $value.ToString()
    }
    elseif ($value -is [datetime]) {
        $text = $value.ToUniversalTime().ToString('o', [cultureinfo]::InvariantCulture)
    }
    elseif ($value -is [int] -or $value -is [long] -or $value -is [double] -or $value -is [decimal] -or
        $value -is [single] -or $value -is [byte] -or $value -is [sbyte] -or $value -is [int16] -or
        $value -is [uint16] -or $value -is [uint32] -or $value -is [uint64]) {
        # The .NET numeric types JSON writes as numbers.
        if (($value -is [double] -or $value -is [single]) -and ([double]::IsNaN($value) -or [double]::IsInfinity($value))) {
            throw (New-AwsTokenBridgeErrorRecord -Message 'NaN and Infinity cannot be sent to the AWS Token Bridge backend.' -ErrorId 'AwsTokenBridgeValueNotJson' -Category InvalidArgument)
        }
        if ($value -is [double] -or $value -is [single]) {
            $null = $Builder.Append($value.ToString('R', [cultureinfo]::InvariantCulture))
        }
        else {
            $null = $Builder.Append($value.ToString([cultureinfo]::InvariantCulture))
        }
        return
    }
    elseif ($value -is [System.Collections.IDictionary] -or $value -is [System.Management.Automation.PSCustomObject] -or
        $value -is [System.Collections.IEnumerable]) {
        # A dictionary or an object has member names (a dictionary's in ordinal order), an array
        # has none. Names and string items become JSON text in one call; other items recurse.
        $names = $null
        $items = [System.Collections.Generic.List[object]]::new()
        if ($value -is [System.Collections.IDictionary]) {
            $names = [System.Collections.Generic.List[string]]::new()
            foreach ($key in $value.Keys) {
                $names.Add([string]$key)
            }
            $names.Sort([System.StringComparer]::Ordinal)
            foreach ($name in $names) {
                $items.Add($value[$name])
            }
        }
        elseif ($value -is [System.Management.Automation.PSCustomObject]) {
            $names = [System.Collections.Generic.List[string]]::new()
            foreach ($property in $value.PSObject.Properties) {
                $names.Add($property.Name)
                $items.Add($property.Value)
            }
        }
        else {
            foreach ($item in $value) {
                $items.Add($item)
            }
        }
        if ($Depth -ge $script:MaxJsonDepth) {
            # Its items are past the limit: each is refused as Add-AwsTokenBridgeJson refuses a
            # value there, the strings (and an array's or object's nulls) written below too; a
            # dictionary's null never went through that check.
            foreach ($item in $items) {
                if ($null -ne $item -or $value -isnot [System.Collections.IDictionary]) {
                    Add-AwsTokenBridgeJson -Builder $Builder -InputObject $item -Depth ($Depth + 1)
                }
            }
        }
        $strings = [System.Collections.Generic.List[string]]::new()
        $next = 0
        if ($null -ne $names) {
            $strings.AddRange($names)
            $next = $names.Count
        }
        for ($index = 0; $index -lt $items.Count; $index++) {
            $item = $items[$index]
            if ($item -is [char]) {
                $item = [string]$item
                $items[$index] = $item
            }
            if ($item -is [string]) {
                $strings.Add($item)
            }
        }
        $texts = $null
        if ($strings.Count -gt 0) {
            $texts = ConvertTo-AwsTokenBridgeJsonText -Value $strings
        }
        if ($null -eq $names) {
            $null = $Builder.Append('[')
        }
        else {
            $null = $Builder.Append('{')
        }
        for ($index = 0; $index -lt $items.Count; $index++) {
            if ($index -gt 0) {
                $null = $Builder.Append(',')
            }
            if ($null -ne $names) {
                $null = $Builder.Append($texts[$index]).Append(':')
            }
            $item = $items[$index]
            if ($null -eq $item) {
                $null = $Builder.Append('null')
            }
            elseif ($item -is [string]) {
                $null = $Builder.Append($texts[$next])
                $next++
            }
            else {
                Add-AwsTokenBridgeJson -Builder $Builder -InputObject $item -Depth ($Depth + 1)
            }
        }
        if ($null -eq $names) {
            $null = $Builder.Append(']')
        }
        else {
            $null = $Builder.Append('}')
        }
        return
    }
    else {
        $text = [string]$value
    }
    $null = $Builder.Append((ConvertTo-AwsTokenBridgeJsonText -Value $text)[0])
}

# PowerShell 7's ConvertFrom-Json turns every string that looks like a date into a DateTime; the
# module keeps strings as sent and makes DateTimes only of values the backend types as such.
# So PowerShell 7 reads through Newtonsoft.Json (which every 7.x ships and loads at start) with
# date parsing off, the same on 7.0 to 7.6, and not through ConvertFrom-Json -DateKind String
# (7.5+): that cmdlet is in the Utility module, whose loading cost the first call 25 to 100 ms
# (issue 15). Windows PowerShell 5.1's ConvertFrom-Json never turns strings into dates.
$script:JsonViaNewtonsoft = $PSVersionTable.PSEdition -eq 'Core'

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

    $reader = [Newtonsoft.Json.JsonTextReader]::new([System.IO.StringReader]::new($Line))
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
    # A plain function, called once per value: no parameter binding of an advanced function.
    param([object] $Token)

    if ($null -eq $Token) {
        return $null
    }
    # Plain values are taken in the loops, without a call each (most of an answer's values).
    if ($Token -is [Newtonsoft.Json.Linq.JObject]) {
        $properties = [ordered]@{}
        foreach ($property in $Token.Properties()) {
            $value = $property.Value
            if ($value -is [Newtonsoft.Json.Linq.JValue]) {
                $properties[$property.Name] = $value.Value
            }
            else {
                $properties[$property.Name] = ConvertFrom-AwsTokenBridgeJsonToken -Token $value
            }
        }
        return [pscustomobject]$properties
    }
    if ($Token -is [Newtonsoft.Json.Linq.JArray]) {
        $items = foreach ($item in $Token) {
            if ($item -is [Newtonsoft.Json.Linq.JValue]) {
                , $item.Value
            }
            else {
                , (ConvertFrom-AwsTokenBridgeJsonToken -Token $item)
            }
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

    try {
        if ($script:JsonViaNewtonsoft) {
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

    # The walk is a plain function: an advanced function per value (parameter binding each
    # time) made reading an answer cost milliseconds (issue 15).
    ConvertFrom-AwsTokenBridgeJsonValue -InputObject $InputObject
}

function ConvertFrom-AwsTokenBridgeJsonValue {
    <#
    .SYNOPSIS
    ConvertTo-AwsTokenBridgeObject's walk, one value at a time.
    #>
    param([object] $InputObject)

    if ($InputObject -is [System.Management.Automation.PSCustomObject]) {
        $typeName = $null
        $properties = [ordered]@{}
        foreach ($property in $InputObject.PSObject.Properties) {
            if ($property.Name -ceq '$type') {
                $typeName = [string]$property.Value
            }
            else {
                $properties[$property.Name] = ConvertFrom-AwsTokenBridgeJsonValue -InputObject $property.Value
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
        $result = [pscustomobject]$properties
        $result.PSObject.TypeNames.Insert(0, $typeName)
        return $result
    }
    if ($InputObject -is [array]) {
        $items = foreach ($item in $InputObject) {
            ConvertFrom-AwsTokenBridgeJsonValue -InputObject $item
        }
        return , @($items)
    }
    $InputObject
}
