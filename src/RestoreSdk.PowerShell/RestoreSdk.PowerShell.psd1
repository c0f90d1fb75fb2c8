# Module manifest template of RestoreSdk.PowerShell: the build writes it into the module with the version of build/Packaging.props in ModuleVersion.
@{
    RootModule             = 'RestoreSdk.PowerShell.dll'
    ModuleVersion          = '@VERSION@'
    GUID                   = '5b0d1d0e-8a57-4c59-9d3e-2f6c1a4e7b91'
    Author                 = 'RestoreSdk contributors'
    CompanyName            = 'RestoreSdk contributors'
    Copyright              = 'Copyright (c) RestoreSdk contributors'
    Description            = 'Restore-GitHubPackage restores deleted GitHub packages (one, or hundreds piped from Import-Csv) through RestoreSdk, with -WhatIf, progress, rate-limit waits and a built-in simulator.'
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('RestoreSdk.PowerShell.Format.ps1xml')
    CmdletsToExport        = @('Restore-GitHubPackage')
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags       = @('GitHub', 'GitHubPackages', 'Packages', 'Restore', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri = 'https://opensource.org/licenses/MIT'
        }
    }
}
