// Tests that malformed command lines exit with code 2 and show the usage line.
using Xunit;

namespace RestoreSdk.Generator.Tests;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData(new string[0], "no command given")]
    [InlineData(new[] { "generate" }, "unknown command 'generate'")]
    [InlineData(new[] { "trim", "--upstream", "a.json", "--output", "b.json", "--force", "yes" }, "unknown option '--force' for 'trim'")]
    [InlineData(new[] { "trim", "--upstream", "a.json", "--output" }, "option '--output' needs a value")]
    [InlineData(new[] { "trim", "--upstream", "--output", "b.json" }, "option '--upstream' needs a value")]
    [InlineData(new[] { "trim", "--upstream", "a.json" }, "missing required option '--output'")]
    [InlineData(new[] { "trim", "--upstream", "a.json", "--upstream", "b.json", "--output", "c.json" }, "option '--upstream' given more than once")]
    [InlineData(new[] { "lock", "--package", "p", "--version", "1" }, "missing required option '--source'")]
    [InlineData(new[] { "check", "--spec", "s.json" }, "missing required option '--upstream'")]
    [InlineData(new[] { "check", "--upstream", "a.json", "--format", "xml" }, "unknown format 'xml'")]
    [InlineData(new[] { "check", "--upstream", "a.json", "--fail-on", "cosmetic" }, "unknown class 'cosmetic' for --fail-on")]
    [InlineData(new[] { "check", "--upstream", "a.json", "--upstream", "a.json" }, "upstream 'a.json' given more than once")]
    public void UsageErrorsExitWithTwoAndShowUsage(string[] args, string message)
    {
        ToolResult result = Tool.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.StartsWith($"error: {message}\n", result.Stderr);
        Assert.Contains("usage: restore-sdk-gen ", result.Stderr);
    }
}
