# One client per module session and target: separate calls share its one-second spacing and write budgets, -WritesPerHour sets the hourly one, waits count down, and Remove-Module lets go.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module RestoreSdk.PowerShell -Force
    function Get-Gaps($Server) {
        $times = @($Server.Requests.ReceivedSeconds)
        @(for ($i = 1; $i -lt $times.Count; $i++) { $times[$i] - $times[$i - 1] })
    }
}

Describe 'One client per session' {
    It 'spaces separate calls (one per ForEach-Object row) a second apart, as one pipeline is' {
        $server = [LoopbackGitHub]::new()
        try {
            $results = 'one', 'two', 'three' | ForEach-Object { Restore-GitHubPackage -Type npm -Name $_ -BaseUrl $server.BaseUrl -Token $script:SecureToken }
            @($results).Outcome | Should -Be @('Restored', 'Restored', 'Restored')
            $gaps = Get-Gaps $server
            $gaps.Count | Should -Be 2
            # The client spaces the starts of its requests 1 s apart; the server sees them arrive a few milliseconds later each.
            $gaps | ForEach-Object { $_ | Should -BeGreaterOrEqual 0.95 }
        }
        finally { $server.Dispose() }
    }

    It 'keeps separate clients for separate tokens' {
        $server = [LoopbackGitHub]::new()
        try {
            $other = ConvertTo-SecureString $script:EnvToken -AsPlainText -Force
            Restore-GitHubPackage -Type npm -Name first -BaseUrl $server.BaseUrl -Token $script:SecureToken | Out-Null
            Restore-GitHubPackage -Type npm -Name second -BaseUrl $server.BaseUrl -Token $other | Out-Null
            (Get-Gaps $server)[0] | Should -BeLessThan 0.9
        }
        finally { $server.Dispose() }
    }

    It 'lets go of its clients at Remove-Module: the next import starts without the previous pacing' {
        $server = [LoopbackGitHub]::new()
        try {
            Restore-GitHubPackage -Type npm -Name before -BaseUrl $server.BaseUrl -Token $script:SecureToken | Out-Null
            Remove-Module RestoreSdk.PowerShell
            Import-Module RestoreSdk.PowerShell
            Restore-GitHubPackage -Type npm -Name after -BaseUrl $server.BaseUrl -Token $script:SecureToken | Out-Null
            $server.Requests.Count | Should -Be 2
            (Get-Gaps $server)[0] | Should -BeLessThan 0.9
        }
        finally { $server.Dispose() }
    }

    It '-WritesPerHour 1 holds the second restore for the hour, counting down in Write-Progress, and Ctrl+C ends the wait' {
        $server = [LoopbackGitHub]::new()
        $ps = [powershell]::Create()
        try {
            [void] $ps.AddScript('Import-Module RestoreSdk.PowerShell').AddStatement()
            [void] $ps.AddScript({
                    param($Url, $Token)
                    'one', 'two' | ForEach-Object { [pscustomobject]@{ type = 'npm'; name = $_ } } |
                        Restore-GitHubPackage -BaseUrl $Url -Token $Token -WritesPerHour 1
                }.ToString()).AddParameter('Url', $server.BaseUrl).AddParameter('Token', $script:SecureToken)
            $handle = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            do {
                Start-Sleep -Milliseconds 100
                $waits = @($ps.Streams.Progress | Where-Object { $_.StatusDescription -like 'Waiting*' })
            } while (@($waits.SecondsRemaining | Select-Object -Unique).Count -lt 3 -and [DateTime]::UtcNow -lt $deadline)
            $ps.Stop()
            $server.Requests.RawTarget | Should -Be @('/user/packages/npm/one/restore')
            $seconds = @($waits.SecondsRemaining)
            $seconds.Count | Should -BeGreaterOrEqual 3
            # About an hour (the first restore's hour), then falling as the countdown updates.
            $seconds[0] | Should -BeGreaterThan 3500
            $seconds[0] | Should -BeLessOrEqual 3600
            for ($i = 1; $i -lt $seconds.Count; $i++) { $seconds[$i] | Should -BeLessOrEqual $seconds[$i - 1] }
            $seconds[-1] | Should -BeLessThan $seconds[0]
            $waits[-1].StatusDescription -match 'resuming at (\d\d:\d\d:\d\d) UTC: 1 restores were sent within the last hour' | Should -BeTrue
            $at = [TimeSpan]::Parse($Matches[1])
            $expected = [DateTime]::UtcNow.AddSeconds($seconds[-1]).TimeOfDay
            $apart = [Math]::Abs(($at - $expected).TotalSeconds)
            [Math]::Min($apart, 86400 - $apart) | Should -BeLessThan 5
            $handle.IsCompleted | Should -BeTrue
        }
        finally {
            $ps.Dispose()
            $server.Dispose()
        }
    }

    It '-WritesPerHour refuses a negative budget before sending anything' {
        { Restore-GitHubPackage -Type npm -Name x -Simulate -WritesPerHour -1 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,RestoreSdk.PowerShell.RestoreGitHubPackageCommand'
    }
}
