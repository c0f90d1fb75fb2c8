// Cuts an upstream description down to the two restore operations and the components they reference.
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace RestoreSdk.Generator;

internal sealed record TrimResult(OpenApiDocument Spec, IReadOnlyList<RestoreOperation> Missing);

internal static class Trimmer
{
    private static readonly string[] KeptTopLevel = ["openapi", "info", "servers"];

    public static TrimResult Trim(OpenApiDocument upstream)
    {
        var paths = new JsonObject();
        var missing = new List<RestoreOperation>();
        foreach (RestoreOperation operation in RestoreOperations.All)
        {
            LocatedOperation? located = upstream.FindOperation(operation.OperationId);
            if (located is null)
            {
                missing.Add(operation);
                continue;
            }
            if (paths[located.Path] is not JsonObject pathItem)
            {
                paths[located.Path] = pathItem = [];
            }
            foreach ((string key, JsonNode? value) in located.PathItem)
            {
                if ((key == "parameters" || key == located.Method) && !pathItem.ContainsKey(key))
                {
                    pathItem[key] = value?.DeepClone();
                }
            }
        }

        var trimmed = new JsonObject();
        foreach (string key in KeptTopLevel.Where(upstream.Root.ContainsKey))
        {
            trimmed[key] = upstream.Root[key]?.DeepClone();
        }
        trimmed["paths"] = paths;
        JsonObject components = ReferencedComponents(upstream, paths);
        if (components.Count > 0)
        {
            trimmed["components"] = components;
        }
        return new TrimResult(upstream with { Root = trimmed }, missing);
    }

    private static JsonObject ReferencedComponents(OpenApiDocument upstream, JsonNode start)
    {
        var found = new SortedDictionary<string, SortedDictionary<string, JsonNode>>(System.StringComparer.Ordinal);
        var pending = new Stack<JsonNode>([start]);
        while (pending.TryPop(out JsonNode? node))
        {
            foreach (string reference in References(node))
            {
                (string section, string name, JsonNode target) = upstream.Component(reference);
                if (!found.TryGetValue(section, out SortedDictionary<string, JsonNode>? entries))
                {
                    found[section] = entries = new(System.StringComparer.Ordinal);
                }
                if (!entries.ContainsKey(name))
                {
                    entries[name] = target;
                    pending.Push(target);
                }
            }
        }

        var components = new JsonObject();
        foreach ((string section, SortedDictionary<string, JsonNode> entries) in found)
        {
            components[section] = new JsonObject(entries.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value.DeepClone())));
        }
        return components;
    }

    private static IEnumerable<string> References(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach ((string key, JsonNode? value) in obj)
                {
                    if (key == "$ref" && value is JsonValue reference && reference.TryGetValue(out string? text))
                    {
                        yield return text;
                        continue;
                    }
                    foreach (string nested in References(value))
                    {
                        yield return nested;
                    }
                }
                break;
            case JsonArray array:
                foreach (string nested in array.SelectMany(References))
                {
                    yield return nested;
                }
                break;
        }
    }
}
