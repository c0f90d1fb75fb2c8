// Tests for "check" on fixture upstreams: equivalent layouts, classified mutations, thresholds, formats, bad input.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace RestoreSdk.Generator.Tests;

public sealed class CheckTests : IDisposable
{
    private const string ErrorSchema = "content/application~1json/schema";

    private readonly TempDirectory temp = new();
    private readonly string spec;

    public CheckTests()
    {
        spec = temp.File("spec.json");
        Assert.Equal(0, Tool.Run("trim", "--upstream", temp.Write("original.json", Fixture.Upstream()), "--output", spec).ExitCode);
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void IdenticalUpstreamHasNoDrift()
    {
        string upstream = temp.Write("upstream.json", Fixture.Upstream());

        ToolResult result = Tool.Run("check", "--upstream", upstream, "--spec", spec);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{upstream}: 0 breaking, 0 additive, 0 documentation\n", result.Stdout);
    }

    [Fact]
    public void ReorderedKeysParametersAndEnumValuesAreNoDrift()
    {
        JsonObject reordered = (JsonObject)Reordered(Fixture.Upstream(), parentKey: "")!;
        Assert.Equal("token", (string?)Fixture.Operation(reordered, Fixture.UserPath)["parameters"]![0]!["name"]);

        AssertDifferences(Check(reordered));
    }

    [Fact]
    public void InlinedReferencesAreNoDrift()
    {
        JsonObject upstream = Fixture.Upstream();
        foreach (string path in new[] { Fixture.UserPath, Fixture.OrgPath })
        {
            upstream["paths"]![path]!["post"] = Inlined(Fixture.Operation(upstream, path), upstream);
        }
        upstream.Remove("components");
        upstream["paths"]!.AsObject().Remove("/user/packages");
        upstream["paths"]![Fixture.OrgPath]!.AsObject().Remove("get");

        AssertDifferences(Check(upstream));
    }

    [Fact]
    public void InlineParameterMovedIntoComponentsIsNoDrift()
    {
        JsonObject upstream = Fixture.Upstream();
        upstream["components"]!["parameters"]!["token"] = Fixture.Operation(upstream, Fixture.UserPath)["parameters"]![2]!.DeepClone();
        foreach (string path in new[] { Fixture.UserPath, Fixture.OrgPath })
        {
            JsonArray parameters = Fixture.Operation(upstream, path)["parameters"]!.AsArray();
            parameters[parameters.Count - 1] = new JsonObject { ["$ref"] = "#/components/parameters/token" };
        }

        AssertDifferences(Check(upstream));
    }

    [Fact]
    public void ParameterMovedToPathLevelIsNoDrift()
    {
        JsonObject upstream = Fixture.Upstream();
        JsonArray parameters = Fixture.Operation(upstream, Fixture.OrgPath)["parameters"]!.AsArray();
        JsonNode org = parameters[2]!;
        parameters.Remove(org);
        upstream["paths"]![Fixture.OrgPath]!["parameters"] = new JsonArray(org);

        AssertDifferences(Check(upstream));
    }

    [Fact]
    public void OperationParameterOverridesPathLevelOneOfTheSameNameAndLocation()
    {
        JsonObject upstream = Fixture.Upstream();
        JsonObject overridden = Fixture.Component(upstream, "parameters", "org").DeepClone().AsObject();
        overridden["schema"] = new JsonObject { ["type"] = "integer" };
        upstream["paths"]![Fixture.OrgPath]!["parameters"] = new JsonArray(overridden);

        AssertDifferences(Check(upstream));
    }

    [Fact]
    public void NewEnumValueIsAdditive()
    {
        JsonObject upstream = Fixture.Upstream();
        Fixture.Component(upstream, "parameters", "package-type")["schema"]!["enum"]!.AsArray().Add("pypi");

        AssertDifferences(Check(upstream), InBoth("additive", "/parameters/package_type/schema/enum", null, "pypi"));
    }

    [Fact]
    public void DroppedEnumValueIsBreaking()
    {
        JsonObject upstream = Fixture.Upstream();
        JsonArray values = Fixture.Component(upstream, "parameters", "package-type")["schema"]!["enum"]!.AsArray();
        values.Remove(values.Single(v => (string?)v == "docker"));

        AssertDifferences(Check(upstream), InBoth("breaking", "/parameters/package_type/schema/enum", "docker", null));
    }

    [Fact]
    public void RenamedParameterIsBreaking()
    {
        JsonObject upstream = Fixture.Upstream();
        JsonObject parameter = Fixture.Component(upstream, "parameters", "package-name");
        JsonNode before = parameter.DeepClone();
        parameter["name"] = "package";

        AssertDifferences(
            Check(upstream),
            [.. InBoth("breaking", "/parameters/package_name", before, null), .. InBoth("breaking", "/parameters/package", null, parameter)]);
    }

    [Theory]
    [InlineData(true, "breaking")]
    [InlineData(false, "additive")]
    public void NewQueryParameterIsBreakingOnlyWhenRequired(bool required, string expectedClass)
    {
        JsonObject upstream = Fixture.Upstream();
        var parameter = new JsonObject { ["name"] = "force", ["in"] = "query", ["required"] = required, ["schema"] = new JsonObject { ["type"] = "boolean" } };
        Fixture.Operation(upstream, Fixture.UserPath)["parameters"]!.AsArray().Add(parameter);

        AssertDifferences(Check(upstream), Line(expectedClass, $"{Fixture.UserPost}/parameters/force", null, parameter));
    }

    [Fact]
    public void ParameterBecomingRequiredIsBreaking()
    {
        JsonObject upstream = Fixture.Upstream();
        Fixture.Operation(upstream, Fixture.UserPath)["parameters"]![2]!["required"] = true;

        AssertDifferences(Check(upstream), Line("breaking", $"{Fixture.UserPost}/parameters/token/required", false, true));
    }

    [Fact]
    public void ParameterMovingLocationIsBreaking()
    {
        JsonObject upstream = Fixture.Upstream();
        Fixture.Operation(upstream, Fixture.UserPath)["parameters"]![2]!["in"] = "header";

        AssertDifferences(Check(upstream), Line("breaking", $"{Fixture.UserPost}/parameters/token/in", "query", "header"));
    }

    [Fact]
    public void ParameterSchemaTypeChangeIsBreaking()
    {
        JsonObject upstream = Fixture.Upstream();
        Fixture.Component(upstream, "parameters", "package-name")["schema"]!["type"] = "integer";

        AssertDifferences(Check(upstream), InBoth("breaking", "/parameters/package_name/schema/type", "string", "integer"));
    }

    [Fact]
    public void SuccessStatusChangeIsBreaking()
    {
        JsonObject upstream = Fixture.Upstream();
        JsonObject responses = Fixture.Operation(upstream, Fixture.UserPath)["responses"]!.AsObject();
        JsonNode noContent = responses["204"]!;
        responses.Remove("204");
        responses["200"] = noContent;

        AssertDifferences(
            Check(upstream),
            Line("breaking", $"{Fixture.UserPost}/responses/204", noContent, null),
            Line("additive", $"{Fixture.UserPost}/responses/200", null, noContent));
    }

    [Fact]
    public void NewErrorResponseIsAdditive()
    {
        JsonObject upstream = Fixture.Upstream();
        var validationFailed = new JsonObject { ["description"] = "Validation failed" };
        Fixture.Operation(upstream, Fixture.OrgPath)["responses"]!["422"] = validationFailed;

        AssertDifferences(Check(upstream), Line("additive", $"{Fixture.OrgPost}/responses/422", null, validationFailed));
    }

    [Fact]
    public void DroppedErrorResponseIsAdditiveNotBreaking()
    {
        JsonObject upstream = Fixture.Upstream();
        JsonNode notFound = Inlined(Fixture.Operation(upstream, Fixture.UserPath)["responses"]!["404"], upstream)!;
        Fixture.Operation(upstream, Fixture.UserPath)["responses"]!.AsObject().Remove("404");

        AssertDifferences(Check(upstream), Line("additive", $"{Fixture.UserPost}/responses/404", notFound, null));
    }

    [Fact]
    public void RemovedResponsePropertyIsBreaking()
    {
        JsonObject upstream = Fixture.Upstream();
        Fixture.Component(upstream, "schemas", "basic-error")["properties"]!.AsObject().Remove("message");

        AssertDifferences(Check(upstream), InEveryErrorResponse("breaking", "/properties/message", new JsonObject { ["type"] = "string" }, null));
    }

    [Fact]
    public void RetypedResponsePropertyIsBreaking()
    {
        JsonObject upstream = Fixture.Upstream();
        Fixture.Component(upstream, "schemas", "basic-error")["properties"]!["status"]!["type"] = "integer";

        AssertDifferences(Check(upstream), InEveryErrorResponse("breaking", "/properties/status/type", "string", "integer"));
    }

    [Fact]
    public void NewResponsePropertyIsAdditiveEvenWhenNamedLikeADocumentationKey()
    {
        JsonObject upstream = Fixture.Upstream();
        var property = new JsonObject { ["type"] = "string" };
        Fixture.Component(upstream, "schemas", "basic-error")["properties"]!["description"] = property;

        AssertDifferences(Check(upstream), InEveryErrorResponse("additive", "/properties/description", null, property));
    }

    [Fact]
    public void ChangedDescriptionIsDocumentation()
    {
        JsonObject upstream = Fixture.Upstream();
        JsonObject operation = Fixture.Operation(upstream, Fixture.UserPath);
        string before = (string)operation["description"]!;
        operation["description"] = "Restores a deleted package.";

        AssertDifferences(Check(upstream), Line("documentation", $"{Fixture.UserPost}/description", before, "Restores a deleted package."));
    }

    [Theory]
    [InlineData("summary")]
    [InlineData("externalDocs")]
    [InlineData("x-github")]
    [InlineData("x-octokit")]
    [InlineData("tags")]
    [InlineData("title")]
    [InlineData("example")]
    public void MetadataChangesAreDocumentation(string key)
    {
        JsonObject upstream = Fixture.Upstream();
        JsonObject operation = Fixture.Operation(upstream, Fixture.UserPath);
        JsonObject owner = key switch
        {
            "title" => Fixture.Component(upstream, "schemas", "basic-error"),
            "example" => operation["parameters"]![2]!.AsObject(),
            _ => operation,
        };
        owner[key] = new JsonObject { ["changed"] = true };

        JsonArray differences = Check(upstream).Differences;

        Assert.NotEmpty(differences);
        Assert.All(differences, d => Assert.Equal("documentation", (string?)d!["class"]));
        Assert.All(differences, d => Assert.EndsWith($"/{key}", (string?)d!["pointer"]));
    }

    [Fact]
    public void DroppedOperationIsBreakingDriftNotUnusableInput()
    {
        JsonObject upstream = Fixture.Upstream();
        upstream["paths"]![Fixture.OrgPath]!.AsObject().Remove("post");

        Drift drift = Check(upstream);

        Assert.Equal(1, drift.ExitCode);
        AssertDifferences(drift, Line("breaking", Fixture.OrgPost, $"POST {Fixture.OrgPath}", null));
    }

    [Fact]
    public void ChangedMethodIsBreaking()
    {
        JsonObject upstream = Fixture.Upstream();
        JsonObject item = upstream["paths"]![Fixture.UserPath]!.AsObject();
        JsonNode operation = item["post"]!;
        item.Remove("post");
        item["put"] = operation;

        AssertDifferences(Check(upstream), Line("breaking", Fixture.UserPost, $"POST {Fixture.UserPath}", $"PUT {Fixture.UserPath}"));
    }

    [Fact]
    public void RenamedPathIsBreaking()
    {
        JsonObject upstream = Fixture.Upstream();
        JsonObject paths = upstream["paths"]!.AsObject();
        JsonNode item = paths[Fixture.OrgPath]!;
        paths.Remove(Fixture.OrgPath);
        const string renamed = "/orgs/{org}/packages/{package_type}/{package_name}/restoration";
        paths[renamed] = item;

        AssertDifferences(Check(upstream), Line("breaking", Fixture.OrgPost, $"POST {Fixture.OrgPath}", $"POST {renamed}"));
    }

    [Theory]
    [InlineData("documentation", null, 1)]
    [InlineData("documentation", "documentation", 1)]
    [InlineData("documentation", "additive", 0)]
    [InlineData("additive", "additive", 1)]
    [InlineData("additive", "breaking", 0)]
    [InlineData("breaking", "breaking", 1)]
    public void FailOnSetsTheThresholdButEveryDifferenceIsReported(string drift, string? failOn, int expectedExit)
    {
        JsonObject upstream = Fixture.Upstream();
        JsonObject user = Fixture.Operation(upstream, Fixture.UserPath);
        switch (drift)
        {
            case "documentation":
                user["summary"] = "Restore a package";
                break;
            case "additive":
                user["responses"]!["422"] = new JsonObject { ["description"] = "Validation failed" };
                break;
            default:
                user["responses"]!.AsObject().Remove("204");
                break;
        }

        Drift result = Check(upstream, failOn is null ? [] : ["--fail-on", failOn]);

        Assert.Equal(expectedExit, result.ExitCode);
        Assert.Equal(drift, (string?)Assert.Single(result.Differences)!["class"]);
    }

    [Fact]
    public void JsonFormatListsDifferencesWithFiveFieldsAndCountsPerUpstream()
    {
        JsonObject upstream = Fixture.Upstream();
        Fixture.Component(upstream, "parameters", "package-type")["schema"]!["enum"]!.AsArray().Add("pypi");

        Drift drift = Check(upstream);

        Assert.Equal(2, drift.Differences.Count);
        Assert.All(drift.Differences, d =>
        {
            Assert.Equal(["upstream", "pointer", "class", "old", "new"], d!.AsObject().Select(p => p.Key));
            Assert.Equal(drift.Upstream, (string?)d["upstream"]);
        });
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse($$"""{ "{{drift.Upstream}}": { "breaking": 0, "additive": 2, "documentation": 0 } }"""),
            drift.Summary));
    }

    [Fact]
    public void TextFormatShowsOneShortenedLinePerDifferenceThenTheSummary()
    {
        JsonObject upstream = Fixture.Upstream();
        JsonObject operation = Fixture.Operation(upstream, Fixture.UserPath);
        string before = (string)operation["description"]!;
        operation["description"] = before + new string('x', 400);
        string path = temp.Write("upstream.json", upstream);

        ToolResult result = Tool.Run("check", "--upstream", path, "--spec", spec, "--format", "text");

        Assert.Equal(1, result.ExitCode);
        string[] lines = result.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal(path, lines[0]);
        string prefix = $"  documentation  {Fixture.UserPost}/description  ";
        Assert.StartsWith(prefix, lines[1]);
        string[] values = lines[1][prefix.Length..].Split(" → ");
        Assert.Equal(2, values.Length);
        Assert.All(values, v => Assert.InRange(v.Length, 1, 120));
        Assert.EndsWith("…", values[1]);
        Assert.Equal($"{path}: 0 breaking, 0 additive, 1 documentation", lines[2]);
    }

    [Fact]
    public void EachUpstreamIsReportedSeparately()
    {
        string unchanged = temp.Write("unchanged.json", Fixture.Upstream());
        JsonObject upstream = Fixture.Upstream();
        Fixture.Operation(upstream, Fixture.OrgPath)["responses"]!.AsObject().Remove("204");
        string changed = temp.Write("changed.json", upstream);

        ToolResult json = Tool.Run("check", "--upstream", unchanged, "--upstream", changed, "--spec", spec, "--format", "json");
        ToolResult text = Tool.Run("check", "--upstream", unchanged, "--upstream", changed, "--spec", spec);

        Assert.Equal(1, json.ExitCode);
        JsonObject report = JsonNode.Parse(json.Stdout)!.AsObject();
        Assert.Equal(changed, (string?)Assert.Single(report["differences"]!.AsArray())!["upstream"]);
        Assert.Equal(0, (int)report["summary"]![unchanged]!["breaking"]!);
        Assert.Equal(1, (int)report["summary"]![changed]!["breaking"]!);
        Assert.Equal(1, text.ExitCode);
        Assert.Contains($"{unchanged}: 0 breaking, 0 additive, 0 documentation\n", text.Stdout);
        Assert.EndsWith($"{changed}: 1 breaking, 0 additive, 0 documentation\n", text.Stdout);
    }

    [Fact]
    public void UnusableUpstreamsExitWithTwo()
    {
        string missing = temp.File("absent.json");
        string malformed = temp.WriteText("malformed.json", "{\"openapi\": ");
        string swagger = temp.WriteText("swagger.json", "{\"swagger\": \"2.0\", \"paths\": {}}");

        Tool.Run("check", "--upstream", missing, "--spec", spec).AssertUnusable($"upstream {missing}: file not found");
        Tool.Run("check", "--upstream", malformed, "--spec", spec).AssertUnusable($"upstream {malformed}: malformed JSON");
        Tool.Run("check", "--upstream", swagger, "--spec", spec).AssertUnusable($"upstream {swagger}: not an OpenAPI 3.x document");
    }

    [Fact]
    public void UnusableTrimmedSpecExitsWithTwo()
    {
        string upstream = temp.Write("upstream.json", Fixture.Upstream());
        string missing = temp.File("absent-spec.json");
        JsonObject incomplete = JsonNode.Parse(System.IO.File.ReadAllText(spec))!.AsObject();
        incomplete["paths"]!.AsObject().Remove(Fixture.UserPath);
        string incompletePath = temp.Write("incomplete-spec.json", incomplete);

        Tool.Run("check", "--upstream", upstream, "--spec", missing).AssertUnusable($"trimmed spec {missing}: file not found");
        Tool.Run("check", "--upstream", upstream, "--spec", incompletePath).AssertUnusable($"missing operation '{Fixture.UserOperationId}'");
    }

    private sealed record Drift(string Upstream, int ExitCode, JsonArray Differences, JsonObject Summary);

    private Drift Check(JsonObject upstream, params string[] extraArgs)
    {
        string path = temp.Write("upstream.json", upstream);
        ToolResult result = Tool.Run(["check", "--upstream", path, "--spec", spec, "--format", "json", .. extraArgs]);
        Assert.Equal("", result.Stderr);
        JsonObject report = JsonNode.Parse(result.Stdout)!.AsObject();
        return new Drift(path, result.ExitCode, report["differences"]!.AsArray(), report["summary"]!.AsObject());
    }

    private static void AssertDifferences(Drift drift, params string[] expected)
    {
        Assert.Equal(expected.Length == 0 ? 0 : 1, drift.ExitCode);
        IEnumerable<string> actual = drift.Differences.Select(d => Line((string)d!["class"]!, (string)d["pointer"]!, d["old"], d["new"]));
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }

    private static string Line(string driftClass, string pointer, JsonNode? old, JsonNode? current) =>
        $"{driftClass} {pointer} {old?.ToJsonString() ?? "null"} -> {current?.ToJsonString() ?? "null"}";

    private static string[] InBoth(string driftClass, string relativePointer, JsonNode? old, JsonNode? current) =>
        [Line(driftClass, Fixture.UserPost + relativePointer, old, current), Line(driftClass, Fixture.OrgPost + relativePointer, old, current)];

    private static string[] InEveryErrorResponse(string driftClass, string schemaPointer, JsonNode? old, JsonNode? current) =>
        new[] { "401", "403", "404" }
            .SelectMany(status => InBoth(driftClass, $"/responses/{status}/{ErrorSchema}{schemaPointer}", old, current))
            .ToArray();

    // The test's own $ref inliner over the fixture's "#/components/<section>/<name>" references.
    private static JsonNode? Inlined(JsonNode? node, JsonObject upstream) => node switch
    {
        JsonObject obj when obj["$ref"] is JsonNode reference =>
            Inlined(Fixture.Component(upstream, ((string)reference!).Split('/')[2], ((string)reference!).Split('/')[3]), upstream),
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Inlined(p.Value, upstream)))),
        JsonArray array => new JsonArray(array.Select(item => Inlined(item, upstream)).ToArray()),
        _ => node?.DeepClone(),
    };

    // Every object's keys in reverse order, and parameter lists and enum values reversed too.
    private static JsonNode? Reordered(JsonNode? node, string parentKey) => node switch
    {
        JsonObject obj => new JsonObject(obj.Reverse().Select(p => KeyValuePair.Create(p.Key, Reordered(p.Value, p.Key)))),
        JsonArray array => new JsonArray((parentKey is "parameters" or "enum" ? array.Reverse() : array).Select(item => Reordered(item, "")).ToArray()),
        _ => node?.DeepClone(),
    };
}
