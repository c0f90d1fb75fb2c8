// --journal: each request and outcome appended as it happens, a rerun with the same journal skips what it records as restored, a cut-off line is repaired.
using System.IO;
using System.Text.Json;
using System.Threading;
using RestoreSdk.Cli.Tests.Infrastructure;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Cli.Tests;

public sealed class JournalTests : IDisposable
{
    private readonly string _journal = Path.Combine(Path.GetTempPath(), $"restore-{Guid.NewGuid():N}.journal");

    public void Dispose() => File.Delete(_journal);

    [Fact]
    public async Task A_rerun_resumes_after_a_partial_run()
    {
        var time = new InstantTimeProvider();
        const string csv = "org,type,name\nacme,npm,a\nacme,npm,b\n,maven,c\n";
        var firstRun = true;
        await using var github = new LoopbackGitHub(time, (_, index) => !firstRun || index == 0 ? LoopbackReply.NoContent : LoopbackReply.Error(401, "Bad credentials"));
        var first = await Tool.RunAsync(new[] { "--from", "-", "--journal", _journal, "--base-url", github.BaseAddress.ToString() }, Tool.WithToken(), time: time, stdin: csv);

        Assert.Equal(4, first.ExitCode);
        Assert.Equal(
            new[] { "sending", "restored", "sending", "failed", "not-attempted" },
            File.ReadAllLines(_journal).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("outcome").GetString()));

        firstRun = false;
        var second = await Tool.RunAsync(
            new[] { "--from", "-", "--journal", _journal, "--base-url", github.BaseAddress.ToString(), "--output", "json" },
            Tool.WithToken(),
            time: time,
            stdin: csv);

