// --journal: outcomes appended as they happen, and a rerun with the same journal skips what it records as restored.
using System.IO;
using System.Text.Json;
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
            new[] { "restored", "failed", "not-attempted" },
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
        Assert.Equal(5, File.ReadAllLines(_journal).Length);
    }

    [Fact]
    public async Task Each_outcome_is_in_the_journal_before_the_next_request_is_sent()
    {
        var time = new InstantTimeProvider();
        var journalLinesAtEachRequest = new List<int>();
        await using var github = new LoopbackGitHub(time);
        github.OnRequest = _ => journalLinesAtEachRequest.Add(File.Exists(_journal) ? ReadShared(_journal).Length : 0);

        var result = await Tool.RunAsync(new[] { "--type", "npm", "--name", "a", "--name", "b", "--name", "c", "--journal", _journal, "--base-url", github.BaseAddress.ToString() }, Tool.WithToken(), time: time);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new[] { 0, 1, 2 }, journalLinesAtEachRequest);
    }

    [Fact]
    public async Task A_truncated_last_line_is_reported_and_ignored()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);
        var target = github.BaseAddress.GetLeftPart(UriPartial.Authority);
        await File.WriteAllTextAsync(_journal, $"{{\"target\":\"{target}\",\"org\":null,\"type\":\"npm\",\"name\":\"a\",\"outcome\":\"restored\"}}\n{{\"org\":null,\"ty");

        var result = await Tool.RunAsync(new[] { "--type", "npm", "--name", "a", "--name", "b", "--journal", _journal, "--base-url", github.BaseAddress.ToString() }, Tool.WithToken(), time: time);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("line 2 of the journal", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("/user/packages/npm/b/restore", Assert.Single(github.Requests).Target);
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
        var targets = File.ReadAllLines(_journal).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("target").GetString()).ToList();
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
        var journal = new FailingAfterWrites(writesBeforeFailure: 1);

        var result = await Tool.RunAsync(
            new[] { "--type", "npm", "--name", "a", "--name", "b", "--name", "c", "--journal", _journal, "--base-url", github.BaseAddress.ToString(), "--output", "json" },
            Tool.WithToken(),
            time: time,
            appendToFile: _ => journal);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(3, github.Requests.Count);
        Assert.Equal(new[] { "restored", "restored", "restored" }, result.StdoutLines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("outcome").GetString()));
        var warning = Assert.Single(result.Stderr.Split('\n'), line => line.Contains("cannot write to the journal", StringComparison.Ordinal));
        Assert.Contains("No space left on device", warning, StringComparison.Ordinal);
        Assert.Contains("outcomes from npm b on are not recorded", warning, StringComparison.Ordinal);
        Assert.Contains($"The journal {_journal} is incomplete", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

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
