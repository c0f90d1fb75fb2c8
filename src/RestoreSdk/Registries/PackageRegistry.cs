// The one table of GitHub Packages registries: wire value and permission model per product, shared by the route enums, requests and diagnostics.
using System;

namespace RestoreSdk;

/// <summary>How GitHub Packages grants access to packages of a registry.</summary>
internal enum PermissionModel
{
    /// <summary>Permissions are set per package (Container, npm, NuGet, RubyGems).</summary>
    Granular,

    /// <summary>Packages inherit the permissions of the repository that owns them (Maven/Gradle everywhere, legacy Docker on Enterprise Server).</summary>
    RepositoryScoped,
}

internal sealed class PackageRegistry
{
    // Ordered by the numeric values of UserPackageType and OrgPackageType, which share member names and values.
    // On github.com the docker type finds images migrated to the Container registry, so only Enterprise Server keeps Docker repository-scoped.
    private static readonly PackageRegistry[] All =
    {
        new PackageRegistry("npm", Package_type.Npm, PermissionModel.Granular, PermissionModel.Granular),
        new PackageRegistry("maven", Package_type.Maven, PermissionModel.RepositoryScoped, PermissionModel.RepositoryScoped),
        new PackageRegistry("rubygems", Package_type.Rubygems, PermissionModel.Granular, PermissionModel.Granular),
        new PackageRegistry("docker", Package_type.Docker, PermissionModel.Granular, PermissionModel.RepositoryScoped),
        new PackageRegistry("nuget", Package_type.Nuget, PermissionModel.Granular, PermissionModel.Granular),
        new PackageRegistry("container", Package_type.Container, PermissionModel.Granular, PermissionModel.Granular),
    };

    private readonly PermissionModel _onGitHubCom;
    private readonly PermissionModel _onEnterpriseServer;

    private PackageRegistry(string wireName, Package_type wireValue, PermissionModel onGitHubCom, PermissionModel onEnterpriseServer)
    {
        WireName = wireName;
        WireValue = wireValue;
        _onGitHubCom = onGitHubCom;
        _onEnterpriseServer = onEnterpriseServer;
    }

    public string WireName { get; }

    public Package_type WireValue { get; }

    public PermissionModel PermissionsOn(GitHubProduct product) =>
        product == GitHubProduct.EnterpriseServer ? _onEnterpriseServer : _onGitHubCom;

    public static PackageRegistry Of<TPackageType>(TPackageType packageType, string parameterName)
        where TPackageType : struct, Enum
    {
        RequireDefined(packageType, parameterName);
        return All[Convert.ToInt32(packageType, System.Globalization.CultureInfo.InvariantCulture)];
    }

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not a defined member.</exception>
    public static void RequireDefined<TEnum>(TEnum value, string parameterName)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(typeof(TEnum), value))
        {
            throw new ArgumentOutOfRangeException(parameterName, value, $"{value} is not a defined {typeof(TEnum).Name} member.");
        }
    }
}
