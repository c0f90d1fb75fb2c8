// Pins that every option value validation accepts also works in a call: the largest MaxRetryDelay, MinimumWriteInterval and AttemptTimeout.
using System;
using System.Collections.Generic;
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
