// What an earlier run's journal says about one target: packages restored, sends still waiting for an answer, when requests went out, and notes on lines it ignored.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using RestoreSdk.Cli.Input;
using RestoreSdk.Cli.Planning;

namespace RestoreSdk.Cli.Output;

/// <summary>A request an earlier run sent without recording its answer (killed, interrupted, or no answer after the retries).</summary>
/// <param name="Label">The package as messages name it.</param>
/// <param name="SentAt">When the request went out.</param>
internal sealed record UnansweredSend(string Label, DateTimeOffset SentAt);

internal sealed class JournalContents
{
    /// <summary>What a journal entry records when a request is about to go out; the outcome line follows when it is answered.</summary>
    public const string Sending = "sending";

    private const int ListedUnanswered = 10;

    public HashSet<PackageKey> Restored { get; } = new HashSet<PackageKey>();

    /// <summary>Packages whose last request has no recorded answer: whether GitHub restored them is unknown.</summary>
    public Dictionary<PackageKey, UnansweredSend> Unanswered { get; } = new Dictionary<PackageKey, UnansweredSend>();

    /// <summary>
    /// The longest a request with no recorded end can have taken to reach GitHub: the tool keeps the SDK's default attempt timeout,
    /// after which the client gives the attempt up.
    /// </summary>
    public static readonly TimeSpan LongestAttempt = new PackagesClientOptions().AttemptTimeout;

    /// <summary>
    /// For each request to this target, oldest first, the latest time GitHub can have received it, as the SDK's write budgets count it:
    /// the time its outcome was recorded; for an attempt followed by another of the same package, or one with no outcome (killed run),
    /// its "sending" time plus <see cref="LongestAttempt"/> (or the next attempt's "sending" time, if sooner); for entries of an older
    /// restore-package (which wrote no "sending" entries), each answered outcome's time.
    /// </summary>
    public List<DateTimeOffset> SendTimes { get; } = new List<DateTimeOffset>();

    public List<string> Notes { get; } = new List<string>();

    public static JournalContents Empty => new JournalContents();

    /// <summary>
    /// Reads <paramref name="lines"/> of the journal <paramref name="path"/> for <paramref name="target"/>; <paramref name="tornLine"/> (1-based) is a last line
    /// that had no line break and now gets one.
    /// </summary>
    public static JournalContents Parse(IReadOnlyList<string> lines, string path, string target, int? tornLine)
    {
        var contents = new JournalContents();
        var pending = new Dictionary<PackageKey, UnansweredSend>();
        var otherTargets = new SortedSet<string>(StringComparer.Ordinal);
        var otherEntries = 0;
        var tornIgnored = false;
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
                var outcome = root.GetProperty("outcome").GetString();
                if (!string.Equals(entryTarget, target, StringComparison.Ordinal))
                {
                    if (outcome != Sending)
                    {
                        otherEntries++;
                        otherTargets.Add(entryTarget is null ? "no target (an older restore-package)" : Printable.Escape(entryTarget));
                    }

                    continue;
                }

                var org = root.GetProperty("org");
                var orgName = org.ValueKind == JsonValueKind.Null ? null : org.GetString();
                var type = root.GetProperty("type").GetString()!;
                var name = root.GetProperty("name").GetString()!;
                var key = PackageKey.Of(orgName, type, name);
                var at = root.TryGetProperty("at", out var atValue) && atValue.ValueKind == JsonValueKind.String
                    && DateTimeOffset.TryParse(atValue.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed
                    : (DateTimeOffset?)null;
                if (outcome == Sending)
                {
                    var sentAt = at ?? throw new JsonException("a sending entry without its time");
                    if (pending.TryGetValue(key, out var superseded))
                    {
                        // A retry, or a later run's send: the earlier attempt ended before this one started, and within the attempt timeout.
                        contents.SendTimes.Add(Earliest(sentAt, superseded.SentAt + LongestAttempt));
                    }

                    pending[key] = new UnansweredSend(RequestedPackage.Describe(orgName, type, name), sentAt);
                    continue;
                }

                var answered = root.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Number;
                if (pending.Remove(key, out var send))
                {
                    // The outcome is recorded once the last attempt has ended: GitHub received it by then.
                    contents.SendTimes.Add(at ?? send.SentAt + LongestAttempt);
                    if (answered)
                    {
                        contents.Unanswered.Remove(key);
                    }
                    else
                    {
                        contents.Unanswered[key] = send;
                    }
                }
                else if (answered)
                {
                    // An older restore-package recorded no "sending" entries: the answer's time stands for its send.
                    contents.Unanswered.Remove(key);
                    if (at is { } answeredAt)
                    {
                        contents.SendTimes.Add(answeredAt);
                    }
                }

                if (outcome == Outcomes.Restored)
                {
                    contents.Restored.Add(key);
                    contents.Unanswered.Remove(key);
                }
            }
            catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                if (i + 1 == tornLine)
                {
                    tornIgnored = true;
                    contents.Notes.Add(
                        $"the last line of the journal {path} (line {i + 1}) is cut off, as a run killed mid-write or a full disk leaves it: ignored, "
                        + "and ended with a line break so that new entries start on a line of their own.");
                }
                else
                {
                    contents.Notes.Add($"line {i + 1} of the journal {path} is not a journal entry; ignored.");
                }
            }
        }

        if (tornLine is { } complete && !tornIgnored)
        {
            contents.Notes.Add($"the last line of the journal {path} (line {complete}) had no line break; one was added so that new entries start on a line of their own.");
        }

        foreach (var (key, send) in pending)
        {
            contents.Unanswered[key] = send;
            contents.SendTimes.Add(send.SentAt + LongestAttempt);
        }

        contents.SendTimes.Sort();
        if (otherEntries > 0)
        {
            contents.Notes.Add(
                $"the journal {path} has {otherEntries} {(otherEntries == 1 ? "entry" : "entries")} for another target ({string.Join(", ", otherTargets)}), "
                + $"ignored: a journal only skips packages restored on the same target ({target}).");
        }

        if (contents.Unanswered.Count > 0)
        {
            var listed = contents.Unanswered.Values.OrderBy(send => send.SentAt).Take(ListedUnanswered)
                .Select(send => $"{send.Label} (sent {send.SentAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC)");
            var more = contents.Unanswered.Count > ListedUnanswered ? $" and {contents.Unanswered.Count - ListedUnanswered} more" : string.Empty;
            contents.Notes.Add(
                $"the journal {path} shows {contents.Unanswered.Count} package(s) in flight with unknown outcome: an earlier run sent the request "
                + $"but stopped (killed, interrupted or cut off) before GitHub's answer was recorded: {string.Join(", ", listed)}{more}. "
                + "They are sent again (restoring twice does no harm); a 404 for one of them now most likely means the earlier request restored it.");
        }

        return contents;
    }

    /// <summary>
    /// The send times less than an hour before <paramref name="now"/>, oldest first, which GitHub's hourly write limit still counts; one recorded
    /// after <paramref name="now"/> (a clock that went back, or a bound past now) counts as sent now, as the SDK's client counts it. The one place the
    /// tool clamps them: the client and the dry-run estimate both take these.
    /// </summary>
    public IReadOnlyList<DateTimeOffset> SentWithinHourBefore(DateTimeOffset now) =>
        SendTimes.Where(sent => sent > now - TimeSpan.FromHours(1)).Select(sent => Earliest(sent, now)).ToList();

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
