# GitHub's failures as PowerShell errors: a non-terminating ErrorRecord with a fitting category per package, the batch going on; a terminating one for 401; rate-limit waits in Write-Progress.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module RestoreSdk.PowerShell -Force
    function Invoke-Batch([LoopbackGitHub] $Server, [string[]] $Names) {
        Invoke-Isolated -Script {
            param($Url, $Token, $Names)
            $Names | ForEach-Object { [pscustomobject]@{ type = 'npm'; name = $_ } } | Restore-GitHubPackage -BaseUrl $Url -Token $Token -Verbose
        } -Arguments @{ Url = $Server.BaseUrl; Token = $script:SecureToken; Names = $Names }
    }
}

Describe 'Errors' {
    BeforeEach { $script:Server = [LoopbackGitHub]::new() }
    AfterEach { $script:Server.Dispose() }

    It 'writes one non-terminating error per failure with its category, and goes on with the next package' {
        $script:Server.Enqueue(404, 'Package not found.')
        $script:Server.Enqueue(403, 'Must have admin rights to Repository.')
        $script:Server.Enqueue(422, 'Package cannot be restored.')
        $run = Invoke-Batch $script:Server 'gone', 'forbidden', 'unprocessable', 'fine'
        $run.Failure | Should -BeNullOrEmpty
        $run.Output.Name | Should -Be @('gone', 'forbidden', 'unprocessable', 'fine')
        $run.Output.Outcome | ForEach-Object { "$_" } | Should -Be @('Failed', 'Failed', 'Failed', 'Restored')
        $run.Output.StatusCode | Should -Be @(404, 403, 422, 204)
        $run.Output[0].RequestId | Should -Be 'LOOP:1'
        $run.Errors.Count | Should -Be 3
        $run.Errors.CategoryInfo.Category | ForEach-Object { "$_" } | Should -Be @('ObjectNotFound', 'PermissionDenied', 'InvalidData')
        $run.Errors.FullyQualifiedErrorId | Should -Be @(
            'PackageNotFound,RestoreSdk.PowerShell.RestoreGitHubPackageCommand'
            'Forbidden,RestoreSdk.PowerShell.RestoreGitHubPackageCommand'
            'Unprocessable,RestoreSdk.PowerShell.RestoreGitHubPackageCommand'
        )
        $run.Errors[0].TargetObject.Name | Should -Be 'gone'
        $run.Errors[0].Exception.StatusCode | Should -Be 404
        "$($run.Errors[0])" | Should -Match "npm package 'gone' of the token's user: .*404"
        $script:Server.Requests.Count | Should -Be 4
    }

    It 'stops at a 401 with a terminating AuthenticationError naming the token''s source, sending nothing after it' {
        $script:Server.Enqueue(204)
        $script:Server.Enqueue(401, 'Bad credentials')
        $run = Invoke-Batch $script:Server 'first', 'rejected', 'never'
        $script:Server.Requests.Count | Should -Be 2
        $run.Output.Outcome | ForEach-Object { "$_" } | Should -Be @('Restored', 'Failed', 'NotAttempted')
        $record = @($run.Errors | Where-Object { $_.FullyQualifiedErrorId -like 'Unauthorized,*' })
        $record.Count | Should -Be 1
        $record[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        "$($record[0])" | Should -Match 'The token came from -Token'
        "$($record[0])" | Should -Match '1 package\(s\) were not sent'
        $run.Errors.Count | Should -Be 1
    }

    It 'makes the 401 terminating: try/catch and -ErrorAction Stop catch it' {
        $script:Server.Enqueue(401, 'Bad credentials')
        { Restore-GitHubPackage -Type npm -Name rejected -BaseUrl $script:Server.BaseUrl -Token $script:SecureToken } |
            Should -Throw -ErrorId 'Unauthorized,RestoreSdk.PowerShell.RestoreGitHubPackageCommand'
    }

    It 'waits out a rate limit (Write-Progress shows the wait) and then restores' {
        $script:Server.Enqueue(429, 'You have exceeded a secondary rate limit.', @{ 'Retry-After' = '1' })
        $run = Invoke-Batch $script:Server 'limited'
        $run.Output.Outcome | Should -Be 'Restored'
        $run.Output.Message | Should -Match 'after 2 attempts'
        $script:Server.Requests.Count | Should -Be 2
        $waits = @($run.Progress | Where-Object StatusDescription -like 'Waiting*')
        $waits.Count | Should -BeGreaterOrEqual 1
        $waits[0].SecondsRemaining | Should -BeGreaterOrEqual 0
        @($run.Verbose | Where-Object { "$_" -like '*waiting*' }).Count | Should -BeGreaterOrEqual 1
        @($run.Progress | Where-Object StatusDescription -like '1 of 1: *').Count | Should -BeGreaterOrEqual 1
    }

    It 'stops at a rate limit longer than the client waits: LimitsExceeded, the rest not attempted, a warning' {
        $reset = [DateTimeOffset]::UtcNow.AddHours(2).ToUnixTimeSeconds()
        $script:Server.Enqueue(403, 'API rate limit exceeded.', @{ 'x-ratelimit-remaining' = '0'; 'x-ratelimit-limit' = '5000'; 'x-ratelimit-reset' = "$reset"; 'x-ratelimit-resource' = 'core' })
        $run = Invoke-Batch $script:Server 'limited', 'later'
        $script:Server.Requests.Count | Should -Be 1
        $run.Output.Outcome | ForEach-Object { "$_" } | Should -Be @('Failed', 'NotAttempted')
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $run.Warnings.Count | Should -Be 1
        "$($run.Warnings[0])" | Should -Match 'rate-limited the batch until .* UTC'
    }
}
