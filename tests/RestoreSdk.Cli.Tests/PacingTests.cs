// One run is one client: requests go one at a time at least a second apart and at most --writes-per-hour an hour, and a wait is both reported on stderr and honoured.
using RestoreSdk.Cli.Input;
using RestoreSdk.Cli.Output;
using RestoreSdk.Cli.Parsing;
using RestoreSdk.Cli.Planning;
using RestoreSdk.Cli.Running;
using RestoreSdk.Cli.Tests.Infrastructure;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Cli.Tests;

public sealed class PacingTests
{
    [Fact]
    public async Task Requests_of_one_run_are_spaced_at_least_a_second_apart()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);

        var result = await Tool.RunAsync(
            new[] { "--type", "npm", "--name", "a", "--name", "b", "--name", "c", "--name", "d", "--base-url", github.BaseAddress.ToString() },
            Tool.WithToken(),
            time: time);

        Assert.Equal(0, result.ExitCode);
        var times = github.Requests.Select(request => request.At).ToList();
        Assert.Equal(4, times.Count);
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(1), $"{pair.First:O} -> {pair.Second:O}"));
    }

    [Fact]
    public async Task A_pause_for_the_hourly_budget_is_reported_with_when_it_ends_and_honoured()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);
        var start = time.GetUtcNow();

        var result = await Tool.RunAsync(
            new[] { "--type", "npm", "--name", "a", "--name", "b", "--name", "c", "--writes-per-hour", "2", "--base-url", github.BaseAddress.ToString() },
            Tool.WithToken(),
            time: time);

        Assert.Equal(0, result.ExitCode);
        // a and b at 0 s and 1 s; c is due at 2 s but goes when a is an hour old.
        Assert.Equal(new[] { start, start.AddSeconds(1), start.AddHours(1) }, github.Requests.Select(request => request.At));
        var lines = result.Stderr.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        Assert.Contains(
            "wait: 2 restore requests were sent in the last hour, GitHub's limit on content-generating requests (--writes-per-hour 2), "
            + "so the batch pauses until 2026-11-22 13:00:00 UTC (59 min 58 s from now); then npm c.",
            lines);
        Assert.True(lines.IndexOf("[2/3] restored npm b (204)") < lines.FindIndex(line => line.StartsWith("wait: 2 restore", StringComparison.Ordinal)), result.Stderr);
    }

    [Fact]
    public async Task A_batch_above_500_pauses_for_GitHubs_hourly_limit_by_default_and_the_simulator_never_limits_it()
    {
        var time = new InstantTimeProvider();
        var start = time.GetUtcNow();
        var csv = "org,type,name\n" + string.Concat(Enumerable.Range(1, 502).Select(i => $",npm,pkg-{i}\n"));

        var result = await Tool.RunAsync(new[] { "--simulate", "--from", "-", "--output", "json" }, time: time, stdin: csv);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(502, result.StdoutLines.Count(line => line.Contains("\"outcome\":\"restored\"", StringComparison.Ordinal)));
        var wait = Assert.Single(result.Stderr.Split('\n'), line => line.StartsWith("wait: ", StringComparison.Ordinal));
        Assert.Equal(
            "wait: 500 restore requests were sent in the last hour, GitHub's limit on content-generating requests (--writes-per-hour 500), "
            + "so the batch pauses until 2026-11-22 13:00:00 UTC (51 min 40 s from now); then npm pkg-501.",
            wait.TrimEnd('\r'));
        // The 502nd goes a second after the 501st, which went at the hour.
        Assert.Equal(start + TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1), time.GetUtcNow());
    }

    [Fact]
    public async Task The_live_display_shows_the_pause_too()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);

        var result = await Tool.RunAsync(
            new[] { "--type", "npm", "--name", "a", "--name", "b", "--writes-per-hour", "1", "--base-url", github.BaseAddress.ToString() },
            Tool.WithToken(),
            time: time,
            errorIsTerminal: true);

        Assert.Equal(0, result.ExitCode);
        // The console wraps long lines at its width.
        var text = System.Text.RegularExpressions.Regex.Replace(result.Stderr, @"\s+", " ");
        Assert.Contains("wait: 1 restore request was sent in the last hour, GitHub's limit on content-generating requests (--writes-per-hour 1), so the batch pauses until 2026-11-22 13:00:00 UTC (59 min 59 s from now); then npm b.", text, StringComparison.Ordinal);
        Assert.Contains("2/2: 2 restored, 0 failed; done", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_runner_shows_the_pause_as_the_live_status_until_the_next_outcome()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);
        var options = new CommandOptions { BaseUrl = github.BaseAddress, WritesPerHour = 1 };
        var target = GitHubTarget.Real(options, new FakeEnvironment(Tool.WithToken()), handler: null, tokenOptional: false);
        var display = new RecordingDisplay();
        using var loggerFactory = new Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory();
        var client = BatchRunner.CreateClient(target, options, time, loggerFactory, Array.Empty<DateTimeOffset>());
        var requested = new[] { new RequestedPackage(null, "npm", "a", "--name a"), new RequestedPackage(null, "npm", "b", "--name b") };
        var runner = new BatchRunner(client, new OutcomeDescriber(target, new Redactor()), display, ResultWriter.Create(false, new System.IO.StringWriter(), false), null, null, time);

        var exitCode = await runner.RunAsync(RestorePlan.Create(requested, null, JournalContents.Empty), System.Threading.CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.Equal(
            new[] { "next npm a", "completed npm a", "next npm b", "next paused for GitHub's hourly limit until 2026-11-22 13:00:00 UTC, then npm b", "completed npm b", "next " },
            display.Events.Where(e => !e.StartsWith("note ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_secondary_rate_limit_wait_is_reported_and_honoured()
    {
        var time = new InstantTimeProvider();
        var limited = new Dictionary<string, string> { ["Retry-After"] = "7" };
        await using var github = new LoopbackGitHub(time, (_, index) =>
            index == 0 ? LoopbackReply.Error(403, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", limited) : LoopbackReply.NoContent);

        var result = await Tool.RunAsync(
            new[] { "--type", "npm", "--name", "a", "--name", "b", "--base-url", github.BaseAddress.ToString() },
            Tool.WithToken(),
            time: time);

        Assert.Equal(0, result.ExitCode);
        var times = github.Requests.Select(request => request.At).ToList();
        Assert.Equal(3, times.Count);
        Assert.True(times[1] - times[0] >= TimeSpan.FromSeconds(7), $"{times[0]:O} -> {times[1]:O}");
        Assert.True(times[2] - times[1] >= TimeSpan.FromSeconds(1));
        // retry-after 7 plus up to a second of jitter, shown to a tenth of a second.
        var waits = result.Stderr.Split('\n').Where(line => line.StartsWith("wait: ", StringComparison.Ordinal)).ToList();
        Assert.Contains(waits, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^wait: (7(\.\d)?|8) s before attempt 2 of npm package 'a', because it answered 403 on attempt 1\.$"));
    }

    [Fact]
    public async Task A_primary_rate_limit_on_a_204_holds_the_next_request_until_the_reset_and_says_so()
    {
        var time = new InstantTimeProvider();
        var reset = time.GetUtcNow().AddSeconds(30);
        var exhausted = new Dictionary<string, string>
        {
            ["X-RateLimit-Limit"] = "5000",
            ["X-RateLimit-Remaining"] = "0",
            ["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["X-RateLimit-Resource"] = "core",
        };
        await using var github = new LoopbackGitHub(time, (_, index) => index == 0 ? new LoopbackReply(204, exhausted) : LoopbackReply.NoContent);

        var result = await Tool.RunAsync(
            new[] { "--type", "npm", "--name", "a", "--name", "b", "--base-url", github.BaseAddress.ToString() },
            Tool.WithToken(),
            time: time);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, github.Requests.Count);
        Assert.True(github.Requests[1].At >= reset, $"sent at {github.Requests[1].At:O}, reset {reset:O}");
        Assert.Contains(result.Stderr.Split('\n'), line => line.StartsWith("wait: ", StringComparison.Ordinal) && line.Contains(reset.ToString("u", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rate_limit_beyond_what_the_client_waits_stops_the_batch_with_the_time_to_retry()
    {
        var time = new InstantTimeProvider();
        var reset = time.GetUtcNow().AddHours(1);
        var exhausted = new Dictionary<string, string>
        {
            ["X-RateLimit-Remaining"] = "0",
            ["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await using var github = new LoopbackGitHub(time, (_, _) => LoopbackReply.Error(403, "API rate limit exceeded for user ID 1.", exhausted));

        var result = await Tool.RunAsync(
            new[] { "--type", "npm", "--name", "a", "--name", "b", "--name", "c", "--base-url", github.BaseAddress.ToString(), "--output", "json" },
            Tool.WithToken(),
            time: time);

        Assert.Equal(1, result.ExitCode);
        Assert.Single(github.Requests);
        var outcomes = result.StdoutLines.Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal("failed", outcomes[0].GetProperty("outcome").GetString());
        Assert.Equal("not-attempted", outcomes[^1].GetProperty("outcome").GetString());
        Assert.Contains(reset.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), outcomes[^1].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    // Records what the runner tells the display: the live display shows the latest "next" as its status.
    private sealed class RecordingDisplay : ProgressDisplay, IBatchProgress
    {
        public List<string> Events { get; } = new List<string>();

        public override Task<T> RunAsync<T>(int total, Func<IBatchProgress, Task<T>> work) => work(this);

        public override void Note(string line) => Events.Add("note " + line);

        public void Next(string? upcoming) => Events.Add("next " + upcoming);

        public void Completed(PackageReport report) => Events.Add("completed " + report.Label);
    }
}
