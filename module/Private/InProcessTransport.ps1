# The in-process transport (Transport = 'InProcess'): the backend runs inside this PowerShell
# process, in CPython loaded through pythonnet, so no child process is started and no pipe is
# read. Opt in with
#
#     Import-Module AwsTokenBridge -ArgumentList @{ Transport = 'InProcess' }
#
# or Transport = 'InProcess' in the configuration file. It needs, in the Python the module
# would otherwise start: a shared Python library (python.org and Windows builds, pyenv with
# --enable-shared, Debian's libpython3.X) and pythonnet (pip install 'aws-token-bridge[inprocess]').
# When anything is missing, the module warns once and uses the stdio transport.
#
# What happens, once per PowerShell process:
#   1. InProcessProbe.py, run by that Python, says where its shared library (the file
#      $env:PYTHONNET_PYDLL names, as pythonnet users expect, or else the one that Python's
#      sysconfig names), pythonnet's Python.Runtime.dll and the executable are (one short
#      child process that exits before Python is loaded, nothing imported);
#   2. Python.Runtime.dll is loaded; Runtime.PythonDLL and PythonEngine.ProgramName are set (the
#      executable's pyvenv.cfg makes the embedded interpreter see a virtual environment's
#      packages); PythonEngine.Initialize(); BeginAllowThreads() gives the GIL back;
#   3. under the GIL: the PYTHONPATH folders the stdio backend would get go to sys.path, and
#      py_backend.rpc.inprocess_dotnet is imported.
# Python cannot be unloaded: a module imported again (or a new connection after a shutdown)
# reuses it, with a fresh backend session.
#
# A connection's Writer and Reader are .NET objects implemented in Python
# (py_backend.rpc.inprocess_dotnet.connect): the Writer hands each line to the backend, the
# Reader's ReadLineAsync() tasks are completed by the backend's threads. The request, cancel and
# stop code of the stdio transport works on them unchanged. Each call into them takes the GIL
# for its own length only; the module's Wait() on a task holds nothing.

$script:InProcessProbePath = [System.IO.Path]::Combine($PSScriptRoot, 'InProcessProbe.py')
$script:InProcessEntryModule = 'py_backend.rpc.inprocess_dotnet'
$script:InProcessEntry = $null
$script:InProcessFailure = $null
$script:InProcessProbeTimeoutMilliseconds = 30000

function Get-AwsTokenBridgeInProcessProbe {
    <#
    .SYNOPSIS
    What InProcessProbe.py reports for the Python command Python (a PSCustomObject), or the
    reason it could not run, as a string.
    .DESCRIPTION
    Run as a process of its own (not with the call operator): Windows PowerShell 5.1 turns a
    native command's stderr into errors, which -ErrorAction Stop would make terminating.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject], [string])]
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Python,

        [AllowEmptyCollection()]
        [string[]]
        $Folder = @()
    )

    $startInfo = [System.Diagnostics.ProcessStartInfo]::new()
    $startInfo.FileName = $Python.FileName
    $startInfo.Arguments = ConvertTo-AwsTokenBridgeCommandLine -Argument (@($Python.Arguments) + @($script:InProcessProbePath) + @($Folder))
    $startInfo.UseShellExecute = $false
    $startInfo.CreateNoWindow = $true
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $startInfo.WorkingDirectory = [System.IO.Path]::GetTempPath()
    try {
        $process = [System.Diagnostics.Process]::Start($startInfo)
    }
    catch {
        return ('running ' + $Python.Description + ' failed: ' + $_.Exception.Message)
    }
    try {
        $errors = $process.StandardError.ReadToEndAsync()
        $output = $process.StandardOutput.ReadToEnd()
        if (-not $process.WaitForExit($script:InProcessProbeTimeoutMilliseconds)) {
            $process.Kill()
            return ($Python.Description + ' did not finish the probe')
        }
        $null = $errors.Wait($script:InProcessProbeTimeoutMilliseconds)
        if ($process.ExitCode -ne 0) {
            return ($Python.Description + ' could not run the probe (exit code ' + $process.ExitCode + ')')
        }
    }
    finally {
        $process.Dispose()
    }
    try {
        ConvertFrom-Json -InputObject $output -ErrorAction Stop
    }
    catch {
        'the probe did not print what was expected'
    }
}

