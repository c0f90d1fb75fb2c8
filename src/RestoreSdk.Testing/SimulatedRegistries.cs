// The simulator's own table of GitHub Packages registries, written from GitHub's documentation rather than taken from RestoreSdk, so tests of the SDK against it are not circular.
using System;
using System.Collections.Generic;
using System.Linq;

namespace RestoreSdk.Testing;

internal static class SimulatedRegistries
{
    public const string ReadPackages = "read:packages";
    public const string WritePackages = "write:packages";
    public const string Repo = "repo";

    private static readonly string[] WireNames = { "npm", "maven", "rubygems", "docker", "nuget", "container" };

    public static bool IsPackageType(string value) => WireNames.Contains(value, StringComparer.Ordinal);

    /// <summary>
    /// Registries that only support repository-scoped permissions ("About permissions for GitHub Packages"): on github.com
    /// Maven/Gradle only (its Docker registry was migrated to the Container registry); on GitHub Enterprise Server Maven/Gradle and Docker.
    /// </summary>
    public static bool IsRepositoryScoped(string packageType, GitHubProduct product) =>
        packageType == "maven" || (packageType == "docker" && product == GitHubProduct.EnterpriseServer);

    /// <summary>The classic scopes a restore of <paramref name="packageType"/> needs on <paramref name="product"/>.</summary>
    public static IReadOnlyList<string> RequiredScopes(string packageType, GitHubProduct product) =>
        IsRepositoryScoped(packageType, product)
            ? new[] { ReadPackages, WritePackages, Repo }
            : new[] { ReadPackages, WritePackages };

    /// <summary>The required scopes <paramref name="granted"/> lacks; <c>write:packages</c> includes <c>read:packages</c>.</summary>
    public static IReadOnlyList<string> Missing(IReadOnlyList<string> required, IReadOnlyCollection<string> granted) =>
        required
            .Where(scope => !granted.Contains(scope, StringComparer.Ordinal)
                && !(scope == ReadPackages && granted.Contains(WritePackages, StringComparer.Ordinal)))
            .ToList();
}
