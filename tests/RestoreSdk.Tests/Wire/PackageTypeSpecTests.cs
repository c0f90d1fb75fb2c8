// Checks the hand-written route enums against the trimmed spec both ways, so a new upstream package type cannot slip through.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class PackageTypeSpecTests
{
    [Fact]
    public async Task UserPackageType_matches_the_user_routes_package_type_enum_in_the_spec()
    {
        var sent = await WireValuesSentAsync<UserPackageType>((client, type) => client.RestorePackageForAuthenticatedUserAsync(type, "probe"), segment: 3);

        AssertSameWireValues<UserPackageType>(SpecEnum("packages/restore-package-for-authenticated-user"), sent);
    }

    [Fact]
    public async Task OrgPackageType_matches_the_org_routes_package_type_enum_in_the_spec()
    {
        var sent = await WireValuesSentAsync<OrgPackageType>((client, type) => client.RestorePackageForOrgAsync("probe-org", type, "probe"), segment: 4);

        AssertSameWireValues<OrgPackageType>(SpecEnum("packages/restore-package-for-org"), sent);
    }

    private static async Task<Dictionary<TEnum, string>> WireValuesSentAsync<TEnum>(Func<PackagesClient, TEnum, Task> restore, int segment)
        where TEnum : struct, Enum
    {
        var sent = new Dictionary<TEnum, string>();
        foreach (var member in Enum.GetValues<TEnum>())
        {
            await using var recorder = new RawHttpRecorder();
            await restore(new PackagesClient(new PackagesClientOptions { BaseAddress = recorder.BaseAddress }), member);
            sent[member] = recorder.Single().Target.Split('/')[segment];
        }

        return sent;
    }

    private static void AssertSameWireValues<TEnum>(IReadOnlyCollection<string> specValues, Dictionary<TEnum, string> sent)
        where TEnum : struct, Enum
    {
        var problems = specValues.Except(sent.Values)
            .Select(value => $"the spec lists package_type '{value}' but {typeof(TEnum).Name} has no member for it: add {typeof(TEnum).Name}.{char.ToUpperInvariant(value[0])}{value[1..]}")
            .Concat(sent.Where(pair => !specValues.Contains(pair.Value))
                .Select(pair => $"{typeof(TEnum).Name}.{pair.Key} sends '{pair.Value}', which the spec does not list"))
            .ToList();

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static IReadOnlyCollection<string> SpecEnum(string operationId)
    {
        var spec = JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf("openapi/github-packages-restore.json")))!;
        var operation = spec["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(method => method.Value!))
            .Single(candidate => (string?)candidate["operationId"] == operationId);
        var packageType = operation["parameters"]!.AsArray()
            .Select(parameter => Resolve(spec, parameter!))
            .Single(parameter => (string?)parameter["name"] == "package_type");
        return packageType["schema"]!["enum"]!.AsArray().Select(value => (string)value!).ToList();
    }

    private static JsonNode Resolve(JsonNode spec, JsonNode node) =>
        node["$ref"] is { } reference
            ? ((string)reference!).TrimStart('#', '/').Split('/').Aggregate(spec, (current, key) => current[key]!)
            : node;
}
