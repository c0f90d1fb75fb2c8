// The --journal file: held exclusively for the whole run, a cut-off last line repaired on open, then one JSON line before each request and one per outcome, each flushed to disk.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using RestoreSdk.Cli.Input;

namespace RestoreSdk.Cli.Output;

internal sealed class Journal : IDisposable
{
    // A journal line is a few hundred characters; a much longer one means the file is not a journal (or a device such as /dev/full).
    private const int MaxLineLength = 64 * 1024;

    // How .NET reports an open refused because another process holds the file: on Windows ERROR_SHARING_VIOLATION (FileShare.None is a share mode),
    // on Unix the errno of the failed flock(LOCK_EX | LOCK_NB), EWOULDBLOCK (11 on Linux, 35 on macOS and the BSDs).
    private const int SharingViolation = unchecked((int)0x80070020);
    private static readonly int WouldBlock = OperatingSystem.IsLinux() ? 11 : 35;

    private static readonly UTF8Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private readonly string _path;
    private readonly string _target;
    private readonly Stream _stream;
    private readonly TimeProvider _time;
    private readonly Action<string> _warn;
    private readonly string? _holderRecord;
    private bool _broken;

    private Journal(string path, string target, Stream stream, TimeProvider time, Action<string> warn, JournalContents contents, string? holderRecord)
    {
        _path = path;
        _target = target;
        _stream = stream;
        _time = time;
        _warn = warn;
        Contents = contents;
        _holderRecord = holderRecord;
    }

    /// <summary>What the journal said when this run opened it.</summary>
    public JournalContents Contents { get; }

    /// <summary>Whether a write failed: entries from then on are missing from the journal.</summary>
    public bool IsIncomplete => _broken;

