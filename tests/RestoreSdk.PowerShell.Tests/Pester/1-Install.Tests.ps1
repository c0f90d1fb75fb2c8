# The packed module as users get it: installed with PSResourceGet from a local repository (the packed folder), imported by name, with its help.
BeforeAll {
    $script:Version = $env:RESTORESDK_VERSION
}

Describe 'Install from a local PSResource repository' {
    It 'installs RestoreSdk.PowerShell with Install-PSResource from the packed folder' {
        Register-PSResourceRepository -Name RestoreSdkFeed -Uri $env:RESTORESDK_FEED -Trusted -Force
        Install-PSResource -Name RestoreSdk.PowerShell -Repository RestoreSdkFeed -TrustRepository -Scope CurrentUser -Reinstall -ErrorAction Stop
        $installed = Get-InstalledPSResource -Name RestoreSdk.PowerShell
        $installed.Version.ToString() | Should -Be $script:Version
        $installed.Type | Should -Be 'Module'
        $installed.InstalledLocation | Should -BeLike "$env:XDG_DATA_HOME*"
    }

    It 'imports by name and exports exactly Restore-GitHubPackage' {
        $module = Import-Module RestoreSdk.PowerShell -PassThru -Force -ErrorAction Stop
        $module.Version.ToString() | Should -Be $script:Version
        $module.ModuleBase | Should -BeLike "$env:XDG_DATA_HOME*"
        @($module.ExportedCommands.Keys) | Should -Be @('Restore-GitHubPackage')
        @($module.ExportedFunctions.Keys) + @($module.ExportedAliases.Keys) + @($module.ExportedVariables.Keys) | Should -BeNullOrEmpty
    }

    It 'declares both editions and Windows PowerShell 5.1 in its manifest' {
        $module = Get-Module RestoreSdk.PowerShell
        $manifest = Test-ModuleManifest (Join-Path $module.ModuleBase 'RestoreSdk.PowerShell.psd1')
        $manifest.CompatiblePSEditions | Sort-Object | Should -Be @('Core', 'Desktop')
        $manifest.PowerShellVersion | Should -Be ([version] '5.1')
        $manifest.RootModule | Should -Be 'RestoreSdk.PowerShell.dll'
    }

    It 'keeps the dependencies out of the module root, in Dependencies/' {
        $base = (Get-Module RestoreSdk.PowerShell).ModuleBase
        @(Get-ChildItem $base -Filter *.dll | ForEach-Object Name) | Should -Be @('RestoreSdk.PowerShell.dll')
        foreach ($dependency in 'RestoreSdk.PowerShell.Engine.dll', 'RestoreSdk.dll', 'RestoreSdk.Testing.dll', 'Newtonsoft.Json.dll', 'Polly.Core.dll', 'Microsoft.Extensions.Http.dll') {
            Join-Path $base "Dependencies/$dependency" | Should -Exist
        }
    }

    It 'shows its examples with Get-Help -Examples' {
        $help = Get-Help Restore-GitHubPackage -Examples
        $codes = @($help.examples.example | ForEach-Object code)
        $codes.Count | Should -BeGreaterOrEqual 4
        $codes | Should -Contain 'Import-Csv deleted.csv | Restore-GitHubPackage'
        $codes | Should -Contain 'Import-Csv deleted.csv | Restore-GitHubPackage -WhatIf'
        (Get-Help Restore-GitHubPackage -Examples | Out-String) | Should -Match 'Example 1'
    }

    It 'completes -Type with the registries' {
        $line = 'Restore-GitHubPackage -Type ru'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('rubygems')
        $line = 'Restore-GitHubPackage -Type '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('npm', 'maven', 'rubygems', 'docker', 'nuget', 'container')
    }

    It 'documents every parameter' {
        $command = Get-Command Restore-GitHubPackage
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        foreach ($name in $command.Parameters.Keys | Where-Object { $_ -notin $common -or $_ -in 'WhatIf', 'Confirm' }) {
            $parameter = Get-Help Restore-GitHubPackage -Parameter $name
            ($parameter.description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$name needs a description"
        }
    }
}
