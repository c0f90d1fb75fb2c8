// The "Testing your restore automation" snippet for catch blocks: exceptions made by GitHubExceptionFactory, with every diagnostic set.
#region snippet:testing-exceptions
using RestoreSdk;
using RestoreSdk.Testing;
#endregion

namespace RestoreSdk.Examples;

internal static class ExceptionFactoryExample
{
    public static void CatchBlock()
    {
        #region snippet:testing-exceptions
        var missingRepo = GitHubExceptionFactory.GitHubApiException(
            403,
            requestId: "5A1E:0001",
            tokenScopes: new[] { "read:packages", "write:packages" },
            requirements: RestoreRequirements.ForOrg(OrgPackageType.Maven));
        // missingRepo.MissingScopes is ["repo"], as the client works it out from a real answer.

        var limited = GitHubExceptionFactory.RateLimitExceededException(
            rateLimit: GitHubExceptionFactory.GitHubRateLimit(limit: 5000, remaining: 0, used: 5000, reset: DateTimeOffset.UtcNow.AddMinutes(20)));
        // limited.ResetAt is the rate limit's reset time; hand either exception to the code whose catch blocks you test.
        #endregion
        GC.KeepAlive(missingRepo);
        GC.KeepAlive(limited);
    }
}
