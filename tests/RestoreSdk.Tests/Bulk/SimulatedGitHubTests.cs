// Bulk and rate-limit behaviour against RestoreSdk.Testing's stateful simulator, where GitHub's answers follow from its state rather than a script.
using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using RestoreSdk.Testing;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class SimulatedGitHubTests
{
    private const string Token = "ghp_simulated_release_bot";

    private readonly InstantTimeProvider _clock = new InstantTimeProvider();
    private readonly GitHubSimulator _simulator;

    public SimulatedGitHubTests()
    {
        _simulator = new GitHubSimulator(_clock)
            .AddClassicToken(Token, "release-bot", "read:packages", "write:packages");
        for (var i = 1; i <= 5; i++)
        {
            _simulator.AddDeletedPackage("release-bot", "npm", $"package-{i}", _clock.GetUtcNow().AddDays(-1));
        }
    }

    private static PackageToRestore[] FivePackages =>
        Enumerable.Range(1, 5).Select(i => PackageToRestore.ForUser(UserPackageType.Npm, $"package-{i}")).ToArray();

    [Fact(Timeout = 30_000)]
    public async Task A_batch_larger_than_the_primary_budget_stops_when_it_is_spent_without_sending_more()
    {
        _simulator.PrimaryRateLimit = 3;
        var windowStart = _clock.GetUtcNow();

        var result = await Client().RestorePackagesAsync(FivePackages);

        Assert.Equal(3, _simulator.Requests.Count);
        Assert.Equal(new[] { "package-1", "package-2", "package-3" }, _simulator.Restores.Select(restore => restore.PackageName));
        Assert.Equal((BulkRestoreStopReason.RateLimited, 3), (result.StopReason, result.RestoredCount));
        Assert.Equal(windowStart.AddHours(1), result.RetryAt);
        Assert.All(result.Outcomes.Skip(3), outcome => Assert.False(outcome.WasSent));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_client_faster_than_GitHub_allows_waits_out_each_secondary_limit_and_never_sends_while_limited()
    {
        _simulator.WritesPerMinute = 2;

        var result = await Client().RestorePackagesAsync(FivePackages.Take(3));

        Assert.Equal(3, result.RestoredCount);
        var requests = _simulator.Requests;
        Assert.Equal(new int?[] { 204, 204, 403, 204 }, requests.Select(request => request.StatusCode));
        foreach (var (limited, next) in requests.Zip(requests.Skip(1)).Where(pair => pair.First.StatusCode == 403))
        {
            Assert.True(next.ReceivedAt - limited.ReceivedAt >= _simulator.SecondaryRateLimitRetryAfter, $"sent {next.ReceivedAt - limited.ReceivedAt} after a secondary limit");
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Concurrent_restores_through_DI_reach_GitHub_one_at_a_time_and_meet_no_secondary_limit()
    {
        _simulator.Latency = TimeSpan.FromMilliseconds(400);
        var services = new ServiceCollection().AddSingleton<TimeProvider>(_clock);
        services.AddPackagesClient(options =>
            {
                options.BaseAddress = _simulator.BaseAddress;
                options.Token = Token;
            })
            .ConfigurePrimaryHttpMessageHandler(() => _simulator);
        await using var provider = services.BuildServiceProvider();

        await Task.WhenAll(Enumerable.Range(1, 5).Select(i =>
            provider.GetRequiredService<IPackagesClient>().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, $"package-{i}")));

        Assert.Equal(5, _simulator.Restores.Count);
        Assert.All(_simulator.Requests, request => Assert.Equal(204, request.StatusCode));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_restore_whose_answer_was_lost_is_retried_and_the_404_says_it_may_already_have_restored()
    {
        _simulator.FailNext(SimulatedFault.DroppedConnection(afterProcessing: true));

        var failure = await Assert.ThrowsAsync<GitHubApiException>(() =>
            Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "package-1"));

        Assert.Equal(404, failure.StatusCode);
        Assert.Contains("may already have restored", failure.Message);
        Assert.Equal("package-1", Assert.Single(_simulator.Restores).PackageName);
        Assert.Equal(new int?[] { null, 404 }, _simulator.Requests.Select(request => request.StatusCode));
    }

    private PackagesClient Client() =>
        new PackagesClient(new HttpClient(_simulator), new PackagesClientOptions { BaseAddress = _simulator.BaseAddress, Token = Token, TimeProvider = _clock });
}
