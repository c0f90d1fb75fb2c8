// Loads an OpenAPI 3.x JSON file and answers the lookups the commands need (operations, $refs).
using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RestoreSdk.Generator;

internal sealed record LocatedOperation(string Path, string Method, JsonObject PathItem, JsonObject Operation);

internal sealed record OpenApiDocument(string Source, JsonObject Root)
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private static readonly JsonDocumentOptions ParseOptions = new() { AllowDuplicateProperties = false };

    public static OpenApiDocument Load(string path, string role)
    {
        string source = $"{role} {path}";
        if (!File.Exists(path))
        {
            throw new InputException($"{source}: file not found");
        }

        JsonNode? root;
        try
        {
            using FileStream stream = File.OpenRead(path);
            root = JsonNode.Parse(stream, documentOptions: ParseOptions);
        }
        catch (JsonException e)
        {
            throw new InputException($"{source}: malformed JSON: {e.Message.ReplaceLineEndings(" ")}");
        }
        catch (IOException e)
        {
            throw new InputException($"{source}: cannot read: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InputException($"{source}: cannot read: {e.Message}");
        }

        if (root is not JsonObject document)
        {
            throw new InputException($"{source}: not an OpenAPI 3.x document (the top level is not a JSON object)");
        }
        if (document["openapi"] is not JsonValue version || !version.TryGetValue(out string? text) || !text.StartsWith("3.", StringComparison.Ordinal))
        {
            throw new InputException($"{source}: not an OpenAPI 3.x document (openapi is {Describe(document["openapi"])})");
        }
        if (document["paths"] is not JsonObject)
        {
            throw new InputException($"{source}: not an OpenAPI 3.x document (no 'paths' object)");
        }
        return new OpenApiDocument(source, document);
    }

    public InputException Fail(string message) => new($"{Source}: {message}");

    public LocatedOperation? FindOperation(string operationId)
    {
        foreach ((string path, JsonNode? item) in Root["paths"]!.AsObject())
        {
            if (item is not JsonObject pathItem)
            {
                continue;
            }
            foreach ((string method, JsonNode? node) in pathItem)
            {
                if (HttpMethods.Contains(method) && node is JsonObject operation
                    && operation["operationId"] is JsonValue id && id.TryGetValue(out string? value) && value == operationId)
                {
                    return new LocatedOperation(path, method, pathItem, operation);
                }
            }
        }
        return null;
    }

    // Returns the whole component a reference points into, after checking the full pointer resolves.
    public (string Section, string Name, JsonNode Node) Component(string reference)
    {
        string[] tokens = ComponentTokens(reference);
        Resolve(reference);
        return (tokens[1], tokens[2], Walk(reference, tokens[..3]));
    }

    public JsonNode Resolve(string reference) => Walk(reference, ComponentTokens(reference));

    private JsonNode Walk(string reference, string[] tokens)
    {
        JsonNode? node = Root;
        foreach (string token in tokens)
        {
            node = node switch
            {
                JsonObject obj => obj[token],
                JsonArray array when int.TryParse(token, out int index) && index >= 0 && index < array.Count => array[index],
                _ => null,
            };
        }
        return node ?? throw Fail($"unresolved $ref '{reference}'");
    }

    // Only local references into components are supported; GitHub's descriptions use nothing else.
    private string[] ComponentTokens(string reference)
    {
        string[] tokens = reference.StartsWith("#/", StringComparison.Ordinal)
            ? reference[2..].Split('/').Select(t => t.Replace("~1", "/").Replace("~0", "~")).ToArray()
            : [];
        if (tokens.Length < 3 || tokens[0] != "components")
        {
            throw Fail($"unsupported $ref '{reference}' (only '#/components/...' references are supported)");
        }
        return tokens;
    }

    private static string Describe(JsonNode? node) => node is null ? "missing" : CanonicalJson.Compact(node);
}
