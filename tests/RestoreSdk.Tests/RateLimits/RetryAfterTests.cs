// Pins that retry-after is read only in RFC 9110's forms and in GitHub's order, and that an unreadable one is ignored and said so.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("120", 120)]
    [InlineData("0", 0)]
    [InlineData("Sun, 22 Nov 2026 12:02:00 GMT", 120)]
    [InlineData("Sunday, 22-Nov-26 12:02:00 GMT", 120)]
    [InlineData("Sun Nov 22 12:02:00 2026", 120)]
    [InlineData("Sun Nov  6 08:49:37 1994", 0)]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT", 0)]
    public void Delta_seconds_and_the_three_HTTP_date_forms_are_read(string value, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfterHeader.Parse(value, Now));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("3 4")]
    [InlineData("12/31")]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData(" 7")]
    [InlineData("7s")]
    [InlineData("2026-11-22T12:02:00Z")]
    [InlineData("Sun, 22 Nov 2026 12:02:00 UTC")]
    [InlineData("Mon, 22 Nov 2026 12:02:00 GMT")]
    [InlineData("\u0661\u0662")]
    [InlineData("")]
    public void Anything_else_is_unreadable(string value)
    {
        Assert.Null(RetryAfterHeader.Parse(value, Now));
    }

    [Fact]
    public void A_huge_delta_is_a_long_wait_rather_than_an_overflow()
    {
        Assert.True(RetryAfterHeader.Parse("99999999999999999999999", Now) > TimeSpan.FromDays(300));
    }

    [Theory]
    [InlineData("31535999", 31535999)]
    [InlineData("31536000", 31536000)]
    [InlineData("31536001", 31536000)]
    [InlineData("9223372036854775807", 31536000)]
    public void Delta_seconds_are_read_up_to_365_days_and_anything_longer_is_365_days(string value, long seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfterHeader.Parse(value, Now));
    }

    [Fact]
    public void A_date_more_than_a_year_ahead_is_read_as_the_same_longest_wait_as_a_huge_delta()
    {
        var longest = RetryAfterHeader.Parse("99999999999999999999999", Now);

        Assert.Equal(longest, RetryAfterHeader.Parse("Wed, 22 Nov 2028 12:00:00 GMT", Now));
        Assert.Equal(longest, RetryAfterHeader.Parse("Fri, 31 Dec 9999 23:59:59 GMT", Now));
        Assert.Equal(TimeSpan.FromDays(364), RetryAfterHeader.Parse("Sun, 21 Nov 2027 12:00:00 GMT", Now));
    }

    [Fact]
    public void A_date_a_second_ahead_or_behind_is_a_second_or_no_wait()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), RetryAfterHeader.Parse("Sun, 22 Nov 2026 12:00:01 GMT", Now));
        Assert.Equal(TimeSpan.Zero, RetryAfterHeader.Parse("Sun, 22 Nov 2026 11:59:59 GMT", Now));
        Assert.Equal(TimeSpan.Zero, RetryAfterHeader.Parse("Sun, 22 Nov 2026 12:00:00 GMT", Now));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("3 4")]
    [InlineData("12/31")]
    public async Task An_unreadable_retry_after_falls_back_to_a_minute_and_the_message_says_GitHubs_wait_was_unreadable(string value)
    {
        using var stub = new GitHubStub();
        stub.Answer(429, """{"message":"slow down"}""", headers: new Dictionary<string, string> { ["retry-after"] = value });

        var error = await Assert.ThrowsAsync<RateLimitExceededException>(
            () => stub.Client(options => options.MaxRetries = 1).RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.InRange(Assert.Single(stub.Clock.Waits), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(61));
        Assert.Contains($"GitHub's wait was unreadable: retry-after '{value}'", error.Message);
        // Without a readable wait, ResetAt is the end of the client's own backoff: the second secondary limit in a row, 120 s.
        Assert.Equal(stub.Clock.GetUtcNow() + TimeSpan.FromSeconds(120), error.ResetAt);
    }

    [Fact]
    public async Task Retry_after_comes_before_an_exhausted_primary_limits_reset()
    {
        using var stub = new GitHubStub();
        var reset = stub.Clock.GetUtcNow().AddSeconds(45);
        stub.AnswerInOrder(
            new StubAnswer(403, """{"message":"API rate limit exceeded"}""", new Dictionary<string, string>
            {
                ["x-ratelimit-remaining"] = "0",
                ["x-ratelimit-reset"] = reset.ToUnixTimeSeconds().ToString(),
                ["retry-after"] = "5",
            }),
            new StubAnswer(204));

        await stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad");

        Assert.InRange(Assert.Single(stub.Clock.Waits), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(6));
    }
}
