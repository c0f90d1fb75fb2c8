// Pins the rate-limit sentence of a failed restore and its resume time: GitHub's own time, or the client's longer hold.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class RateLimitMessageTests
{
    private const string UserPackage = "Restoring the npm package 'left-pad' of the authenticated user failed.";
    private const string PrimaryBody = """{"message":"API rate limit exceeded for user ID 1.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}""";
    private const string SecondaryBody = """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}""";

    [Fact]
    public async Task A_primary_limit_beyond_the_max_wait_says_until_when_after_one_attempt()
    {
        using var stub = new GitHubStub();
        var reset = stub.Clock.GetUtcNow().AddMinutes(10);
        stub.Answer(403, PrimaryBody, headers: PrimaryLimit(reset));

        var error = await Assert.ThrowsAsync<RateLimitExceededException>(() => stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Equal(reset, error.ResetAt);
        Assert.Equal(
            $"{UserPackage} GitHub answered HTTP 403: API rate limit exceeded for user ID 1. The primary rate limit is exhausted until 2026-11-22 12:10:00Z; gave up after 1 attempt."
            + " See https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
            error.Message);
    }

    [Fact]
    public async Task A_primary_limit_whose_reset_has_passed_reports_that_reset_when_no_retry_is_allowed()
    {
        using var stub = new GitHubStub();
        var reset = stub.Clock.GetUtcNow().AddSeconds(-10);
        stub.Answer(403, PrimaryBody, headers: PrimaryLimit(reset));

        var error = await Assert.ThrowsAsync<RateLimitExceededException>(() => stub.Client(o => o.MaxRetries = 0).RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Equal(reset, error.ResetAt);
        Assert.Contains("The primary rate limit is exhausted until 2026-11-22 11:59:50Z; gave up after 1 attempt.", error.Message);
    }

    [Fact]
    public async Task A_secondary_limit_resumes_when_the_clients_backoff_ends_not_at_the_primary_limits_reset()
    {
        using var stub = new GitHubStub();
        var headers = PrimaryLimit(stub.Clock.GetUtcNow().AddHours(1));
        headers["x-ratelimit-remaining"] = "4000";
        stub.Answer(429, SecondaryBody, headers: headers);

        var error = await Assert.ThrowsAsync<RateLimitExceededException>(() => stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        // The second limit in a row asks for 2 minutes from the last answer, beyond the default 60 s MaxRetryDelay.
        var resumeAt = stub.Clock.GetUtcNow().AddMinutes(2);
        Assert.True(error.IsSecondaryLimit);
        Assert.Equal(resumeAt, error.ResetAt);
        Assert.Equal(
            $"{UserPackage} GitHub answered HTTP 429: You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
            + $" The secondary rate limit is exhausted until {resumeAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z; gave up after 2 attempts.",
            error.Message);
    }

    [Fact]
    public void Without_a_client_hold_the_resume_time_is_retry_afters()
    {
        var error = RateLimited(429, new() { ["retry-after"] = "120" }, clientHeldUntil: null);

        Assert.Equal(Now.AddSeconds(120), error.ResetAt);
        Assert.EndsWith("The secondary rate limit is exhausted until 2026-11-22 12:02:00Z; gave up after 1 attempt.", error.Message);
    }

    [Fact]
    public void A_client_hold_ending_before_GitHubs_time_does_not_shorten_it()
    {
        var error = RateLimited(429, new() { ["retry-after"] = "120" }, clientHeldUntil: Now.AddSeconds(30));

        Assert.Equal(Now.AddSeconds(120), error.ResetAt);
    }

    [Fact]
    public void A_client_hold_ending_after_GitHubs_time_becomes_the_resume_time()
    {
        var error = RateLimited(403, new() { ["x-ratelimit-remaining"] = "0", ["x-ratelimit-reset"] = Now.AddSeconds(30).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) }, clientHeldUntil: Now.AddMinutes(5));

        Assert.False(error.IsSecondaryLimit);
        Assert.Equal(Now.AddMinutes(5), error.ResetAt);
        Assert.EndsWith("The primary rate limit is exhausted until 2026-11-22 12:05:00Z; gave up after 1 attempt.", error.Message);
    }

    [Fact]
    public void A_secondary_limit_with_neither_retry_after_nor_a_client_hold_names_no_resume_time()
    {
        var error = RateLimited(429, new() { ["x-ratelimit-remaining"] = "4000", ["x-ratelimit-reset"] = Now.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) }, clientHeldUntil: null);

        Assert.Null(error.ResetAt);
        Assert.EndsWith("The secondary rate limit is exhausted; gave up after 1 attempt.", error.Message);
    }

    [Fact]
    public void An_answer_without_a_body_is_reported_as_one_without_GitHubs_error()
    {
        // On netstandard2.0 runtimes an answer may come without any content at all.
        var answer = new ServiceResponseException("GitHub answered HTTP 500.", 500, null, new Dictionary<string, IEnumerable<string>>(), null);

        var error = GitHubApiException.FromResponse(answer, Attempted(), Now, clientHeldUntil: null);

        Assert.Equal($"{UserPackage} GitHub answered HTTP 500 without GitHub's JSON error body.", error.Message);
        Assert.Null(error.Response);
    }

    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string> PrimaryLimit(DateTimeOffset reset) => new Dictionary<string, string>
    {
        ["x-ratelimit-limit"] = "5000",
        ["x-ratelimit-remaining"] = "0",
        ["x-ratelimit-reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
    };

    // FromResponse alone, as the client calls it once the last attempt's answer is in, with the hold the client's gate reports.
    private static RateLimitExceededException RateLimited(int status, Dictionary<string, string> headers, DateTimeOffset? clientHeldUntil)
    {
        var answerHeaders = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers)
        {
            answerHeaders[header.Key] = new[] { header.Value };
        }

        var answer = new ServiceResponseException($"GitHub answered HTTP {status}.", status, """{"message":"Rate limited"}""", answerHeaders, null);
        return Assert.IsType<RateLimitExceededException>(GitHubApiException.FromResponse(answer, Attempted(), Now, clientHeldUntil));
    }

    private static RestoreAttempts Attempted()
    {
        var settings = ClientSettings.From(new PackagesClientOptions());
        var attempts = new RestoreAttempts(RestoreRequest.ForUser(settings, UserPackageType.Npm, "left-pad", null));
        attempts.Start();
        return attempts;
    }
}
