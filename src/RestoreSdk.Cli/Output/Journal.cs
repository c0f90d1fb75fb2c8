// The --journal file: one JSON line per outcome with its target, appended and flushed as it happens; packages it records as restored on the same target are skipped next time.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using RestoreSdk.Cli.Input;
using RestoreSdk.Cli.Planning;

namespace RestoreSdk.Cli.Output;

/// <summary>What an earlier run's journal says: the packages restored on this run's target, and notes for standard error.</summary>
internal sealed record JournalContents(HashSet<PackageKey> Restored, List<string> Notes)
{
    public static JournalContents Empty => new JournalContents(new HashSet<PackageKey>(), new List<string>());
}

internal sealed class Journal : IDisposable
{
    // A journal line is a few hundred characters; a much longer one means the file is not a journal (or a device such as /dev/full).
    private const int MaxLineLength = 64 * 1024;

    private readonly string _path;
    private readonly string _target;
    private readonly StreamWriter _writer;
    private readonly TimeProvider _time;
    private readonly Action<string> _warn;
    private bool _broken;

    private Journal(string path, string target, StreamWriter writer, TimeProvider time, Action<string> warn)
    {
        _path = path;
        _target = target;
        _writer = writer;
        _time = time;
        _warn = warn;
    }

    /// <summary>Whether a write failed: outcomes from then on are missing from the journal.</summary>
    public bool IsIncomplete => _broken;

    /// <summary>
    /// The packages an earlier run recorded as restored on <paramref name="target"/> (see <c>GitHubTarget.JournalTarget</c>), and notes:
    /// lines it could not read (a run killed mid-write leaves a partial last line) and entries of other targets, which are ignored.
    /// A journal that cannot be read at all is an <see cref="InputException"/>.
    /// </summary>
    public static JournalContents ReadRestored(string path, string target)
    {
        var contents = JournalContents.Empty;
        if (!File.Exists(path))
        {
            return contents;
        }

        List<string> lines;
        try
        {
            lines = ReadLines(path);
        }
        catch (InputException)
        {
            throw;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            throw new InputException($"cannot read the journal {path}: {error.Message}");
        }

        var otherTargets = new SortedSet<string>(StringComparer.Ordinal);
        var otherEntries = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            try
            {
                using var entry = JsonDocument.Parse(lines[i]);
                var root = entry.RootElement;
                var entryTarget = root.TryGetProperty("target", out var recorded) ? recorded.GetString() : null;
                if (!string.Equals(entryTarget, target, StringComparison.Ordinal))
                {
                    otherEntries++;
                    otherTargets.Add(entryTarget is null ? "no target (an older restore-package)" : Printable.Escape(entryTarget));
                    continue;
                }

                if (root.GetProperty("outcome").GetString() == Outcomes.Restored)
                {
                    var org = root.GetProperty("org");
                    contents.Restored.Add(PackageKey.Of(
                        org.ValueKind == JsonValueKind.Null ? null : org.GetString(),
                        root.GetProperty("type").GetString()!,
                        root.GetProperty("name").GetString()!));
                }
            }
            catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                contents.Notes.Add($"line {i + 1} of the journal {path} is not a journal entry; ignored.");
            }
        }

        if (otherEntries > 0)
        {
            contents.Notes.Add(
                $"the journal {path} has {otherEntries} {(otherEntries == 1 ? "entry" : "entries")} for another target ({string.Join(", ", otherTargets)}), "
                + $"ignored: a journal only skips packages restored on the same target ({target}).");
        }

        return contents;
    }

    /// <summary>Opens <paramref name="path"/> for appending through <paramref name="environment"/>; a write that fails later is reported once through <paramref name="warn"/>.</summary>
    public static Journal Open(string path, string target, IEnvironment environment, TimeProvider time, Action<string> warn)
    {
        try
        {
            return new Journal(path, target, new StreamWriter(environment.AppendToFile(path), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)), time, warn);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InputException($"cannot open the journal {path} for appending: {error.Message}");
        }
    }

    /// <summary>Appends and flushes one entry. A failure (a full disk, a removed drive) is reported once and ends journaling, never the batch.</summary>
    public void Append(PackageReport report)
    {
        if (_broken)
        {
            return;
        }

        try
        {
            _writer.WriteLine(JsonLines.Format(report, _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), _target));
            _writer.Flush();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException or ObjectDisposedException)
        {
            _broken = true;
            _warn($"warning: cannot write to the journal {_path} ({error.Message}); the batch goes on, but outcomes from {report.Label} on are not recorded.");
        }
    }

    /// <summary>The closing line for an incomplete journal, or null.</summary>
    public string? IncompleteNote() => _broken
        ? $"The journal {_path} is incomplete: outcomes after its write failure are missing, so a rerun with it sends those packages again (restoring twice does no harm)."
        : null;

    public void Dispose()
    {
        try
        {
            _writer.Dispose();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // Already reported by the Append that failed; buffered text could not be written either.
            _broken = true;
        }
    }

    private static List<string> ReadLines(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
        var lines = new List<string>();
        var line = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] == '\n')
                {
                    lines.Add(line.ToString().TrimEnd('\r'));
                    line.Clear();
                }
                else if (line.Length == MaxLineLength)
                {
                    throw new InputException($"the journal {path} is not a restore-package journal: line {lines.Count + 1} is longer than {MaxLineLength} characters.");
                }
                else
                {
                    line.Append(buffer[i]);
                }
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }
}
