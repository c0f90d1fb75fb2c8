# What reaches a loopback GitHub: raw request targets (encoding), headers, which token, and -WhatIf sending nothing.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module RestoreSdk.PowerShell -Force
}

Describe 'Requests on the wire' {
    BeforeEach {
        $script:Server = [LoopbackGitHub]::new()
        $env:GH_TOKEN = $null
        $env:GITHUB_TOKEN = $null
    }
    AfterEach {
        $script:Server.Dispose()
        $env:GH_TOKEN = $null
        $env:GITHUB_TOKEN = $null
    }

    It 'encodes names, organizations and the package token as single path segments and a query value' {
        $results = @(
            [pscustomobject]@{ org = ''; type = 'npm'; name = '@scope/pkg' }
            [pscustomobject]@{ org = 'acme'; type = 'container'; name = 'acme/web app' }
        ) | Restore-GitHubPackage -BaseUrl $script:Server.BaseUrl -Token $script:SecureToken -PackageToken $script:SecurePackageToken
        @($results).Outcome | Should -Be @('Restored', 'Restored')
        $script:Server.Requests.Method | Should -Be @('POST', 'POST')
        $script:Server.Requests.RawTarget | Should -Be @(
            '/user/packages/npm/%40scope%2Fpkg/restore?token=pkg%26token%3Dsecret%2Fvalue'
            '/orgs/acme/packages/container/acme%2Fweb%20app/restore?token=pkg%26token%3Dsecret%2Fvalue'
        )
    }

    It 'sends GitHub''s headers and the -Token as a bearer token' {
        Restore-GitHubPackage -Type npm -Name left-pad -BaseUrl $script:Server.BaseUrl -Token $script:SecureToken | Out-Null
        $headers = $script:Server.Requests[0].Headers
        $headers['Authorization'] | Should -Be "Bearer $script:Token"
        $headers['Accept'] | Should -Be 'application/vnd.github+json'
        $headers['X-GitHub-Api-Version'] | Should -Be '2022-11-28'
        $headers['User-Agent'] | Should -Not -BeNullOrEmpty
    }

    It 'takes GH_TOKEN before GITHUB_TOKEN when -Token is absent' {
        $env:GH_TOKEN = $script:EnvToken
        $env:GITHUB_TOKEN = $script:OtherEnvToken
        Restore-GitHubPackage -Type npm -Name a -BaseUrl $script:Server.BaseUrl | Out-Null
        $env:GH_TOKEN = $null
        Restore-GitHubPackage -Type npm -Name b -BaseUrl $script:Server.BaseUrl | Out-Null
        $script:Server.Requests.ForEach({ $_.Headers['Authorization'] }) | Should -Be @("Bearer $script:EnvToken", "Bearer $script:OtherEnvToken")
    }

    It 'refuses to run without a token, sending nothing' {
        { Restore-GitHubPackage -Type npm -Name a -BaseUrl $script:Server.BaseUrl } | Should -Throw -ErrorId 'NoToken,RestoreSdk.PowerShell.RestoreGitHubPackageCommand'
        $script:Server.Requests.Count | Should -Be 0
    }

    It 'goes to GitHub Enterprise Server''s /api/v3 root' {
        Restore-GitHubPackage -Org acme -Type maven -Name com.acme.core -BaseUrl "$($script:Server.BaseUrl)api/v3" -Token $script:SecureToken | Out-Null
        $script:Server.Requests.RawTarget | Should -Be '/api/v3/orgs/acme/packages/maven/com.acme.core/restore'
    }

    It 'refuses plain http to another host without -AllowPlainHttp, before sending' {
        { Restore-GitHubPackage -Type npm -Name a -BaseUrl 'http://ghes.example.invalid/api/v3' -Token $script:SecureToken } |
            Should -Throw -ErrorId 'InvalidBaseUrl,RestoreSdk.PowerShell.RestoreGitHubPackageCommand'
    }
}

Describe '-WhatIf and -Confirm' {
    It 'sends nothing, needs no token, and says what each package requires' {
        $server = [LoopbackGitHub]::new()
        $transcript = Join-Path $TestDrive 'whatif.txt'
        try {
            $env:GH_TOKEN = $null
            $env:GITHUB_TOKEN = $null
            Start-Transcript -Path $transcript | Out-Null
            $results = @(
                [pscustomobject]@{ org = ''; type = 'npm'; name = 'left-pad' }
                [pscustomobject]@{ org = 'acme'; type = 'container'; name = 'acme/web' }
            ) | Restore-GitHubPackage -BaseUrl $server.BaseUrl -WhatIf
            Stop-Transcript | Out-Null
            $results | Should -BeNullOrEmpty
            $server.Requests.Count | Should -Be 0
            $text = Get-Content $transcript -Raw
            $text | Should -Match "What if: .*read:packages and write:packages.*npm package 'left-pad' of the token's user"
            $text | Should -Match "What if: .*admin rights in the organization and admin rights on the package.*container package 'acme/web' of organization 'acme'"
        }
        finally { $server.Dispose() }
    }

    It '-Confirm asks for each package and sends only those confirmed' {
        $server = [LoopbackGitHub]::new()
        $process = $null
        try {
            $command = "Import-Module RestoreSdk.PowerShell; 'one', 'two' | ForEach-Object { [pscustomobject]@{ type = 'npm'; name = `$_ } } | " +
                "Restore-GitHubPackage -BaseUrl '$($server.BaseUrl)' -Token (ConvertTo-SecureString '$script:Token' -AsPlainText -Force) -Confirm | ForEach-Object { 'result: ' + `$_ }"
            $process = Start-ConsolePwsh $command -Interactive
            $stdout = $process.StandardOutput.ReadToEndAsync()
            $process.StandardInput.WriteLine('y')
            $process.StandardInput.WriteLine('n')
            $process.StandardInput.Close()
            $process.WaitForExit(60000) | Should -BeTrue
            $text = $stdout.Result
            ([regex]::Matches($text, 'Are you sure you want to perform this action\?')).Count | Should -Be 2
            $text | Should -Match 'result: npm one: Restored'
            $text | Should -Not -Match 'result: npm two'
            $server.Requests.RawTarget | Should -Be @('/user/packages/npm/one/restore')
        }
        finally {
            $server.Dispose()
            if ($process -and -not $process.HasExited) { $process.Kill() }
        }
    }
}
