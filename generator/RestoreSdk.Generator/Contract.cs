// The comparable form of a trimmed spec: each restore operation with $refs inlined and parameters keyed by name.
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace RestoreSdk.Generator;

internal sealed record ContractOperation(string Path, string Method, JsonObject Body)
{
    public string Location => $"{Method.ToUpperInvariant()} {Path}";
}

// Only the operations are compared. Top-level info is ignored because it carries the package version,
// servers because it is api.github.com vs a GHES host template, and the openapi version because any
// schema change it brings shows up in the operations themselves.
internal sealed record Contract(IReadOnlyDictionary<string, ContractOperation> Operations)
{
    public static Contract From(OpenApiDocument spec)
    {
        var operations = new Dictionary<string, ContractOperation>();
        foreach (RestoreOperation operation in RestoreOperations.All)
        {
            LocatedOperation? located = spec.FindOperation(operation.OperationId);
            if (located is null)
            {
                continue;
            }
            var body = (JsonObject)Inline(spec, located.Operation, [])!;
            body["parameters"] = KeyedParameters(
                Inline(spec, located.PathItem["parameters"], []) as JsonArray,
                body["parameters"] as JsonArray);
            operations[operation.OperationId] = new ContractOperation(located.Path, located.Method, body);
        }
        return new Contract(operations);
    }

    // A copy of the node with every $ref replaced by its target; a reference cycle stays a $ref.
    private static JsonNode? Inline(OpenApiDocument spec, JsonNode? node, HashSet<string> resolving)
    {
        switch (node)
        {
            case JsonObject obj when obj["$ref"] is JsonValue value && value.TryGetValue(out string? reference):
                if (!resolving.Add(reference))
                {
                    return obj.DeepClone();
                }
                JsonNode? target = Inline(spec, spec.Resolve(reference), resolving);
                resolving.Remove(reference);
                return target;
            case JsonObject obj:
                return new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Inline(spec, p.Value, resolving))));
            case JsonArray array:
                return new JsonArray(array.Select(item => Inline(spec, item, resolving)).ToArray());
            default:
                return node?.DeepClone();
        }
    }

    // Operation parameters override path-level ones with the same name and location, as OpenAPI specifies.
    // Keys are the parameter name, or "name@in" when one name is used in several locations.
    private static JsonObject KeyedParameters(JsonArray? pathLevel, JsonArray? operationLevel)
    {
        var effective = new List<(string Name, string In, JsonNode Parameter)>();
        IEnumerable<JsonNode?> declared = [.. pathLevel ?? [], .. operationLevel ?? []];
        foreach (JsonObject parameter in declared.OfType<JsonObject>())
        {
            string name = Text(parameter["name"]);
            string location = Text(parameter["in"]);
            effective.RemoveAll(p => p.Name == name && p.In == location);
            effective.Add((name, location, parameter.DeepClone()));
        }
        return new JsonObject(effective.Select(p => KeyValuePair.Create(
            effective.Count(other => other.Name == p.Name) > 1 ? $"{p.Name}@{p.In}" : p.Name,
            (JsonNode?)p.Parameter)));
    }

    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : "";
}
