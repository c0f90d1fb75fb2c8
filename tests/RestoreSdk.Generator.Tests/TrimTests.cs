// Tests for "trim": what the trimmed spec contains, its byte-exact format, and unusable upstreams.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace RestoreSdk.Generator.Tests;

public sealed class TrimTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void KeepsOnlyTheTwoRestoreOperationsInFixedOrder()
    {
        JsonObject upstream = Fixture.Upstream();

        JsonObject trimmed = Trim(upstream);

        Assert.Equal(["openapi", "info", "servers", "paths", "components"], trimmed.Select(p => p.Key));
        foreach (string key in new[] { "openapi", "info", "servers" })
        {
            Assert.True(JsonNode.DeepEquals(upstream[key], trimmed[key]), key);
        }
        JsonObject paths = trimmed["paths"]!.AsObject();
        Assert.Equal([Fixture.UserPath, Fixture.OrgPath], paths.Select(p => p.Key));
        foreach (string path in new[] { Fixture.UserPath, Fixture.OrgPath })
        {
            Assert.Equal(["post"], paths[path]!.AsObject().Select(p => p.Key));
            Assert.True(JsonNode.DeepEquals(Fixture.Operation(upstream, path), paths[path]!["post"]), path);
        }
    }

    [Fact]
    public void KeepsExactlyTheTransitivelyReferencedComponentsSortedByName()
    {
        JsonObject upstream = Fixture.Upstream();
        SortedSet<string> expected = ReferencedComponents(upstream, Fixture.UserPath, Fixture.OrgPath);
        Assert.Contains("schemas/error-detail", expected); // the fixture must exercise a reference inside a component

        JsonObject components = Trim(upstream)["components"]!.AsObject();

        var actual = components.SelectMany(section => section.Value!.AsObject().Select(entry => $"{section.Key}/{entry.Key}"));
        Assert.Equal(expected, actual);
        Assert.Equal(components.Select(s => s.Key).Order(StringComparer.Ordinal), components.Select(s => s.Key));
        foreach ((string section, JsonNode? entries) in components)
        {
            Assert.Equal(entries!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal), entries.AsObject().Select(e => e.Key));
            foreach ((string name, JsonNode? component) in entries.AsObject())
            {
                Assert.True(JsonNode.DeepEquals(Fixture.Component(upstream, section, name), component), $"{section}/{name}");
            }
        }
    }

    [Fact]
    public void KeepsPathLevelParametersAndTheirComponents()
    {
        JsonObject upstream = Fixture.Upstream();
        JsonArray orgParameters = Fixture.Operation(upstream, Fixture.OrgPath)["parameters"]!.AsArray();
        JsonNode orgReference = orgParameters.Single(p => (string?)p!["$ref"] == "#/components/parameters/org")!;
        orgParameters.Remove(orgReference);
        JsonObject orgItem = upstream["paths"]![Fixture.OrgPath]!.AsObject();
        upstream["paths"]![Fixture.OrgPath] = new JsonObject
        {
            ["parameters"] = new JsonArray(orgReference),
            ["get"] = orgItem["get"]!.DeepClone(),
            ["post"] = orgItem["post"]!.DeepClone(),
        };

        JsonObject trimmed = Trim(upstream);

        JsonObject trimmedItem = trimmed["paths"]![Fixture.OrgPath]!.AsObject();
        Assert.Equal(["parameters", "post"], trimmedItem.Select(p => p.Key));
        Assert.True(JsonNode.DeepEquals(upstream["paths"]![Fixture.OrgPath]!["parameters"], trimmedItem["parameters"]));
        Assert.NotNull(trimmed["components"]!["parameters"]!["org"]);
    }

    [Fact]
    public void OutputIsByteIdenticalAcrossRunsAndUnrelatedKeyOrder()
    {
        JsonObject upstream = Fixture.Upstream();
        JsonObject shuffled = Fixture.Reversed(upstream);
        shuffled["paths"] = Fixture.Reversed(upstream["paths"]!.AsObject());
        var components = Fixture.Reversed(upstream["components"]!.AsObject());
        foreach (string section in components.Select(p => p.Key).ToArray())
        {
            components[section] = Fixture.Reversed(components[section]!.AsObject());
        }
        shuffled["components"] = components;
        Assert.NotEqual(upstream.ToJsonString(), shuffled.ToJsonString());

        byte[] first = TrimBytes(upstream, "first.json");
        byte[] second = TrimBytes(upstream, "second.json");
        byte[] fromShuffled = TrimBytes(shuffled, "shuffled.json");

        Assert.Equal(first, second);
        Assert.Equal(first, fromShuffled);
    }

    [Fact]
    public void WritesUtf8WithTwoSpaceIndentAndNoNeedlessEscaping()
    {
        byte[] bytes = TrimBytes(Fixture.Upstream(), "out.json");
        string text = new UTF8Encoding(false, true).GetString(bytes);

        Assert.Equal((byte)'{', bytes[0]);
        Assert.EndsWith("}\n", text);
        Assert.DoesNotContain("\r", text);
        Assert.StartsWith("{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\n    \"title\": ", text);
        Assert.Contains("Fixture of GitHub's API — résumé", text);
        Assert.Contains("if it's \\\"deleted\\\" within", text);
        Assert.DoesNotContain("\\u", text);
    }

    [Fact]
    public void MissingUpstreamFileIsUnusable()
    {
        string missing = temp.File("absent.json");

        Tool.Run("trim", "--upstream", missing, "--output", temp.File("out.json")).AssertUnusable($"{missing}: file not found");
        Assert.False(File.Exists(temp.File("out.json")));
    }

    [Fact]
    public void MalformedJsonIsUnusable()
    {
        string upstream = temp.WriteText("upstream.json", "{\"openapi\": \"3.0.3\", \"paths\": {");

        Tool.Run("trim", "--upstream", upstream, "--output", temp.File("out.json")).AssertUnusable("malformed JSON");
    }

    [Theory]
    [InlineData("{\"swagger\": \"2.0\", \"paths\": {}}", "openapi is missing")]
    [InlineData("{\"openapi\": \"2.0\", \"paths\": {}}", "openapi is \"2.0\"")]
    [InlineData("{\"openapi\": \"3.0.3\"}", "no 'paths' object")]
    [InlineData("[1, 2]", "the top level is not a JSON object")]
    public void NonOpenApi3DocumentIsUnusable(string document, string reason)
    {
        string upstream = temp.WriteText("upstream.json", document);

        ToolResult result = Tool.Run("trim", "--upstream", upstream, "--output", temp.File("out.json"));

        result.AssertUnusable("not an OpenAPI 3.x document");
        Assert.Contains(reason, result.Stderr);
    }

    [Theory]
    [InlineData(Fixture.UserPath, Fixture.UserOperationId, Fixture.OrgOperationId)]
    [InlineData(Fixture.OrgPath, Fixture.OrgOperationId, Fixture.UserOperationId)]
    public void UpstreamLackingAnOperationIsUnusableAndNamesIt(string path, string missingId, string presentId)
    {
        JsonObject upstream = Fixture.Upstream();
        upstream["paths"]![path]!.AsObject().Remove("post");

        ToolResult result = Tool.Run("trim", "--upstream", temp.Write("upstream.json", upstream), "--output", temp.File("out.json"));

        result.AssertUnusable($"missing operation '{missingId}'");
        Assert.DoesNotContain(presentId, result.Stderr);
        Assert.False(File.Exists(temp.File("out.json")));
    }

    [Fact]
    public void UnresolvedReferenceIsUnusable()
    {
        JsonObject upstream = Fixture.Upstream();
        Fixture.Component(upstream, "schemas", "basic-error")["properties"]!["errors"]!["items"]!["$ref"] = "#/components/schemas/nowhere";

        Tool.Run("trim", "--upstream", temp.Write("upstream.json", upstream), "--output", temp.File("out.json"))
            .AssertUnusable("unresolved $ref '#/components/schemas/nowhere'");
    }

    // The test's own closure over "$ref" strings in the JSON text, independent of the tool's tree walk.
    private static SortedSet<string> ReferencedComponents(JsonObject upstream, params string[] paths)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(paths.Select(p => Fixture.Operation(upstream, p).ToJsonString()));
        while (pending.TryDequeue(out string? text))
        {
            foreach (Match match in Regex.Matches(text, "\"\\$ref\":\"#/components/([^/\"]+)/([^/\"]+)\""))
            {
                if (found.Add($"{match.Groups[1].Value}/{match.Groups[2].Value}"))
                {
                    pending.Enqueue(Fixture.Component(upstream, match.Groups[1].Value, match.Groups[2].Value).ToJsonString());
                }
            }
        }
        return found;
    }

    private byte[] TrimBytes(JsonObject upstream, string outputName)
    {
        string output = temp.File(outputName);
        ToolResult result = Tool.Run("trim", "--upstream", temp.Write("upstream-for-" + outputName, upstream), "--output", output);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        return File.ReadAllBytes(output);
    }

    private JsonObject Trim(JsonObject upstream) => JsonNode.Parse(TrimBytes(upstream, "trimmed.json"))!.AsObject();
}
