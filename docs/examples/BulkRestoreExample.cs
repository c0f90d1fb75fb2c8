// The README's "Restoring many packages" snippet: a bulk restore with in-order progress and a summary of how it ended.
#region snippet:bulk
using RestoreSdk;
#endregion

namespace RestoreSdk.Examples;

internal static class BulkRestoreExample
{
    public static async Task RestoreManyAsync()
    {
        #region snippet:bulk
        var client = new PackagesClient(new PackagesClientOptions { Token = Environment.GetEnvironmentVariable("GITHUB_TOKEN") });

        var packages = new[]
        {
            PackageToRestore.ForOrg("acme", OrgPackageType.Npm, "@acme/ui"),
            PackageToRestore.ForOrg("acme", OrgPackageType.Container, "acme/web"),
            PackageToRestore.ForUser(UserPackageType.NuGet, "Acme.Tools"),
        };

        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        BulkRestoreResult result = await client.RestorePackagesAsync(packages, new ConsoleProgress(), cancellation.Token);

        Console.WriteLine($"{result.RestoredCount} restored, {result.FailedCount} failed, {result.NotAttemptedCount} not attempted.");
        if (result.StopReason == BulkRestoreStopReason.RateLimited)
        {
            Console.WriteLine($"Rate limited: run the packages not restored again after {result.RetryAt:u}.");
        }
        #endregion
    }
}

#region snippet:bulk
// Prints each package's outcome as soon as it is known, in order.
sealed class ConsoleProgress : IProgress<PackageRestoreOutcome>
{
    public void Report(PackageRestoreOutcome outcome) => Console.WriteLine(outcome.Status switch
    {
        PackageRestoreStatus.Restored => $"restored {outcome.Package} (request id {outcome.Result!.RequestId})",
        PackageRestoreStatus.Failed => $"FAILED {outcome.Package}{(outcome.WasSent ? string.Empty : " (not sent)")}: {outcome.Error!.Message}",
        _ => $"not attempted: {outcome.Package}",
    });
}
#endregion
