// The README's "Using the library" snippet: a client built from options, restoring a user's and an organization's package.
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
        await client.RestorePackageForOrgAsync("acme", OrgPackageType.Container, "acme/web", cancellationToken: cancellation.Token);
        #endregion
    }
}
