// The package_type values of the organization restore route, each documenting what restoring it requires on each GitHub product.
namespace RestoreSdk;

/// <summary>A package type accepted by the restore route for an organization's packages (<c>POST /orgs/{org}/packages/{package_type}/{package_name}/restore</c>).</summary>
public enum OrgPackageType
{
    /// <summary>The npm registry (<c>npm.pkg.github.com</c>); wire value <c>npm</c>.</summary>
    /// <remarks>The caller must be an admin of the organization and, because this registry has granular permissions, an admin of the package. Classic tokens need the <c>read:packages</c> and <c>write:packages</c> scopes. The package must have been deleted within the last 30 days, and its namespace must not have been reused by a new package since; if it has, delete the new package first.</remarks>
    Npm = 0,

    /// <summary>The Apache Maven / Gradle registry (<c>maven.pkg.github.com</c>); Gradle packages have this type too; wire value <c>maven</c>.</summary>
    /// <remarks>The caller must be an admin of the organization. Classic tokens need the <c>read:packages</c>, <c>write:packages</c> and <c>repo</c> scopes: this registry only supports repository-scoped permissions, on github.com and on GitHub Enterprise Server. The package must have been deleted within the last 30 days, and its namespace must not have been reused by a new package since; if it has, delete the new package first.</remarks>
    Maven = 1,

    /// <summary>The RubyGems registry (<c>rubygems.pkg.github.com</c>); wire value <c>rubygems</c>.</summary>
    /// <remarks>The caller must be an admin of the organization and, because this registry has granular permissions, an admin of the package. Classic tokens need the <c>read:packages</c> and <c>write:packages</c> scopes. The package must have been deleted within the last 30 days, and its namespace must not have been reused by a new package since; if it has, delete the new package first.</remarks>
    RubyGems = 2,

    /// <summary>The legacy Docker registry (<c>docker.pkg.github.com</c>), including images since migrated to the Container registry; wire value <c>docker</c>.</summary>
    /// <remarks>
    /// <para>On github.com and GHE.com, packages of this type are images migrated to the Container registry, which has granular permissions: the caller must be an admin of the organization and an admin of the package, and classic tokens need the <c>read:packages</c> and <c>write:packages</c> scopes.</para>
    /// <para>On GitHub Enterprise Server, the caller must be an admin of the organization, and classic tokens need the <c>read:packages</c>, <c>write:packages</c> and <c>repo</c> scopes: there the legacy Docker registry only supports repository-scoped permissions.</para>
    /// <para>The package must have been deleted within the last 30 days, and its namespace must not have been reused by a new package since; if it has, delete the new package first.</para>
    /// </remarks>
    Docker = 3,

    /// <summary>The NuGet registry (<c>nuget.pkg.github.com</c>); wire value <c>nuget</c>.</summary>
    /// <remarks>The caller must be an admin of the organization and, because this registry has granular permissions, an admin of the package. Classic tokens need the <c>read:packages</c> and <c>write:packages</c> scopes. The package must have been deleted within the last 30 days, and its namespace must not have been reused by a new package since; if it has, delete the new package first.</remarks>
    NuGet = 4,

    /// <summary>The Container registry (<c>ghcr.io</c>); wire value <c>container</c>.</summary>
    /// <remarks>The caller must be an admin of the organization and, because this registry has granular permissions, an admin of the package. Classic tokens need the <c>read:packages</c> and <c>write:packages</c> scopes. The package must have been deleted within the last 30 days, and its namespace must not have been reused by a new package since; if it has, delete the new package first.</remarks>
    Container = 5,
}
