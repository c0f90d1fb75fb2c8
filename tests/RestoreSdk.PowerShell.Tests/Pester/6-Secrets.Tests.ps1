# Secrets never shown: a server echoing the token and package token in its message, request id and headers, with -Verbose and -Debug, on a 404 and a 401.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    function Assert-NoSecret([string] $Text) {
        foreach ($secret in Get-Secrets) {
            $Text.Contains($secret) | Should -BeFalse -Because "'$secret' must not appear"
        }
    }
}

Describe 'Secrets' {
    BeforeEach {
        $script:Server = [LoopbackGitHub]::new()
        $script:Server.EchoSecrets = $true
    }
    AfterEach { $script:Server.Dispose() }

    It 'keeps the token and package token out of output, errors, warnings, verbose, debug and progress when a 404 echoes them' {
        $run = Invoke-Isolated -Script {
            param($Url, $Token, $PackageToken)
            Restore-GitHubPackage -Type npm -Name echo -BaseUrl $Url -Token $Token -PackageToken $PackageToken -Verbose -Debug -ErrorAction Continue
        } -Arguments @{ Url = $script:Server.BaseUrl; Token = $script:SecureToken; PackageToken = $script:SecurePackageToken }
        $script:Server.Requests.Count | Should -Be 1
        $script:Server.Requests[0].Headers['Authorization'] | Should -Be "Bearer $script:Token"
        $run.Errors.Count | Should -Be 1
        $run.Debug.Count | Should -BeGreaterThan 0
        $text = ConvertTo-VisibleText $run
        $text | Should -Match 'Not Found for'
        Assert-NoSecret $text
    }

    It 'keeps them out of the terminating 401 and the GH_TOKEN path' {
        $script:Server.Enqueue(401)
        $env:GH_TOKEN = $script:EnvToken
        try {
            $run = Invoke-Isolated -Script {
                param($Url, $PackageToken)
                Restore-GitHubPackage -Type npm -Name echo -BaseUrl $Url -PackageToken $PackageToken -Verbose -Debug
            } -Arguments @{ Url = $script:Server.BaseUrl; PackageToken = $script:SecurePackageToken }
        }
        finally { $env:GH_TOKEN = $null }
        $script:Server.Requests[0].Headers['Authorization'] | Should -Be "Bearer $script:EnvToken"
        $rejected = @($run.Errors | Where-Object { $_.FullyQualifiedErrorId -like 'Unauthorized,*' })
        $rejected.Count | Should -Be 1
        "$($rejected[0])" | Should -Match 'The token came from GH_TOKEN'
        Assert-NoSecret (ConvertTo-VisibleText $run)
    }
}
