// Compares two contracts node by node and classifies each difference as breaking, additive or documentation.
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RestoreSdk.Generator;

internal sealed class ContractDiff
{
    // What an object in the contract is: keyword objects have OpenAPI keys, maps have user-chosen names as keys.
    private enum Shape
    {
        Operation,
        Parameters,
        Parameter,
        Responses,
        Response,
        Headers,
        Content,
        MediaType,
        RequestBody,
        Properties,
        Schema,
        SchemaList,
        Value,
    }

    private static readonly HashSet<string> DocumentationKeys = ["description", "summary", "externalDocs", "title", "tags", "example", "examples"];

    private readonly string upstream;
    private readonly List<Difference> differences = [];

    private ContractDiff(string upstream) => this.upstream = upstream;

    // The committed contract must hold every restore operation; the fresh one may lack some.
    public static IReadOnlyList<Difference> Compare(string upstream, Contract committed, Contract fresh)
    {
        var diff = new ContractDiff(upstream);
        foreach (RestoreOperation operation in RestoreOperations.All)
        {
            ContractOperation old = committed.Operations[operation.OperationId];
            fresh.Operations.TryGetValue(operation.OperationId, out ContractOperation? current);
            if (current?.Location != old.Location)
            {
                diff.Add(Pointer(old), DriftClass.Breaking, JsonValue.Create(old.Location), JsonValue.Create(current?.Location));
            }
            if (current is not null)
            {
                diff.CompareNode(Pointer(current), Shape.Operation, old.Body, current.Body);
            }
        }
        return diff.differences;
    }

    private static string Pointer(ContractOperation operation) => $"/paths/{Escape(operation.Path)}/{Escape(operation.Method)}";

    private static string Escape(string key) => key.Replace("~", "~0").Replace("/", "~1");

    private void CompareNode(string pointer, Shape shape, JsonNode? old, JsonNode? current)
    {
        if (JsonNode.DeepEquals(old, current))
        {
            return;
        }
        switch (old, current)
        {
            case (JsonObject oldObject, JsonObject currentObject):
                CompareObjects(pointer, shape, oldObject, currentObject);
                break;
            case (JsonArray oldArray, JsonArray currentArray):
                CompareArrays(pointer, shape, oldArray, currentArray);
                break;
            default:
                Add(pointer, DriftClass.Breaking, old, current);
                break;
        }
    }

    private void CompareObjects(string pointer, Shape shape, JsonObject old, JsonObject current)
    {
        bool isMap = shape is Shape.Parameters or Shape.Headers or Shape.Responses or Shape.Content or Shape.Properties;
        foreach (string key in old.Select(p => p.Key).Concat(current.Select(p => p.Key).Where(k => !old.ContainsKey(k))))
        {
            JsonNode? oldValue = old[key];
            JsonNode? currentValue = current[key];
            if (JsonNode.DeepEquals(oldValue, currentValue))
            {
                continue;
            }
            string child = $"{pointer}/{Escape(key)}";
            if (isMap)
            {
                CompareEntry(child, shape, key, oldValue, currentValue);
            }
            else
            {
                CompareKeyword(child, shape, key, oldValue, currentValue);
            }
        }
    }

    private void CompareEntry(string pointer, Shape map, string key, JsonNode? old, JsonNode? current)
    {
        if (old is null)
        {
            // A new parameter the caller must send breaks existing calls; anything else new is additive.
            bool mustBeSent = map == Shape.Parameters && (current?["required"]?.GetValueKind() == JsonValueKind.True || JsonNode.DeepEquals(current?["in"], JsonValue.Create("path")));
            Add(pointer, mustBeSent ? DriftClass.Breaking : DriftClass.Additive, old, current);
        }
        else if (current is null)
        {
            // Dropping a documented error response changes nothing a caller relies on; dropping a success one does.
            bool compatible = map == Shape.Responses && !key.StartsWith('2');
            Add(pointer, compatible ? DriftClass.Additive : DriftClass.Breaking, old, current);
        }
        else
        {
            CompareNode(pointer, EntryShape(map), old, current);
        }
    }

