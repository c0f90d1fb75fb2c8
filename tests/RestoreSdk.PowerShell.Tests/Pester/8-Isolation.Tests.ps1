# Dependency isolation on PowerShell 7: the module's RestoreSdk, Newtonsoft.Json and Polly.Core load in its own load context from Dependencies/, beside the host's copies, never instead of them.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module RestoreSdk.PowerShell -Force
    $script:ModuleBase = (Get-Module RestoreSdk.PowerShell).ModuleBase
    function Get-LoadedAssembly([string] $Name, [switch] $InModuleContext) {
        $contexts = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object {
            ($_.GetType().FullName -eq 'RestoreSdk.PowerShell.DependencyLoadContext') -eq [bool] $InModuleContext
        }
        @($contexts | ForEach-Object { $_.Assemblies } | Where-Object { $_.GetName().Name -eq $Name })
    }
    function Get-FileVersion($Assembly) { [System.Diagnostics.FileVersionInfo]::GetVersionInfo($Assembly.Location).FileVersion }
}

Describe 'Dependency isolation' {
    It 'keeps a different Polly.Core the host loaded first, and uses its own for retries' {
        # The host (a script, another module) loaded an older Polly.Core into the default context before the module needed one.
        Add-Type -Path $env:RESTORESDK_OLD_POLLY
        $hostPolly = Get-LoadedAssembly Polly.Core
        $hostPolly.Count | Should -Be 1
        $server = [LoopbackGitHub]::new()
        try {
            # A rate-limited first answer makes the client build its retry pipeline, which is Polly.Core's.
            $server.Enqueue(429, 'You have exceeded a secondary rate limit.', @{ 'Retry-After' = '1' })
            $result = Restore-GitHubPackage -Type npm -Name retried -BaseUrl $server.BaseUrl -Token $script:SecureToken
        }
        finally { $server.Dispose() }
        $result.Outcome | Should -Be 'Restored'
        $result.Message | Should -Match 'after 2 attempts'

        $modulePolly = Get-LoadedAssembly Polly.Core -InModuleContext
        $modulePolly.Count | Should -Be 1
        $modulePolly[0].Location | Should -BeLike "$script:ModuleBase*Dependencies*Polly.Core.dll"
        (Get-FileVersion $modulePolly[0]) | Should -Not -Be (Get-FileVersion $hostPolly[0])
        # The host's copy is untouched: still the only Polly.Core of the default context, from where the host loaded it.
        $after = Get-LoadedAssembly Polly.Core
        $after.Count | Should -Be 1
        $after[0].Location | Should -Be $env:RESTORESDK_OLD_POLLY
    }

    It 'loads its own Newtonsoft.Json beside PowerShell''s, which stays the one PowerShell types resolve to' {
        Restore-GitHubPackage -Type npm -Name json -Simulate | Out-Null
        $hostJson = [Newtonsoft.Json.JsonConvert].Assembly
        $hostJson.Location | Should -BeLike "$PSHOME*"
        (Get-LoadedAssembly Newtonsoft.Json).Location | Should -Be @($hostJson.Location)
        $moduleJson = Get-LoadedAssembly Newtonsoft.Json -InModuleContext
        $moduleJson.Count | Should -Be 1
        $moduleJson[0].Location | Should -BeLike "$script:ModuleBase*Dependencies*Newtonsoft.Json.dll"
        [object]::ReferenceEquals($moduleJson[0], $hostJson) | Should -BeFalse
    }

    It 'puts RestoreSdk and the engine only in its own context' {
        foreach ($name in 'RestoreSdk', 'RestoreSdk.Testing', 'RestoreSdk.PowerShell.Engine') {
            Get-LoadedAssembly $name | Should -BeNullOrEmpty -Because "$name must not be in the host's context"
            (Get-LoadedAssembly $name -InModuleContext).Count | Should -Be 1
        }
        foreach ($hostAssembly in Get-LoadedAssembly 'Microsoft.Extensions.Logging.Abstractions') {
            $hostAssembly.Location | Should -Not -BeLike "$script:ModuleBase*"
        }
    }

    # Last: it loads the module's DiagnosticSource into its context, as PowerShell 7.4 (.NET 8) and 7.5 (.NET 9) would for the 10.0.0.0 RestoreSdk references.
    It 'takes a System.* assembly from the runtime when it is new enough, else from Dependencies/' {
        $context = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object { $_.GetType().FullName -eq 'RestoreSdk.PowerShell.DependencyLoadContext' }
        $load = $context.GetType().GetMethod('Load', [System.Reflection.BindingFlags] 'NonPublic, Instance')
        $runtime = [System.Diagnostics.Activity].Assembly
        $runtimeVersion = $runtime.GetName().Version
        # As new as the runtime's: the default context's copy (Load answers null), so Activity stays one type.
        $load.Invoke($context, @([System.Reflection.AssemblyName]::new("System.Diagnostics.DiagnosticSource, Version=$runtimeVersion"))) | Should -BeNullOrEmpty
        $load.Invoke($context, @([System.Reflection.AssemblyName]::new('System.Memory, Version=4.0.1.2'))) | Should -BeNullOrEmpty
        # Newer than the runtime has: the module's own copy from Dependencies/.
        $newer = [Version]::new($runtimeVersion.Major + 1, 0, 0, 0)
        $loaded = $load.Invoke($context, @([System.Reflection.AssemblyName]::new("System.Diagnostics.DiagnosticSource, Version=$newer")))
        $loaded | Should -Not -BeNullOrEmpty
        $loaded.Location | Should -BeLike "$script:ModuleBase*Dependencies*System.Diagnostics.DiagnosticSource.dll"
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($loaded) | Should -Be $context
    }
}
