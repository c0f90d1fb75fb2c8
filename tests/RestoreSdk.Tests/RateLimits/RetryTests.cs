// Pins GitHub's rate-limit and transient-failure rules: what is retried, how long each wait is, and when the client gives up.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using RestoreSdk.Tests.Infrastructure;
using WireMock.ResponseBuilders;

namespace RestoreSdk.Tests;

public sealed class RetryTests
{
    private const string SecondaryLimitBody = """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}""";

    [Theory]
    [InlineData(403)]
    [InlineData(429)]
    public async Task Primary_limit_resetting_soon_is_waited_out_until_the_reset(int status)
    {
        using var stub = new GitHubStub();
        var reset = stub.Clock.GetUtcNow().AddSeconds(30);
        stub.AnswerInOrder(PrimaryLimit(status, reset), new StubAnswer(204));

        await stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad");

        Assert.Equal(2, stub.Requests.Count);
        var wait = Assert.Single(stub.Clock.Waits);
        Assert.InRange(wait, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(31));
    }

    [Fact]
    public async Task Primary_limit_resetting_beyond_the_max_wait_fails_at_once_with_the_reset_time()
    {
        using var stub = new GitHubStub();
        var reset = stub.Clock.GetUtcNow().AddMinutes(10);
        stub.AnswerInOrder(PrimaryLimit(403, reset));

        var error = await Assert.ThrowsAsync<RateLimitExceededException>(
            () => stub.Client().RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "left-pad"));