    private void CompareKeyword(string pointer, Shape shape, string key, JsonNode? old, JsonNode? current)
    {
        if (DocumentationKeys.Contains(key) || key.StartsWith("x-", System.StringComparison.Ordinal))
        {
            Add(pointer, DriftClass.Documentation, old, current);
        }
        else if (shape == Shape.Parameter && key == "required")
        {
            bool wasRequired = old?.GetValueKind() == JsonValueKind.True;
            bool isRequired = current?.GetValueKind() == JsonValueKind.True;
            if (wasRequired != isRequired)
            {
                Add(pointer, isRequired ? DriftClass.Breaking : DriftClass.Additive, old, current);
            }
        }
        else if (shape == Shape.Schema && key is "enum" or "required" && old is JsonArray oldSet && current is JsonArray currentSet)
        {
            CompareSets(pointer, oldSet, currentSet);
        }
        else if (old is null)
        {
            Add(pointer, DriftClass.Additive, old, current);
        }
        else if (current is null)
        {
            Add(pointer, DriftClass.Breaking, old, current);
        }
        else
        {
            CompareNode(pointer, KeywordShape(shape, key), old, current);
        }
    }

    // Order carries no meaning in enum and required lists: report each value that disappeared or appeared.
    private void CompareSets(string pointer, JsonArray old, JsonArray current)
    {
        foreach (JsonNode? value in old.Where(v => !current.Any(c => JsonNode.DeepEquals(v, c))))
        {
            Add(pointer, DriftClass.Breaking, value, null);
        }
        foreach (JsonNode? value in current.Where(c => !old.Any(v => JsonNode.DeepEquals(v, c))))
        {
            Add(pointer, DriftClass.Additive, null, value);
        }
    }

    private void CompareArrays(string pointer, Shape shape, JsonArray old, JsonArray current)
    {
        Shape itemShape = shape == Shape.SchemaList ? Shape.Schema : Shape.Value;
        for (int i = 0; i < System.Math.Max(old.Count, current.Count); i++)
        {
            string child = $"{pointer}/{i}";
            if (i >= old.Count)
            {
                Add(child, DriftClass.Additive, null, current[i]);
            }
            else if (i >= current.Count)
            {
                Add(child, DriftClass.Breaking, old[i], null);
            }
            else
            {
                CompareNode(child, itemShape, old[i], current[i]);
            }
        }
    }

    private static Shape KeywordShape(Shape shape, string key) => (shape, key) switch
    {
        (Shape.Operation, "parameters") => Shape.Parameters,
        (Shape.Operation, "responses") => Shape.Responses,
        (Shape.Operation, "requestBody") => Shape.RequestBody,
        (Shape.Parameter or Shape.MediaType, "schema") => Shape.Schema,
        (Shape.Parameter or Shape.Response or Shape.RequestBody, "content") => Shape.Content,
        (Shape.Response, "headers") => Shape.Headers,
        (Shape.Schema, "properties") => Shape.Properties,
        (Shape.Schema, "items" or "additionalProperties" or "not") => Shape.Schema,
        (Shape.Schema, "allOf" or "anyOf" or "oneOf") => Shape.SchemaList,
        _ => Shape.Value,
    };

    private static Shape EntryShape(Shape map) => map switch
    {
        Shape.Parameters or Shape.Headers => Shape.Parameter,
        Shape.Responses => Shape.Response,
        Shape.Content => Shape.MediaType,
        _ => Shape.Schema,
    };

    private void Add(string pointer, DriftClass driftClass, JsonNode? old, JsonNode? current) =>
        differences.Add(new Difference(upstream, pointer, driftClass, old?.DeepClone(), current?.DeepClone()));
}
