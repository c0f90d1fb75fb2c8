// The "Testing your restore automation" snippet: code under test restores through DI against GitHubSimulator, then the test reads its record.
#region snippet:testing-simulator
using Microsoft.Extensions.DependencyInjection;
using RestoreSdk;
using RestoreSdk.Testing;
#endregion

namespace RestoreSdk.Examples;

internal static class SimulatorExample
{
    public static async Task SimulateAsync()
    {
        #region snippet:testing-simulator
        var simulator = new GitHubSimulator()
            .AddOrganization("acme", "alice")
            .AddClassicToken("ghp_test_alice", "alice", "read:packages", "write:packages")
            .AddDeletedPackage("acme", "npm", "left-pad", DateTimeOffset.UtcNow.AddDays(-2))
            .AddPackageAdmin("acme", "npm", "left-pad", "alice")
            .AddDeletedPackage("acme", "npm", "is-odd", DateTimeOffset.UtcNow.AddDays(-40))
            .AddPackageAdmin("acme", "npm", "is-odd", "alice");

        var services = new ServiceCollection();
        services.AddPackagesClient(options =>
            {
                options.BaseAddress = simulator.BaseAddress;
                options.Token = "ghp_test_alice";
            })
            .ConfigurePrimaryHttpMessageHandler(() => simulator);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IPackagesClient>();

        // The automation under test: restore what a cleanup script deleted, and carry on past failures.
        foreach (var name in new[] { "left-pad", "is-odd" })
        {
            try
            {
                await client.RestorePackageForOrgAsync("acme", OrgPackageType.Npm, name);
            }
            catch (GitHubApiException e) when (e.StatusCode == 404)
            {
                Console.WriteLine($"{name}: deleted more than 30 days ago, or not visible to this token");
            }
        }

        // Assert on what GitHub saw and did: Restores lists only npm acme/left-pad; Requests shows both (204, then 404).
        Console.WriteLine(string.Join(", ", simulator.Restores));
        Console.WriteLine(string.Join(Environment.NewLine, simulator.Requests));
        #endregion
    }
}
