function Install-AwsTokenBridgeBackend {
    <#
    .SYNOPSIS
    Installs the Python backend of the AwsTokenBridge module in a private virtual environment.

    .DESCRIPTION
    The cmdlets of this module are run by the aws-token-bridge Python package. This command
    creates a virtual environment for this module version in the user's data folder
    ($env:LOCALAPPDATA\AwsTokenBridge\backend\<version> on Windows,
    $env:XDG_DATA_HOME/AwsTokenBridge/backend/<version> or
    ~/.local/share/AwsTokenBridge/backend/<version> elsewhere) and installs there the
    aws-token-bridge wheel that the module package carries (its wheels folder).

    The wheel's dependencies come from pip's own configured source: pip's configuration file and
    its environment variables (PIP_INDEX_URL, PIP_EXTRA_INDEX_URL, PIP_FIND_LINKS, PIP_NO_INDEX)
    apply as they do to any pip command, so an internal index or a folder of wheels works.

    Nothing else is changed: no PATH, no profile. The module finds this environment after the
    user's explicit choices ($env:AWSTB_PYTHON, the configuration, an activated virtual
    environment, a source checkout's .venv) and before any Python on PATH; a warning says so
    when an explicit choice keeps the module from using it.

    Run again, it does nothing when the environment already has this version of the backend;
    -Force removes the environment and installs it again. Get-AwsTokenBridgeBackend shows the
    folder (PrivateEnvironment, and DataFolder for every version); removing that folder
    uninstalls it.

    .PARAMETER Python
    The Python 3.10 or later that creates the environment: a path or a command name. By
    default, on Windows the Python launcher (py -3), then python3, then python on PATH.

    .PARAMETER Force
    Removes the environment and installs it again, even when it is already complete.

    .EXAMPLE
    Install-AwsTokenBridgeBackend

    Installs the backend with the Python on PATH, then the module's cmdlets work.

    .EXAMPLE
    Install-AwsTokenBridgeBackend -Python 'C:\Program Files\Python312\python.exe' -Force

    Reinstalls the backend with that Python.

    .EXAMPLE
    Install-AwsTokenBridgeBackend -WhatIf

    Shows where the environment would be made, changing nothing.

    .OUTPUTS
    AwsTokenBridge.BackendInstallation

    .LINK
    Get-AwsTokenBridgeBackend

    .LINK
    about_AwsTokenBridge
    #>
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium', PositionalBinding = $false)]
    [OutputType('AwsTokenBridge.BackendInstallation')]
    param(
        [string]
        $Python,

        [switch]
        $Force
    )

    $folder = Get-AwsTokenBridgeBackendFolder
    $environmentPython = Get-AwsTokenBridgeEnvironmentPython -Path $folder
    $ownPython = New-AwsTokenBridgePythonCommand -FileName $environmentPython -Source 'the module''s own environment' -Kind Private
    $wheel = Find-AwsTokenBridgeWheel
    if ($null -eq $wheel) {
        $message = 'This copy of the AwsTokenBridge module (' + $script:ModuleRoot + ') carries no ' + $script:PythonPackage +
            ' ' + $script:ModuleVersion + ' wheel (wheels/' + ($script:PythonPackage -replace '-', '_') + '-' + $script:ModuleVersion +
            '-*.whl). Install the module from a PowerShell repository (Install-PSResource AwsTokenBridge), or build the package ' +
            'from a source checkout with ./build.ps1 -Task Package.'
        $PSCmdlet.ThrowTerminatingError((New-AwsTokenBridgeErrorRecord -Message $message -ErrorId 'AwsTokenBridgeWheelNotFound' -Category ObjectNotFound -TargetObject $script:ModuleRoot))
    }

    if (-not $Force -and (Test-Path -LiteralPath $environmentPython -PathType Leaf)) {
        $installed = Get-AwsTokenBridgePythonFacts -Python $ownPython -Isolated
        if ($null -ne $installed -and $installed.backendVersion -eq $script:ModuleVersion) {
            Write-Verbose -Message ('AwsTokenBridge: ' + $folder + ' already has ' + $script:PythonPackage + ' ' + $script:ModuleVersion + '; nothing to do (-Force reinstalls).')
            return (New-AwsTokenBridgeInstallation -Folder $folder -Python $environmentPython -Facts $installed -Changed $false)
        }
    }

    try {
        $base = Resolve-AwsTokenBridgeInstallPython -Python $Python
    }
    catch {
        $PSCmdlet.ThrowTerminatingError($_)
    }
    $action = 'Create a Python virtual environment with ' + $base.Description + ' and install ' + $script:PythonPackage + ' ' +
        $script:ModuleVersion + ' and its dependencies in it'
    if (-not $PSCmdlet.ShouldProcess($folder, $action)) {
        return
    }
    $baseFacts = Get-AwsTokenBridgePythonFacts -Python $base -Isolated
    if ($null -eq $baseFacts -or -not $baseFacts.supported) {
        $found = 'does not run'
        if ($null -ne $baseFacts) {
            $found = 'is Python ' + $baseFacts.pythonVersion
        }
        $message = $base.Description + ' ' + $found + '; the backend needs Python 3.10 or later. Install one ' +
            '(https://www.python.org/downloads/) and name it with -Python.'
        $PSCmdlet.ThrowTerminatingError((New-AwsTokenBridgeErrorRecord -Message $message -ErrorId 'AwsTokenBridgePythonNotSupported' -Category InvalidArgument -TargetObject $base.FileName))
    }

    # The running backend may be this environment's Python (Windows keeps its files locked).
    Stop-AwsTokenBridgeBackend
    $activity = 'Installing the AWS Token Bridge backend'
    try {
        if (Test-Path -LiteralPath $folder) {
            Remove-Item -LiteralPath $folder -Recurse -Force
        }
        $steps = @(
            @{
                Status = 'Creating the virtual environment ' + $folder
                Percent = 5
                FileName = $base.FileName
                Arguments = @($base.Arguments) + @('-m', 'venv', $folder)
            },
            @{
                Status = 'Installing ' + $script:PythonPackage + ' ' + $script:ModuleVersion + ' and its dependencies (from pip''s configured source)'
                Percent = 30
                FileName = $environmentPython
                Arguments = @('-m', 'pip', 'install', '--disable-pip-version-check', $wheel)
            }
        )
        foreach ($step in $steps) {
            Write-Progress -Activity $activity -Status $step.Status -PercentComplete $step.Percent
            Write-Verbose -Message ('AwsTokenBridge: ' + $step.FileName + ' ' + ($step.Arguments -join ' '))
            $run = Invoke-AwsTokenBridgeProcess -FileName $step.FileName -Arguments $step.Arguments -Isolated
            foreach ($line in @(($run.Output + $run.Errors) -split "`r?`n" | Where-Object { $_ })) {
                Write-Verbose -Message $line
            }
            if ($run.ExitCode -ne 0) {
                # No half-made environment is left for the module to find.
                Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction Ignore
                $message = $step.Status + ' failed (exit code ' + $run.ExitCode + '): ' + ($run.Errors + $run.Output).Trim()
                $PSCmdlet.ThrowTerminatingError((New-AwsTokenBridgeErrorRecord -Message $message -ErrorId 'AwsTokenBridgeBackendInstallFailed' -Category InvalidResult -TargetObject $folder))
            }
        }
        Write-Progress -Activity $activity -Status 'Checking the backend' -PercentComplete 90
        $facts = Get-AwsTokenBridgePythonFacts -Python $ownPython -Isolated
        if ($null -eq $facts -or $facts.backendVersion -ne $script:ModuleVersion) {
            Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction Ignore
            $message = 'The environment ' + $folder + ' was made, but its Python does not report ' + $script:PythonPackage + ' ' +
                $script:ModuleVersion + '; it was removed. Run Install-AwsTokenBridgeBackend -Verbose to see pip''s output.'
            $PSCmdlet.ThrowTerminatingError((New-AwsTokenBridgeErrorRecord -Message $message -ErrorId 'AwsTokenBridgeBackendInstallFailed' -Category InvalidResult -TargetObject $folder))
        }
    }
    finally {
        Write-Progress -Activity $activity -Completed
    }

    $chosen = $null
    try {
        $chosen = Resolve-AwsTokenBridgePython
    }
    catch {
        Write-Verbose -Message ('AwsTokenBridge: ' + $_.Exception.Message)
    }
    if ($null -ne $chosen -and $chosen.Kind -ne 'Private') {
        Write-Warning -Message ('The module keeps using ' + $chosen.Description + ', which comes before its own environment; ' +
            'remove that choice to use ' + $environmentPython + '.')
    }
    New-AwsTokenBridgeInstallation -Folder $folder -Python $environmentPython -Facts $facts -Changed $true
}
