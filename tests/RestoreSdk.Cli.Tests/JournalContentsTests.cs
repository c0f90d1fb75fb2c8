// Reading a journal: which packages are restored, which sends got no answer, when requests went out (older journals included), and a held journal.
using System.IO;
using System.Threading;
using RestoreSdk.Cli.Output;
using RestoreSdk.Cli.Planning;
using RestoreSdk.Cli.Tests.Infrastructure;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Cli.Tests;

public sealed class JournalContentsTests : IDisposable
{
    private const string Target = "https://api.github.com";
    private readonly string _journal = Path.Combine(Path.GetTempPath(), $"restore-{Guid.NewGuid():N}.journal");

    public void Dispose()
    {
        File.Delete(_journal);
        File.Delete(_journal + ".pid");
    }

    [Fact]
    public void A_send_answered_later_is_settled_and_one_without_an_answer_is_in_flight()
    {
        var contents = Parse(
            Sending("a", "2026-11-22T10:00:00Z"),
            Outcome("a", "restored", 204, "2026-11-22T10:00:01Z"),
            Sending("b", "2026-11-22T10:00:02Z"),
            Outcome("b", "failed", null, "2026-11-22T10:00:09Z"),
            Sending("c", "2026-11-22T10:00:10Z"),
            Outcome("c", "failed", 404, "2026-11-22T10:00:11Z"),
            Sending("d", "2026-11-22T10:00:12Z"));

        Assert.Equal(new[] { Key("a") }, contents.Restored);
        Assert.Equal(new[] { Key("b"), Key("d") }, contents.Unanswered.Keys.OrderBy(key => key.Name));
        Assert.Equal(At("2026-11-22T10:00:02Z"), contents.Unanswered[Key("b")].SentAt);
        Assert.Equal("npm d", contents.Unanswered[Key("d")].Label);
        // Each request counts from when its attempt ended at the latest: a, b and c when their outcome was recorded, d (no outcome) 30 s after it went out.
        Assert.Equal(new[] { "10:00:01", "10:00:09", "10:00:11", "10:00:42" }, contents.SendTimes.Select(time => time.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)));
        var note = Assert.Single(contents.Notes);
        Assert.Contains("shows 2 package(s) in flight with unknown outcome", note, StringComparison.Ordinal);
        Assert.Contains("npm b (sent 2026-11-22 10:00:02 UTC), npm d (sent 2026-11-22 10:00:12 UTC)", note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_later_answer_for_a_package_in_flight_settles_it()
    {
        var contents = Parse(
            Sending("a", "2026-11-22T10:00:00Z"),
            Sending("a", "2026-11-22T11:00:00Z"),
            Outcome("a", "failed", 404, "2026-11-22T11:00:01Z"));

        Assert.Empty(contents.Unanswered);
        Assert.Empty(contents.Notes);
        // The first attempt ended within the 30 s attempt timeout (long before the next send), the second when its outcome was recorded.
        Assert.Equal(new[] { At("2026-11-22T10:00:30Z"), At("2026-11-22T11:00:01Z") }, contents.SendTimes);
    }

    [Fact]
    public void A_retry_ends_the_attempt_before_it_when_that_is_sooner_than_the_attempt_timeout()
    {
        var contents = Parse(
            Sending("a", "2026-11-22T10:00:00Z"),
            Sending("a", "2026-11-22T10:00:05Z"),
            Outcome("a", "restored", 204, "2026-11-22T10:00:06Z"));

        Assert.Equal(new[] { At("2026-11-22T10:00:05Z"), At("2026-11-22T10:00:06Z") }, contents.SendTimes);
    }

    [Fact]
    public void An_older_journal_without_sending_entries_is_read_and_its_answers_count_as_sends()
    {
        // What restore-package wrote before it recorded sends: outcome lines only, with their time; a not-attempted package was never sent.
        var contents = Parse(
            Outcome("a", "restored", 204, "2026-11-22T10:00:01Z"),
            Outcome("b", "failed", 403, "2026-11-22T10:00:02Z"),
            Outcome("c", "not-attempted", null, "2026-11-22T10:00:02Z"),
            $"{{\"target\":\"{Target}\",\"org\":null,\"type\":\"npm\",\"name\":\"e\",\"outcome\":\"restored\",\"status\":204}}");

        Assert.Equal(new[] { Key("a"), Key("e") }, contents.Restored.OrderBy(key => key.Name));
        Assert.Empty(contents.Unanswered);
        Assert.Equal(new[] { At("2026-11-22T10:00:01Z"), At("2026-11-22T10:00:02Z") }, contents.SendTimes);
        Assert.Empty(contents.Notes);
    }

    [Fact]
    public void Sends_of_another_target_are_neither_counted_nor_reported_as_entries()
    {
        var contents = Parse(
            Sending("a", "2026-11-22T10:00:00Z", target: "simulator"),
            Outcome("a", "restored", 204, "2026-11-22T10:00:01Z", target: "simulator"));

        Assert.Empty(contents.SendTimes);
        Assert.Empty(contents.Restored);
        Assert.Contains("has 1 entry for another target (simulator)", Assert.Single(contents.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_sends_of_the_last_hour_still_count()
    {
        var contents = Parse(
            Sending("a", "2026-11-22T10:59:00Z"),
            Outcome("a", "restored", 204, "2026-11-22T10:59:59Z"),
            Sending("b", "2026-11-22T11:00:00Z"),
            Outcome("b", "restored", 204, "2026-11-22T11:00:01Z"),
            Sending("c", "2026-11-22T11:59:00Z"));

        // a's answer came more than an hour before noon; c has no answer, so it counts until 30 s after it went out.
        Assert.Equal(new[] { At("2026-11-22T11:00:01Z"), At("2026-11-22T11:59:30Z") }, contents.SentWithinHourBefore(At("2026-11-22T12:00:00Z")));
    }

    [Fact]
    public void Sends_recorded_in_the_future_count_as_sent_now()
    {
        // A clock that went back: the journal's times are later than now.
        var contents = Parse(
            Sending("a", "2026-11-22T11:50:00Z"),
            Outcome("a", "restored", 204, "2026-11-22T11:50:01Z"),
            Sending("b", "2026-11-22T12:10:00Z"),
            Outcome("b", "restored", 204, "2026-11-22T12:10:01Z"),
            Sending("c", "2026-11-22T11:59:50Z"));

        Assert.Equal(
            new[] { At("2026-11-22T11:50:01Z"), At("2026-11-22T12:00:00Z"), At("2026-11-22T12:00:00Z") },
            contents.SentWithinHourBefore(At("2026-11-22T12:00:00Z")));
    }

    [Fact]
    public async Task A_second_run_on_a_journal_in_use_exits_2_before_sending_and_names_this_process()
    {
        var time = new InstantTimeProvider();
        var held = new SemaphoreSlim(0);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var github = new LoopbackGitHub(time);
        github.OnRequest = _ =>
        {
            arrived.TrySetResult();
            held.Wait(TimeSpan.FromSeconds(30));
        };
        var args = new[] { "--type", "npm", "--name", "a", "--journal", _journal, "--base-url", github.BaseAddress.ToString() };
        var first = Tool.RunAsync(args, Tool.WithToken(), time: time);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var second = await Tool.RunAsync(args, Tool.WithToken(), time: time);
        var dryRun = await Tool.RunAsync(args.Append("--dry-run").ToArray(), Tool.WithToken(), time: time);
        held.Release();

        Assert.Equal(2, second.ExitCode);
        Assert.Contains($"the journal {_journal} is in use by another restore-package run (PID {Environment.ProcessId} on {Environment.MachineName}, started 2026-11-22 12:00:00 UTC)", second.Stderr, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent.", second.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, dryRun.ExitCode);
        Assert.Contains("is in use by another restore-package run", dryRun.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await first).ExitCode);
        Assert.Single(github.Requests);
        Assert.False(File.Exists(_journal + ".pid"));
    }

    [Fact]
    public async Task A_run_warns_when_file_locking_is_turned_off()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);
        var variables = Tool.WithToken();
        variables["DOTNET_SYSTEM_IO_DISABLEFILELOCKING"] = "1";

        var result = await Tool.RunAsync(new[] { "--type", "npm", "--name", "a", "--journal", _journal, "--base-url", github.BaseAddress.ToString() }, variables, time: time);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"warning: DOTNET_SYSTEM_IO_DISABLEFILELOCKING turns .NET's file locks off, so nothing stops a second run on the journal {_journal}", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_refused_for_its_input_creates_no_journal()
    {
        var result = await Tool.RunAsync(new[] { "--type", "npm", "--name", "a", "--journal", _journal, "--base-url", "http://ghes.example.com/api/v3" }, Tool.WithToken());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--allow-plain-http", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_journal));
    }

    private static JournalContents Parse(params string[] lines) => JournalContents.Parse(lines, "restore.journal", Target, tornLine: null);

    private static PackageKey Key(string name) => PackageKey.Of(null, "npm", name);

    private static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);

    private static string Sending(string name, string at, string target = Target) =>
        $"{{\"at\":\"{at}\",\"target\":\"{target}\",\"org\":null,\"type\":\"npm\",\"name\":\"{name}\",\"outcome\":\"sending\",\"attempt\":1}}";

    private static string Outcome(string name, string outcome, int? status, string at, string target = Target) =>
        $"{{\"at\":\"{at}\",\"target\":\"{target}\",\"org\":null,\"type\":\"npm\",\"name\":\"{name}\",\"outcome\":\"{outcome}\",\"status\":{(status is null ? "null" : status.ToString())},\"requestId\":null,\"message\":null}}";
}
