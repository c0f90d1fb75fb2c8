# Input: the tool's CSV piped from Import-Csv against the simulator, property binding, duplicates, and bad rows refused before anything is sent.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module RestoreSdk.PowerShell -Force
    $script:Csv = Join-Path $TestDrive 'deleted.csv'
}

Describe 'Pipeline input on the simulator' {
    It 'restores every row of the tool''s CSV (empty org = own package) with one result each, in order' {
        Set-Content -Path $script:Csv -Value @(
            'org,type,name'
            ',npm,left-pad'
            'Acme,CONTAINER,acme/web'
            ',NuGet,Octo.Core'
        )
        $results = @(Import-Csv $script:Csv | Restore-GitHubPackage -Simulate)
        $results.Count | Should -Be 3
        $results | ForEach-Object { $_.GetType().FullName } | Select-Object -Unique | Should -Be 'RestoreSdk.PowerShell.PackageRestoreResult'
        $results.Name | Should -Be @('left-pad', 'acme/web', 'Octo.Core')
        $results.Type | Should -Be @('npm', 'container', 'nuget')
        $results[0].Org | Should -BeNullOrEmpty
        $results[1].Org | Should -Be 'Acme'
        $results.Outcome | ForEach-Object { "$_" } | Should -Be @('Restored', 'Restored', 'Restored')
        $results.StatusCode | Should -Be @(204, 204, 204)
        $results | ForEach-Object { $_.RequestId | Should -Not -BeNullOrEmpty }
    }

    It 'binds -Type and -Name by position and property name from any object' {
        (Restore-GitHubPackage npm left-pad -Simulate).Outcome | Should -Be 'Restored'
        ([pscustomobject]@{ Type = 'maven'; Name = 'com.example.core'; Extra = 1 } | Restore-GitHubPackage -Simulate).Outcome | Should -Be 'Restored'
    }

    It 'takes several names at once, as the tool''s repeated --name, and from a property holding several' {
        $results = @(Restore-GitHubPackage npm left-pad, right-pad -Simulate)
        $results.Name | Should -Be @('left-pad', 'right-pad')
        $results.Outcome | ForEach-Object { "$_" } | Should -Be @('Restored', 'Restored')
        $bound = @([pscustomobject]@{ Org = 'acme'; Type = 'nuget'; Name = @('A.Core', 'A.Web') } | Restore-GitHubPackage -Simulate)
        $bound.Name | Should -Be @('A.Core', 'A.Web')
        $bound.Org | Should -Be @('acme', 'acme')
    }

    It 'restores a package given twice once' {
        $results = @(
            [pscustomobject]@{ org = 'acme'; type = 'npm'; name = 'dup' }
            [pscustomobject]@{ org = 'ACME'; type = 'npm'; name = 'dup' }
        ) | Restore-GitHubPackage -Simulate
        @($results).Count | Should -Be 1
    }

    It 'writes an error for each bad row and a terminating error, sending nothing' {
        $server = [LoopbackGitHub]::new()
        try {
            $rows = @(
                [pscustomobject]@{ org = ''; type = 'npm'; name = 'fine' }
                [pscustomobject]@{ org = ''; type = 'pypi'; name = 'wrong-type' }
                [pscustomobject]@{ org = ''; type = 'npm'; name = '  ' }
                [pscustomobject]@{ org = "ev`nil"; type = 'npm'; name = 'line-break-in-org' }
            )
            $run = Invoke-Isolated -Script {
                param($Rows, $Url, $Token)
                $Rows | Restore-GitHubPackage -BaseUrl $Url -Token $Token
            } -Arguments @{ Rows = $rows; Url = $server.BaseUrl; Token = $script:SecureToken }
            $run.Output | Should -BeNullOrEmpty
            $invalid = @($run.Errors | Where-Object { $_.FullyQualifiedErrorId -like 'InvalidPackage,*' })
            $invalid.Count | Should -Be 3
            $invalid | ForEach-Object { $_.CategoryInfo.Category | Should -Be 'InvalidArgument' }
            $invalid[0].Exception.Message | Should -Match "Unknown package type 'pypi'"
            $invalid[1].Exception.Message | Should -Match 'name is empty'
            $invalid[2].Exception.Message | Should -Match 'ev\\u000ail'
            $terminating = @($run.Errors | Where-Object { $_.FullyQualifiedErrorId -like 'InvalidInput,*' })
            $terminating.Count | Should -Be 1
            "$($terminating[0])" | Should -Match '3 of 4 package\(s\) are invalid .*nothing was sent'
            { $rows | Restore-GitHubPackage -BaseUrl $server.BaseUrl -Token $script:SecureToken -ErrorAction SilentlyContinue } |
                Should -Throw -ErrorId 'InvalidInput,RestoreSdk.PowerShell.RestoreGitHubPackageCommand'
            $server.Requests.Count | Should -Be 0
        }
        finally { $server.Dispose() }
    }
}
