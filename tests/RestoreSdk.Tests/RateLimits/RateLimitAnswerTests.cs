// Pins, answer by answer, how GitHub's 403/429 answers are classified and how long each asks the client to wait, and how x-ratelimit-* headers are read.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;

namespace RestoreSdk.Tests;

public sealed class RateLimitAnswerTests
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("""{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}""")]
    [InlineData("Secondary rate limit exceeded")]
    [InlineData("SECONDARY RATE LIMIT")]
    public void A_403_whose_body_mentions_the_secondary_rate_limit_anywhere_is_a_secondary_limit(string body)
    {
        Assert.Equal(RateLimitKind.Secondary, RetryRules.KindOf(Answer(403, body)));
    }

    [Theory]
    [InlineData("""{"message":"Must have admin rights to Repository."}""")]
    [InlineData("""{"message":"Resource not accessible by personal access token"}""")]
    [InlineData("")]
    [InlineData(null)]
    public void A_403_without_a_rate_limit_sign_is_no_rate_limit(string? body)
    {
        Assert.Equal(RateLimitKind.None, RetryRules.KindOf(Answer(403, body)));
    }

    [Fact]
    public void A_403_or_429_with_no_requests_remaining_is_the_primary_limit_and_a_plain_429_the_secondary()
    {
        Assert.Equal(RateLimitKind.Primary, RetryRules.KindOf(Answer(403, "{}", ("x-ratelimit-remaining", "0"))));
        Assert.Equal(RateLimitKind.Primary, RetryRules.KindOf(Answer(429, "{}", ("x-ratelimit-remaining", "0"))));
        Assert.Equal(RateLimitKind.Secondary, RetryRules.KindOf(Answer(429, "{}", ("x-ratelimit-remaining", "4999"))));
        Assert.Equal(RateLimitKind.Secondary, RetryRules.KindOf(Answer(403, "{}", ("retry-after", "30"))));
        Assert.Equal(RateLimitKind.None, RetryRules.KindOf(Answer(403, "{}", ("retry-after", "soon"))));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(500)]
    [InlineData(503)]
    public void Other_statuses_are_no_rate_limit_even_with_every_sign_of_one(int status)
    {
        var answer = Answer(status, "You have exceeded a secondary rate limit", ("x-ratelimit-remaining", "0"), ("retry-after", "30"));

        Assert.Equal(RateLimitKind.None, RetryRules.KindOf(answer));
        Assert.Null(RetryRules.RateLimitWait(answer, Attempts(), Now));
    }

    [Theory]
    [InlineData(403)]
    [InlineData(429)]
    public void A_403_or_429_reached_by_following_a_redirect_is_not_GitHubs_rate_limit_and_asks_for_no_wait(int status)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        response.Headers.Add("retry-after", "30");
        response.Headers.Add("x-ratelimit-remaining", "0");
        response.Headers.Add("x-ratelimit-reset", Now.AddMinutes(5).ToUnixTimeSeconds().ToString());
        var answer = ServiceResponseException.Redirected(response, new Uri("https://cdn.example.com/limited"), new SecretRedactor());

        Assert.Equal(RateLimitKind.None, RetryRules.KindOf(answer));
        Assert.Null(RetryRules.RateLimitWait(answer, Attempts(), Now));
    }

    [Fact]
    public void An_exhausted_primary_limit_without_retry_after_waits_until_its_reset_or_not_at_all_once_it_passed()
    {
        var resetIn45s = Answer(403, "{}", ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", Now.AddSeconds(45).ToUnixTimeSeconds().ToString()));
        var resetAMinuteAgo = Answer(403, "{}", ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", Now.AddMinutes(-1).ToUnixTimeSeconds().ToString()));

        Assert.Equal(TimeSpan.FromSeconds(45), RetryRules.RateLimitWait(resetIn45s, Attempts(), Now));
        Assert.Equal(TimeSpan.Zero, RetryRules.RateLimitWait(resetAMinuteAgo, Attempts(), Now));
    }

    [Fact]
    public void A_secondary_limit_ignores_the_primary_limits_reset_while_requests_remain()
    {
        var answer = Answer(429, "{}", ("x-ratelimit-remaining", "4000"), ("x-ratelimit-reset", Now.AddSeconds(45).ToUnixTimeSeconds().ToString()));

        Assert.Equal(TimeSpan.FromMinutes(1), RetryRules.RateLimitWait(answer, Attempts(secondaryHits: 1), Now));
    }

    [Fact]
    public void An_exhausted_primary_limit_without_a_reset_waits_one_minute_however_many_secondary_limits_the_call_met()
    {
        var attempts = Attempts(secondaryHits: 3);

        Assert.Equal(TimeSpan.FromMinutes(1), RetryRules.RateLimitWait(Answer(403, "{}", ("x-ratelimit-remaining", "0")), attempts, Now));
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(1, 60)]
    [InlineData(2, 120)]
    [InlineData(3, 240)]
    [InlineData(4, 480)]
    public void A_secondary_limit_without_retry_after_waits_a_minute_doubling_with_each_one_the_call_met(int secondaryHits, int seconds)
    {
        var wait = RetryRules.RateLimitWait(Answer(403, "You have exceeded a secondary rate limit"), Attempts(secondaryHits), Now);

        Assert.Equal(TimeSpan.FromSeconds(seconds), wait);
    }

    [Fact]
    public void The_secondary_limit_backoff_stops_doubling_at_2_to_the_16th_minutes()
    {
        // 65,536 minutes (about 45 days): far beyond any MaxRetryDelay, so the call gives up, but without overflowing.
        var longest = TimeSpan.FromMinutes(65536);

        Assert.Equal(TimeSpan.FromMinutes(32768), RetryRules.RateLimitWait(Answer(429, "{}"), Attempts(secondaryHits: 16), Now));
        Assert.Equal(longest, RetryRules.RateLimitWait(Answer(429, "{}"), Attempts(secondaryHits: 17), Now));
        Assert.Equal(longest, RetryRules.RateLimitWait(Answer(429, "{}"), Attempts(secondaryHits: 18), Now));
        Assert.Equal(longest, RetryRules.RateLimitWait(Answer(429, "{}"), Attempts(secondaryHits: 40), Now));
    }

    [Fact]
    public void The_x_ratelimit_headers_are_all_read()
    {
        var headers = new Dictionary<string, string>
        {
            ["x-ratelimit-limit"] = "5000",
            ["x-ratelimit-remaining"] = "4990",
            ["x-ratelimit-used"] = "10",
            ["x-ratelimit-reset"] = "1795435200",
            ["x-ratelimit-resource"] = "core",
        };

        var limit = GitHubRateLimit.From(name => headers.TryGetValue(name, out var value) ? value : null);

        Assert.NotNull(limit);
        Assert.Equal((5000, 4990, 10, "core"), (limit!.Limit, limit.Remaining, limit.Used, limit.Resource));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero), limit.Reset);
    }

    [Theory]
    [InlineData("x-ratelimit-limit")]
    [InlineData("x-ratelimit-remaining")]
    [InlineData("x-ratelimit-used")]
    [InlineData("x-ratelimit-reset")]
    [InlineData("x-ratelimit-resource")]
    public void Any_one_x_ratelimit_header_alone_is_reported_and_the_others_stay_unknown(string present)
    {
        var limit = GitHubRateLimit.From(name => name == present ? "7" : null);

        Assert.NotNull(limit);
        Assert.Equal(present == "x-ratelimit-limit" ? 7 : null, limit!.Limit);
        Assert.Equal(present == "x-ratelimit-remaining" ? 7 : null, limit.Remaining);
        Assert.Equal(present == "x-ratelimit-used" ? 7 : null, limit.Used);
        Assert.Equal(present == "x-ratelimit-reset" ? DateTimeOffset.UnixEpoch.AddSeconds(7) : null, limit.Reset);
        Assert.Equal(present == "x-ratelimit-resource" ? "7" : null, limit.Resource);
    }

    [Fact]
    public void An_answer_without_x_ratelimit_headers_or_with_only_unreadable_numbers_reports_no_rate_limit()
    {
        Assert.Null(GitHubRateLimit.From(_ => null));
        Assert.Null(GitHubRateLimit.From(name => name == "x-ratelimit-resource" ? null : "many"));
    }

    private static ServiceResponseException Answer(int status, string? body, params (string Name, string Value)[] headers) =>
        new ServiceResponseException(
            $"HTTP {status}",
            status,
            body,
            headers.ToDictionary(header => header.Name, header => (IEnumerable<string>)new[] { header.Value }, StringComparer.OrdinalIgnoreCase),
            null);

    private static RestoreAttempts Attempts(int secondaryHits = 0)
    {
        var settings = ClientSettings.From(new PackagesClientOptions { Token = "ghp_" + new string('a', 36) });
        var attempts = new RestoreAttempts(RestoreRequest.ForUser(settings, UserPackageType.Npm, "left-pad", null));
        for (var hit = 0; hit < secondaryHits; hit++)
        {
            attempts.Failed(Answer(429, "{}"), callerCancelled: false);
        }

        Assert.Equal(secondaryHits, attempts.SecondaryLimitHits);
        return attempts;
    }
}
