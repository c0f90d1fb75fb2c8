// The README's "Using the library" snippet: a client built from options, restoring a user's and an organization's package and logging the result.
#region snippet:library
using RestoreSdk;
#endregion

namespace RestoreSdk.Examples;

internal static class LibraryExample
{
    public static async Task RestoreAsync()
    {
        #region snippet:library
        var client = new PackagesClient(new PackagesClientOptions
        {
            Token = Environment.GetEnvironmentVariable("GITHUB_TOKEN"),
            // GitHub Actions sets GITHUB_API_URL; for GitHub Enterprise Server it is https://HOST/api/v3.
            BaseAddress = new Uri(Environment.GetEnvironmentVariable("GITHUB_API_URL") ?? "https://api.github.com"),
        });

        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad", cancellationToken: cancellation.Token);

        // Each restore returns what a script logs: route, package, request id, attempts, elapsed time and rate limit.
        RestoreResult restored = await client.RestorePackageForOrgAsync("acme", OrgPackageType.Container, "acme/web", cancellationToken: cancellation.Token);
        Console.WriteLine($"{restored} in {restored.Elapsed.TotalSeconds:0.0} s; {restored.RateLimit?.Remaining} requests left this hour");
        #endregion
    }
}
