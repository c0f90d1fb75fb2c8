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
    private sealed class FailsOnceHandler : HttpMessageHandler
    {
        private int _calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) == 1
                ? Task.FromException<HttpResponseMessage>(new HttpRequestException("Connection reset by peer"))
                : Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.NoContent));
    }
}