        Assert.Single(stub.Requests);
        Assert.Empty(stub.Clock.Waits);
        Assert.False(error.IsSecondaryLimit);
        Assert.Equal(reset, error.ResetAt);
        Assert.Equal(0, error.RateLimit!.Remaining);
        Assert.Contains("primary rate limit", error.Message);
        Assert.Null(error.Requirements);
    }

    [Theory]
    [InlineData(403)]
    [InlineData(429)]
    public async Task Secondary_limit_with_retry_after_waits_that_long(int status)
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(new StubAnswer(status, SecondaryLimitBody, new Dictionary<string, string> { ["retry-after"] = "7" }), new StubAnswer(204));

        await stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad");

        Assert.Equal(2, stub.Requests.Count);
        Assert.InRange(Assert.Single(stub.Clock.Waits), TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task Secondary_limit_without_retry_after_waits_a_minute_then_backs_off_exponentially()
    {
        using var stub = new GitHubStub();
        var limited = new StubAnswer(403, SecondaryLimitBody);
        stub.AnswerInOrder(limited, limited, new StubAnswer(204));

        await stub.Client(options => options.MaxRetryDelay = TimeSpan.FromMinutes(5)).RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad");

        Assert.Equal(3, stub.Requests.Count);
        var waits = stub.Clock.Waits;
        Assert.Equal(2, waits.Count);
        Assert.InRange(waits[0], TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(61));
        Assert.InRange(waits[1], TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(121));
    }

    [Fact]
    public async Task Secondary_limit_whose_backoff_outgrows_the_max_wait_gives_up_with_RateLimitExceededException()
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(new StubAnswer(429, SecondaryLimitBody));

        var error = await Assert.ThrowsAsync<RateLimitExceededException>(
            () => stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        // 60 s fits the default 60 s maximum; the next backoff (120 s) does not.
        Assert.Equal(2, stub.Requests.Count);
        Assert.InRange(Assert.Single(stub.Clock.Waits), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(61));
        Assert.True(error.IsSecondaryLimit);
        Assert.Equal(429, error.StatusCode);
        Assert.Contains("secondary rate limit", error.Message);
    }

    [Fact]
    public async Task Secondary_limit_after_a_transient_failure_still_starts_its_backoff_at_a_minute()
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(new StubAnswer(503), new StubAnswer(403, SecondaryLimitBody), new StubAnswer(204));

        await stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad");

        Assert.Equal(3, stub.Requests.Count);
        Assert.InRange(stub.Clock.Waits[^1], TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(61));
    }

    [Fact]
    public async Task Secondary_limit_whose_retry_after_is_too_long_reports_when_requests_may_resume()
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(new StubAnswer(403, SecondaryLimitBody, new Dictionary<string, string> { ["retry-after"] = "120" }));

        var error = await Assert.ThrowsAsync<RateLimitExceededException>(
            () => stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.True(error.IsSecondaryLimit);
        Assert.Equal(stub.Clock.GetUtcNow().AddSeconds(120), error.ResetAt);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task Transient_server_errors_are_retried_until_success()
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(new StubAnswer(503), new StubAnswer(502, "<html>bad gateway</html>", ContentType: "text/html"), new StubAnswer(504), new StubAnswer(204));

        await stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad");

        Assert.Equal(4, stub.Requests.Count);
        Assert.Equal(3, stub.Clock.Waits.Count);
        Assert.All(stub.Clock.Waits, wait => Assert.InRange(wait, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(61)));
    }

    [Fact]
    public async Task Waits_after_server_errors_are_jittered_rather_than_whole_doublings()
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(new StubAnswer(503), new StubAnswer(503), new StubAnswer(503), new StubAnswer(204));

        await stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad");

        // Without jitter every client would wait exactly 1, 2 and 4 s, and retry in lockstep with the others GitHub turned away.
        Assert.Equal(3, stub.Clock.Waits.Count);
        Assert.Contains(stub.Clock.Waits, wait => wait.Ticks % TimeSpan.TicksPerSecond != 0);
    }

    [Fact]
    public async Task A_storm_of_server_errors_exhausts_the_retries_and_reports_the_last_answer()
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(new StubAnswer(503, """{"message":"Service Unavailable"}"""));

        var error = await Assert.ThrowsAsync<GitHubApiException>(
            () => stub.Client(options => options.MaxRetries = 2).RestorePackageForOrgAsync("acme", OrgPackageType.NuGet, "Acme.Core"));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(3, stub.Requests.Count);
        Assert.Equal(2, stub.Clock.Waits.Count);
    }

    [Fact]
    public async Task Dropped_connections_are_retried_until_success()
    {
        await using var server = new RawHttpRecorder(RawReply.Drop, RawReply.Drop, RawReply.NoContent);
        var clock = new InstantTimeProvider();

        await new PackagesClient(new PackagesClientOptions { BaseAddress = server.BaseAddress, TimeProvider = clock, MinimumWriteInterval = TimeSpan.Zero })
            .RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad");

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(2, clock.Waits.Count);
    }

    [Fact]
    public async Task Connection_failures_that_never_end_surface_as_HttpRequestException_after_the_retries()
    {
        await using var server = new RawHttpRecorder(RawReply.Drop);

        await Assert.ThrowsAsync<HttpRequestException>(
            () => new PackagesClient(new PackagesClientOptions { BaseAddress = server.BaseAddress, TimeProvider = new InstantTimeProvider() })
                .RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Equal(4, server.Requests.Count);
    }

    [Theory]
    [InlineData(FaultType.EMPTY_RESPONSE)]
    [InlineData(FaultType.MALFORMED_RESPONSE_CHUNK)]
    public async Task WireMock_faults_arrive_as_junk_200_answers_which_are_reported_not_taken_for_a_restore(FaultType fault)
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(new StubAnswer(204, "restored", Fault: fault), new StubAnswer(204));

        var error = await Assert.ThrowsAsync<GitHubApiException>(
            () => stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Equal(200, error.StatusCode);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task Timeouts_are_retried()
    {
        await using var silentServer = new RawHttpRecorder(RawReply.Hold);
        var clock = new InstantTimeProvider();
        using var httpClient = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var client = new PackagesClient(httpClient, new PackagesClientOptions { BaseAddress = silentServer.BaseAddress, MaxRetries = 2, TimeProvider = clock });

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.IsType<TimeoutException>(error.InnerException);
        await silentServer.WaitForRequestsAsync(3);
        Assert.Equal(3, silentServer.Requests.Count);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(422)]
    [InlineData(500)]
    public async Task Final_answers_are_never_retried(int status)
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(new StubAnswer(status, """{"message":"No."}"""), new StubAnswer(204));

        var error = await Assert.ThrowsAsync<GitHubApiException>(
            () => stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Equal(status, error.StatusCode);
        Assert.Single(stub.Requests);
        Assert.Empty(stub.Clock.Waits);
    }

    [Fact]
    public async Task MaxRetries_zero_turns_retrying_off_entirely()
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(PrimaryLimit(429, DateTimeOffset.UnixEpoch), new StubAnswer(204));

        await Assert.ThrowsAsync<RateLimitExceededException>(
            () => stub.Client(options => options.MaxRetries = 0).RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task A_404_after_an_attempt_that_may_have_reached_GitHub_says_it_may_have_restored_the_package()
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(new StubAnswer(503), new StubAnswer(404, """{"message":"Not Found"}"""));

        var error = await Assert.ThrowsAsync<GitHubApiException>(
            () => stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Equal(404, error.StatusCode);
        Assert.Contains("may already have restored", error.Message);
        Assert.Contains("404 rather than 403", error.Message);
    }

    [Fact]
    public async Task A_404_after_two_attempts_that_may_have_reached_GitHub_still_says_it_may_have_restored_the_package()
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(new StubAnswer(502), new StubAnswer(503), new StubAnswer(404, """{"message":"Not Found"}"""));

        var error = await Assert.ThrowsAsync<GitHubApiException>(
            () => stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Equal(3, stub.Requests.Count);
        Assert.Equal(404, error.StatusCode);
        Assert.Contains("An earlier attempt of this call failed after it may have reached GitHub, so it may already have restored the package.", error.Message);
    }

    [Fact]
    public async Task A_404_after_a_rate_limited_attempt_does_not_suggest_an_earlier_restore()
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(new StubAnswer(429, SecondaryLimitBody, new Dictionary<string, string> { ["retry-after"] = "1" }), new StubAnswer(404, """{"message":"Not Found"}"""));

        var error = await Assert.ThrowsAsync<GitHubApiException>(
            () => stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Equal(2, stub.Requests.Count);
        Assert.DoesNotContain("may already have restored", error.Message);
        Assert.Contains("404 rather than 403", error.Message);
    }

    [Fact]
    public async Task Restores_from_one_client_start_at_least_the_minimum_interval_apart()
    {
        using var stub = new GitHubStub();
        var client = stub.Client(options => options.MinimumWriteInterval = TimeSpan.FromSeconds(1));

        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, $"package-{i}")));

        Assert.Equal(3, stub.Requests.Count);
        Assert.Equal(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1) }, stub.Clock.Waits);
    }

    private static StubAnswer PrimaryLimit(int status, DateTimeOffset reset) => new StubAnswer(
        status,
        """{"message":"API rate limit exceeded for user ID 1.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}""",
        new Dictionary<string, string>
        {
            ["x-ratelimit-limit"] = "5000",
            ["x-ratelimit-remaining"] = "0",
            ["x-ratelimit-used"] = "5000",
            ["x-ratelimit-reset"] = reset.ToUnixTimeSeconds().ToString(),
            ["x-ratelimit-resource"] = "core",
        });
}
