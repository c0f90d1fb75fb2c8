// One package of a bulk restore: its route, type, name and optional package token, checked when created.
using System;

namespace RestoreSdk;

/// <summary>A package to restore with <see cref="IPackagesClient.RestorePackagesAsync"/>: the authenticated user's or an organization's.</summary>
/// <remarks>
/// Two instances are equal when they name the same route, organization, package type and package name, so a batch restores each package once.
/// The organization is compared ignoring case, as GitHub logins are; type and name are compared ordinally. The package token takes no part in equality and never appears in <see cref="ToString"/> or any property.
/// </remarks>
public sealed class PackageToRestore : IEquatable<PackageToRestore>
{
    private readonly int _packageType;

    private PackageToRestore(string? org, int packageType, PackageRegistry registry, string packageName, string? packageToken)
    {
        Org = org;
        _packageType = packageType;
        PackageType = registry.WireName;
        PackageName = packageName;
        PackageToken = packageToken;
        Label = RestoreRequest.SubjectOf(registry, org, packageName);
    }

    /// <summary>The organization that owns the package, or <see langword="null"/> for the authenticated user's own package.</summary>
    public string? Org { get; }

    /// <summary>The package type as sent, such as <c>npm</c> or <c>container</c>.</summary>
    public string PackageType { get; }

    /// <summary>The package's name, sent exactly as given.</summary>
    public string PackageName { get; }

    internal string? PackageToken { get; }

    private string Label { get; }

    /// <summary>A package of the authenticated user (<c>POST /user/packages/{package_type}/{package_name}/restore</c>).</summary>
    /// <param name="packageType">The package's registry.</param>
    /// <param name="packageName">The package's name, sent exactly as given.</param>
    /// <param name="packageToken">The optional package token, sent as the <c>token</c> query parameter only when given.</param>
    /// <returns>The package.</returns>
    /// <exception cref="ArgumentException">An argument is null, empty, whitespace, an undefined enum value, or cannot be sent safely.</exception>
    public static PackageToRestore ForUser(UserPackageType packageType, string packageName, string? packageToken = null) =>
        new PackageToRestore(null, (int)packageType, RestoreRequest.CheckUser(null, packageType, packageName, packageToken), packageName, packageToken);

    /// <summary>A package of an organization (<c>POST /orgs/{org}/packages/{package_type}/{package_name}/restore</c>).</summary>
    /// <param name="org">The organization's login.</param>
    /// <param name="packageType">The package's registry.</param>
    /// <param name="packageName">The package's name, sent exactly as given.</param>
    /// <param name="packageToken">The optional package token, sent as the <c>token</c> query parameter only when given.</param>
    /// <returns>The package.</returns>
    /// <exception cref="ArgumentException">An argument is null, empty, whitespace, an undefined enum value, or cannot be sent safely.</exception>
    public static PackageToRestore ForOrg(string org, OrgPackageType packageType, string packageName, string? packageToken = null) =>
        new PackageToRestore(org, (int)packageType, RestoreRequest.CheckOrg(null, org, packageType, packageName, packageToken), packageName, packageToken);

    /// <summary>Whether <paramref name="other"/> names the same package on the same route.</summary>
    /// <param name="other">The package to compare with.</param>
    /// <returns><see langword="true"/> when route, organization (ignoring case), type and name (ordinal) are equal.</returns>
    public bool Equals(PackageToRestore? other) =>
        other is not null
        && string.Equals(Org, other.Org, StringComparison.OrdinalIgnoreCase)
        && string.Equals(PackageType, other.PackageType, StringComparison.Ordinal)
        && string.Equals(PackageName, other.PackageName, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PackageToRestore);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        // Stryker disable all : how the parts are mixed does not matter, only that equal packages hash alike.
        unchecked
        {
            var hash = Org is null ? 17 : StringComparer.OrdinalIgnoreCase.GetHashCode(Org);
            hash = (hash * 31) + StringComparer.Ordinal.GetHashCode(PackageType);
            return (hash * 31) + StringComparer.Ordinal.GetHashCode(PackageName);
        }
        // Stryker restore all
    }

    /// <summary>Describes the package for messages and logs, without its package token.</summary>
    /// <returns>For example <c>npm package 'left-pad' of organization 'acme'</c>.</returns>
    public override string ToString() => Label;

    /// <summary>Checks the package against a client's settings (a package token over plain http, for one).</summary>
    internal RestoreRequest RequestFor(ClientSettings settings) => Org is null
        ? RestoreRequest.ForUser(settings, (UserPackageType)_packageType, PackageName, PackageToken)
        : RestoreRequest.ForOrg(settings, Org, (OrgPackageType)_packageType, PackageName, PackageToken);
}
