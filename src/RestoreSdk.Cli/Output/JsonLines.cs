// The JSON Lines shape of a package report, shared by --output json and the journal (which adds at and target, and its "sending" entries): org, type, name, outcome, status, requestId, message.
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

    /// <summary>The journal's entry for a request about to go out: when (<paramref name="at"/>), where, which package and which attempt.</summary>
    public static string FormatSending(string? org, string type, string name, int attempt, string at, string target)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("at", at);
            writer.WriteString("target", target);
            writer.WriteString("org", org);
            writer.WriteString("type", type);
            writer.WriteString("name", name);
            writer.WriteString("outcome", JournalContents.Sending);
            writer.WriteNumber("attempt", attempt);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