function Get-AwsTokenBridgeInProcessFolder {
    <#
    .SYNOPSIS
    The folders the stdio backend would get on its PYTHONPATH, as a list.
    #>
    [CmdletBinding()]
    [OutputType([string[]])]
    param()

    $joined = Get-AwsTokenBridgePythonPath
    [string[]]@(([string]$joined).Split([System.IO.Path]::PathSeparator) | Where-Object { $_ })
}

function Import-AwsTokenBridgeInProcessEntry {
    <#
    .SYNOPSIS
    Under the GIL: puts Folder first on sys.path and imports the entry point into
    $script:InProcessEntry (kept out of the pipeline: it is a Python object).
    #>
    [CmdletBinding()]
    param(
        [AllowEmptyCollection()]
        [string[]]
        $Folder = @()
    )

    $py = 'Python.Runtime.Py' -as [type]
    $gil = $py::GIL()
    try {
        $sys = $py::Import('sys')
        $path = ('Python.Runtime.PyList' -as [type])::new($sys.GetAttr('path'))
        for ($index = $Folder.Count - 1; $index -ge 0; $index--) {
            $path.Insert(0, ('Python.Runtime.PyString' -as [type])::new($Folder[$index]))
        }
        $script:InProcessEntry = $py::Import($script:InProcessEntryModule)
    }
    finally {
        $gil.Dispose()
    }
}

function Initialize-AwsTokenBridgeInProcess {
    <#
    .SYNOPSIS
    Loads Python into this process (once) and imports the backend's entry point. Returns $true,
    or writes one warning saying what is missing and returns $false (use the stdio transport).
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Python
    )

    if ($null -ne $script:InProcessEntry) {
        return $true
    }
    if ($null -ne $script:InProcessFailure) {
        return $false
    }
    $folders = Get-AwsTokenBridgeInProcessFolder
    $reason = $null
    try {
        $engine = 'Python.Runtime.PythonEngine' -as [type]
        if ($null -eq $engine -or -not $engine::IsInitialized) {
            $found = Get-AwsTokenBridgeInProcessProbe -Python $Python -Folder $folders
            if ($found -is [string]) {
                $reason = $found
            }
            elseif (@($found.problems | Where-Object { $_ }).Count -gt 0) {
                $reason = @($found.problems | Where-Object { $_ }) -join '; '
            }
            else {
                if ($null -eq $engine) {
                    $null = [System.Reflection.Assembly]::LoadFrom([string]$found.runtimeDll)
                    $engine = 'Python.Runtime.PythonEngine' -as [type]
                }
                ('Python.Runtime.Runtime' -as [type])::PythonDLL = [string]$found.pythonDll
                $engine::ProgramName = [string]$found.executable
                $engine::Initialize()
                # The GIL goes back to Python until a call takes it.
                $null = $engine::BeginAllowThreads()
            }
        }
        if ($null -eq $reason) {
            Import-AwsTokenBridgeInProcessEntry -Folder $folders
        }
    }
    catch {
        $reason = 'loading Python failed: ' + $_.Exception.Message
    }
    if ($null -eq $reason) {
        Write-Verbose -Message ('AwsTokenBridge: the backend runs in this process (' + $Python.Description + ').')
        return $true
    }
    $script:InProcessFailure = $reason
    Write-Warning -Message ('AwsTokenBridge: the in-process transport is not available (' + $reason + '); using the stdio transport.')
    $false
}

function Start-AwsTokenBridgeInProcessTransport {
    <#
    .SYNOPSIS
    A connection to a backend in this process (before the handshake), or $null when the
    in-process transport is not available (after one warning): then start the stdio transport.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [object]
        $Python
    )

    if (-not (Initialize-AwsTokenBridgeInProcess -Python $Python)) {
        return $null
    }
    $py = 'Python.Runtime.Py' -as [type]
    $gil = $py::GIL()
    try {
        if ($script:Configuration.LogLevel) {
            $level = ('Python.Runtime.PyString' -as [type])::new([string]$script:Configuration.LogLevel)
            $pair = $script:InProcessEntry.InvokeMethod('connect', $level)
        }
        else {
            $pair = $script:InProcessEntry.InvokeMethod('connect')
        }
        $writer = $pair.GetItem(0).AsManagedObject([System.IO.TextWriter])
        $reader = $pair.GetItem(1).AsManagedObject([System.IO.TextReader])
    }
    finally {
        $gil.Dispose()
    }
    New-AwsTokenBridgeConnection -Transport 'InProcess' -Writer $writer -Reader $reader -Python $Python
}
