// Pins the client's write budgets (GitHub's 500 content-generating requests an hour and 80 a minute): rolling windows, waits that are reported, and earlier sends that count.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RestoreSdk.Testing;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class WriteBudgetTests
{
    private const string Token = "ghp_simulated_release_bot";
    private const string RateLimitWait = "restoresdk.client.rate_limit.wait.duration";
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Theory(Timeout = 120_000)]
    [InlineData(620, 61, 63)]
    [InlineData(1000, 68, 69)]
    public async Task A_batch_above_500_keeps_every_rolling_hour_and_minute_within_GitHubs_limits_and_620_finish_in_about_1_h_2_min(int count, int leastMinutes, int mostMinutes)
    {
        var clock = new InstantTimeProvider();
        var simulator = SimulatorWith(clock, count);
        var waits = new RecordingProgress();

        var result = await Client(simulator, clock).RestorePackagesAsync(Packages(count), waits);

        Assert.Equal((count, BulkRestoreStopReason.None), (result.RestoredCount, result.StopReason));
        var requests = simulator.Requests;
        Assert.Equal(count, requests.Count);
        Assert.All(requests, request => Assert.Equal(204, request.StatusCode));
        var sent = requests.Select(request => request.ReceivedAt).ToList();
        Assert.True(MostInAnyWindow(sent, Hour) <= 500, $"{MostInAnyWindow(sent, Hour)} in one hour");
        Assert.True(MostInAnyWindow(sent, Minute) <= 80, $"{MostInAnyWindow(sent, Minute)} in one minute");

        // The rule: 500 sends 1 s apart (0 s to 499 s), then the 501st when the first is an hour old (3600 s), and the rest 1 s apart
        // (up to 1000, each is still an hour after the send 500 before it): 620 end at 3719 s, 1000 at 4099 s.
        var expected = Hour + TimeSpan.FromSeconds(count - 500 - 1);
        Assert.Equal(expected, sent[^1] - sent[0]);
        Assert.InRange(sent[^1] - sent[0], TimeSpan.FromMinutes(leastMinutes), TimeSpan.FromMinutes(mostMinutes));
        Assert.Equal(sent[0] + Hour, sent[500]);
        var wait = Assert.Single(waits.Waits);
        Assert.Equal((500, RestoreWaitReason.WritesPerHour, 500, sent[0] + Hour), (wait.Index, wait.Reason, wait.Limit, wait.Until));
        Assert.Equal("package-501", wait.Package.PackageName);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_first_request_that_reaches_GitHub_late_moves_the_hour_so_the_501st_meets_no_limit()
    {
        // A cold first connection (token provider, connect, TLS): GitHub receives the first restore 300 ms after the client let it go.
        var clock = new InstantTimeProvider();
        var simulator = SimulatorWith(clock, 502);

        var result = await Client(new SlowFirstRequest(clock, TimeSpan.FromMilliseconds(300), simulator), simulator, clock).RestorePackagesAsync(Packages(502));

        Assert.Equal((502, BulkRestoreStopReason.None), (result.RestoredCount, result.StopReason));
        Assert.All(simulator.Requests, request => Assert.Equal(204, request.StatusCode));
        var arrived = simulator.Requests.Select(request => request.ReceivedAt).ToList();
        Assert.True(MostInAnyWindow(arrived, Hour) <= 500, $"{MostInAnyWindow(arrived, Hour)} in one hour");
        // The 501st may arrive once the first's arrival is an hour old, not its release.
        Assert.Equal(arrived[0] + Hour, arrived[500]);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_first_request_that_reaches_GitHub_late_moves_the_minute_so_the_81st_meets_no_limit()
    {
        var clock = new InstantTimeProvider();
        var simulator = SimulatorWith(clock, 81);

        var result = await Client(new SlowFirstRequest(clock, TimeSpan.FromMilliseconds(300), simulator), simulator, clock, options => options.MinimumWriteInterval = TimeSpan.FromMilliseconds(500))
            .RestorePackagesAsync(Packages(81));

        Assert.Equal(81, result.RestoredCount);
        Assert.All(simulator.Requests, request => Assert.Equal(204, request.StatusCode));
        var arrived = simulator.Requests.Select(request => request.ReceivedAt).ToList();
        Assert.Equal(80, MostInAnyWindow(arrived, Minute));
        Assert.Equal(arrived[0] + Minute, arrived[80]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Calls_queued_behind_a_budget_wait_are_logged_once_each_and_stay_cancellable()
    {
        using var stub = new GitHubStub();
        var clock = new SteppedClock();
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var client = stub.Client(options =>
        {
            options.TimeProvider = clock;
            options.MinimumWriteInterval = TimeSpan.FromSeconds(1);
            options.WritesPerHour = 1;
            options.LoggerFactory = loggerFactory;
        });
        var start = clock.GetUtcNow();
        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "first");

        // "second" takes the turn and waits out the spacing; "third" queues before the budget wait starts, "fourth" during it.
        var second = client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "second");
        Assert.Equal(TimeSpan.FromSeconds(1), await clock.NextWaitAsync());
        using var cancel = new CancellationTokenSource();
        var third = client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "third", cancellationToken: cancel.Token);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(Hour - TimeSpan.FromSeconds(1), await clock.NextWaitAsync());
        var fourth = client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "fourth", cancellationToken: cancel.Token);

        var queued = logs.Logs.Where(log => log.EventName == "QueuedBehindWriteBudget").Select(log => log.Text[..log.Text.IndexOf(" || ", StringComparison.Ordinal)]).ToList();
        Assert.Equal(
            new[] { "third", "fourth" }.Select(name =>
                $"POST /user/packages/{{package_type}}/{{package_name}}/restore for npm package '{name}' queues behind a restore of this client that waits until 2026-11-22 13:00:00Z "
                + "for the client's WritesPerHour budget; it is sent after that one."),
            queued);
        Assert.Equal(start + Hour, new DateTimeOffset(2026, 11, 22, 13, 0, 0, TimeSpan.Zero));
        var waiting = Assert.Single(logs.Logs, log => log.EventName == "WaitingForWriteBudget");
        Assert.StartsWith(
            "POST /user/packages/{package_type}/{package_name}/restore for npm package 'second' waits until 2026-11-22 13:00:00Z: "
            + "the client's WritesPerHour budget (1 per hour) is spent (GitHub's secondary rate limit). || ",
            waiting.Text);

        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => third);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fourth);
        Assert.Single(stub.Requests);
        clock.Advance(Hour - TimeSpan.FromSeconds(1));
        await second;
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_batch_of_300_is_not_slowed_beyond_the_1_s_spacing()
    {
        var clock = new InstantTimeProvider();
        var simulator = SimulatorWith(clock, 300);
        var waits = new RecordingProgress();

        var result = await Client(simulator, clock).RestorePackagesAsync(Packages(300), waits);

        Assert.Equal(300, result.RestoredCount);
        var sent = simulator.Requests.Select(request => request.ReceivedAt).ToList();
        Assert.Equal(TimeSpan.FromSeconds(299), sent[^1] - sent[0]);
        Assert.Empty(waits.Waits);
        Assert.All(clock.Waits, wait => Assert.True(wait <= TimeSpan.FromSeconds(1), $"waited {wait}"));
    }

    [Fact(Timeout = 60_000)]
    public async Task WritesPerHour_0_turns_the_hourly_budget_off()
    {
        var clock = new InstantTimeProvider();
        var simulator = SimulatorWith(clock, 520);
        simulator.WritesPerHour = int.MaxValue;

        var result = await Client(simulator, clock, options => options.WritesPerHour = 0).RestorePackagesAsync(Packages(520));

        Assert.Equal(520, result.RestoredCount);
        var sent = simulator.Requests.Select(request => request.ReceivedAt).ToList();
        Assert.Equal(TimeSpan.FromSeconds(519), sent[^1] - sent[0]);
    }

    [Fact(Timeout = 60_000)]
    public async Task With_shorter_spacing_the_minute_budget_keeps_every_rolling_minute_at_80()
    {
        var clock = new InstantTimeProvider();
        var simulator = SimulatorWith(clock, 100);
        var waits = new RecordingProgress();

        var result = await Client(simulator, clock, options => options.MinimumWriteInterval = TimeSpan.FromMilliseconds(500)).RestorePackagesAsync(Packages(100), waits);

        Assert.Equal(100, result.RestoredCount);
        Assert.All(simulator.Requests, request => Assert.Equal(204, request.StatusCode));
        var sent = simulator.Requests.Select(request => request.ReceivedAt).ToList();
        Assert.Equal(80, MostInAnyWindow(sent, Minute));
        // 80 sends 0.5 s apart (0 s to 39.5 s), then the 81st when the first is a minute old.
        Assert.Equal(sent[0] + Minute, sent[80]);
        var wait = Assert.Single(waits.Waits);
        Assert.Equal((80, RestoreWaitReason.WritesPerMinute, 80, sent[0] + Minute), (wait.Index, wait.Reason, wait.Limit, wait.Until));
    }

    [Fact(Timeout = 30_000)]
    public async Task The_wait_for_the_hour_is_logged_once_measured_and_reported_with_when_it_ends()
    {
        using var stub = new GitHubStub();
        using var telemetry = new TelemetryCapture(stub.BaseAddress);
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var client = stub.Client(options =>
        {
            options.MinimumWriteInterval = TimeSpan.FromSeconds(1);
            options.WritesPerHour = 3;
            options.LoggerFactory = loggerFactory;
        });
        var start = stub.Clock.GetUtcNow();
        var waits = new RecordingProgress();

        var result = await client.RestorePackagesAsync(Enumerable.Range(1, 5).Select(i => PackageToRestore.ForUser(UserPackageType.Npm, $"package-{i}")), waits);

        Assert.Equal(5, result.RestoredCount);
        // Sends at 0, 1 and 2 s; the 4th is due at 3 s but waits until the 1st is an hour old; the 5th follows 1 s later, when the 2nd has left the hour.
        Assert.Equal(5, stub.Requests.Count);
        var until = start + Hour;
        var wait = Assert.Single(waits.Waits);
        Assert.Equal((3, RestoreWaitReason.WritesPerHour, 3, until), (wait.Index, wait.Reason, wait.Limit, wait.Until));
        Assert.Equal("package-4", wait.Package.PackageName);
        Assert.Equal("#3 npm package 'package-4' of the authenticated user waits until 2026-11-22 13:00:00Z: 3 restore requests were sent within the last hour (WritesPerHour)", wait.ToString());
        Assert.Equal(new[] { 1.0, 1, 1, 3597, 1 }, stub.Clock.Waits.Select(delay => delay.TotalSeconds));

        var logged = Assert.Single(logs.Logs, log => log.EventName == "WaitingForWriteBudget");
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.Equal(
            "POST /user/packages/{package_type}/{package_name}/restore for npm package 'package-4' waits until 2026-11-22 13:00:00Z: "
            + "the client's WritesPerHour budget (3 per hour) is spent (GitHub's secondary rate limit).",
            logged.Text[..logged.Text.IndexOf(" || ", StringComparison.Ordinal)]);

        var measured = Assert.Single(telemetry.Measurements(RateLimitWait));
        Assert.Equal("writes_per_hour", measured.Tags["restoresdk.rate_limit.kind"]);
        Assert.Equal("/user/packages/{package_type}/{package_name}/restore", measured.Tags["url.template"]);
        Assert.Equal(3600 - 3, measured.Value, 3);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_exception_from_reporting_a_wait_ends_the_batch_and_reaches_the_caller_before_the_package_is_sent()
    {
        using var stub = new GitHubStub();
        var client = stub.Client(options => options.WritesPerHour = 1);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => client.RestorePackagesAsync(new[] { PackageToRestore.ForUser(UserPackageType.Npm, "first"), PackageToRestore.ForUser(UserPackageType.Npm, "second") }, new ThrowingProgress()));

        Assert.Equal("progress handler broke", error.Message);
        Assert.Single(stub.Requests);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_budget_wait_longer_than_MaxRetryDelay_does_not_fail_a_single_restore()
    {
        using var stub = new GitHubStub();
        var client = stub.Client(options =>
        {
            options.WritesPerHour = 1;
            options.MaxRetryDelay = TimeSpan.FromSeconds(5);
        });
        var start = stub.Clock.GetUtcNow();

        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "first");
        var second = await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "second");

        Assert.Equal(2, stub.Requests.Count);
        Assert.Equal(start + Hour, stub.Clock.GetUtcNow());
        Assert.Equal(Hour, second.Elapsed);
    }

    [Fact(Timeout = 30_000)]
    public async Task Cancelling_a_restore_that_waits_for_the_hour_sends_nothing()
    {
        using var stub = new GitHubStub();
        var clock = new SteppedClock();
        var client = stub.Client(options =>
        {
            options.TimeProvider = clock;
            options.WritesPerHour = 1;
        });
        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "first");
        using var cancel = new CancellationTokenSource();

        var second = client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "second", cancellationToken: cancel.Token);

        Assert.Equal(Hour, await clock.NextWaitAsync());
        clock.Advance(TimeSpan.FromMinutes(59));
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        Assert.Single(stub.Requests);
    }

    [Fact(Timeout = 60_000)]
    public async Task PreviousWriteTimes_within_the_last_hour_count_against_the_hourly_budget()
    {
        var clock = new InstantTimeProvider();
        var simulator = SimulatorWith(clock, 3);
        var start = clock.GetUtcNow();
        // An interrupted run sent 500 restores 1 s apart, the first 50 min ago; one older send no longer counts.
        var earlier = Enumerable.Range(0, 500).Select(i => start - TimeSpan.FromMinutes(50) + TimeSpan.FromSeconds(i)).Append(start - TimeSpan.FromHours(2)).ToList();
        var waits = new RecordingProgress();

        await Client(simulator, clock, options => options.PreviousWriteTimes = earlier).RestorePackagesAsync(Packages(3), waits);

        var sent = simulator.Requests.Select(request => request.ReceivedAt).ToList();
        Assert.Equal(new[] { start + TimeSpan.FromMinutes(10), start + TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1), start + TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(2) }, sent);
        Assert.Equal(start + TimeSpan.FromMinutes(10), Assert.Single(waits.Waits).Until);
        Assert.True(MostInAnyWindow(earlier.Concat(sent).ToList(), Hour) <= 500);
    }

    [Fact(Timeout = 60_000)]
    public async Task PreviousWriteTimes_count_against_the_minute_budget_and_older_ones_are_ignored()
    {
        var clock = new InstantTimeProvider();
        var simulator = SimulatorWith(clock, 1);
        var start = clock.GetUtcNow();
        var lastMinute = Enumerable.Range(0, 80).Select(i => start - TimeSpan.FromSeconds(40) + TimeSpan.FromMilliseconds(250 * i));

        await Client(simulator, clock, options => options.PreviousWriteTimes = lastMinute).RestorePackagesAsync(Packages(1));

        Assert.Equal(start + TimeSpan.FromSeconds(20), Assert.Single(simulator.Requests).ReceivedAt);

        var freshClock = new InstantTimeProvider();
        var fresh = SimulatorWith(freshClock, 1);
        var longAgo = Enumerable.Range(0, 600).Select(i => freshClock.GetUtcNow() - TimeSpan.FromHours(1) - TimeSpan.FromSeconds(i));
        await Client(fresh, freshClock, options => options.PreviousWriteTimes = longAgo).RestorePackagesAsync(Packages(1));
        Assert.Equal(start, Assert.Single(fresh.Requests).ReceivedAt);
    }

    [Fact(Timeout = 60_000)]
    public async Task PreviousWriteTimes_set_through_dependency_injection_count()
    {
        var clock = new InstantTimeProvider();
        var simulator = SimulatorWith(clock, 1);
        var start = clock.GetUtcNow();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(clock);
        services.AddPackagesClient(options =>
            {
                options.BaseAddress = simulator.BaseAddress;
                options.Token = Token;
                options.WritesPerHour = 2;
                options.PreviousWriteTimes = new[] { start - TimeSpan.FromMinutes(30), start - TimeSpan.FromMinutes(20) };
            })
            .ConfigurePrimaryHttpMessageHandler(() => simulator);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IPackagesClient>().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "package-1");

        Assert.Equal(start + TimeSpan.FromMinutes(30), Assert.Single(simulator.Requests).ReceivedAt);
    }

    [Fact(Timeout = 60_000)]
    public async Task WritesPerHour_and_PreviousWriteTimes_bind_from_configuration()
    {
        var clock = new InstantTimeProvider();
        var simulator = SimulatorWith(clock, 1);
        var start = clock.GetUtcNow();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GitHub:BaseAddress"] = simulator.BaseAddress.ToString(),
            ["GitHub:Token"] = Token,
            ["GitHub:WritesPerHour"] = "1",
            ["GitHub:PreviousWriteTimes:0"] = "2026-11-22T11:15:00+00:00",
        }).Build();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(clock);
        services.AddPackagesClient(configuration.GetSection("GitHub")).ConfigurePrimaryHttpMessageHandler(() => simulator);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IPackagesClient>().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "package-1");

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 12, 15, 0, TimeSpan.Zero), start + TimeSpan.FromMinutes(15));
        Assert.Equal(start + TimeSpan.FromMinutes(15), Assert.Single(simulator.Requests).ReceivedAt);
    }

    [Fact(Timeout = 30_000)]
    public async Task With_spacing_off_the_hourly_budget_still_holds()
    {
        using var stub = new GitHubStub();
        var client = stub.Client(options => options.WritesPerHour = 3);
        var start = stub.Clock.GetUtcNow();

        for (var i = 0; i < 4; i++)
        {
            await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, $"package-{i}");
        }

        Assert.Equal(4, stub.Requests.Count);
        Assert.Equal(new[] { Hour }, stub.Clock.Waits);
        Assert.Equal(start + Hour, stub.Clock.GetUtcNow());
    }

    [Fact]
    public void A_RestoreWait_can_stand_in_for_one_in_a_callers_tests_and_checks_its_arguments()
    {
        var package = PackageToRestore.ForOrg("acme", OrgPackageType.Npm, "@acme/ui");
        var until = new DateTimeOffset(2026, 11, 22, 14, 30, 0, TimeSpan.FromHours(1));

        var wait = new RestoreWait(package, 7, RestoreWaitReason.WritesPerMinute, 80, until);

        Assert.Equal((package, 7, RestoreWaitReason.WritesPerMinute, 80, until), (wait.Package, wait.Index, wait.Reason, wait.Limit, wait.Until));
        Assert.Equal("#7 npm package '@acme/ui' of organization 'acme' waits until 2026-11-22 13:30:00Z: 80 restore requests were sent within the last minute (WritesPerMinute)", wait.ToString());
        Assert.Throws<ArgumentNullException>(() => new RestoreWait(null!, 0, RestoreWaitReason.WritesPerHour, 500, until));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RestoreWait(package, -1, RestoreWaitReason.WritesPerHour, 500, until));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RestoreWait(package, 0, (RestoreWaitReason)2, 500, until));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RestoreWait(package, 0, RestoreWaitReason.WritesPerHour, 0, until));
    }

    // Computed from the send times alone: the most sends inside any half-open window [t, t + length) that starts at a send.
    [Fact(Timeout = 60_000)]
    public async Task A_budget_wait_already_over_when_it_starts_sends_at_once()
    {
        // The process reaches the wait late (here a progress handler that returns 1.5 ms after the wait's end): a negative wait must neither fail nor last for ever.
        var clock = new SteppedClock();
        var simulator = SimulatorWith(clock, 2);
        var progress = new LateProgress(clock, TimeSpan.FromMilliseconds(1.5));
        var client = Client(simulator, clock, options => (options.WritesPerHour, options.WritesPerMinute, options.MinimumWriteInterval) = (0, 1, TimeSpan.Zero));

        var result = await clock.DriveAsync(client.RestorePackagesAsync(Packages(2), progress));

        Assert.Equal((2, BulkRestoreStopReason.None), (result.RestoredCount, result.StopReason));
        var wait = Assert.Single(progress.Waits);
        var sent = simulator.Requests.Select(request => request.ReceivedAt).ToList();
        Assert.Equal(sent[0] + Minute, wait.Until);
        Assert.Equal(wait.Until + TimeSpan.FromMilliseconds(1.5), sent[1]);
    }

    private static int MostInAnyWindow(IReadOnlyList<DateTimeOffset> sent, TimeSpan length) =>
        sent.Max(start => sent.Count(time => time >= start && time < start + length));

    private static GitHubSimulator SimulatorWith(TimeProvider clock, int packages)
    {
        var simulator = new GitHubSimulator(clock).AddClassicToken(Token, "release-bot", "read:packages", "write:packages");
        for (var i = 1; i <= packages; i++)
        {
            simulator.AddDeletedPackage("release-bot", "npm", $"package-{i}", clock.GetUtcNow().AddDays(-1));
        }

        return simulator;
    }

    private static IEnumerable<PackageToRestore> Packages(int count) =>
        Enumerable.Range(1, count).Select(i => PackageToRestore.ForUser(UserPackageType.Npm, $"package-{i}"));

    private static PackagesClient Client(GitHubSimulator simulator, TimeProvider clock, Action<PackagesClientOptions>? configure = null) =>
        Client(simulator, simulator, clock, configure);

    private static PackagesClient Client(HttpMessageHandler handler, GitHubSimulator simulator, TimeProvider clock, Action<PackagesClientOptions>? configure = null)
    {
        var options = new PackagesClientOptions { BaseAddress = simulator.BaseAddress, Token = Token, TimeProvider = clock };
        configure?.Invoke(options);
        return new PackagesClient(new HttpClient(handler), options);
    }

    // Delays only the first request, on the fake clock, before GitHub (the simulator) receives it.
    private sealed class SlowFirstRequest : DelegatingHandler
    {
        private readonly TimeProvider _clock;
        private readonly TimeSpan _delay;
        private int _seen;

        public SlowFirstRequest(TimeProvider clock, TimeSpan delay, HttpMessageHandler github)
            : base(github)
        {
            _clock = clock;
            _delay = delay;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _seen) == 1)
            {
                await Task.Delay(_delay, _clock, cancellationToken);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class ThrowingProgress : IProgress<PackageRestoreOutcome>, IProgress<RestoreWait>
    {
        public void Report(PackageRestoreOutcome value)
        {
        }

        public void Report(RestoreWait value) => throw new InvalidOperationException("progress handler broke");
    }

    private sealed class LateProgress : IProgress<PackageRestoreOutcome>, IProgress<RestoreWait>
    {
        private readonly SteppedClock _clock;
        private readonly TimeSpan _late;
        private readonly List<RestoreWait> _waits = new List<RestoreWait>();

        public LateProgress(SteppedClock clock, TimeSpan late) => (_clock, _late) = (clock, late);

        public IReadOnlyList<RestoreWait> Waits => _waits;

        public void Report(PackageRestoreOutcome value)
        {
        }

        public void Report(RestoreWait value)
        {
            _waits.Add(value);
            _clock.SetUtcNow(value.Until + _late);
        }
    }

    private sealed class RecordingProgress : IProgress<PackageRestoreOutcome>, IProgress<RestoreWait>
    {
        private readonly List<RestoreWait> _waits = new List<RestoreWait>();

        public IReadOnlyList<RestoreWait> Waits => _waits;

        public void Report(PackageRestoreOutcome value)
        {
        }

        public void Report(RestoreWait value) => _waits.Add(value);
    }
}
