// A read-only snapshot of one package in the simulator's state, for assertions and for listing what a demo can restore.
using System;

namespace RestoreSdk.Testing;

/// <summary>A package held by <see cref="GitHubSimulator"/>, as it was when <see cref="GitHubSimulator.Packages"/> was read.</summary>
public sealed class SimulatedPackage
{
    internal SimulatedPackage(string owner, bool ownedByOrganization, string packageType, string name, SimulatedPackageState state, DateTimeOffset? deletedAt, DateTimeOffset? restoredAt)
    {
        Owner = owner;
        OwnedByOrganization = ownedByOrganization;
        PackageType = packageType;
        Name = name;
        State = state;
        DeletedAt = deletedAt;
        RestoredAt = restoredAt;
    }

    /// <summary>The login of the user or organization that owns the package.</summary>
    public string Owner { get; }

    /// <summary>
    /// Whether <see cref="Owner"/> is an organization: restore such a package through the organization route
    /// (<c>RestorePackageForOrgAsync(Owner, …)</c>), otherwise through the user route with a token of <see cref="Owner"/>.
    /// </summary>
    public bool OwnedByOrganization { get; }

    /// <summary>The package type as GitHub spells it on the wire: <c>npm</c>, <c>maven</c>, <c>rubygems</c>, <c>docker</c>, <c>nuget</c> or <c>container</c>.</summary>
    public string PackageType { get; }

    /// <summary>The package's name, exactly (for example <c>acme/web</c> for a container image).</summary>
    public string Name { get; }

    /// <summary>Whether the package is active, deleted (and so perhaps restorable) or gone.</summary>
    public SimulatedPackageState State { get; }

    /// <summary>When the package was last deleted, or <see langword="null"/> if it never was.</summary>
    public DateTimeOffset? DeletedAt { get; }

    /// <summary>When the simulator last restored the package, or <see langword="null"/> if it never did.</summary>
    public DateTimeOffset? RestoredAt { get; }
}
