// --simulate: the simulator's demo with its documented outcomes, given packages restorable as deleted yesterday, and never the network.
using System.Text.Json;
using RestoreSdk.Cli.Tests.Infrastructure;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Cli.Tests;

public sealed class SimulateTests
{
    [Fact]
    public async Task The_demo_restores_what_github_would_and_reports_the_rest_exiting_1()
    {
        var result = await Tool.RunAsync(new[] { "--simulate", "--output", "json" });

        Assert.Equal(1, result.ExitCode);
        var lines = result.StdoutLines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(
            new[] { "restored", "restored", "failed", "failed" },
            lines.Select(line => line.GetProperty("outcome").GetString()));
        Assert.Equal(new int?[] { 204, 204, 404, 403 }, lines.Select(line => (int?)line.GetProperty("status").GetInt32()));
        Assert.Contains("lacks the repo scope", lines[3].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("https://github.com/settings/tokens", lines[3].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.All(lines, line => Assert.False(string.IsNullOrEmpty(line.GetProperty("requestId").GetString())));
        Assert.Contains("nothing leaves this machine", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_needs_no_token_and_prints_none()
    {
        var result = await Tool.RunAsync(new[] { "--simulate" }, new Dictionary<string, string> { ["GH_TOKEN"] = string.Empty });

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain(RestoreSdk.Testing.GitHubSimulator.DemoToken, result.All, StringComparison.Ordinal);
        Assert.Contains("2 restored, 2 failed, 0 skipped, 0 not-attempted", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_packages_are_simulated_as_deleted_yesterday_and_restored_without_the_network()
    {
        var time = new InstantTimeProvider();
        await using var network = new LoopbackGitHub(time);

        var result = await Tool.RunAsync(
            new[] { "--simulate", "--from", "-", "--output", "json" },
            handler: null,
            time: time,
            stdin: "org,type,name\nacme,container,acme/web\n,maven,com.acme.core\nacme,npm,@acme/ui\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new[] { "restored", "restored", "restored" }, result.StdoutLines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("outcome").GetString()));
        Assert.Empty(network.Requests);
    }
}
