// The README's "Errors" snippet: telling rate limits, missing scopes and GitHub's 404 apart.
#region snippet:errors
using RestoreSdk;
#endregion

namespace RestoreSdk.Examples;

internal static class ErrorHandlingExample
{
    #region snippet:errors
    static async Task RestoreCoreLibraryAsync(IPackagesClient client)
    {
        try
        {
            await client.RestorePackageForOrgAsync("acme", OrgPackageType.Maven, "com.acme.core");
        }
        catch (RateLimitExceededException e)
        {
            Console.Error.WriteLine($"Rate limited until {e.ResetAt}; try again then.");
        }
        catch (GitHubApiException e) when (e.MissingScopes.Count > 0)
        {
            Console.Error.WriteLine($"Token lacks {string.Join(", ", e.MissingScopes)}: {e.Message}");
        }
        catch (GitHubApiException e) when (e.StatusCode == 404)
        {
            // GitHub answers 404 instead of 403 when you are not an admin of the organization or the package.
            // It also answers 404 when the package was deleted more than 30 days ago, or its namespace was reused.
            Console.Error.WriteLine($"{e.Message} (request {e.RequestId})");
        }
    }
    #endregion

    // The snippet pastes as a local function, so it has no access modifier; the examples runner calls it through this.
    public static Task RunAsync(IPackagesClient client) => RestoreCoreLibraryAsync(client);
}
