// Runs restore-sdk-gen in-process and captures its exit code and output.
using System.IO;
using RestoreSdk.Generator;
using Xunit;

namespace RestoreSdk.Generator.Tests;

internal sealed record ToolResult(int ExitCode, string Stdout, string Stderr)
{
    // Unusable input must be reported as exactly one line on stderr, with nothing on stdout.
    public void AssertUnusable(string expectedFragment)
    {
        Assert.Equal(2, ExitCode);
        Assert.Equal("", Stdout);
        Assert.Single(Stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains(expectedFragment, Stderr);
    }
}

internal static class Tool
{
    public static ToolResult Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exitCode = Program.Run(args, stdout, stderr);
        return new ToolResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