        Assert.Equal(0, second.ExitCode);
        Assert.Equal(new[] { "/orgs/acme/packages/npm/b/restore", "/user/packages/maven/c/restore" }, github.Requests.Skip(2).Select(request => request.Target));
        var outcomes = second.StdoutLines.Select(line => JsonDocument.Parse(line).RootElement).ToDictionary(line => line.GetProperty("name").GetString()!, line => line.GetProperty("outcome").GetString());
        Assert.Equal("skipped", outcomes["a"]);
        Assert.Equal("restored", outcomes["b"]);
        Assert.Equal("restored", outcomes["c"]);
        Assert.Equal(9, File.ReadAllLines(_journal).Length);
    }

    [Fact]
    public async Task Each_request_is_in_the_journal_with_its_time_before_it_goes_out_and_each_outcome_before_the_next()
    {
        var time = new InstantTimeProvider();
        var journalAtEachRequest = new List<string[]>();
        await using var github = new LoopbackGitHub(time);
        github.OnRequest = _ => journalAtEachRequest.Add(ReadShared(_journal));

        var result = await Tool.RunAsync(
            new[] { "--type", "npm", "--name", "a", "--name", "b", "--name", "c", "--journal", _journal, "--base-url", github.BaseAddress.ToString() },
            Tool.WithToken(),
            time: time,
            openJournal: OpenShared);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new[] { 1, 3, 5 }, journalAtEachRequest.Select(lines => lines.Length));
        for (var i = 0; i < 3; i++)
        {
            var sending = JsonDocument.Parse(journalAtEachRequest[i][^1]).RootElement;
            Assert.Equal("sending", sending.GetProperty("outcome").GetString());
            Assert.Equal(new[] { "a", "b", "c" }[i], sending.GetProperty("name").GetString());
            Assert.Equal(1, sending.GetProperty("attempt").GetInt32());
            Assert.Equal(github.Requests[i].At, DateTimeOffset.Parse(sending.GetProperty("at").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.All(journalAtEachRequest.Skip(1), lines => Assert.Equal("restored", JsonDocument.Parse(lines[^2]).RootElement.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task A_retried_request_is_journaled_once_per_attempt()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time, (_, index) => index == 0 ? LoopbackReply.Error(502, "Bad Gateway") : LoopbackReply.NoContent);

        var result = await Tool.RunAsync(new[] { "--type", "npm", "--name", "a", "--journal", _journal, "--base-url", github.BaseAddress.ToString() }, Tool.WithToken(), time: time);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, github.Requests.Count);
        var entries = File.ReadAllLines(_journal).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(new[] { "sending", "sending", "restored" }, entries.Select(entry => entry.GetProperty("outcome").GetString()));
        Assert.Equal(new[] { 1, 2 }, entries.Take(2).Select(entry => entry.GetProperty("attempt").GetInt32()));
        Assert.Equal(github.Requests.Select(request => request.At), entries.Take(2).Select(entry => DateTimeOffset.Parse(entry.GetProperty("at").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_cut_off_last_line_is_ended_with_a_line_break_reported_and_ignored()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);
        var target = github.BaseAddress.GetLeftPart(UriPartial.Authority);
        var restoredA = $"{{\"target\":\"{target}\",\"org\":null,\"type\":\"npm\",\"name\":\"a\",\"outcome\":\"restored\",\"status\":204}}\n";
        const string cutOff = "{\"at\":\"2026-11-22T11:00:00Z\",\"org\":null,\"ty";
        await File.WriteAllTextAsync(_journal, restoredA + cutOff);
        var args = new[] { "--type", "npm", "--name", "a", "--name", "b", "--journal", _journal, "--base-url", github.BaseAddress.ToString() };

        var first = await Tool.RunAsync(args, Tool.WithToken(), time: time);
        var second = await Tool.RunAsync(args, Tool.WithToken(), time: time);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"the last line of the journal {_journal} (line 2) is cut off, as a run killed mid-write or a full disk leaves it: ignored, and ended with a line break", first.Stderr, StringComparison.Ordinal);
        Assert.Equal("/user/packages/npm/b/restore", Assert.Single(github.Requests).Target);
        var lines = await File.ReadAllLinesAsync(_journal);
        Assert.Equal(restoredA + cutOff + "\n", string.Concat(lines.Take(2).Select(line => line + "\n")));
        Assert.Equal(new[] { "sending", "restored" }, lines.Skip(2).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("outcome").GetString()));

        // The repaired line is an ordinary unreadable line now; b's entry was not glued to it, so the rerun skips b.
        Assert.Equal(0, second.ExitCode);
        Assert.Contains($"line 2 of the journal {_journal} is not a journal entry; ignored.", second.Stderr, StringComparison.Ordinal);
        Assert.Contains("skipped npm b: already restored according to the journal", second.Stderr, StringComparison.Ordinal);
        Assert.Single(github.Requests);
    }

    [Fact]
    public async Task A_complete_last_entry_without_its_line_break_counts_and_gets_one()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);
        var target = github.BaseAddress.GetLeftPart(UriPartial.Authority);
        await File.WriteAllTextAsync(_journal, $"{{\"target\":\"{target}\",\"org\":null,\"type\":\"npm\",\"name\":\"a\",\"outcome\":\"restored\",\"status\":204}}");

        var result = await Tool.RunAsync(new[] { "--type", "npm", "--name", "a", "--name", "b", "--journal", _journal, "--base-url", github.BaseAddress.ToString() }, Tool.WithToken(), time: time);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"the last line of the journal {_journal} (line 1) had no line break; one was added", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("/user/packages/npm/b/restore", Assert.Single(github.Requests).Target);
        Assert.Equal(new[] { "restored", "sending", "restored" }, File.ReadAllLines(_journal).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task A_resumed_run_counts_the_sends_of_the_interrupted_run_against_the_hourly_limit()
    {
        // GitHub allows 500 content-generating requests an hour. The first run sends 500 and is interrupted with 3 packages left;
        // the second run (a new client, as a new process has) knows of those 500 only through the journal.
        var time = new InstantTimeProvider();
        using var interrupt = new CancellationTokenSource();
        await using var github = new LoopbackGitHub(time);
        github.OnRequest = _ =>
        {
            if (github.Requests.Count == 500)
            {
                interrupt.Cancel();
            }
        };
        var csv = "org,type,name\n" + string.Concat(Enumerable.Range(0, 503).Select(i => $",npm,p{i}\n"));
        var args = new[] { "--from", "-", "--journal", _journal, "--base-url", github.BaseAddress.ToString() };

        var first = await Tool.RunAsync(args, Tool.WithToken(), time: time, stdin: csv, cancellationToken: interrupt.Token);
        var second = await Tool.RunAsync(args, Tool.WithToken(), time: time, stdin: csv);

        Assert.Equal(130, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        var requests = github.Requests;
        Assert.Equal(504, requests.Count);
        Assert.Equal(new[] { "p499", "p500", "p501", "p502" }, requests.Skip(500).Select(request => request.Target.Split('/')[4]));

        // Each of the second run's sends waits until the send 500 before it is an hour old: no rolling hour holds more than 500.
        for (var i = 500; i < requests.Count; i++)
        {
            Assert.True(requests[i].At >= requests[i - 500].At + TimeSpan.FromHours(1), $"send {i} at {requests[i].At:O}, send {i - 500} at {requests[i - 500].At:O}");
        }

        Assert.True(requests[500].At - requests[499].At > TimeSpan.FromMinutes(50), "the second run waited for the hour");
        Assert.Contains("the journal records 500 request(s) to this target in the last hour (the first at 12:00:00 UTC): they count against GitHub's hourly write limit.", second.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_journal_of_a_simulated_run_skips_nothing_in_a_real_run()
    {
        var time = new InstantTimeProvider();
        const string csv = "org,type,name\n,npm,a\n,npm,b\n";
        var simulated = await Tool.RunAsync(new[] { "--simulate", "--from", "-", "--journal", _journal }, time: time, stdin: csv);
        Assert.Equal(0, simulated.ExitCode);

        await using var github = new LoopbackGitHub(time);
        var real = await Tool.RunAsync(new[] { "--from", "-", "--journal", _journal, "--base-url", github.BaseAddress.ToString(), "--output", "json" }, Tool.WithToken(), time: time, stdin: csv);

        Assert.Equal(0, real.ExitCode);
        Assert.Equal(new[] { "/user/packages/npm/a/restore", "/user/packages/npm/b/restore" }, github.Requests.Select(request => request.Target));
        Assert.Equal(new[] { "restored", "restored" }, real.StdoutLines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("outcome").GetString()));
        var ignored = Assert.Single(real.Stderr.Split('\n'), line => line.Contains("for another target", StringComparison.Ordinal));
        Assert.Contains("2 entries for another target (simulator)", ignored, StringComparison.Ordinal);
        var targets = File.ReadAllLines(_journal).Select(line => JsonDocument.Parse(line).RootElement)
            .Where(entry => entry.GetProperty("outcome").GetString() != "sending")
            .Select(entry => entry.GetProperty("target").GetString())
            .ToList();
        Assert.Equal(new[] { "simulator", "simulator", $"http://127.0.0.1:{github.BaseAddress.Port}", $"http://127.0.0.1:{github.BaseAddress.Port}" }, targets);
    }

    [Fact]
    public async Task A_journal_of_the_same_base_url_written_differently_still_skips()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);
        var port = github.BaseAddress.Port;
        var first = await Tool.RunAsync(new[] { "--type", "npm", "--name", "a", "--journal", _journal, "--base-url", $"http://127.0.0.1:{port}/" }, Tool.WithToken(), time: time);
        Assert.Equal(0, first.ExitCode);

        var second = await Tool.RunAsync(new[] { "--type", "npm", "--name", "a", "--journal", _journal, "--base-url", $"HTTP://127.0.0.1:{port}" }, Tool.WithToken(), time: time);

        Assert.Equal(0, second.ExitCode);
        Assert.Single(github.Requests);
        Assert.Contains("skipped npm a: already restored according to the journal", second.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("another target", second.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_journal_that_is_not_one_exits_2_before_anything_is_sent()
    {
        // What reading /dev/full gives: NUL characters without end or line break.
        await File.WriteAllBytesAsync(_journal, new byte[200_000]);
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);

        var result = await Tool.RunAsync(new[] { "--type", "npm", "--name", "a", "--journal", _journal, "--base-url", github.BaseAddress.ToString() }, Tool.WithToken(), time: time);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(github.Requests);
        Assert.Contains($"the journal {_journal} is not a restore-package journal", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent.", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_journal_write_failure_mid_batch_warns_once_keeps_going_and_exits_1()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);
        var journal = new FailingAfterWrites(writesBeforeFailure: 2);

        var result = await Tool.RunAsync(
            new[] { "--type", "npm", "--name", "a", "--name", "b", "--name", "c", "--journal", _journal, "--base-url", github.BaseAddress.ToString(), "--output", "json" },
            Tool.WithToken(),
            time: time,
            openJournal: _ => journal);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(3, github.Requests.Count);
        Assert.Equal(new[] { "restored", "restored", "restored" }, result.StdoutLines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("outcome").GetString()));
        var warning = Assert.Single(result.Stderr.Split('\n'), line => line.Contains("cannot write to the journal", StringComparison.Ordinal));
        Assert.Contains("No space left on device", warning, StringComparison.Ordinal);
        Assert.Contains("outcomes from npm b on are not recorded", warning, StringComparison.Ordinal);
        Assert.Contains($"The journal {_journal} is incomplete", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    // Holds the journal with a shared lock instead of an exclusive one, so that a test can read it while the command runs.
    private static Stream OpenShared(string path) => new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);

    private static string[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    // A journal on a disk that fills up after the first entry (MemoryStream sends span writes of a subclass through this overload).
    private sealed class FailingAfterWrites : MemoryStream
    {
        private int _writesLeft;

        public FailingAfterWrites(int writesBeforeFailure) => _writesLeft = writesBeforeFailure;

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (_writesLeft-- <= 0)
            {
                throw new IOException("No space left on device");
            }

            base.Write(buffer, offset, count);
        }
    }
}
