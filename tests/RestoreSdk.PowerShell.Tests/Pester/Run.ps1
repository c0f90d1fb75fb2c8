# Runs the module's Pester files in order with Pester from NuGet and writes an NUnit XML report for the xunit side to read.
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ResultPath
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PesterPath 'tools/Pester.psd1') -Force
$configuration = New-PesterConfiguration
$configuration.Run.Path = @(Get-ChildItem -Path $PSScriptRoot -Filter '*.Tests.ps1' | Sort-Object Name | ForEach-Object FullName)
$configuration.Run.Exit = $false
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = $ResultPath
$configuration.Output.Verbosity = 'Detailed'
$configuration.Should.ErrorAction = 'Continue'
Invoke-Pester -Configuration $configuration
