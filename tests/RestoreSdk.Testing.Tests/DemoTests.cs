// Proves the built-in demo shows what it promises to a default-options client: two restores, a 404 beyond 30 days, a missing scope.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Testing.Tests;

public class DemoTests
{
    [Fact(Timeout = 30_000)]
    public async Task Restoring_every_demo_package_shows_two_restores_an_expired_package_and_a_missing_scope()
    {
        var clock = new InstantTimeProvider();
        var simulator = GitHubSimulator.CreateDemo(clock);
        var client = new PackagesClient(
            new HttpClient(simulator),
            new PackagesClientOptions { BaseAddress = simulator.BaseAddress, Token = GitHubSimulator.DemoToken, TimeProvider = clock });

        var outcomes = new List<string>();
        GitHubApiException? missingScope = null;
        foreach (var package in simulator.Packages)
        {
            try
            {
                if (package.OwnedByOrganization)
                {
                    await client.RestorePackageForOrgAsync(package.Owner, Enum.Parse<OrgPackageType>(package.PackageType, ignoreCase: true), package.Name);
                }
                else
                {
                    await client.RestorePackageForAuthenticatedUserAsync(Enum.Parse<UserPackageType>(package.PackageType, ignoreCase: true), package.Name);
                }

                outcomes.Add($"{package.PackageType} {package.Name}: 204");
            }
            catch (GitHubApiException e)
            {
                outcomes.Add($"{package.PackageType} {package.Name}: {e.StatusCode}");
                missingScope = e.StatusCode == 403 ? e : missingScope;
            }
        }

        Assert.Equal(
            new[] { "container octo-demo-org/web: 204", "npm left-pad: 204", "nuget Octo.Legacy: 404", "maven com.octodemo.core: 403" },
            outcomes);
        Assert.Equal(new[] { "repo" }, missingScope!.MissingScopes);
        Assert.Equal(new[] { "octo-demo-org/web", "left-pad" }, simulator.Restores.Select(restore => restore.PackageName));
        Assert.All(simulator.Requests, request => Assert.Equal("Bearer ***", request.Headers["Authorization"]));
    }

    [Fact]
    public void The_demo_token_is_a_recognisably_fake_classic_token()
    {
        Assert.StartsWith("ghp_", GitHubSimulator.DemoToken);
        Assert.Contains("SIMULATED", GitHubSimulator.DemoToken);
        Assert.Equal(new Uri("https://api.github.com/"), GitHubSimulator.CreateDemo().BaseAddress);
    }
}
