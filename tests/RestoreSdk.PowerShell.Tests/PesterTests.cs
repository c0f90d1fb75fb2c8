// One xunit test per Pester Describe of the module, so dotnet test RestoreSdk.sln names each failed Pester test and its message.
using System.Linq;
using Xunit;

namespace RestoreSdk.PowerShell.Tests;

public sealed class PesterTests : IClassFixture<PesterRun>
{
    private static readonly string[] DescribeNames =
    {
        "Install from a local PSResource repository",
        "Pipeline input on the simulator",
        "Requests on the wire",
        "-WhatIf and -Confirm",
        "Errors",
        "Stopping (Ctrl+C)",
        "Secrets",
        "Dependency isolation",
        "One client per session",
    };

    private readonly PesterRun _run;

    public PesterTests(PesterRun run) => _run = run;

    public static TheoryData<string> Describes => new TheoryData<string>(DescribeNames);

    [Theory]
    [MemberData(nameof(Describes))]
    public void Describe_passes(string describe)
    {
        var failures = _run.FailuresOf(describe);
        Assert.True(failures is not null, $"Pester ran no Describe '{describe}'. Output:\n{_run.Log}");
        Assert.True(failures!.Count == 0, $"Describe '{describe}' failed:\n{string.Join("\n", failures)}\n\nPester output:\n{_run.Log}");
    }

    [Fact]
    public void Every_Pester_Describe_has_its_xunit_test()
    {
        Assert.True(_run.Report is not null, $"Pester wrote no report. Output:\n{_run.Log}");
        Assert.Equal(DescribeNames.OrderBy(name => name), _run.Describes.OrderBy(name => name));
    }
}
