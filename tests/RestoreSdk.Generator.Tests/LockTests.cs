// Tests for "lock": the recorded package, source and sha256 of every upstream *.json file.
using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace RestoreSdk.Generator.Tests;

public sealed class LockTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void RecordsPackageSourceAndSortedHashesOfJsonFiles()
    {
        string upstreamDir = Directory.CreateDirectory(temp.File("upstream")).FullName;
        File.WriteAllText(Path.Combine(upstreamDir, "ghes-3.19.json"), "{\"b\": 2}");
        File.WriteAllText(Path.Combine(upstreamDir, "api.github.com.json"), "{\"a\": 1}");
        File.WriteAllText(Path.Combine(upstreamDir, "README.md"), "not a description");
        string output = temp.File("lock/upstream.lock.json");

        ToolResult result = Tool.Run("lock", "--package", "@octokit/openapi", "--version", "23.0.2",
            "--source", "package/generated/api.github.com.json", "--upstream-dir", upstreamDir, "--output", output);

        Assert.Equal(0, result.ExitCode);
        string text = File.ReadAllText(output, new UTF8Encoding(false, true));
        Assert.StartsWith("{\n  \"package\": \"@octokit/openapi\",\n", text);
        Assert.EndsWith("}\n", text);
        JsonObject written = JsonNode.Parse(text)!.AsObject();
        Assert.Equal("23.0.2", (string?)written["version"]);
        Assert.Equal("package/generated/api.github.com.json", (string?)written["source"]);
        JsonObject files = written["files"]!.AsObject();
        Assert.Equal(["api.github.com.json", "ghes-3.19.json"], files.Select(f => f.Key));
        foreach ((string name, JsonNode? hash) in files)
        {
            Assert.Equal(Sha256(Path.Combine(upstreamDir, name)), (string?)hash);
        }
    }

    [Fact]
    public void MissingUpstreamDirectoryIsUnusable()
    {
        Tool.Run("lock", "--package", "p", "--version", "1", "--source", "a.json", "--upstream-dir", temp.File("nowhere"), "--output", temp.File("lock.json"))
            .AssertUnusable("directory not found");
    }

    [Fact]
    public void SourceAbsentFromUpstreamDirectoryIsUnusable()
    {
        temp.WriteText("other.json", "{}");

        Tool.Run("lock", "--package", "p", "--version", "1", "--source", "package/generated/api.github.com.json", "--upstream-dir", temp.Path, "--output", temp.File("lock.json"))
            .AssertUnusable("has no api.github.com.json");
    }

    public static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant();
}
