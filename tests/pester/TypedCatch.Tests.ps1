# Typed catch, as scripts written for the AWS Tools use it:
#   catch [Amazon.SSOOIDC.Model.AuthorizationPendingException] { ... }
# With the AWS SDK for .NET loaded in the session (as AWS.Tools.SSOOIDC loads it), a service
# error's ErrorRecord holds an InvalidOperationException whose inner exception is the SDK's own
# exception, built with the error's message, ErrorCode, StatusCode, RequestId and modeled
# members: the AWS Tools' shape, which PowerShell 7's typed catch matches. Without the SDK,
# nothing is loaded on its behalf, and FullyQualifiedErrorId is the way to match.
# The SDK's assemblies are the ones tests/dotnet/SdkPeer/SdkPeer.csproj pins, from the NuGet
# package folder (restored with the .NET SDK when missing). Pester 5; Windows PowerShell 5.1
# and PowerShell 7 syntax.

BeforeDiscovery {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'TestSupport.ps1')

    function Get-TestSdkAssembly {
        <#
        .SYNOPSIS
        The paths of AWSSDK.Core.dll and AWSSDK.SSOOIDC.dll at the versions SdkPeer.csproj pins,
        or a string saying why they are not available.
        #>
        $project = Join-Path -Path (Get-TestRepositoryRoot) -ChildPath 'tests/dotnet/SdkPeer/SdkPeer.csproj'
        $versions = @{}
        foreach ($reference in ([xml](Get-Content -LiteralPath $project -Raw)).Project.ItemGroup.PackageReference) {
            $versions[$reference.Include.ToLowerInvariant()] = $reference.Version.Trim('[', ']')
        }
        $packages = $env:NUGET_PACKAGES
        if (-not $packages) {
            $packages = Join-Path -Path ([System.Environment]::GetFolderPath('UserProfile')) -ChildPath '.nuget/packages'
        }
        $framework = 'net8.0'
        if ($PSVersionTable.PSEdition -ne 'Core') {
            $framework = 'net472'
        }
        $paths = @()
        foreach ($name in 'awssdk.core', 'awssdk.ssooidc') {
            $file = 'AWSSDK.Core.dll'
            if ($name -eq 'awssdk.ssooidc') {
                $file = 'AWSSDK.SSOOIDC.dll'
            }
            $paths += [System.IO.Path]::Combine($packages, $name, $versions[$name], 'lib', $framework, $file)
        }
        $missing = @($paths | Where-Object { -not (Test-Path -LiteralPath $_ -PathType Leaf) })
        if ($missing.Count -gt 0 -and (Get-Command -Name dotnet -CommandType Application -ErrorAction Ignore)) {
            # Restore into a temporary folder, so that the checkout stays clean.
            $objFolder = Join-Path -Path ([System.IO.Path]::GetTempPath()) -ChildPath ('awstb-sdkpeer-' + [guid]::NewGuid().ToString('N'))
            $null = & dotnet restore $project ('-p:BaseIntermediateOutputPath=' + $objFolder + [System.IO.Path]::DirectorySeparatorChar) 2>&1
            Remove-Item -LiteralPath $objFolder -Recurse -Force -ErrorAction Ignore
            $missing = @($paths | Where-Object { -not (Test-Path -LiteralPath $_ -PathType Leaf) })
        }
        if ($missing.Count -gt 0) {
            return ('the AWS SDK for .NET is not restored (' + ($missing -join ', ') + '): run dotnet restore ' + $project)
        }
        $paths
    }

    $sdk = Get-TestSdkAssembly
    $sdkMissing = ''
    if ($sdk -is [string]) {
        $sdkMissing = $sdk
    }
}

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'TestSupport.ps1')
    $python = Get-TestPython
    $emulator = Start-TestEmulator -Python $python
    $savedPython = Set-TestEnvironment -Variable @{ AWSTB_PYTHON = $python }
    Import-Module -Name (Get-TestModuleManifest) -Force
    $endpoint = @{ Region = 'us-east-1'; EndpointUrl = $emulator.BaseUrl }
    $deviceGrant = 'urn:ietf:params:oauth:grant-type:device_code'
    $client = Register-SSOOIDCClient -ClientName 'typed-catch' -ClientType public -Scope 'sso:account:access' @endpoint

    function Get-TestSdkLoaded {
        @([System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -like 'AWSSDK.*' })
    }

    function Invoke-TestPendingPoll {
        # A new device each time: its first poll is pending, never "too fast".
        $device = $client | Start-SSOOIDCDeviceAuthorization -StartUrl 'https://d-1234567890.awsapps.com/start' @endpoint
        $client | New-SSOOIDCToken -GrantType $deviceGrant -DeviceCode $device.DeviceCode @endpoint
    }

    function Invoke-TestWrongSecretPoll {
        $device = $client | Start-SSOOIDCDeviceAuthorization -StartUrl 'https://d-1234567890.awsapps.com/start' @endpoint
        New-SSOOIDCToken -ClientId $client.ClientId -ClientSecret 'not-the-secret' -GrantType $deviceGrant -DeviceCode $device.DeviceCode @endpoint
    }
}

