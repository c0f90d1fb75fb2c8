# Shared by the Pester files: the loopback GitHub, test tokens, and a helper that runs the cmdlet in its own PowerShell to capture every stream.
if (-not ('LoopbackGitHub' -as [type])) {
    Add-Type -Path (Join-Path $PSScriptRoot 'LoopbackGitHub.cs') -ReferencedAssemblies System.Net.HttpListener, System.Net.Primitives, System.Collections, System.Linq, System.Collections.Concurrent, System.Threading, System.Net.Sockets, System.Collections.Specialized, System.Threading.Thread, System.Threading.ThreadPool, System.Net.WebHeaderCollection, System.Runtime
}

# Fake classic tokens (never real), long enough that finding one in a text is no accident.
$script:Token = 'ghp_PESTER0TOKEN0FOR0TESTS0ONLY0000000001'
$script:EnvToken = 'ghp_PESTER0TOKEN0FROM0GH0TOKEN000000002'
$script:OtherEnvToken = 'ghp_PESTER0TOKEN0FROM0GITHUB0TOKEN00003'
$script:PackageToken = 'pkg&token=secret/value'
$script:SecureToken = ConvertTo-SecureString $script:Token -AsPlainText -Force
$script:SecurePackageToken = ConvertTo-SecureString $script:PackageToken -AsPlainText -Force

# Runs a script in a new PowerShell (runspace) with the module imported; returns output and every stream, including progress.
function Invoke-Isolated([scriptblock] $Script, [hashtable] $Arguments = @{}) {
    $ps = [powershell]::Create()
    try {
        [void] $ps.AddScript('Import-Module RestoreSdk.PowerShell').AddStatement()
        [void] $ps.AddScript($Script.ToString())
        foreach ($name in $Arguments.Keys) { [void] $ps.AddParameter($name, $Arguments[$name]) }
        $output = $null
        $failure = $null
        try { $output = $ps.Invoke() } catch { $failure = $_.Exception.InnerException ?? $_.Exception }
        [pscustomobject]@{
            Output      = @($output)
            Failure     = $failure
            Errors      = @($ps.Streams.Error)
            Warnings    = @($ps.Streams.Warning)
            Verbose     = @($ps.Streams.Verbose)
            Debug       = @($ps.Streams.Debug)
            Progress    = @($ps.Streams.Progress)
            Information = @($ps.Streams.Information)
        }
    }
    finally { $ps.Dispose() }
}

# Everything a user could see or inspect of a run, as text: objects with all properties, errors with exception details.
function ConvertTo-VisibleText($Run) {
    $parts = [System.Collections.Generic.List[string]]::new()
    foreach ($o in $Run.Output) { $parts.Add(($o | Format-List * -Force | Out-String)); $parts.Add("$o") }
    foreach ($e in @($Run.Errors) + @($Run.Failure | Where-Object { $_ })) {
        $parts.Add(($e | Format-List * -Force | Out-String))
        $exception = if ($e -is [System.Management.Automation.ErrorRecord]) { $e.Exception } else { $e }
        while ($exception) {
            $parts.Add(($exception | Format-List * -Force | Out-String))
            $parts.Add($exception.ToString())
            $exception = $exception.InnerException
        }
        if ($e -is [System.Management.Automation.ErrorRecord]) { $parts.Add("$($e.ErrorDetails) $($e.TargetObject)") }
        if ($e.ErrorRecord) { $parts.Add(($e.ErrorRecord | Format-List * -Force | Out-String)) }
    }
    foreach ($stream in 'Warnings', 'Verbose', 'Debug', 'Information') { foreach ($r in $Run.$stream) { $parts.Add("$r"); $parts.Add(($r | Format-List * -Force | Out-String)) } }
    foreach ($p in $Run.Progress) { $parts.Add("$($p.Activity) $($p.StatusDescription) $($p.CurrentOperation)") }
    $parts -join "`n"
}

function Get-Secrets {
    foreach ($secret in $script:Token, $script:EnvToken, $script:OtherEnvToken, $script:PackageToken) {
        $secret
        [uri]::EscapeDataString($secret)
    }
}

# Starts this pwsh again as a console process (the dotnet tool runs as dotnet pwsh.dll) with its standard streams redirected.
function Start-ConsolePwsh([string] $Command, [switch] $Interactive) {
    $start = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
    if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
    $arguments = @('-NoProfile') + @(if (-not $Interactive) { '-NonInteractive' }) + @('-Command', $Command)
    foreach ($argument in $arguments) { $start.ArgumentList.Add($argument) }
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    [System.Diagnostics.Process]::Start($start)
}
