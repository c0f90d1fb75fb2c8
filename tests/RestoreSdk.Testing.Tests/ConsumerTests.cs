// Written as a consumer would, with only the public API of RestoreSdk and RestoreSdk.Testing: an organization's batch restored through DI, checked on the simulator's record.
using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Testing.Tests;

public class ConsumerTests
{
    private const string Token = "ghp_consumer_release_bot";

    [Fact(Timeout = 30_000)]
    public async Task A_batch_restored_through_dependency_injection_restores_what_GitHub_allows_and_reports_the_rest()
    {
        var clock = new InstantTimeProvider();
        var now = clock.GetUtcNow();
        var simulator = new GitHubSimulator(clock)
            .AddOrganization("acme", "release-bot")
            .AddClassicToken(Token, "release-bot", "read:packages", "write:packages")
            .AddDeletedPackage("acme", "npm", "left-pad", now.AddDays(-2))
            .AddPackageAdmin("acme", "npm", "left-pad", "release-bot")
            .AddDeletedPackage("acme", "container", "acme/web", now.AddDays(-10))
            .AddPackageAdmin("acme", "container", "acme/web", "release-bot")
            .AddDeletedPackage("acme", "npm", "is-odd", now.AddDays(-40))
            .AddPackageAdmin("acme", "npm", "is-odd", "release-bot")
            .AddDeletedPackage("acme", "maven", "com.acme.core", now.AddDays(-1))
            .AddDeletedPackage("acme", "nuget", "Acme.Taken", now.AddDays(-3))
            .AddPackage("acme", "nuget", "Acme.Taken")
            .AddPackageAdmin("acme", "nuget", "Acme.Taken", "release-bot");

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddPackagesClient(options =>
            {
                options.BaseAddress = simulator.BaseAddress;
                options.Token = Token;
            })
            .ConfigurePrimaryHttpMessageHandler(() => simulator);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IPackagesClient>();

        var result = await client.RestorePackagesAsync(new[]
        {
            PackageToRestore.ForOrg("acme", OrgPackageType.Npm, "left-pad"),
            PackageToRestore.ForOrg("acme", OrgPackageType.Container, "acme/web"),
            PackageToRestore.ForOrg("acme", OrgPackageType.Npm, "is-odd"),
            PackageToRestore.ForOrg("acme", OrgPackageType.Maven, "com.acme.core"),
            PackageToRestore.ForOrg("acme", OrgPackageType.NuGet, "Acme.Taken"),
        });

        Assert.Equal(new[] { "npm acme/left-pad", "container acme/acme/web" }, simulator.Restores.Select(restore => restore.ToString()));
        Assert.Equal(
            new[]
            {
                "POST /orgs/acme/packages/npm/left-pad/restore → 204",
                "POST /orgs/acme/packages/container/acme%2Fweb/restore → 204",
                "POST /orgs/acme/packages/npm/is-odd/restore → 404",
                "POST /orgs/acme/packages/maven/com.acme.core/restore → 403",
                "POST /orgs/acme/packages/nuget/Acme.Taken/restore → 404",
            },
            simulator.Requests.Select(request => request.ToString()));
        Assert.All(simulator.Requests, request => Assert.Equal("Bearer ***", request.Headers["Authorization"]));
        var arrivals = simulator.Requests.Select(request => request.ReceivedAt).ToList();
        Assert.All(arrivals.Zip(arrivals.Skip(1), (earlier, later) => later - earlier), gap => Assert.True(gap >= TimeSpan.FromSeconds(1), $"writes {gap} apart"));

        Assert.Equal(2, result.RestoredCount);
        Assert.Equal(3, result.FailedCount);
        var missingScope = Assert.IsType<GitHubApiException>(result.Outcomes[3].Error);
        Assert.Equal(new[] { "repo" }, missingScope.MissingScopes);
        Assert.Equal(simulator.Requests[3].RequestId, missingScope.RequestId);
    }
}
