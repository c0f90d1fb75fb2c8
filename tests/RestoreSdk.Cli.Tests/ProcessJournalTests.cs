// The journal's promises where only real processes can break them: a second process on a held journal, kill -9 and SIGTERM mid-request.
using System.IO;
using System.Text.Json;
using System.Threading;
using RestoreSdk.Cli.Tests.Infrastructure;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Cli.Tests;

public sealed class ProcessJournalTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly string _directory = Directory.CreateTempSubdirectory("restore-journal-").FullName;
    private readonly SemaphoreSlim _release = new SemaphoreSlim(0);
    private readonly TaskCompletionSource _firstArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    private LoopbackGitHub _github = null!;
    private volatile bool _holdRequests = true;
    private volatile bool _answerNotFound;

    private string Journal => Path.Combine(_directory, "restore.journal");

    public Task InitializeAsync()
    {
        // Every request is held (its answer is in flight) until the test releases it, or the test ends.
        _github = new LoopbackGitHub(TimeProvider.System, (_, _) => _answerNotFound ? LoopbackReply.Error(404, "Package not found.") : LoopbackReply.NoContent);
        _github.OnRequest = _ =>
        {
            _firstArrived.TrySetResult();
            if (_holdRequests)
            {
                _release.Wait(Patience);
            }
        };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _release.Release(100);
        await _github.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_second_process_on_a_journal_in_use_exits_2_naming_the_first_and_sends_nothing()
    {
        using var first = ToolProcess.Start(Args("a", "b"), _directory);
        await _firstArrived.Task.WaitAsync(Patience);

        using var second = ToolProcess.Start(Args("a", "b"), _directory);
        var refused = await second.ExitAsync();

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"the journal {Journal} is in use by another restore-package run (PID {first.Id} on {Environment.MachineName}, started ", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent.", refused.Stderr, StringComparison.Ordinal);
        Assert.Single(_github.Requests);

        _release.Release(100);
        var done = await first.ExitAsync();
        Assert.Equal(0, done.ExitCode);
        Assert.Equal(2, _github.Requests.Count);
        Assert.Equal(new[] { "sending", "restored", "sending", "restored" }, Outcomes());
        Assert.False(File.Exists(Journal + ".pid"));
    }

    [Fact]
    public async Task A_process_killed_mid_request_leaves_the_send_in_the_journal_and_the_rerun_explains_the_404()
    {
        using (var killed = ToolProcess.Start(Args("a", "b"), _directory))
        {
            await _firstArrived.Task.WaitAsync(Patience);
            killed.KillHard();
            await killed.ExitAsync();
        }

        var entry = JsonDocument.Parse(Assert.Single(await File.ReadAllLinesAsync(Journal))).RootElement;
        Assert.Equal("sending", entry.GetProperty("outcome").GetString());
        Assert.Equal("a", entry.GetProperty("name").GetString());
        var sentAt = DateTimeOffset.Parse(entry.GetProperty("at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        // The rerun meets GitHub answering 404 for both: for a, because the killed run restored it; for b, because the token cannot see it.
        _holdRequests = false;
        _answerNotFound = true;
        var rerun = await Tool.RunAsync(Args("a", "b"), Tool.WithToken(), time: new InstantTimeProvider());

        Assert.Equal(1, rerun.ExitCode);
        Assert.Equal(3, _github.Requests.Count);
        var sent = sentAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"the journal {Journal} shows 1 package(s) in flight with unknown outcome", rerun.Stderr, StringComparison.Ordinal);
        Assert.Contains($"npm a (sent {sent} UTC)", rerun.Stderr, StringComparison.Ordinal);
        var lines = rerun.Stderr.Split('\n');
        var a = Assert.Single(lines, line => line.Contains("failed npm a (404", StringComparison.Ordinal));
        Assert.Contains($"probably restored by the interrupted run: its request for this package went out at {sent} UTC and got no recorded answer", a, StringComparison.Ordinal);
        var b = Assert.Single(lines, line => line.Contains("failed npm b (404", StringComparison.Ordinal));
        Assert.DoesNotContain("probably restored", b, StringComparison.Ordinal);
        Assert.Contains("read:packages and write:packages", b, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SIGTERM_mid_request_prints_the_summary_completes_the_journal_and_exits_143()
    {
        using var run = ToolProcess.Start(Args("a", "b"), _directory);
        await _firstArrived.Task.WaitAsync(Patience);

        run.Terminate();
        var result = await run.ExitAsync();

        Assert.Equal(143, result.ExitCode);
        Assert.Contains("0 restored, 1 failed, 0 skipped, 1 not-attempted", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Stopped by SIGTERM: 1 of 2 package(s) were sent to GitHub, 1 were not.", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(new[] { "sending", "failed", "not-attempted" }, Outcomes());
        Assert.False(File.Exists(Journal + ".pid"));
        Assert.Single(_github.Requests);
    }

    private string[] Args(string first, string second) =>
        new[] { "--type", "npm", "--name", first, "--name", second, "--journal", Journal, "--base-url", _github.BaseAddress.ToString() };

    private IEnumerable<string?> Outcomes() =>
        File.ReadAllLines(Journal).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("outcome").GetString());
}
