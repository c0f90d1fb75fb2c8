// The --journal file: one JSON line per outcome, appended and flushed as it happens; packages it records as restored are skipped next time.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using RestoreSdk.Cli.Input;
using RestoreSdk.Cli.Planning;

namespace RestoreSdk.Cli.Output;

internal sealed class Journal : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly TimeProvider _time;

    private Journal(StreamWriter writer, TimeProvider time)
    {
        _writer = writer;
        _time = time;
    }

    /// <summary>The packages an earlier run recorded as restored, and lines it could not read (a run killed mid-write leaves a partial last line).</summary>
    public static (HashSet<PackageKey> Restored, List<string> Warnings) ReadRestored(string path)
    {
        var restored = new HashSet<PackageKey>();
        var warnings = new List<string>();
        if (!File.Exists(path))
        {
            return (restored, warnings);
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(path, Encoding.UTF8);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read the journal {path}: {error.Message}");
        }

        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            try
            {
                using var entry = JsonDocument.Parse(lines[i]);
                var root = entry.RootElement;
                if (root.GetProperty("outcome").GetString() == Outcomes.Restored)
                {
                    var org = root.GetProperty("org");
                    restored.Add(PackageKey.Of(
                        org.ValueKind == JsonValueKind.Null ? null : org.GetString(),
                        root.GetProperty("type").GetString()!,
                        root.GetProperty("name").GetString()!));
                }
            }
            catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                warnings.Add($"line {i + 1} of the journal {path} is not a journal entry; ignored.");
            }
        }

        return (restored, warnings);
    }

    public static Journal Open(string path, TimeProvider time)
    {
        try
        {
            var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            return new Journal(new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)), time);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InputException($"cannot open the journal {path} for appending: {error.Message}");
        }
    }

    public void Append(PackageReport report)
    {
        _writer.WriteLine(JsonLines.Format(report, _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)));
        _writer.Flush();
    }

    public void Dispose() => _writer.Dispose();
}
