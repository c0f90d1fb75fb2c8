# Ctrl+C: PowerShell's Stop() (what Ctrl+C calls) ends the run promptly, with nothing sent after it and the in-flight request cancelled.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'Stopping (Ctrl+C)' {
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