AfterAll {
    Remove-Module -Name AwsTokenBridge -Force -ErrorAction Ignore
    Restore-TestEnvironment -Saved $savedPython
    Stop-TestEmulator -Emulator $emulator
}

# This block runs first: the SDK, once loaded, stays loaded for the rest of the session.
Describe 'Without the AWS SDK for .NET in the session' {
    BeforeAll {
        $alreadyLoaded = (Get-TestSdkLoaded).Count -gt 0
    }

    It 'loads nothing on its behalf, and FullyQualifiedErrorId matches the service error' {
        if ($alreadyLoaded) {
            Set-ItResult -Skipped -Because 'an AWSSDK assembly was already loaded in this session by an earlier suite'
            return
        }
        $matched = $null
        try {
            Invoke-TestPendingPoll
        }
        catch {
            if ($_.FullyQualifiedErrorId -eq 'AuthorizationPendingException,New-SSOOIDCToken') {
                $matched = $_
            }
        }
        $matched | Should -Not -BeNullOrEmpty
        $matched.Exception.GetType().FullName | Should -Be 'System.InvalidOperationException'
        $matched.Exception.InnerException | Should -BeNullOrEmpty
        $matched.Exception.Data['ErrorCode'] | Should -Be 'AuthorizationPendingException'
        $matched.Exception.Data['HttpStatus'] | Should -Be 400
        @(Get-TestSdkLoaded).Count | Should -Be 0
        ('Amazon.SSOOIDC.Model.AuthorizationPendingException' -as [type]) | Should -BeNullOrEmpty
    }
}

