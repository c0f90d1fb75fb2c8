// The JSON Lines shape of a package report, shared by --output json and the journal (which adds at and target): org, type, name, outcome, status, requestId, message.
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RestoreSdk.Cli.Output;

internal static class JsonLines
{
    private static readonly JsonWriterOptions WriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One line for <paramref name="report"/>; the journal adds when (<paramref name="at"/>) and where (<paramref name="target"/>).</summary>
    public static string Format(PackageReport report, string? at = null, string? target = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            if (at is not null)
            {
                writer.WriteString("at", at);
            }

            if (target is not null)
            {
                writer.WriteString("target", target);
            }

            writer.WriteString("org", report.Org);
            writer.WriteString("type", report.Type);
            writer.WriteString("name", report.Name);
            writer.WriteString("outcome", report.Outcome);
            if (report.Status is { } status)
            {
                writer.WriteNumber("status", status);
            }
            else
            {
                writer.WriteNull("status");
            }

            writer.WriteString("requestId", report.RequestId);
            writer.WriteString("message", report.Message);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
