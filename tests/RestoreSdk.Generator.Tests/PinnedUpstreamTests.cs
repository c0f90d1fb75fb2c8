// CI guards over the real pinned upstream: the committed spec and lock match it, and its drift is as expected.
using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace RestoreSdk.Generator.Tests;

public sealed class PinnedUpstreamTests : IDisposable
{
    private const string Pinned = "octokit-openapi-23.0.2";
    private static readonly string[] Products = ["api.github.com.json", "ghec.json", "ghes-3.17.json", "ghes-3.18.json", "ghes-3.19.json"];

    private readonly TempDirectory temp = new();
    private readonly string committedSpec = Repository.File("openapi/github-packages-restore.json");

    public void Dispose() => temp.Dispose();

    [Fact]
    public void CommittedSpecIsExactlyWhatTrimProducesFromThePinnedUpstream()
    {
        string output = temp.File("trimmed.json");

        ToolResult result = Tool.Run("trim", "--upstream", Repository.PinnedUpstream($"{Pinned}/api.github.com.json"), "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.True(
            File.ReadAllBytes(output).AsSpan().SequenceEqual(File.ReadAllBytes(committedSpec)),
            "openapi/github-packages-restore.json is stale: regenerate it with 'trim' from the pinned api.github.com.json");
    }

    [Fact]
    public void LockRecordsThePinnedPackageAndTheHashOfEveryFile()
    {
        JsonObject upstreamLock = JsonNode.Parse(File.ReadAllText(Repository.File("openapi/upstream.lock.json")))!.AsObject();

        Assert.Equal("@octokit/openapi", (string?)upstreamLock["package"]);
        Assert.Equal("23.0.2", (string?)upstreamLock["version"]);
        Assert.Equal("package/generated/api.github.com.json", (string?)upstreamLock["source"]);
        JsonObject files = upstreamLock["files"]!.AsObject();
        Assert.Equal(Products, files.Select(f => f.Key));
        foreach (string product in Products)
        {
            Assert.Equal(LockTests.Sha256(Repository.PinnedUpstream($"{Pinned}/{product}")), (string?)files[product]);
        }
    }

    [Fact]
    public void EveryPinnedProductDriftsOnlyInDocumentation()
    {
        string[] upstreams = Products.Select(p => Repository.PinnedUpstream($"{Pinned}/{p}")).ToArray();

        ToolResult result = Tool.Run(["check", .. upstreams.SelectMany(u => new[] { "--upstream", u }), "--spec", committedSpec, "--format", "json", "--fail-on", "additive"]);

        Assert.Equal(0, result.ExitCode);
        JsonObject report = JsonNode.Parse(result.Stdout)!.AsObject();
        JsonArray differences = report["differences"]!.AsArray();
        Assert.All(differences, d => Assert.Equal("documentation", (string?)d!["class"]));
        Assert.DoesNotContain(differences, d => (string?)d!["upstream"] == upstreams[0]);
        Assert.Equal(upstreams, report["summary"]!.AsObject().Select(s => s.Key));
    }

    // shared/upstream/README.md: in 16.0.0 the two restore operations differ from 23.0.2 only in their descriptions.
    [Fact]
    public void OlderRealReleaseDriftsOnlyInTheOperationDescriptions()
    {
        string upstream = Repository.PinnedUpstream("octokit-openapi-16.0.0/api.github.com.json");

        ToolResult result = Tool.Run("check", "--upstream", upstream, "--spec", committedSpec, "--format", "json");

        Assert.Equal(1, result.ExitCode);
        JsonArray differences = JsonNode.Parse(result.Stdout)!["differences"]!.AsArray();
        Assert.All(differences, d => Assert.Equal("documentation", (string?)d!["class"]));
        Assert.Equal(
            [$"{Fixture.OrgPost}/description", $"{Fixture.UserPost}/description"],
            differences.Select(d => (string)d!["pointer"]!).Order(StringComparer.Ordinal));
    }
}