# -ForEach hands the paths found at discovery to the run.
Describe 'With the AWS SDK for .NET loaded, as AWS.Tools.SSOOIDC loads it' -Skip:([bool]$sdkMissing) -ForEach @(@{ SdkPaths = $sdk }) {
    BeforeAll {
        foreach ($path in $SdkPaths) {
            Add-Type -LiteralPath $path
        }
        $typedCatchMatchesInner = $PSVersionTable.PSEdition -eq 'Core'
    }

    It 'catch [Amazon.SSOOIDC.Model.AuthorizationPendingException] catches the pending poll' {
        if (-not $typedCatchMatchesInner) {
            Set-ItResult -Skipped -Because "Windows PowerShell 5.1's typed catch does not look at an ErrorRecord's inner exception"
            return
        }
        $caught = 'nothing'
        try {
            Invoke-TestPendingPoll
        }
        catch [Amazon.SSOOIDC.Model.SlowDownException] {
            $caught = 'SlowDownException'
        }
        catch [Amazon.SSOOIDC.Model.AuthorizationPendingException] {
            $caught = 'AuthorizationPendingException'
        }
        catch {
            $caught = 'untyped: ' + $_.Exception.GetType().FullName
        }
        $caught | Should -Be 'AuthorizationPendingException'
    }

    It 'matches the service base class and AmazonServiceException too, and not another service error' {
        if (-not $typedCatchMatchesInner) {
            Set-ItResult -Skipped -Because "Windows PowerShell 5.1's typed catch does not look at an ErrorRecord's inner exception"
            return
        }
        $caught = @()
        try {
            Invoke-TestPendingPoll
        }
        catch [Amazon.SSOOIDC.AmazonSSOOIDCException] {
            $caught += 'AmazonSSOOIDCException'
        }
        try {
            Invoke-TestPendingPoll
        }
        catch [Amazon.Runtime.AmazonServiceException] {
            $caught += 'AmazonServiceException'
        }
        $caught | Should -Be @('AmazonSSOOIDCException', 'AmazonServiceException')
        $typed = 'nothing'
        try {
            Invoke-TestWrongSecretPoll
        }
        catch [Amazon.SSOOIDC.Model.AuthorizationPendingException] {
            $typed = 'AuthorizationPendingException'
        }
        catch [Amazon.SSOOIDC.Model.InvalidClientException] {
            $typed = 'InvalidClientException'
        }
        $typed | Should -Be 'InvalidClientException'
    }

    It 'has the AWS Tools shape: an InvalidOperationException around an SDK exception with the error''s facts' {
        $record = $null
        try {
            Invoke-TestPendingPoll
        }
        catch {
            $record = $_
        }
        $record.FullyQualifiedErrorId | Should -Be 'AuthorizationPendingException,New-SSOOIDCToken'
        $record.Exception.GetType().FullName | Should -Be 'System.InvalidOperationException'
        $inner = $record.Exception.InnerException
        $inner.GetType().FullName | Should -Be 'Amazon.SSOOIDC.Model.AuthorizationPendingException'
        $inner.Message | Should -BeExactly $record.Exception.Message
        $inner.ErrorCode | Should -BeExactly 'AuthorizationPendingException'
        $inner.StatusCode | Should -Be ([System.Net.HttpStatusCode]::BadRequest)
        $inner.ErrorType | Should -Be ([Amazon.Runtime.ErrorType]::Sender)
        $inner.RequestId | Should -Not -BeNullOrEmpty
        $inner.RequestId | Should -BeExactly $record.Exception.Data['RequestId']
        $inner.Error | Should -BeExactly 'authorization_pending'
        $inner.Error_description | Should -BeExactly 'Authorization is still pending'
    }

    It 'gives an unauthorized client its own SDK class and status' {
        $record = $null
        try {
            Invoke-TestWrongSecretPoll
        }
        catch {
            $record = $_
        }
        $record.FullyQualifiedErrorId | Should -Be 'InvalidClientException,New-SSOOIDCToken'
        $record.Exception.InnerException | Should -BeOfType ([Amazon.SSOOIDC.Model.InvalidClientException])
        $record.Exception.InnerException.StatusCode | Should -Be ([System.Net.HttpStatusCode]::Unauthorized)
        $record.Exception.InnerException.Error | Should -BeExactly 'invalid_client'
    }

    It 'sets a modeled Reason, an SDK ConstantClass, from the string the backend sends' {
        $data = [pscustomobject]@{
            errorCode = 'AccessDeniedException'
            message = 'denied'
            httpStatus = 400
            requestId = 'request-7'
            exceptionType = 'Amazon.SSOOIDC.Model.AccessDeniedException'
            category = 'PermissionDenied'
            errorId = 'AccessDeniedException,New-SSOOIDCToken'
            targetObject = $null
            properties = [pscustomobject]@{ Error = 'access_denied'; Error_description = 'denied'; Reason = 'KMS_AccessDeniedException' }
        }
        $rpcError = [pscustomobject]@{ code = -32000; message = 'denied'; data = $data }
        $record = InModuleScope AwsTokenBridge -Parameters @{ RpcError = $rpcError } {
            param($RpcError)
            ConvertTo-AwsTokenBridgeErrorRecord -RpcError $RpcError -Cmdlet 'New-SSOOIDCToken'
        }
        $inner = $record.Exception.InnerException
        $inner | Should -BeOfType ([Amazon.SSOOIDC.Model.AccessDeniedException])
        $inner.Reason | Should -Be ([Amazon.SSOOIDC.AccessDeniedExceptionReason]::KMS_AccessDeniedException)
        $inner.RequestId | Should -BeExactly 'request-7'
        $inner.Error | Should -BeExactly 'access_denied'
    }
}
