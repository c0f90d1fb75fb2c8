// Exit codes and JSON Lines against a raw loopback GitHub: 0 all restored, 1 a failure, 4 on 401 (later packages not attempted), 130 on Ctrl+C.
using System.Text.Json;
using System.Threading;
using RestoreSdk.Cli.Tests.Infrastructure;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Cli.Tests;

public sealed class OutcomeTests
{
    private static string[] ThreePackages(LoopbackGitHub github, params string[] extra) =>
        new[] { "--org", "acme", "--type", "npm", "--name", "a", "--name", "b", "--name", "c", "--base-url", github.BaseAddress.ToString() }.Concat(extra).ToArray();

    [Fact]
    public async Task Every_package_restored_exits_0_with_a_summary_table()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);

        var result = await Tool.RunAsync(ThreePackages(github), Tool.WithToken(), time: time);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, github.Requests.Count);
        Assert.Contains("│ Org", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("3 restored, 0 failed, 0 skipped, 0 not-attempted", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("[3/3] restored npm c (org acme) (204, request LOOP:3)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_terminal_gets_a_live_progress_bar_instead_of_plain_lines()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);

        var result = await Tool.RunAsync(ThreePackages(github), Tool.WithToken(), time: time, errorIsTerminal: true);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("[1/3]", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("3/3: 3 restored, 0 failed; done", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("\u001b[", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_package_exits_1_and_the_batch_goes_on()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time, (_, index) => index == 1 ? LoopbackReply.Error(404, "Not Found") : LoopbackReply.NoContent);

        var result = await Tool.RunAsync(ThreePackages(github, "--output", "json"), Tool.WithToken(), time: time);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(3, github.Requests.Count);
        Assert.Equal(new[] { "restored", "failed", "restored" }, result.StdoutLines.Select(line => Field(line, "outcome")));
    }

    [Fact]
    public async Task Json_lines_carry_exactly_the_documented_fields()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time, (_, index) => index == 1 ? LoopbackReply.Error(404, "Not Found") : LoopbackReply.NoContent);

        var result = await Tool.RunAsync(
            new[] { "--type", "container", "--name", "web", "--name", "gone", "--base-url", github.BaseAddress.ToString(), "--output", "json" },
            Tool.WithToken(),
            time: time);

        var lines = result.StdoutLines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, line => Assert.Equal(
            new[] { "org", "type", "name", "outcome", "status", "requestId", "message" },
            line.EnumerateObject().Select(property => property.Name)));

        Assert.Equal(JsonValueKind.Null, lines[0].GetProperty("org").ValueKind);
        Assert.Equal("container", lines[0].GetProperty("type").GetString());
        Assert.Equal("web", lines[0].GetProperty("name").GetString());
        Assert.Equal("restored", lines[0].GetProperty("outcome").GetString());
        Assert.Equal(204, lines[0].GetProperty("status").GetInt32());
        Assert.Equal("LOOP:1", lines[0].GetProperty("requestId").GetString());

        Assert.Equal("failed", lines[1].GetProperty("outcome").GetString());
        Assert.Equal(404, lines[1].GetProperty("status").GetInt32());
        Assert.Equal("LOOP:2", lines[1].GetProperty("requestId").GetString());
        Assert.Contains("404", lines[1].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("│", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_401_exits_4_and_later_packages_are_not_attempted()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time, (_, index) => index == 0 ? LoopbackReply.NoContent : LoopbackReply.Error(401, "Bad credentials"));

        var result = await Tool.RunAsync(ThreePackages(github, "--output", "json"), Tool.WithToken(), time: time);

        Assert.Equal(4, result.ExitCode);
        Assert.Equal(2, github.Requests.Count);
        Assert.Equal(new[] { "restored", "failed", "not-attempted" }, result.StdoutLines.Select(line => Field(line, "outcome")));
        Assert.Contains("GH_TOKEN", Field(result.StdoutLines[1], "message"), StringComparison.Ordinal);
        Assert.Contains("401", Field(result.StdoutLines[2], "message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_C_exits_130_after_saying_what_was_and_was_not_sent()
    {
        var time = new InstantTimeProvider();
        using var interrupt = new CancellationTokenSource();
        await using var github = new LoopbackGitHub(time);
        github.OnRequest = request =>
        {
            if (request.Target.Contains("/b/", StringComparison.Ordinal))
            {
                interrupt.Cancel();
            }
        };

        var result = await Tool.RunAsync(ThreePackages(github, "--output", "json"), Tool.WithToken(), time: time, cancellationToken: interrupt.Token);

        Assert.Equal(130, result.ExitCode);
        Assert.DoesNotContain(github.Requests, request => request.Target.Contains("/c/", StringComparison.Ordinal));
        Assert.Equal("restored", Field(result.StdoutLines[0], "outcome"));
        Assert.Equal("not-attempted", Field(result.StdoutLines[^1], "outcome"));
        Assert.Contains("Interrupted: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("of 3 package(s) were sent to GitHub", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_scope_suggests_the_gh_command_for_the_host()
    {
        var time = new InstantTimeProvider();
        var scopes = new Dictionary<string, string> { ["X-OAuth-Scopes"] = "repo, read:org, gist", ["X-Accepted-OAuth-Scopes"] = "read:packages, write:packages" };
        await using var github = new LoopbackGitHub(time, (_, _) => LoopbackReply.Error(403, "Must have admin rights to Repository.", scopes));

        var result = await Tool.RunAsync(
            new[] { "--type", "npm", "--name", "a", "--base-url", github.BaseAddress.ToString() },
            Tool.WithToken(value: "gho_fromghcli0123456789"),
            time: time);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"gh auth refresh -h {github.BaseAddress.Authority} -s write:packages", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_version_is_sent_as_the_header()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);

        var result = await Tool.RunAsync(
            new[] { "--type", "npm", "--name", "a", "--base-url", github.BaseAddress.ToString(), "--api-version", "2026-03-10" },
            Tool.WithToken(),
            time: time);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("2026-03-10", Assert.Single(github.Requests).Headers["X-GitHub-Api-Version"]);
    }

    [Fact]
    public async Task A_package_interrupted_while_waiting_for_its_turn_is_not_attempted()
    {
        using var interrupt = new CancellationTokenSource();
        var time = new InterruptingTimeProvider(interrupt);
        await using var github = new LoopbackGitHub(time);
        github.OnRequest = request => time.InterruptNextWait = true;

        var result = await Tool.RunAsync(ThreePackages(github, "--output", "json"), Tool.WithToken(), time: time, cancellationToken: interrupt.Token);

        Assert.Equal(130, result.ExitCode);
        Assert.Equal("/orgs/acme/packages/npm/a/restore", Assert.Single(github.Requests).Target);
        var outcomes = result.StdoutLines.ToDictionary(line => Field(line, "name"), line => (Outcome: Field(line, "outcome"), Message: Field(line, "message")));
        Assert.Equal("restored", outcomes["a"].Outcome);
        Assert.Equal(("not-attempted", "not sent: interrupted"), outcomes["b"]);
        Assert.Equal("not-attempted", outcomes["c"].Outcome);
        Assert.Contains("1 of 3 package(s) were sent to GitHub, 2 were not", result.Stderr, StringComparison.Ordinal);
    }

    private static string Field(string jsonLine, string name) =>
        JsonDocument.Parse(jsonLine).RootElement.GetProperty(name).ToString();

    // Ctrl+C during the first wait after a request (the spacing before the next package): that wait never ends on its own.
    private sealed class InterruptingTimeProvider : TimeProvider
    {
        private readonly InstantTimeProvider _inner = new InstantTimeProvider();
        private readonly CancellationTokenSource _interrupt;

        public InterruptingTimeProvider(CancellationTokenSource interrupt) => _interrupt = interrupt;

        public volatile bool InterruptNextWait;

        public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();

        public override long TimestampFrequency => _inner.TimestampFrequency;

        public override long GetTimestamp() => _inner.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (InterruptNextWait && dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            {
                InterruptNextWait = false;
                _interrupt.Cancel();
                return _inner.CreateTimer(callback, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }

            return _inner.CreateTimer(callback, state, dueTime, period);
        }
    }
}
