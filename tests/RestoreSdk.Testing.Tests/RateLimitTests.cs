// The simulator's primary budget (x-ratelimit-* counting down, 403 at zero, reset by the clock) and its secondary limit on too many writes a minute or an hour, or overlapping ones.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace RestoreSdk.Testing.Tests;

public class RateLimitTests
{
    private const string Token = "ghp_limits_alice";
    private const string Target = "user/packages/npm/left-pad/restore";
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 1, 9, 0, 0, 250, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new FakeTimeProvider(Now);

    [Fact(Timeout = 30_000)]
    public async Task Rate_limit_headers_count_down_from_5000_and_name_the_reset_an_hour_after_the_first_request()
    {
        var simulator = Alice();

        using var first = await simulator.PostAsync(Target, Token);
        _clock.Advance(TimeSpan.FromSeconds(1));
        using var second = await simulator.PostAsync(Target, Token);

        Assert.Equal(("5000", "4999", "1"), (first.Header("x-ratelimit-limit"), first.Header("x-ratelimit-remaining"), first.Header("x-ratelimit-used")));
        Assert.Equal(("5000", "4998", "2"), (second.Header("x-ratelimit-limit"), second.Header("x-ratelimit-remaining"), second.Header("x-ratelimit-used")));
        var reset = new DateTimeOffset(2026, 11, 1, 10, 0, 1, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        Assert.Equal(reset, first.Header("x-ratelimit-reset"));
        Assert.Equal(reset, second.Header("x-ratelimit-reset"));
        Assert.Equal("core", second.Header("x-ratelimit-resource"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_spent_budget_answers_403_with_remaining_0_until_the_window_resets()
    {
        var simulator = Alice();
        simulator.PrimaryRateLimit = 2;

        using var first = await simulator.PostAsync(Target, Token);
        _clock.Advance(TimeSpan.FromSeconds(1));
        using var second = await simulator.PostAsync(Target, Token);
        _clock.Advance(TimeSpan.FromSeconds(1));
        using var limited = await simulator.PostAsync(Target, Token);
        _clock.Advance(TimeSpan.FromHours(1));
        using var afterReset = await simulator.PostAsync(Target, Token);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, limited.StatusCode);
        Assert.Equal("0", limited.Header("x-ratelimit-remaining"));
        Assert.StartsWith("API rate limit exceeded for user ID", (string?)(await limited.ErrorAsync())["message"]);
        Assert.Null(limited.Header("retry-after"));
        Assert.Equal(HttpStatusCode.NotFound, afterReset.StatusCode);
        Assert.Equal("1", afterReset.Header("x-ratelimit-remaining"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Eighty_writes_within_a_minute_pass_and_the_81st_meets_the_secondary_limit_until_retry_after_passes()
    {
        var simulator = Alice();
        var passed = new List<HttpStatusCode>();
        for (var i = 0; i < 80; i++)
        {
            using var write = await simulator.PostAsync(Target, Token);
            passed.Add(write.StatusCode);
            _clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        using var burst = await simulator.PostAsync(Target, Token);
        _clock.Advance(TimeSpan.FromSeconds(30));
        using var stillLimited = await simulator.PostAsync(Target, Token);
        _clock.Advance(TimeSpan.FromSeconds(30));
        using var afterRetryAfter = await simulator.PostAsync(Target, Token);

        Assert.Equal(HttpStatusCode.NoContent, passed[0]);
        Assert.All(passed.Skip(1), status => Assert.Equal(HttpStatusCode.NotFound, status));
        Assert.Equal(HttpStatusCode.Forbidden, burst.StatusCode);
        Assert.Equal("60", burst.Header("retry-after"));
        Assert.StartsWith("You have exceeded a secondary rate limit", (string?)(await burst.ErrorAsync())["message"]);
        Assert.NotEqual("0", burst.Header("x-ratelimit-remaining"));
        Assert.Equal(HttpStatusCode.Forbidden, stillLimited.StatusCode);
        Assert.Equal("30", stillLimited.Header("retry-after"));
        Assert.Equal(HttpStatusCode.NotFound, afterRetryAfter.StatusCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_window_slides_a_write_passes_once_the_oldest_of_the_last_minute_is_60_seconds_old()
    {
        var simulator = Alice();
        simulator.WritesPerMinute = 2;

        using var first = await simulator.PostAsync(Target, Token);
        _clock.Advance(TimeSpan.FromSeconds(40));
        using var second = await simulator.PostAsync(Target, Token);
        _clock.Advance(TimeSpan.FromSeconds(20));
        using var oldestJustLeft = await simulator.PostAsync(Target, Token);
        _clock.Advance(TimeSpan.FromSeconds(19));
        using var oneTooMany = await simulator.PostAsync(Target, Token);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, oldestJustLeft.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, oneTooMany.StatusCode);
        Assert.Equal("60", oneTooMany.Header("retry-after"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Five_hundred_writes_within_an_hour_pass_and_the_501st_meets_the_secondary_limit_until_the_first_is_an_hour_old()
    {
        var simulator = Alice();
        var first = _clock.GetUtcNow();
        var passed = new List<HttpStatusCode>();
        for (var i = 0; i < 500; i++)
        {
            using var write = await simulator.PostAsync(Target, Token);
            passed.Add(write.StatusCode);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        // Now 500 s after the first write: the hour frees a slot 3100 s later, longer than the 60 s of SecondaryRateLimitRetryAfter.
        using var oneTooMany = await simulator.PostAsync(Target, Token);
        _clock.SetUtcNow(first + TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        using var stillLimited = await simulator.PostAsync(Target, Token);
        _clock.SetUtcNow(first + TimeSpan.FromHours(1));
        using var firstLeftTheHour = await simulator.PostAsync(Target, Token);
        using var secondStillInIt = await simulator.PostAsync(Target, Token);

        Assert.All(passed, status => Assert.NotEqual(HttpStatusCode.Forbidden, status));
        Assert.Equal(HttpStatusCode.Forbidden, oneTooMany.StatusCode);
        Assert.StartsWith("You have exceeded a secondary rate limit", (string?)(await oneTooMany.ErrorAsync())["message"]);
        Assert.Equal("3100", oneTooMany.Header("retry-after"));
        Assert.NotEqual("0", oneTooMany.Header("x-ratelimit-remaining"));
        Assert.Equal(HttpStatusCode.Forbidden, stillLimited.StatusCode);
        Assert.Equal("1", stillLimited.Header("retry-after"));
        Assert.Equal(HttpStatusCode.NotFound, firstLeftTheHour.StatusCode);
        // The second write leaves the hour 1 s later, but a fresh limit lasts at least SecondaryRateLimitRetryAfter.
        Assert.Equal(HttpStatusCode.Forbidden, secondStillInIt.StatusCode);
        Assert.Equal("60", secondStillInIt.Header("retry-after"));
    }

    [Fact(Timeout = 30_000)]
    public async Task The_hourly_rule_is_configurable_and_int_MaxValue_turns_it_off()
    {
        var simulator = Alice();
        simulator.WritesPerHour = 2;
        simulator.SecondaryRateLimitRetryAfter = TimeSpan.FromSeconds(5);

        using var first = await simulator.PostAsync(Target, Token);
        _clock.Advance(TimeSpan.FromMinutes(59));
        using var second = await simulator.PostAsync(Target, Token);
        _clock.Advance(TimeSpan.FromSeconds(30));
        using var third = await simulator.PostAsync(Target, Token);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, third.StatusCode);
        Assert.Equal("30", third.Header("retry-after"));

        var unlimited = Alice();
        unlimited.WritesPerHour = int.MaxValue;
        unlimited.WritesPerMinute = int.MaxValue;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 1000; i++)
        {
            using var write = await unlimited.PostAsync(Target, Token);
            statuses.Add(write.StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.Forbidden, statuses);
        Assert.Throws<ArgumentOutOfRangeException>(() => unlimited.WritesPerHour = 0);
        Assert.Equal(500, new GitHubSimulator().WritesPerHour);
    }

    [Fact(Timeout = 30_000)]
    public async Task Writes_at_one_instant_pass_while_they_do_not_overlap()
    {
        var simulator = Alice().AddDeletedPackage("alice", "npm", "is-odd", Now.AddDays(-1));

        using var first = await simulator.PostAsync(Target, Token);
        using var second = await simulator.PostAsync("user/packages/npm/is-odd/restore", Token);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
    }

    [Fact]
    public void Writes_per_minute_must_be_positive()
    {
        var simulator = Alice();

        Assert.Throws<ArgumentOutOfRangeException>(() => simulator.WritesPerMinute = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => simulator.WritesPerMinute = -1);
        Assert.Equal(80, simulator.WritesPerMinute);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_write_while_another_is_in_flight_meets_the_secondary_limit()
    {
        var simulator = Alice();
        simulator.FailNext(SimulatedFault.Latency(TimeSpan.FromSeconds(2)));

        var slow = simulator.PostAsync(Target, Token);
        using var overlapping = await simulator.PostAsync(Target, Token);
        _clock.Advance(TimeSpan.FromSeconds(2));
        using var completed = await slow;

        Assert.Equal(HttpStatusCode.Forbidden, overlapping.StatusCode);
        Assert.NotNull(overlapping.Header("retry-after"));
        Assert.Equal(HttpStatusCode.NoContent, completed.StatusCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_primary_budget_is_per_token_owner_and_the_secondary_limit_per_token()
    {
        var simulator = Alice()
            .AddClassicToken("ghp_limits_alice_2", "alice", "write:packages")
            .AddClassicToken("ghp_limits_bob", "bob", "write:packages");

        using var alice = await simulator.PostAsync(Target, Token);
        using var aliceAgain = await simulator.PostAsync(Target, "ghp_limits_alice_2");
        using var bob = await simulator.PostAsync(Target, "ghp_limits_bob");

        Assert.Equal("4998", aliceAgain.Header("x-ratelimit-remaining"));
        Assert.Equal(HttpStatusCode.NotFound, aliceAgain.StatusCode);
        Assert.Equal("4999", bob.Header("x-ratelimit-remaining"));
    }

    private GitHubSimulator Alice() =>
        new GitHubSimulator(_clock)
            .AddClassicToken(Token, "alice", "read:packages", "write:packages")
            .AddDeletedPackage("alice", "npm", "left-pad", Now.AddDays(-1));
}
