// Pins the client-wide gate: once GitHub answers with a rate limit, no restore of that client (or DI registration) is sent until GitHub allows it.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Channels;
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

    [Theory(Timeout = 30_000)]
    [InlineData(0)]
    [InlineData(1)]
    public async Task A_hold_longer_than_MaxRetryDelay_fails_at_once_without_sending_and_says_why_and_until_when(int spacingSeconds)
    {
        using var stub = new GitHubStub();
        var clock = new SteppedClock();
        var reset = clock.Start + TimeSpan.FromMinutes(30);
        stub.AnswerInOrder(new StubAnswer(204, Headers: PrimaryLimit(reset)), new StubAnswer(204));
        var client = stub.Client(options =>
        {
            options.TimeProvider = clock;
            options.MinimumWriteInterval = TimeSpan.FromSeconds(spacingSeconds);
        });
        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "first");
        clock.Advance(TimeSpan.FromSeconds(2.5));

        var refused = await Assert.ThrowsAsync<RateLimitExceededException>(() => client.RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "second"));

        Assert.Single(stub.Requests);
        Assert.Equal(reset, refused.ResetAt);
        Assert.False(refused.IsSecondaryLimit);
        Assert.Equal(204, refused.StatusCode);
        // 29 min 57.5 s away, shown in whole seconds rounded up.
        Assert.Equal(
            "Restoring the npm package 'second' of organization 'acme' was not sent: an earlier answer (HTTP 204) reported GitHub's primary rate limit, "
            + "so this client sends no restore until 2026-11-22 12:30:00Z. That is 00:29:58 away, longer than MaxRetryDelay (00:01:00).",
            refused.Message);
        Assert.False(clock.IsWaiting);

        // The refused call gave back its turn: once the reset has passed, the next restore is sent.
        clock.Advance(reset - clock.GetUtcNow());
        await clock.DriveAsync(client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "third"));
        Assert.Equal(2, stub.Requests.Count);
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
        Assert.Equal(
            "Restoring the npm package 'next' of the authenticated user was not sent: an earlier answer (HTTP 403) reported GitHub's secondary rate limit, "
            + "so this client sends no restore until 2026-11-22 12:02:00Z. That is 00:02:00 away, longer than MaxRetryDelay (00:01:00).",
            refused.Message);
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

    [Fact(Timeout = 30_000)]
    public async Task A_primary_limit_with_retry_after_holds_for_retry_after_not_until_the_reset()
    {
        using var stub = new GitHubStub();
        var clock = new SteppedClock();
        var headers = PrimaryLimit(clock.Start + TimeSpan.FromSeconds(50));
        headers["retry-after"] = "20";
        stub.AnswerInOrder(new StubAnswer(403, """{"message":"API rate limit exceeded"}""", headers), new StubAnswer(204));
        using var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var client = stub.Client(options =>
        {
            options.TimeProvider = clock;
            options.MaxRetries = 0;
            options.LoggerFactory = loggerFactory;
        });
        await Assert.ThrowsAsync<RateLimitExceededException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "limited"));

        var next = client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "next");

        Assert.Equal(TimeSpan.FromSeconds(20), await clock.NextWaitAsync());
        await clock.DriveAsync(next);
        Assert.Equal(clock.Start + TimeSpan.FromSeconds(20), clock.GetUtcNow());
        var holding = Assert.Single(logs.Logs, log => log.EventName == "Holding");
        Assert.StartsWith(
            "POST /user/packages/{package_type}/{package_name}/restore for npm package 'limited' answered 403 with GitHub's primary rate limit exhausted: "
            + "this client sends no restore until 2026-11-22 12:00:20Z. || ",
            holding.Text);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_204_reporting_remaining_0_without_a_reset_holds_the_next_restore_a_minute()
    {
        using var stub = new GitHubStub();
        var clock = new SteppedClock();
        var headers = PrimaryLimit(clock.Start);
        headers.Remove("x-ratelimit-reset");
        stub.AnswerInOrder(new StubAnswer(204, Headers: headers), new StubAnswer(204));
        var client = stub.Client(options => options.TimeProvider = clock);
        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "first");

        var next = client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "next");

        Assert.Equal(TimeSpan.FromSeconds(60), await clock.NextWaitAsync());
        await clock.DriveAsync(next);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_remaining_0_whose_reset_is_now_holds_nothing_and_logs_no_hold()
    {
        using var stub = new GitHubStub();
        var clock = new SteppedClock();
        stub.AnswerInOrder(new StubAnswer(204, Headers: PrimaryLimit(clock.Start)), new StubAnswer(204));
        using var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var client = stub.Client(options =>
        {
            options.TimeProvider = clock;
            options.LoggerFactory = loggerFactory;
        });

        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "first");
        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "next");

        Assert.Equal(2, stub.Requests.Count);
        Assert.Equal(clock.Start, clock.GetUtcNow());
        Assert.DoesNotContain(logs.Logs, log => log.EventName == "Holding");
    }

    [Fact(Timeout = 30_000)]
    public async Task A_hold_that_ends_as_the_next_answer_arrives_does_not_replace_GitHubs_reset_in_the_error()
    {
        using var stub = new GitHubStub();
        var clock = new SteppedClock();
        var heldUntil = clock.Start + TimeSpan.FromSeconds(20);
        // GitHub's clock runs behind the client's: its reset for the second answer has already passed when that answer arrives.
        var gitHubsReset = clock.Start + TimeSpan.FromSeconds(10);
        stub.AnswerInOrder(new StubAnswer(204, Headers: PrimaryLimit(heldUntil)), new StubAnswer(403, """{"message":"API rate limit exceeded"}""", PrimaryLimit(gitHubsReset)));
        var client = stub.Client(options =>
        {
            options.TimeProvider = clock;
            options.MaxRetries = 0;
        });
        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "first");

        var next = client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "next");
        Assert.Equal(TimeSpan.FromSeconds(20), await clock.NextWaitAsync());
        clock.Advance(TimeSpan.FromSeconds(20));
        var error = await Assert.ThrowsAsync<RateLimitExceededException>(() => next);

        Assert.Equal(heldUntil, clock.GetUtcNow());
        Assert.Equal(gitHubsReset, error.ResetAt);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_shorter_or_equal_wait_answered_later_keeps_the_clients_hold_and_its_single_log_line()
    {
        var clock = new SteppedClock();
        var github = new HeldAnswers();
        using var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var client = github.Client(options =>
        {
            options.TimeProvider = clock;
            options.MaxRetries = 0;
            options.MaxRetryDelay = TimeSpan.FromMinutes(5);
            options.LoggerFactory = loggerFactory;
        });

        // With spacing off, three restores are at GitHub at once; their answers arrive in the order below.
        var calls = new List<Task>();
        var answers = new List<HeldAnswers.Pending>();
        foreach (var name in new[] { "first", "second", "third" })
        {
            calls.Add(client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, name));
            answers.Add(await github.NextAsync());
        }

        foreach (var (answer, retryAfter, call) in answers.Zip(new[] { "120", "120", "3" }, calls))
        {
            answer.Answer(429, retryAfter);
            await Assert.ThrowsAsync<RateLimitExceededException>(() => call);
        }

        var next = client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "next");

        Assert.Equal(TimeSpan.FromSeconds(120), await clock.NextWaitAsync());
        var holding = Assert.Single(logs.Logs, log => log.EventName == "Holding");
        Assert.Contains("'first'", holding.Text);
        clock.Advance(TimeSpan.FromSeconds(120));
        (await github.NextAsync()).Answer(204);
        await next;
    }

    [Fact(Timeout = 30_000)]
    public async Task A_calls_own_secondary_limits_in_a_row_keep_doubling_its_wait_and_the_clients_hold_after_another_call_ended_the_clients_row()
    {
        var clock = new SteppedClock();
        var github = new HeldAnswers();
        var client = github.Client(options =>
        {
            options.TimeProvider = clock;
            options.MaxRetryDelay = TimeSpan.FromMinutes(5);
        });
        var other = client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "other");
        var otherAnswer = await github.NextAsync();
        var limited = client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "limited");
        (await github.NextAsync()).Answer(429);
        var firstWait = await clock.NextWaitAsync();
        Assert.InRange(firstWait, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(61));

        // The other call's 404 ends the client's row of secondary limits; the limited call's own row goes on.
        otherAnswer.Answer(404);
        await Assert.ThrowsAsync<GitHubApiException>(() => other);
        clock.Advance(firstWait);
        (await github.NextAsync()).Answer(429);

        // This call's second secondary limit without retry-after: two minutes, for the call and for the whole client.
        var secondWait = await clock.NextWaitAsync();
        Assert.InRange(secondWait, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(121));
        var later = client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "later");
        Assert.Equal(TimeSpan.FromSeconds(120), await clock.NextWaitAsync());
        clock.Advance(TimeSpan.FromSeconds(121));
        (await github.NextAsync()).Answer(204);
        (await github.NextAsync()).Answer(204);
        var restored = await limited;
        await later;
        Assert.Equal(3, restored.Attempts);
    }

    [Fact(Timeout = 30_000)]
    public async Task Each_call_queued_for_the_turn_is_told_once_of_the_budget_wait_it_is_behind_and_only_while_it_is_queued()
    {
        using var stub = new GitHubStub();
        var clock = new SteppedClock();
        using var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var client = stub.Client(options =>
        {
            options.TimeProvider = clock;
            options.MinimumWriteInterval = TimeSpan.FromSeconds(1);
            options.WritesPerHour = 2;
            options.LoggerFactory = loggerFactory;
        });
        var second = TimeSpan.FromSeconds(1);
        var hour = TimeSpan.FromHours(1);
        Task<RestoreResult> Restore(string name) => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, name);

        // a and b are sent at 12:00:00 and 12:00:01; c, queued behind b's spacing (no budget wait to tell of), then waits for the hour.
        await Restore("a");
        var b = Restore("b");
        Assert.Equal(second, await clock.NextWaitAsync());
        var c = Restore("c");
        clock.Advance(second);
        await b;
        Assert.Equal(second, await clock.NextWaitAsync());
        var d = Restore("d");
        var e = Restore("e");
        var g = Restore("g");
        clock.Advance(second);
        Assert.Equal(hour - 2 * second, await clock.NextWaitAsync());

        // At 13:00:00 c is sent and d waits its spacing, no budget wait; f queues then. d is sent at 13:00:01; e then waits until 14:00:00.
        clock.Advance(hour - 2 * second);
        await c;
        Assert.Equal(second, await clock.NextWaitAsync());
        var f = Restore("f");
        clock.Advance(second);
        await d;
        Assert.Equal(second, await clock.NextWaitAsync());
        clock.Advance(second);
        Assert.Equal(hour - 2 * second, await clock.NextWaitAsync());

        static string Queued(string name, string until) =>
            $"POST /user/packages/{{package_type}}/{{package_name}}/restore for npm package '{name}' queues behind a restore of this client that waits until 2026-11-22 {until}Z "
            + "for the client's WritesPerHour budget; it is sent after that one.";
        Assert.Equal(
            new[] { Queued("d", "13:00:00"), Queued("e", "13:00:00"), Queued("g", "13:00:00"), Queued("f", "14:00:00") },
            logs.Logs.Where(log => log.EventName == "QueuedBehindWriteBudget").Select(log => log.Text[..log.Text.IndexOf(" || ", StringComparison.Ordinal)]));
        await clock.DriveAsync(Task.WhenAll(e, f, g));
        Assert.Equal(7, stub.Requests.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task With_spacing_off_a_restore_counts_against_the_hour_from_when_its_answer_arrived()
    {
        var clock = new SteppedClock();
        var github = new HeldAnswers();
        var client = github.Client(options =>
        {
            options.TimeProvider = clock;
            options.WritesPerHour = 2;
        });
        var first = client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "first");
        var firstAnswer = await github.NextAsync();

        // GitHub may have received the first restore as late as its answer, ten seconds after it left: its hour runs from then.
        clock.Advance(TimeSpan.FromSeconds(10));
        firstAnswer.Answer(204);
        await first;
        var second = client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "second");
        (await github.NextAsync()).Answer(204);
        await second;
        var third = client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "third");

        Assert.Equal(TimeSpan.FromHours(1), await clock.NextWaitAsync());
        clock.Advance(TimeSpan.FromHours(1));
        (await github.NextAsync()).Answer(204);
        await third;
        Assert.Equal(clock.Start + TimeSpan.FromSeconds(10) + TimeSpan.FromHours(1), clock.GetUtcNow());
    }

    private static Dictionary<string, string> PrimaryLimit(DateTimeOffset reset) => new Dictionary<string, string>
    {
        ["x-ratelimit-limit"] = "5000",
        ["x-ratelimit-remaining"] = "0",
        ["x-ratelimit-used"] = "5000",
        ["x-ratelimit-reset"] = reset.ToUnixTimeSeconds().ToString(),
        ["x-ratelimit-resource"] = "core",
    };

    // GitHub in process, answering each request only when the test says, so the answers of concurrent calls arrive in the order a test needs.
    private sealed class HeldAnswers : HttpMessageHandler
    {
        private readonly Channel<Pending> _arrived = Channel.CreateUnbounded<Pending>();

        public PackagesClient Client(Action<PackagesClientOptions> configure)
        {
            var options = new PackagesClientOptions { BaseAddress = new Uri("https://api.github.test/"), MinimumWriteInterval = TimeSpan.Zero };
            configure(options);
            return new PackagesClient(new HttpClient(this), options);
        }

        /// <summary>The next request to arrive, waited for in real time but bounded, so a client that never sends fails the test instead of hanging it.</summary>
        public async Task<Pending> NextAsync()
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            return await _arrived.Reader.ReadAsync(patience.Token);
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var pending = new Pending();
            _arrived.Writer.TryWrite(pending);
            return pending.Answered.WaitAsync(cancellationToken);
        }

        public sealed class Pending
        {
            private readonly TaskCompletionSource<HttpResponseMessage> _answer = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);

            public Task<HttpResponseMessage> Answered => _answer.Task;

            public void Answer(int status, string? retryAfter = null)
            {
                var response = new HttpResponseMessage((HttpStatusCode)status);
                if (status != 204)
                {
                    response.Content = new StringContent(status == 404 ? """{"message":"Not Found"}""" : SecondaryLimitBody, Encoding.UTF8, "application/json");
                }

                if (retryAfter is not null)
                {
                    response.Headers.TryAddWithoutValidation("retry-after", retryAfter);
                }

                _answer.SetResult(response);
            }
        }
    }
}
