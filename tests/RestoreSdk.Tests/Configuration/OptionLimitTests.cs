// Pins that every option value validation accepts also works in a call: the largest MaxRetryDelay, MinimumWriteInterval and AttemptTimeout.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class OptionLimitTests
{
    [Fact]
    public async Task The_documented_maximum_MaxRetryDelay_of_one_day_builds_a_client_and_waits_a_day_long_retry_after()
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(new StubAnswer(429, "{}", new Dictionary<string, string> { ["retry-after"] = "86400" }), new StubAnswer(204));

        await stub.Client(options => options.MaxRetryDelay = TimeSpan.FromDays(1)).RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad");

        Assert.Equal(2, stub.Requests.Count);
        Assert.InRange(Assert.Single(stub.Clock.Waits), TimeSpan.FromDays(1), TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task The_documented_maximum_MaxRetryDelay_resolves_through_dependency_injection()
    {
        using var stub = new GitHubStub();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(stub.Clock);
        services.AddPackagesClient(options =>
        {
            options.BaseAddress = stub.BaseAddress;
            options.MaxRetryDelay = TimeSpan.FromDays(1);
        });
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        await provider.GetRequiredService<IPackagesClient>().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad");

        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task A_short_MaxRetryDelay_caps_the_growing_backoff_after_server_errors_at_itself_plus_a_second_of_jitter()
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(Enumerable.Repeat(new StubAnswer(503), 6).Append(new StubAnswer(204)).ToArray());

        await stub.Client(options =>
        {
            options.MaxRetries = 6;
            options.MaxRetryDelay = TimeSpan.FromSeconds(2);
        }).RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad");

        var waits = stub.Clock.Waits;
        Assert.Equal(6, waits.Count);
        Assert.All(waits, wait => Assert.InRange(wait, TimeSpan.Zero, TimeSpan.FromSeconds(3)));
        // Unbounded, the backoff would have passed 3 s by the fourth retry; the cap is reached rather than undercut.
        Assert.Contains(waits, wait => wait > TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task The_largest_MinimumWriteInterval_of_one_hour_spaces_restores_an_hour_apart()
    {
        using var stub = new GitHubStub();
        var client = stub.Client(options => options.MinimumWriteInterval = TimeSpan.FromHours(1));

        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "first");
        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "second");

        Assert.Equal(2, stub.Requests.Count);
        Assert.Equal(new[] { TimeSpan.FromHours(1) }, stub.Clock.Waits);
    }

    [Theory]
    [InlineData(3_600_000.0)]
    [InlineData(-1.0)]
    public async Task AttemptTimeout_accepts_its_one_hour_maximum_and_InfiniteTimeSpan(double milliseconds)
    {
        using var stub = new GitHubStub();

        await stub.Client(options => options.AttemptTimeout = TimeSpan.FromMilliseconds(milliseconds)).RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad");

        Assert.Single(stub.Requests);
    }
}
