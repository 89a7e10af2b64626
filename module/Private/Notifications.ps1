# The backend's notifications during a request, onto PowerShell's streams:
#   $/log      {id, level, message}: verbose -> Write-Verbose, debug -> Write-Debug,
#              warning -> Write-Warning, information -> Write-Information (tag AwsTokenBridge)
#   $/progress {id, activity, status, percentComplete}: Write-Progress (-1: unknown percentage)
# They are written from the public cmdlet's call, so its -Verbose, -Debug, -WarningAction and
# -InformationAction (and the preference variables) decide what is shown. Information messages
# are what the user must act on (the URL to open and the code to enter of a sign-in), so they
# are shown like Write-Host's: unless -InformationAction says otherwise (SilentlyContinue and
# Ignore silence them), even while $InformationPreference is SilentlyContinue, its default.

function Write-AwsTokenBridgeLog {
    <#
    .SYNOPSIS
    Writes one $/log message to the stream its level names.
    #>
    [CmdletBinding()]
    param(
        [AllowNull()]
        [AllowEmptyString()]
        [string]
        $Level,

        [AllowNull()]
        [AllowEmptyString()]
        [string]
        $Text
    )

    if ($Level -eq 'debug') {
        Write-Debug -Message $Text
    }
    elseif ($Level -eq 'warning') {
        Write-Warning -Message $Text
    }
    elseif ($Level -eq 'information') {
        $action = $InformationPreference
        # Set by Invoke-AwsTokenBridgeBackend when the cmdlet was given -InformationAction: what
        # the user asked for wins, SilentlyContinue included.
        $explicit = $PSCmdlet.SessionState.PSVariable.GetValue('AwsTokenBridgeInformationAction')
        if ($explicit) {
            $action = $explicit
        }
        elseif ($action -eq 'SilentlyContinue') {
            $action = 'Continue'
        }
        Write-Information -MessageData $Text -Tags 'AwsTokenBridge' -InformationAction $action
    }
    else {
        Write-Verbose -Message $Text
    }
}

function Write-AwsTokenBridgeProgress {
    <#
    .SYNOPSIS
    Writes one $/progress report as Write-Progress with the given Id.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Report,

        [Parameter(Mandatory = $true)]
        [int]
        $Id,

        [Parameter(Mandatory = $true)]
        [string]
        $DefaultActivity
    )

    $activity = [string]$Report.activity
    if (-not $activity) {
        $activity = $DefaultActivity
    }
    $progress = @{
        Id = $Id
        Activity = $activity
    }
    if ($Report.status) {
        $progress.Status = [string]$Report.status
    }
    if ($null -ne $Report.percentComplete -and [int]$Report.percentComplete -ge 0) {
        $progress.PercentComplete = [System.Math]::Min(100, [int]$Report.percentComplete)
    }
    Write-Progress @progress
}

function Write-AwsTokenBridgeNotification {
    <#
    .SYNOPSIS
    Writes a notification about the current request; returns $true when it showed progress.
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Message,

        [Parameter(Mandatory = $true)]
        [int]
        $ProgressId,

        [string]
        $Activity = 'AWS Token Bridge'
    )

    $params = $Message.params
    if ($Message.method -eq '$/log') {
        Write-AwsTokenBridgeLog -Level ([string]$params.level) -Text ([string]$params.message)
        return $false
    }
    if ($Message.method -eq '$/progress') {
        Write-AwsTokenBridgeProgress -Report $params -Id $ProgressId -DefaultActivity $Activity
        return $true
    }
    Write-Debug -Message ('AwsTokenBridge: ignored the notification ' + $Message.method)
    $false
}
