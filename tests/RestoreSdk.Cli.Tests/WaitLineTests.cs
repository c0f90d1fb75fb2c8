// The lines that explain a pause: a rate limit the client will not wait out reads as a stop, and a transport retry's reason is one sentence.
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using RestoreSdk.Cli.Tests.Infrastructure;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Cli.Tests;

public sealed class WaitLineTests
{
    [Fact]
    public async Task A_rate_limit_beyond_what_the_client_waits_is_reported_as_a_stop_not_a_wait()
    {
        var time = new InstantTimeProvider();
        var reset = time.GetUtcNow().AddHours(277);
        var exhausted = new Dictionary<string, string>
        {
            ["X-RateLimit-Remaining"] = "0",
            ["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await using var github = new LoopbackGitHub(time, (_, _) => LoopbackReply.Error(403, "API rate limit exceeded for user ID 1.", exhausted));

        var result = await Tool.RunAsync(new[] { "--type", "npm", "--name", "a", "--name", "b", "--base-url", github.BaseAddress.ToString() }, Tool.WithToken(), time: time);

        Assert.Equal(1, result.ExitCode);
        Assert.Single(github.Requests);
        var lines = result.Stderr.Split('\n');
        Assert.DoesNotContain(lines, line => line.StartsWith("wait: ", StringComparison.Ordinal));
        var stop = Assert.Single(lines, line => line.StartsWith("stop: ", StringComparison.Ordinal));
        Assert.Contains(reset.ToString("u", System.Globalization.CultureInfo.InvariantCulture), stop, StringComparison.Ordinal);
        Assert.Contains("(277 h 0 min from now)", stop, StringComparison.Ordinal);
        Assert.Contains("the batch stops", stop, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(
        GitHubProduct.GitHubCom,
        "wait: 500 restore requests were sent in the last hour, GitHub's limit on content-generating requests (--writes-per-hour 500), "
            + "so the batch pauses until 2026-11-22 13:00:05 UTC (50 min 5 s from now); then npm ui (org acme).",
        "paused for GitHub's hourly limit until 2026-11-22 13:00:05 UTC, then npm ui (org acme)",
        "wait: 80 restore requests were sent in the last minute, GitHub's limit on content-generating requests, "
            + "so the batch pauses until 2026-11-22 12:10:20 UTC (20 s from now); then npm ui (org acme).",
        "paused for GitHub's per-minute limit until 2026-11-22 12:10:20 UTC, then npm ui (org acme)")]
    // Enterprise Server: the limits are its administrator's (off by default), not GitHub's 500 an hour.
    [InlineData(
        GitHubProduct.EnterpriseServer,
        "wait: 500 restore requests were sent in the last hour, the tool's hourly budget (--writes-per-hour 500; rate limits on GitHub Enterprise Server are set by its administrator, "
            + "off by default: set --writes-per-hour to the administrator's figure, or 0 when there is none), so the batch pauses until 2026-11-22 13:00:05 UTC (50 min 5 s from now); then npm ui (org acme).",
        "paused for the tool's hourly budget until 2026-11-22 13:00:05 UTC, then npm ui (org acme)",
        "wait: 80 restore requests were sent in the last minute, the tool's per-minute budget (GitHub.com's figure; rate limits on GitHub Enterprise Server are set by its administrator, off by default), "
            + "so the batch pauses until 2026-11-22 12:10:20 UTC (20 s from now); then npm ui (org acme).",
        "paused for the tool's per-minute budget until 2026-11-22 12:10:20 UTC, then npm ui (org acme)")]
    public void A_pause_for_the_write_budget_reads_with_its_reason_and_end_in_UTC_on_both_the_line_and_the_live_status(
        GitHubProduct product, string hourlyLine, string hourlyStatus, string minuteLine, string minuteStatus)
    {
        var now = new DateTimeOffset(2026, 11, 22, 13, 10, 0, TimeSpan.FromHours(1));
        var package = PackageToRestore.ForOrg("acme", OrgPackageType.Npm, "ui");
        var hourly = new RestoreWait(package, 500, RestoreWaitReason.WritesPerHour, 500, now.AddMinutes(50).AddSeconds(5));
        var minute = new RestoreWait(package, 80, RestoreWaitReason.WritesPerMinute, 80, now.AddSeconds(20));

        Assert.Equal((hourlyLine, hourlyStatus), Output.BudgetWaitText.Describe(hourly, "npm ui (org acme)", now, product));
        Assert.Equal((minuteLine, minuteStatus), Output.BudgetWaitText.Describe(minute, "npm ui (org acme)", now, product));
    }

    [Fact]
    public async Task A_run_against_Enterprise_Server_prints_the_administrators_wording_when_it_pauses()
    {
        var time = new InstantTimeProvider();
        using var handler = new NoContentHandler();

        var result = await Tool.RunAsync(
            new[] { "--type", "npm", "--name", "a", "--name", "b", "--writes-per-hour", "1", "--base-url", "https://ghes.example.com/api/v3" },
            Tool.WithToken(),
            handler: handler,
            time: time);

        Assert.Equal(0, result.ExitCode);
        var wait = Assert.Single(result.Stderr.Split('\n'), line => line.StartsWith("wait: ", StringComparison.Ordinal));
        Assert.StartsWith(
            "wait: 1 restore request was sent in the last hour, the tool's hourly budget (--writes-per-hour 1; rate limits on GitHub Enterprise Server are set by its administrator, off by default: "
            + "set --writes-per-hour to the administrator's figure, or 0 when there is none), so the batch pauses until 2026-11-22 13:00:00 UTC",
            wait);
    }

    [Fact]
    public async Task A_transport_retry_line_ends_with_one_full_stop()
    {
        var time = new InstantTimeProvider();
        using var handler = new FailsOnceHandler();

        var result = await Tool.RunAsync(new[] { "--type", "npm", "--name", "a", "--base-url", "https://ghes.example.com/api/v3" }, Tool.WithToken(), handler: handler, time: time);

        Assert.Equal(0, result.ExitCode);
        var wait = Assert.Single(result.Stderr.Split('\n'), line => line.StartsWith("wait: ", StringComparison.Ordinal));
        // The SDK replaces the message with its own sentence, which ends in a full stop; the line must not add a second.
        Assert.Matches(new Regex(@"^wait: [\d.]+ s before attempt 2 of npm package 'a', because attempt 1 failed: HttpRequestException: .*[^.]\.\r?$"), wait);
    }

    // The first request fails in transport; later ones succeed.
    private sealed class NoContentHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.NoContent));
    }

    private sealed class FailsOnceHandler : HttpMessageHandler
    {
        private int _calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) == 1
                ? Task.FromException<HttpResponseMessage>(new HttpRequestException("Connection reset by peer"))
                : Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.NoContent));
    }
}
