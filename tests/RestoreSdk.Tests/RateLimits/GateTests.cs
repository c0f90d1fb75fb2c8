// Pins the client-wide gate: once GitHub answers with a rate limit, no restore of that client (or DI registration) is sent until GitHub allows it.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class GateTests
{
    private static readonly Dictionary<string, string> SecondaryLimit = new Dictionary<string, string> { ["retry-after"] = "3" };
    private const string SecondaryLimitBody = """{"message":"You have exceeded a secondary rate limit."}""";

    [Fact(Timeout = 30_000)]
    public async Task A_secondary_limit_holds_every_concurrent_restore_of_the_client_until_retry_after()
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(new StubAnswer(403, SecondaryLimitBody, SecondaryLimit), new StubAnswer(204));
        var clock = new SteppedClock();
        var handler = new ClockStampingHandler(clock);
        var client = new PackagesClient(new HttpClient(handler), stub.Options(options =>
        {
            options.TimeProvider = clock;
            options.MinimumWriteInterval = TimeSpan.FromSeconds(1);
        }));

        await clock.DriveAsync(Task.WhenAll(Enumerable.Range(0, 5).Select(i => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, $"package-{i}"))));

        // Five restores plus the limited one's retry; the first answer closed the gate for three seconds.
        var sent = handler.Requests.Select(request => request.At).ToList();
        Assert.Equal(6, sent.Count);
        Assert.Equal(clock.Start, sent[0]);
        Assert.All(sent.Skip(1), at => Assert.True(at >= clock.Start + TimeSpan.FromSeconds(3), $"a request left at {at:O}, inside the secondary limit's window"));
        Assert.All(sent.Zip(sent.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(1), $"requests at {pair.First:O} and {pair.Second:O} are less than a second apart"));
    }

    [Theory(Timeout = 30_000)]
    [InlineData(0)]
    [InlineData(1)]
    public async Task After_a_secondary_limit_the_next_restore_waits_out_retry_after_with_or_without_spacing(int spacingSeconds)
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(new StubAnswer(403, SecondaryLimitBody, SecondaryLimit), new StubAnswer(204));
        var clock = new SteppedClock();
        var client = stub.Client(options =>
        {
            options.TimeProvider = clock;
            options.MaxRetries = 0;
            options.MinimumWriteInterval = TimeSpan.FromSeconds(spacingSeconds);
        });
        await Assert.ThrowsAsync<RateLimitExceededException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "limited"));

        var next = client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "next");

        Assert.Equal(TimeSpan.FromSeconds(3), await clock.NextWaitAsync());
        clock.Advance(TimeSpan.FromSeconds(3) - TimeSpan.FromMilliseconds(1));
        Assert.False(next.IsCompleted);
        Assert.Single(stub.Requests);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await next;
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_secondary_limit_met_through_one_DI_resolution_holds_the_others()
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(new StubAnswer(429, SecondaryLimitBody, SecondaryLimit), new StubAnswer(204));
        var clock = new SteppedClock();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddPackagesClient(options =>
        {
            options.BaseAddress = stub.BaseAddress;
            options.MaxRetries = 0;
        });
        using var provider = services.BuildServiceProvider();
        await Assert.ThrowsAsync<RateLimitExceededException>(
            () => provider.GetRequiredService<IPackagesClient>().RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "limited"));

        var other = provider.GetRequiredService<IPackagesClient>().RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "other");

        Assert.Equal(TimeSpan.FromSeconds(3), await clock.NextWaitAsync());
        clock.Advance(TimeSpan.FromSeconds(2.5));
        Assert.Single(stub.Requests);
        await clock.DriveAsync(other);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_primary_limit_holds_every_restore_until_the_reset()
    {
        using var stub = new GitHubStub();
        var clock = new SteppedClock();
        var reset = clock.Start + TimeSpan.FromSeconds(40);
        stub.AnswerInOrder(new StubAnswer(403, """{"message":"API rate limit exceeded"}""", PrimaryLimit(reset)), new StubAnswer(204));
        var client = stub.Client(options =>
        {
            options.TimeProvider = clock;
            options.MaxRetries = 0;
        });
        await Assert.ThrowsAsync<RateLimitExceededException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "limited"));

        var next = client.RestorePackageForOrgAsync("acme", OrgPackageType.NuGet, "next");

        Assert.Equal(TimeSpan.FromSeconds(40), await clock.NextWaitAsync());
        clock.Advance(TimeSpan.FromSeconds(39));
        Assert.Single(stub.Requests);
        await clock.DriveAsync(next);
        Assert.Equal(2, stub.Requests.Count);
        Assert.Equal(reset, clock.GetUtcNow());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_204_reporting_remaining_0_holds_the_next_restore_until_the_reset()
    {
        using var stub = new GitHubStub();
        var clock = new SteppedClock();
        var reset = clock.Start + TimeSpan.FromSeconds(20);
        stub.AnswerInOrder(new StubAnswer(204, Headers: PrimaryLimit(reset)), new StubAnswer(204));
        var client = stub.Client(options => options.TimeProvider = clock);

        var first = await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "first");
        var next = client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "next");

        Assert.Equal(0, first.RateLimit!.Remaining);
        Assert.Equal(TimeSpan.FromSeconds(20), await clock.NextWaitAsync());
        clock.Advance(TimeSpan.FromSeconds(19));
        Assert.Single(stub.Requests);
        var result = await clock.DriveAsync(next);
        Assert.Equal(2, stub.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(20), result.Elapsed);
    }

    [Fact(Timeout = 30_000)]
    public async Task Secondary_limits_without_retry_after_in_a_row_double_the_clients_wait_until_an_answer_that_is_not_a_rate_limit()
    {
        using var stub = new GitHubStub();
        var limited = new StubAnswer(403, SecondaryLimitBody);
        stub.AnswerInOrder(limited, limited, new StubAnswer(204), limited, new StubAnswer(204));
        var clock = new SteppedClock();
        var client = stub.Client(options =>
        {
            options.TimeProvider = clock;
            options.MaxRetries = 0;
            options.MaxRetryDelay = TimeSpan.FromMinutes(5);
        });
        var waits = new List<TimeSpan>();

        async Task<bool> RestoreAsync(string name)
        {
            // The gate's wait starts before the call first yields, so a call that is not waiting now is sending.
            var call = client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, name);
            if (clock.IsWaiting)
            {
                waits.Add(await clock.NextWaitAsync());
            }

            try
            {
                await clock.DriveAsync(call);
                return true;
            }
            catch (RateLimitExceededException)
            {
                return false;
            }
        }

        Assert.False(await RestoreAsync("first"));
        Assert.False(await RestoreAsync("second"));
        Assert.True(await RestoreAsync("third"));
        Assert.False(await RestoreAsync("fourth"));
        Assert.True(await RestoreAsync("fifth"));

        Assert.Equal(new[] { TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(60) }, waits);
        Assert.Equal(5, stub.Requests.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_404_ends_the_row_of_secondary_limits_so_a_later_call_waits_one_minute_once()
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(new StubAnswer(429), new StubAnswer(404), new StubAnswer(404), new StubAnswer(429), new StubAnswer(204));
        var client = stub.Client();

        var notFound = await Assert.ThrowsAsync<GitHubApiException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "first"));
        await Assert.ThrowsAsync<GitHubApiException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "second"));
        var limitedAt = stub.Clock.GetUtcNow();
        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "third");

        Assert.Equal(404, notFound.StatusCode);
        Assert.Equal(5, stub.Requests.Count);
        // One wait per 429, each GitHub's minute plus under a second of jitter: the gate adds nothing of its own.
        Assert.Equal(2, stub.Clock.Waits.Count);
        Assert.All(stub.Clock.Waits, wait => Assert.InRange(wait, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(61)));
        Assert.InRange(stub.Clock.GetUtcNow() - limitedAt, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(61));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_call_whose_own_wait_fits_but_the_clients_longer_hold_does_not_throws_at_once_without_resending()
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(new StubAnswer(429), new StubAnswer(429), new StubAnswer(429), new StubAnswer(204));
        var clock = new SteppedClock();
        var client = stub.Client(options =>
        {
            options.TimeProvider = clock;
            options.MaxRetryDelay = TimeSpan.FromSeconds(90);
        });

        // 60 s, then 120 s (beyond 90 s): two secondary limits in a row, and the client holds for 120 s.
        await Assert.ThrowsAsync<RateLimitExceededException>(() => clock.DriveAsync(client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "first")));
        clock.Advance(TimeSpan.FromSeconds(121));
        var limitedAt = clock.GetUtcNow();

        // This call's first secondary limit asks 60 s, but it is the client's third in a row: 240 s.
        var refused = await Assert.ThrowsAsync<RateLimitExceededException>(() => clock.DriveAsync(client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "second")));

        Assert.Equal(3, stub.Requests.Count);
        Assert.Equal(limitedAt, clock.GetUtcNow());
        Assert.True(refused.IsSecondaryLimit);
        Assert.Equal(429, refused.StatusCode);
        Assert.Equal(limitedAt + TimeSpan.FromSeconds(240), refused.ResetAt);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_wait_at_the_gate_is_recorded_as_a_rate_limit_wait()
    {
        using var stub = new GitHubStub();
        using var telemetry = new TelemetryCapture(stub.BaseAddress);
        var clock = new SteppedClock();
        stub.AnswerInOrder(new StubAnswer(204, Headers: PrimaryLimit(clock.Start + TimeSpan.FromSeconds(25))), new StubAnswer(204));
        var client = stub.Client(options => options.TimeProvider = clock);

        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "first");
        await clock.DriveAsync(client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "next"));

        var wait = Assert.Single(telemetry.Measurements("restoresdk.client.rate_limit.wait.duration"));
        Assert.Equal(25, wait.Value);
        Assert.Equal("primary", wait.Tags["restoresdk.rate_limit.kind"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_hold_longer_than_MaxRetryDelay_fails_at_once_without_sending()
    {
        using var stub = new GitHubStub();
        var clock = new SteppedClock();
        var reset = clock.Start + TimeSpan.FromMinutes(30);
        stub.Answer(204, headers: PrimaryLimit(reset));
        var client = stub.Client(options => options.TimeProvider = clock);
        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "first");

        var refused = await Assert.ThrowsAsync<RateLimitExceededException>(() => client.RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "second"));

        Assert.Single(stub.Requests);
        Assert.Equal(reset, refused.ResetAt);
        Assert.False(refused.IsSecondaryLimit);
        Assert.Contains("was not sent", refused.Message);
        Assert.Contains("'second'", refused.Message);
        Assert.False(clock.IsWaiting);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_secondary_limit_beyond_MaxRetryDelay_refuses_later_restores_without_sending()
    {
        using var stub = new GitHubStub();
        stub.Answer(403, SecondaryLimitBody, headers: new Dictionary<string, string> { ["retry-after"] = "120" });
        var clock = new SteppedClock();
        var client = stub.Client(options => options.TimeProvider = clock);
        await Assert.ThrowsAsync<RateLimitExceededException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "limited"));

        var refused = await Assert.ThrowsAsync<RateLimitExceededException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "next"));

        Assert.Single(stub.Requests);
        Assert.True(refused.IsSecondaryLimit);
        Assert.Equal(clock.Start + TimeSpan.FromSeconds(120), refused.ResetAt);
    }

    [Fact(Timeout = 30_000)]
    public async Task Cancelling_ends_a_wait_at_the_gate_and_sends_nothing()
    {
        using var stub = new GitHubStub();
        var clock = new SteppedClock();
        stub.AnswerInOrder(new StubAnswer(204, Headers: PrimaryLimit(clock.Start + TimeSpan.FromSeconds(30))), new StubAnswer(204));
        var client = stub.Client(options => options.TimeProvider = clock);
        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "first");
        using var cancellation = new CancellationTokenSource();

        var waiting = client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "waiting", cancellationToken: cancellation.Token);
        await clock.NextWaitAsync();
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Single(stub.Requests);
        Assert.Equal(clock.Start, clock.GetUtcNow());
    }

    [Fact(Timeout = 30_000)]
    public async Task Cancelling_a_call_that_waits_for_its_spacing_gives_the_turn_to_the_next_call()
    {
        using var stub = new GitHubStub();
        var clock = new SteppedClock();
        var client = stub.Client(options =>
        {
            options.TimeProvider = clock;
            options.MinimumWriteInterval = TimeSpan.FromSeconds(1);
        });
        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "first");
        using var cancellation = new CancellationTokenSource();
        var cancelled = client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "cancelled", cancellationToken: cancellation.Token);
        Assert.Equal(TimeSpan.FromSeconds(1), await clock.NextWaitAsync());

        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        var next = client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "next");

        // The cancelled call gave back its turn: the next one waits only for the spacing after the first restore.
        Assert.Equal(TimeSpan.FromSeconds(1), await clock.NextWaitAsync());
        await clock.DriveAsync(next);
        Assert.Equal(new[] { "/user/packages/npm/first/restore", "/user/packages/npm/next/restore" }, stub.Requests.Select(request => request.Path));
        Assert.Equal(clock.Start + TimeSpan.FromSeconds(1), clock.GetUtcNow());
    }

    [Fact(Timeout = 30_000)]
    public async Task The_log_says_once_why_the_client_waits_and_until_when()
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(new StubAnswer(403, SecondaryLimitBody, SecondaryLimit), new StubAnswer(204));
        var clock = new SteppedClock();
        using var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var client = stub.Client(options =>
        {
            options.TimeProvider = clock;
            options.Token = "ghp_gate_secret";
            options.LoggerFactory = loggerFactory;
            options.MinimumWriteInterval = TimeSpan.FromSeconds(1);
        });

        await clock.DriveAsync(Task.WhenAll(Enumerable.Range(0, 3).Select(i => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, $"package-{i}", $"pkg_secret_{i}"))));

        var holding = Assert.Single(logs.Logs, log => log.EventName == "Holding");
        Assert.Equal(LogLevel.Warning, holding.Level);
        Assert.Contains("403", holding.Text);
        Assert.Contains("secondary", holding.Text);
        Assert.Contains("2026-11-22 12:00:03Z", holding.Text);
        Assert.DoesNotContain(logs.Logs, log => log.Text.Contains("secret"));
    }

    private static Dictionary<string, string> PrimaryLimit(DateTimeOffset reset) => new Dictionary<string, string>
    {
        ["x-ratelimit-limit"] = "5000",
        ["x-ratelimit-remaining"] = "0",
        ["x-ratelimit-used"] = "5000",
        ["x-ratelimit-reset"] = reset.ToUnixTimeSeconds().ToString(),
        ["x-ratelimit-resource"] = "core",
    };
}