    /// <summary>
    /// Reads the journal without changing it (a dry run): nothing when it does not exist. Held exclusively while read, so a journal another run
    /// is writing is an <see cref="InputException"/> naming that run, as is a journal that cannot be read.
    /// </summary>
    public static JournalContents Read(string path, string target)
    {
        if (!File.Exists(path))
        {
            return JournalContents.Empty;
        }

        using var stream = OpenExclusively(path, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None));
        var (lines, _) = ReadLines(stream, path);
        return JournalContents.Parse(lines, path, target, tornLine: null);
    }

    /// <summary>
    /// Opens <paramref name="path"/> through <paramref name="environment"/>, creating it, and holds it exclusively until disposed: a second run on
    /// the same journal gets an <see cref="InputException"/> naming this process before it sends anything. Reads what earlier runs recorded for
    /// <paramref name="target"/>, ends a cut-off last line with a line break so new entries start on their own, and records this process as the
    /// holder in <c>PATH.pid</c>. A write that fails later is reported once through <paramref name="warn"/>.
    /// </summary>
    public static Journal Open(string path, string target, IEnvironment environment, TimeProvider time, Action<string> warn)
    {
        var stream = OpenExclusively(path, () => environment.OpenJournal(path));
        try
        {
            var (lines, torn) = ReadLines(stream, path);
            var contents = JournalContents.Parse(lines, path, target, torn ? lines.Count : null);
            if (torn)
            {
                Repair(stream, path);
            }

            if (LockingDisabled(environment))
            {
                contents.Notes.Add(
                    $"warning: DOTNET_SYSTEM_IO_DISABLEFILELOCKING turns .NET's file locks off, so nothing stops a second run on the journal {path} "
                    + "from sending the same packages again: run one at a time.");
            }

            return new Journal(path, target, stream, time, warn, contents, RecordHolder(path, time));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Records that the request for <paramref name="package"/> (attempt <paramref name="attempt"/>) is about to go out, with the time.</summary>
    public void Sending(RequestedPackage package, int attempt) =>
        Write(JsonLines.FormatSending(package.Org, package.Type, package.Name, attempt, Now(), _target), package.Label);

    /// <summary>Appends one outcome. A failure (a full disk, a removed drive) is reported once and ends journaling, never the batch.</summary>
    public void Append(PackageReport report) => Write(JsonLines.Format(report, Now(), _target), report.Label);

    /// <summary>The closing line for an incomplete journal, or null.</summary>
    public string? IncompleteNote() => _broken
        ? $"The journal {_path} is incomplete: outcomes after its write failure are missing, so a rerun with it sends those packages again (restoring twice does no harm)."
        : null;

    public void Dispose()
    {
        // The holder record goes first: while the journal is still held nobody else can have written it.
        if (_holderRecord is not null)
        {
            try
            {
                File.Delete(_holderRecord);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // A stale record is harmless: it is only read while another process holds the journal, and that process rewrites it.
            }
        }

        try
        {
            _stream.Dispose();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // Every entry was flushed when written; a failure was reported by the write that failed.
            _broken = true;
        }
    }

    private string Now() => _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    // Every entry is one write at the end of the file, flushed to the disk before the request or the next package:
    // even a writer that ignored the lock could not make this one overwrite its entries.
    private void Write(string line, string label)
    {
        if (_broken)
        {
            return;
        }

        try
        {
            var bytes = Utf8.GetBytes(line + "\n");
            _stream.Seek(0, SeekOrigin.End);
            _stream.Write(bytes, 0, bytes.Length);
            Flush(_stream);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException or ObjectDisposedException)
        {
            _broken = true;
            _warn($"warning: cannot write to the journal {_path} ({error.Message}); the batch goes on, but outcomes from {label} on are not recorded.");
        }
    }

    private static void Flush(Stream stream)
    {
        if (stream is FileStream file)
        {
            file.Flush(flushToDisk: true);
        }
        else
        {
            stream.Flush();
        }
    }

    private static Stream OpenExclusively(string path, Func<Stream> open)
    {
        try
        {
            return open();
        }
        catch (IOException error) when (error.HResult == (OperatingSystem.IsWindows() ? SharingViolation : WouldBlock))
        {
            throw new InputException(InUseMessage(path));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InputException($"cannot open the journal {path}: {error.Message}");
        }
    }

    private static string InUseMessage(string path)
    {
        // The holder records itself just after it takes the journal: a second run started at the same moment may look a little before it has.
        var holder = ReadHolder(path);
        for (var look = 0; holder is null && look < 20; look++)
        {
            Thread.Sleep(50);
            holder = ReadHolder(path);
        }

        return $"the journal {path} is in use by {holder ?? $"another process (which has not recorded itself in {HolderRecordPath(path)})"}. "
            + "Two runs on one journal would send the same packages twice: wait for that run to finish (or stop it), then run this command again.";
    }

    // The holder record, unless missing, unreadable or left by a process of this machine that is gone (killed before it could remove it).
    private static string? ReadHolder(string path)
    {
        try
        {
            using var record = JsonDocument.Parse(File.ReadAllText(HolderRecordPath(path)));
            var root = record.RootElement;
            var pid = root.GetProperty("pid").GetInt32();
            var host = root.GetProperty("host").GetString() ?? "?";
            if (host == Environment.MachineName && !IsRunning(pid))
            {
                return null;
            }

            return $"another restore-package run (PID {pid} on {Printable.Escape(host)}, started {Printable.Escape(root.GetProperty("started").GetString() ?? "?")})";
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    // .NET takes no lock for FileShare.None when its DisableFileLocking setting is on (the variable, or the runtimeconfig switch).
    private static bool LockingDisabled(IEnvironment environment) =>
        environment.GetVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING") is { } value && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase))
        || (AppContext.TryGetSwitch("System.IO.DisableFileLocking", out var disabled) && disabled);

    private static string HolderRecordPath(string path) => path + ".pid";

    // Best effort: without the record a second run still cannot take the journal; it only cannot say which process holds it.
    private static string? RecordHolder(string path, TimeProvider time)
    {
        var recordPath = HolderRecordPath(path);
        try
        {
            var started = time.GetUtcNow().ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
            File.WriteAllText(recordPath, JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["pid"] = Environment.ProcessId,
                ["host"] = Environment.MachineName,
                ["started"] = started,
            }) + "\n");
            return recordPath;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return null;
        }
    }

    // A run killed mid-write, or a disk that filled up, leaves a last line without its line break; the next entry would be glued to it and lost.
    private static void Repair(Stream stream, string path)
    {
        try
        {
            stream.Seek(0, SeekOrigin.End);
            stream.WriteByte((byte)'\n');
            Flush(stream);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new InputException($"cannot repair the journal {path} (its last line is cut off, and ending it failed: {error.Message}).");
        }
    }

    // The lines, and whether the last one lacks its line break.
    private static (List<string> Lines, bool Torn) ReadLines(Stream stream, string path)
    {
        List<string> lines;
        var line = new StringBuilder();
        try
        {
            stream.Seek(0, SeekOrigin.Begin);
            using var reader = new StreamReader(stream, Utf8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
            lines = new List<string>();
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
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new InputException($"cannot read the journal {path}: {error.Message}");
        }

        if (line.Length == 0)
        {
            return (lines, false);
        }

        lines.Add(line.ToString());
        return (lines, true);
    }
}
