# Proves RestoreSdk from PowerShell 7: loads the packed assemblies, restores through PackagesClient and through AddPackagesClient with a service provider (against GitHubSimulator), and catches a typed GitHubApiException.
param(
    [Parameter(Mandatory)] [string] $LibraryPath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$failures = [System.Collections.Generic.List[string]]::new()
function Check([bool] $condition, [string] $what) {
    Write-Output "$(if ($condition) { 'ok  ' } else { 'FAIL' }) $what"
    if (-not $condition) { $failures.Add($what) }
}

# PowerShell already ships some of these dependencies (Newtonsoft.Json, Microsoft.Extensions.Primitives, ...): keep its copies.
foreach ($assembly in Get-ChildItem -Path $LibraryPath -Filter *.dll) {
    if (-not (Test-Path (Join-Path $PSHOME $assembly.Name))) {
        Add-Type -Path $assembly.FullName
    }
}
Write-Output "PowerShell $($PSVersionTable.PSVersion) on $([System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription)"

$simulator = [RestoreSdk.Testing.GitHubSimulator]::CreateDemo()
$none = [System.Threading.CancellationToken]::None

# 1. PackagesClient. PowerShell passes $null for a string as "", so an absent package token is [NullString]::Value.
$options = [RestoreSdk.PackagesClientOptions]::new()
$options.BaseAddress = $simulator.BaseAddress
$options.Token = [RestoreSdk.Testing.GitHubSimulator]::DemoToken
$client = [RestoreSdk.PackagesClient]::new([System.Net.Http.HttpClient]::new($simulator), $options)
$result = $client.RestorePackageForAuthenticatedUserAsync([RestoreSdk.UserPackageType]::Npm, 'left-pad', [NullString]::Value, $none).GetAwaiter().GetResult()
Check ($result.StatusCode -eq 204) "PackagesClient restored npm left-pad: $result"

# PowerShell 7 may also leave the optional parameters out (they are then null and default).
[void] $simulator.AddDeletedPackage([RestoreSdk.Testing.GitHubSimulator]::DemoUser, 'rubygems', 'octo-gem', [DateTimeOffset]::UtcNow.AddDays(-1))
$result = $client.RestorePackageForAuthenticatedUserAsync([RestoreSdk.UserPackageType]::RubyGems, 'octo-gem').GetAwaiter().GetResult()
Check ($result.StatusCode -eq 204) "optional parameters left out: $result"

try {
    $client.RestorePackageForAuthenticatedUserAsync([RestoreSdk.UserPackageType]::Npm, 'left-pad', $null, $none).GetAwaiter().GetResult() | Out-Null
    Check $false 'a $null package token (sent by PowerShell as "") is refused'
}
catch [System.ArgumentException] {
    Check ($_.Exception.ParamName -eq 'packageToken') "a `$null package token (sent by PowerShell as `"`") is refused before sending: $($_.Exception.Message)"
}

# 2. AddPackagesClient and a service provider, with the simulator as the typed client's handler.
$services = [Microsoft.Extensions.DependencyInjection.ServiceCollection]::new()
$configure = [Action[RestoreSdk.PackagesClientOptions]] {
    param($o)
    $o.BaseAddress = $simulator.BaseAddress
    $o.Token = [RestoreSdk.Testing.GitHubSimulator]::DemoToken
}.GetNewClosure()
$builder = [RestoreSdk.PackagesServiceCollectionExtensions]::AddPackagesClient($services, $configure)
$handler = [Func[System.Net.Http.HttpMessageHandler]] { $simulator }.GetNewClosure()
[void] [Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions]::ConfigurePrimaryHttpMessageHandler($builder, $handler)
$provider = [Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions]::BuildServiceProvider($services)
$injected = [Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions]::GetRequiredService($provider, [RestoreSdk.IPackagesClient])
$result = $injected.RestorePackageForOrgAsync([RestoreSdk.Testing.GitHubSimulator]::DemoOrganization, [RestoreSdk.OrgPackageType]::Container, 'octo-demo-org/web', [NullString]::Value, $none).GetAwaiter().GetResult()
Check ($result.StatusCode -eq 204) "AddPackagesClient's client restored container octo-demo-org/web: $result"

# 3. A typed error: GetAwaiter().GetResult() rethrows GitHubApiException itself (.Result would wrap it in AggregateException).
try {
    $client.RestorePackageForAuthenticatedUserAsync([RestoreSdk.UserPackageType]::NuGet, 'Octo.Legacy', [NullString]::Value, $none).GetAwaiter().GetResult() | Out-Null
    Check $false 'restoring a package deleted 45 days ago throws GitHubApiException'
}
catch [RestoreSdk.GitHubApiException] {
    $e = $_.Exception
    Check ($e -is [RestoreSdk.GitHubApiException]) "`$_.Exception is the GitHubApiException itself ($($e.GetType().Name))"
    Check ($e.StatusCode -eq 404) "catch [RestoreSdk.GitHubApiException] caught HTTP $($e.StatusCode) (request $($e.RequestId))"
    Check (-not $e.ToString().Contains([RestoreSdk.Testing.GitHubSimulator]::DemoToken)) 'the exception does not show the token'
}

$restored = ($simulator.Restores | ForEach-Object { $_.ToString() }) -join ', '
Check ($restored -eq 'npm octo-demo/left-pad, rubygems octo-demo/octo-gem, container octo-demo-org/octo-demo-org/web') "the simulator restored exactly: $restored"
$provider.Dispose()

if ($failures.Count -gt 0) {
    Write-Output "PowerShell consumer: $($failures.Count) checks failed"
    exit 1
}
Write-Output 'PowerShell consumer: every check passed'
