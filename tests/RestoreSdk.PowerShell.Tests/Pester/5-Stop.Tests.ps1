# Ctrl+C: SIGINT to a console pwsh, and PowerShell's Stop() (what Ctrl+C calls), end the run promptly with nothing sent after it and a summary of what was.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    if (-not ('Posix.Signal' -as [type])) {
        Add-Type -Namespace Posix -Name Signal -MemberDefinition '[System.Runtime.InteropServices.DllImport("libc", SetLastError = true)] public static extern int kill(int pid, int sig);'
    }
}

Describe 'Stopping (Ctrl+C)' {
    It 'stops a console pwsh on SIGINT while GitHub holds the first answer: only that one sent, a warning says so, the process ends' {
        $server = [LoopbackGitHub]::new()
        $process = $null
        try {
            $server.Hold()
            $command = "Import-Module RestoreSdk.PowerShell; 'one', 'two', 'three' | ForEach-Object { [pscustomobject]@{ type = 'npm'; name = `$_ } } | " +
                "Restore-GitHubPackage -BaseUrl '$($server.BaseUrl)' -Token (ConvertTo-SecureString '$script:Token' -AsPlainText -Force)"
            $process = Start-ConsolePwsh $command
            $stdout = $process.StandardOutput.ReadToEndAsync()
            $stderr = $process.StandardError.ReadToEndAsync()
            $server.WaitForRequests(1, 60000) | Should -BeTrue
            [Posix.Signal]::kill($process.Id, 2) | Should -Be 0
            $process.WaitForExit(20000) | Should -BeTrue
            $server.Requests.Count | Should -Be 1
            $stdout.Result + $stderr.Result | Should -Match 'Stopped: 1 of 3 package\(s\) were sent to GitHub, 2 were not'
        }
        finally {
            $server.Dispose()
            if ($process -and -not $process.HasExited) { $process.Kill() }
        }
    }

    It 'stops while GitHub holds the first answer: nothing further is sent and the pipeline ends as stopped' {
        $server = [LoopbackGitHub]::new()
        $ps = [powershell]::Create()
        try {
            $server.Hold()
            [void] $ps.AddScript('Import-Module RestoreSdk.PowerShell').AddStatement()
            [void] $ps.AddScript({
                    param($Url, $Token)
                    'one', 'two', 'three' | ForEach-Object { [pscustomobject]@{ type = 'npm'; name = $_ } } | Restore-GitHubPackage -BaseUrl $Url -Token $Token
                }.ToString()).AddParameter('Url', $server.BaseUrl).AddParameter('Token', $script:SecureToken)
            $handle = $ps.BeginInvoke()
            $server.WaitForRequests(1, 30000) | Should -BeTrue
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $server.Requests.Count | Should -Be 1
            $server.Release()
            $server.Requests.Count | Should -Be 1
        }
        finally {
            $server.Dispose()
            $ps.Dispose()
        }
    }
}
