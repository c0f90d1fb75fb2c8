// What a restore route, package type and GitHub product require, derived from the registry table so docs, diagnostics and enums agree.
using System;
using System.Collections.Generic;
using System.Linq;

namespace RestoreSdk;

/// <summary>What restoring a package of one type through one route on one GitHub product requires, known without calling GitHub.</summary>
public sealed class RestoreRequirements
{
    private const string ReadPackages = "read:packages";
    private const string WritePackages = "write:packages";
    private const string Repo = "repo";

    private RestoreRequirements(GitHubProduct product, IReadOnlyList<string> classicScopes, bool requiresOrganizationAdmin, bool requiresPackageAdmin)
    {
        Product = product;
        ClassicScopes = classicScopes;
        RequiresOrganizationAdmin = requiresOrganizationAdmin;
        RequiresPackageAdmin = requiresPackageAdmin;
    }

    /// <summary>The GitHub product these requirements apply to; which registries are repository-scoped depends on it.</summary>
    public GitHubProduct Product { get; }

    /// <summary>The scopes a personal access token (classic) or OAuth app token needs: <c>read:packages</c>, <c>write:packages</c>, and <c>repo</c> for registries with only repository-scoped permissions.</summary>
    public IReadOnlyList<string> ClassicScopes { get; }

    /// <summary>Whether the caller must be an admin of the organization (the organization route).</summary>
    public bool RequiresOrganizationAdmin { get; }

    /// <summary>Whether the caller must also be an admin of the package (the organization route, for registries with granular permissions).</summary>
    public bool RequiresPackageAdmin { get; }

    /// <summary>What restoring a package of <paramref name="packageType"/> owned by the authenticated user requires on github.com (and GHE.com).</summary>
    /// <param name="packageType">The package's registry.</param>
    /// <returns>The requirements on <see cref="GitHubProduct.GitHubCom"/>; use <see cref="ForUser(UserPackageType, GitHubProduct)"/> for GitHub Enterprise Server.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="packageType"/> is not a defined member.</exception>
    public static RestoreRequirements ForUser(UserPackageType packageType) =>
        ForUser(packageType, GitHubProduct.GitHubCom);

    /// <summary>What restoring a package of <paramref name="packageType"/> owned by the authenticated user requires on <paramref name="product"/>.</summary>
    /// <param name="packageType">The package's registry.</param>
    /// <param name="product">The GitHub product that serves the restore.</param>
    /// <returns>The requirements.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="packageType"/> or <paramref name="product"/> is not a defined member.</exception>
    public static RestoreRequirements ForUser(UserPackageType packageType, GitHubProduct product)
    {
        var registry = PackageRegistry.Of(packageType, nameof(packageType));
        PackageRegistry.RequireDefined(product, nameof(product));
        return For(registry, organization: false, product);
    }

    /// <summary>What restoring a package of <paramref name="packageType"/> owned by an organization requires on github.com (and GHE.com).</summary>
    /// <param name="packageType">The package's registry.</param>
    /// <returns>The requirements on <see cref="GitHubProduct.GitHubCom"/>; use <see cref="ForOrg(OrgPackageType, GitHubProduct)"/> for GitHub Enterprise Server.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="packageType"/> is not a defined member.</exception>
    public static RestoreRequirements ForOrg(OrgPackageType packageType) =>
        ForOrg(packageType, GitHubProduct.GitHubCom);

    /// <summary>What restoring a package of <paramref name="packageType"/> owned by an organization requires on <paramref name="product"/>.</summary>
    /// <param name="packageType">The package's registry.</param>
    /// <param name="product">The GitHub product that serves the restore.</param>
    /// <returns>The requirements.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="packageType"/> or <paramref name="product"/> is not a defined member.</exception>
    public static RestoreRequirements ForOrg(OrgPackageType packageType, GitHubProduct product)
    {
        var registry = PackageRegistry.Of(packageType, nameof(packageType));
        PackageRegistry.RequireDefined(product, nameof(product));
        return For(registry, organization: true, product);
    }

    /// <summary>Describes the requirements in one sentence fragment, such as "the read:packages and write:packages scopes (classic tokens)".</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var parts = new List<string> { $"the {Join(ClassicScopes)} scopes (classic tokens)" };
        if (RequiresOrganizationAdmin)
        {
            parts.Add("admin rights in the organization");
        }

        if (RequiresPackageAdmin)
        {
            parts.Add("admin rights on the package");
        }

        return Join(parts);
    }

    internal static RestoreRequirements For(PackageRegistry registry, bool organization, GitHubProduct product)
    {
        var repositoryScoped = registry.PermissionsOn(product) == PermissionModel.RepositoryScoped;
        var scopes = repositoryScoped ? new[] { ReadPackages, WritePackages, Repo } : new[] { ReadPackages, WritePackages };
        return new RestoreRequirements(product, scopes, organization, organization && !repositoryScoped);
    }

    /// <summary>The required scopes a token's <c>X-OAuth-Scopes</c> visibly lacks; <c>write:packages</c> implies <c>read:packages</c>.</summary>
    internal IReadOnlyList<string> MissingFrom(IReadOnlyCollection<string> granted) =>
        ClassicScopes
            .Where(scope => !granted.Contains(scope, StringComparer.OrdinalIgnoreCase)
                && !(scope == ReadPackages && granted.Contains(WritePackages, StringComparer.OrdinalIgnoreCase)))
            .ToList();

    internal static string Join(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[items.Count - 1],
    };
}
