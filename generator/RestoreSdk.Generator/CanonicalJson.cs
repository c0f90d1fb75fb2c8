// Writes JSON the same way every time: UTF-8 without BOM, 2-space indent, \n newlines, minimal escaping.
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RestoreSdk.Generator;

internal static class CanonicalJson
{
    private static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] ToBytes(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            node.WriteTo(writer);
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    public static string Compact(JsonNode? node) => node is null ? "null" : node.ToJsonString(CompactOptions);

    public static void WriteFile(string path, JsonNode node)
    {
        try
        {
            string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }
            File.WriteAllBytes(path, ToBytes(node));
        }
        catch (IOException e)
        {
            throw new InputException($"cannot write {path}: {e.Message}");
        }
        catch (System.UnauthorizedAccessException e)
        {
            throw new InputException($"cannot write {path}: {e.Message}");
        }
    }
}
