// One run is one client: requests go one at a time at least a second apart, and a rate-limit wait is both reported on stderr and honoured.
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
}
