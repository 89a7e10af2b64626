# PSScriptAnalyzer settings for the module and build.ps1 (./build.ps1 -Task Analyze).
# The default rules, plus compatibility with Windows PowerShell 5.1 and PowerShell 7: syntax,
# and the commands and .NET types each profile has (PSCompatibilityCollector profiles:
# <os>_<arch>_<os version>_<PowerShell version>_<arch>_<.NET version>_<.NET edition>).
@{
    Severity = @('Error', 'Warning')
    IncludeDefaultRules = $true
    ExcludeRules = @(
        # build.ps1 reports its progress on the host on purpose; the module never writes to it.
        'PSAvoidUsingWriteHost'
    )
    Rules = @{
        PSUseCompatibleSyntax = @{
            Enable = $true
            TargetVersions = @('5.1', '7.0')
        }
        PSUseCompatibleCommands = @{
            Enable = $true
            TargetProfiles = @(
                'win-48_x64_10.0.17763.0_5.1.17763.316_x64_4.0.30319.42000_framework',
                'win-8_x64_10.0.17763.0_7.0.0_x64_3.1.2_core',
                'ubuntu_x64_18.04_7.0.0_x64_3.1.2_core'
            )
        }
        PSUseCompatibleTypes = @{
            Enable = $true
            TargetProfiles = @(
                'win-48_x64_10.0.17763.0_5.1.17763.316_x64_4.0.30319.42000_framework',
                'win-8_x64_10.0.17763.0_7.0.0_x64_3.1.2_core',
                'ubuntu_x64_18.04_7.0.0_x64_3.1.2_core'
            )
        }
        PSUseConsistentIndentation = @{
            Enable = $true
            IndentationSize = 4
            Kind = 'space'
        }
        PSPlaceOpenBrace = @{
            Enable = $true
            OnSameLine = $true
            NewLineAfter = $true
            IgnoreOneLineBlock = $true
        }
    }
}
