// Pins that PackagesClient itself can be mocked, as Azure SDK clients can: a protected constructor and virtual restore methods.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace RestoreSdk.Tests;

public sealed class MockingTests
{
    [Fact]
    public async Task A_subclass_built_with_the_protected_constructor_stands_in_for_every_restore_method()
    {
        var fake = new FakePackagesClient();
        PackagesClient client = fake;

        var single = await client.RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "@acme/ui");
        var own = await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.NuGet, "Acme.Tools");
        var batch = await client.RestorePackagesAsync(new[] { PackageToRestore.ForUser(UserPackageType.Npm, "left-pad") });

        Assert.Equal(("acme", "npm", "@acme/ui"), (single.Org, single.PackageType, single.PackageName));
        Assert.Equal((null, "nuget", "Acme.Tools"), (own.Org, own.PackageType, own.PackageName));
        Assert.Equal(BulkRestoreStopReason.Unauthorized, batch.StopReason);
        Assert.Equal(new[] { "org acme Npm @acme/ui", "user NuGet Acme.Tools", "batch of 1" }, fake.Calls);
    }

    private sealed class FakePackagesClient : PackagesClient
    {
        public List<string> Calls { get; } = new List<string>();

        public override Task<RestoreResult> RestorePackageForOrgAsync(string org, OrgPackageType packageType, string packageName, string? packageToken = null, CancellationToken cancellationToken = default)
        {
            Calls.Add($"org {org} {packageType} {packageName}");
            return Task.FromResult(new RestoreResult("/orgs/{org}/packages/{package_type}/{package_name}/restore", org, "npm", packageName, 204, "ID", 1, TimeSpan.Zero, null));
        }

        public override Task<RestoreResult> RestorePackageForAuthenticatedUserAsync(UserPackageType packageType, string packageName, string? packageToken = null, CancellationToken cancellationToken = default)
        {
            Calls.Add($"user {packageType} {packageName}");
            return Task.FromResult(new RestoreResult("/user/packages/{package_type}/{package_name}/restore", null, "nuget", packageName, 204, "ID", 1, TimeSpan.Zero, null));
        }

        public override Task<BulkRestoreResult> RestorePackagesAsync(IEnumerable<PackageToRestore> packages, IProgress<PackageRestoreOutcome>? progress = null, CancellationToken cancellationToken = default)
        {
            var list = new List<PackageToRestore>(packages);
            Calls.Add($"batch of {list.Count}");
            return Task.FromResult(new BulkRestoreResult(Array.Empty<PackageRestoreOutcome>(), BulkRestoreStopReason.Unauthorized, null));
        }
    }
}
