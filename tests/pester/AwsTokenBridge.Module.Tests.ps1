# The module as PowerShell loads it: manifest, exports, and help for every export.
# Pester 5; run by tests/module/test_pester.py (or: Invoke-Pester -Path tests/pester).

BeforeDiscovery {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'TestSupport.ps1')
    $manifestData = Import-PowerShellDataFile -LiteralPath (Get-TestModuleManifest)
    $exports = @($manifestData.FunctionsToExport)
}

BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'TestSupport.ps1')
    $manifestPath = Get-TestModuleManifest
    Import-Module -Name $manifestPath -Force
}

AfterAll {
    Remove-Module -Name AwsTokenBridge -Force -ErrorAction Ignore
}

Describe 'The module manifest' {
    It 'is valid' {
        $manifest = Test-ModuleManifest -Path $manifestPath
        $manifest.Name | Should -Be 'AwsTokenBridge'
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be ([version]'5.1')
    }

    It 'exports exactly the functions in Public/ and Commands/' {
        $public = foreach ($folder in 'Public', 'Commands') {
            $path = Join-Path -Path (Split-Path -Path $manifestPath -Parent) -ChildPath $folder
            Get-ChildItem -LiteralPath $path -Filter '*.ps1' | ForEach-Object { $_.BaseName }
        }
        $public = @($public | Sort-Object)
        $public | Should -Contain 'Install-AwsTokenBridgeBackend'
        $exported = @((Get-Module -Name AwsTokenBridge).ExportedFunctions.Keys) | Sort-Object
        $exported | Should -Be $public
        (Get-Module -Name AwsTokenBridge).ExportedCmdlets.Count | Should -Be 0
        (Get-Module -Name AwsTokenBridge).ExportedAliases.Count | Should -Be 0
        (Get-Module -Name AwsTokenBridge).ExportedVariables.Count | Should -Be 0
    }

    It 'keeps its private functions private' {
        Get-Command -Name 'Invoke-AwsTokenBridgeBackend' -ErrorAction Ignore | Should -BeNullOrEmpty
    }

    It 'loads the format views' {
        $views = Get-FormatData -TypeName 'Amazon.SSOOIDC.Model.CreateTokenResponse'
        $views | Should -Not -BeNullOrEmpty
    }

    It 'has the about topic' {
        Get-Help -Name 'about_AwsTokenBridge' | Out-String | Should -Match 'AWSTB_PYTHON'
    }
}

Describe 'Help of <_>' -ForEach $exports {
    BeforeAll {
        $name = $_
        $help = Get-Help -Name $name -Full
        $command = Get-Command -Name $name
        $common = @(
            'Verbose', 'Debug', 'ErrorAction', 'WarningAction', 'InformationAction', 'ProgressAction',
            'ErrorVariable', 'WarningVariable', 'InformationVariable', 'OutVariable', 'OutBuffer',
            'PipelineVariable', 'WhatIf', 'Confirm', 'UseTransaction'
        )
    }

    It 'has a synopsis' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match ('^\s*' + [regex]::Escape($name))
    }

    It 'has a description' {
        ($help.description.Text -join '') | Should -Not -BeNullOrEmpty
    }

    It 'has at least one example' {
        @($help.examples.example).Count | Should -BeGreaterThan 0
        @($help.examples.example)[0].code | Should -Not -BeNullOrEmpty
    }

    It 'describes every parameter' {
        foreach ($parameter in $command.Parameters.Keys) {
            if ($common -contains $parameter) {
                continue
            }
            # [Parameter(DontShow)]: set by the function itself, so help need not show it.
            $hidden = @($command.Parameters[$parameter].Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow })
            if ($hidden.Count -gt 0) {
                continue
            }
            $documented = @($help.parameters.parameter | Where-Object { $_.name -eq $parameter })
            $documented.Count | Should -Be 1 -Because "-$parameter needs help"
            ($documented[0].description.Text -join '') | Should -Not -BeNullOrEmpty -Because "-$parameter needs a description"
        }
    }

    It 'supports ShouldProcess with ConfirmImpact Medium, unless it only reads (Get-)' {
        if ($name -like 'Get-*') {
            $command.Parameters.ContainsKey('WhatIf') | Should -BeFalse
            return
        }
        $command.Parameters.ContainsKey('WhatIf') | Should -BeTrue
        $command.Parameters.ContainsKey('Confirm') | Should -BeTrue
        $binding = $command.ScriptBlock.Attributes | Where-Object { $_ -is [System.Management.Automation.CmdletBindingAttribute] }
        $binding.ConfirmImpact | Should -Be 'Medium'
    }
}
