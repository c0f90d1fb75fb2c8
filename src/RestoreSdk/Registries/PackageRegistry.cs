// The one table of GitHub Packages registries: wire value and permission model, shared by the route enums, requests and diagnostics.
using System;

namespace RestoreSdk;

/// <summary>How GitHub Packages grants access to packages of a registry.</summary>
internal enum PermissionModel
{
    /// <summary>Permissions are set per package (Container, npm, NuGet, RubyGems).</summary>
    Granular,

    /// <summary>Packages inherit the permissions of the repository that owns them (Maven/Gradle, legacy Docker).</summary>
    RepositoryScoped,
}

internal sealed class PackageRegistry
{
    // Ordered by the numeric values of UserPackageType and OrgPackageType, which share member names and values.
    private static readonly PackageRegistry[] All =
    {
        new PackageRegistry("npm", Package_type.Npm, PermissionModel.Granular),
        new PackageRegistry("maven", Package_type.Maven, PermissionModel.RepositoryScoped),
        new PackageRegistry("rubygems", Package_type.Rubygems, PermissionModel.Granular),
        new PackageRegistry("docker", Package_type.Docker, PermissionModel.RepositoryScoped),
        new PackageRegistry("nuget", Package_type.Nuget, PermissionModel.Granular),
        new PackageRegistry("container", Package_type.Container, PermissionModel.Granular),
    };

    private PackageRegistry(string wireName, Package_type wireValue, PermissionModel permissions)
    {
        WireName = wireName;
        WireValue = wireValue;
        Permissions = permissions;
    }

    public string WireName { get; }

    public Package_type WireValue { get; }

    public PermissionModel Permissions { get; }

    public static PackageRegistry Of<TPackageType>(TPackageType packageType, string parameterName)
        where TPackageType : struct, Enum
    {
        if (!Enum.IsDefined(typeof(TPackageType), packageType))
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                packageType,
                $"{packageType} is not a defined {typeof(TPackageType).Name} member.");
        }

        return All[Convert.ToInt32(packageType, System.Globalization.CultureInfo.InvariantCulture)];
    }
}
