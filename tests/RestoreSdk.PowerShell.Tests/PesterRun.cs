// Packs the module into a scratch PSResource repository and runs every Pester file once in PowerShell 7.6.9 (the repository's local tool), keeping the NUnit report.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace RestoreSdk.PowerShell.Tests;

public sealed class PesterRun : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(4);
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "restoresdk-pester-" + Guid.NewGuid().ToString("N"));

    public PesterRun()
    {
        var repoRoot = Metadata("RepoRoot");
        var feed = Path.Combine(_scratch, "feed");
        var results = Path.Combine(_scratch, "pester.xml");
        var log = new StringBuilder();
        var watch = Stopwatch.StartNew();

        // The module was built with the tests (project reference); pack it as dotnet pack RestoreSdk.sln does, into a folder of its own.
        // Without the package or pwsh nothing below means anything: fail every test with what the step printed.
        Require(log, Run(log, repoRoot, new Dictionary<string, string?>(), "dotnet", "pack", Path.Combine(repoRoot, "src", "RestoreSdk.PowerShell", "RestoreSdk.PowerShell.csproj"),
            "-c", Metadata("Configuration"), "--no-build", "-o", feed, "-nologo"), "dotnet pack");
        Require(log, Run(log, repoRoot, new Dictionary<string, string?>(), "dotnet", "tool", "restore"), "dotnet tool restore");

        // PowerShell's per-user folders (modules, PSResourceGet's repositories) in a scratch home, so nothing is installed for the user;
        // dotnet keeps its own home and packages folder, where the local tool was restored. .NET only uses a data folder that exists.
        var home = Path.Combine(_scratch, "home");
        var data = Directory.CreateDirectory(Path.Combine(home, ".local", "share")).FullName;
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["XDG_DATA_HOME"] = data,
            ["XDG_CONFIG_HOME"] = null,
            ["XDG_CACHE_HOME"] = null,
            ["DOTNET_CLI_HOME"] = Environment.GetEnvironmentVariable("DOTNET_CLI_HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            ["NUGET_PACKAGES"] = Metadata("NuGetPackageRoot"),
            ["PSModulePath"] = null,
            ["GH_TOKEN"] = null,
            ["GITHUB_TOKEN"] = null,
            ["POWERSHELL_TELEMETRY_OPTOUT"] = "1",
            ["POWERSHELL_UPDATECHECK"] = "Off",
            ["RESTORESDK_FEED"] = feed,
            ["RESTORESDK_VERSION"] = PackageVersion(repoRoot),
            ["RESTORESDK_OLD_POLLY"] = Metadata("OlderPollyCore"),
        };
        var runner = Path.Combine(AppContext.BaseDirectory, "Pester", "Run.ps1");
        Run(log, repoRoot, environment, "dotnet", "tool", "run", "pwsh", "-NoProfile", "-NonInteractive", "-File", runner,
            "-PesterPath", Metadata("PesterModule"), "-ResultPath", results);
        Log = log.ToString();
        Elapsed = watch.Elapsed;
        Report = File.Exists(results) ? XDocument.Load(results) : null;
    }

    /// <summary>Everything the steps printed, for failure messages.</summary>
    public string Log { get; }

    public TimeSpan Elapsed { get; }

    /// <summary>Pester's NUnit XML report, or null when Pester did not write one.</summary>
    public XDocument? Report { get; }

    /// <summary>The names of the Describe blocks in the report.</summary>
    public IReadOnlyList<string> Describes => Suites().Select(suite => (string)suite.Attribute("description")!).ToList();

    /// <summary>The failed Its of one Describe, as "name: message"; null when no Describe of that name ran.</summary>
    public IReadOnlyList<string>? FailuresOf(string describe)
    {
        var suite = Suites().FirstOrDefault(candidate => (string?)candidate.Attribute("description") == describe);
        if (suite is null)
        {
            return null;
        }

        var cases = suite.Descendants("test-case").ToList();
        if (cases.Count == 0)
        {
            return new[] { "no It ran" };
        }

        return cases
            .Where(testCase => (string?)testCase.Attribute("result") != "Success")
            .Select(testCase => $"{testCase.Attribute("description")?.Value ?? testCase.Attribute("name")?.Value}: {testCase.Attribute("result")?.Value}: {testCase.Descendants("message").FirstOrDefault()?.Value}")
            .ToList();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finished pwsh: the temp folder is cleaned by the system.
        }
    }

    private static string Metadata(string key) =>
        typeof(PesterRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value!;

    // The one version of the packages, from build/Packaging.props: what Install-PSResource must install.
    private static string PackageVersion(string repoRoot) =>
        Regex.Match(File.ReadAllText(Path.Combine(repoRoot, "build", "Packaging.props")), "<Version>([^<]+)</Version>").Groups[1].Value;

    private static void Require(StringBuilder log, int exitCode, string step)
    {
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{step} failed with exit code {exitCode}:\n{log}");
        }
    }

    private static int Run(StringBuilder log, string directory, Dictionary<string, string?> environment, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        log.AppendLine($"> {fileName} {string.Join(' ', arguments)}");
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => { lock (log) { log.AppendLine(line.Data); } };
        process.ErrorDataReceived += (_, line) => { lock (log) { log.AppendLine(line.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var killed = !process.WaitForExit(StepTimeout);
        if (killed)
        {
            process.Kill(entireProcessTree: true);
            log.AppendLine($"(killed after {StepTimeout.TotalMinutes} min)");
        }

        process.WaitForExit();
        log.AppendLine($"(exit code {process.ExitCode})");
        return killed ? -1 : process.ExitCode;
    }

    // Pester's NUnit report nests a TestFixture per Describe inside one per file (named by its path), under a root fixture.
    private IEnumerable<XElement> Suites() =>
        Report?.Descendants("test-suite").Where(suite => (string?)suite.Attribute("type") == "TestFixture"
            && suite.Ancestors("test-suite").Any(file => ((string?)file.Attribute("description") ?? string.Empty).EndsWith(".Tests.ps1", StringComparison.Ordinal)))
            ?? Enumerable.Empty<XElement>();
}
