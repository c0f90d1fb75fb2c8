// One successful restore in the simulator's summary: which package came back, when, for whom and by which request.
using System;

namespace RestoreSdk.Testing;

/// <summary>A restore that <see cref="GitHubSimulator"/> answered with 204 No Content.</summary>
public sealed class SimulatedRestore
{
    internal SimulatedRestore(string owner, string packageType, string packageName, string restoredBy, DateTimeOffset restoredAt, string requestId)
    {
        Owner = owner;
        PackageType = packageType;
        PackageName = packageName;
        RestoredBy = restoredBy;
        RestoredAt = restoredAt;
        RequestId = requestId;
    }

    /// <summary>The login of the user or organization that owns the package.</summary>
    public string Owner { get; }

    /// <summary>The package type as GitHub spells it on the wire, such as <c>npm</c> or <c>container</c>.</summary>
    public string PackageType { get; }

    /// <summary>The package's name, exactly.</summary>
    public string PackageName { get; }

    /// <summary>The login of the token's owner that restored it (the repository owner for a <c>GITHUB_TOKEN</c>).</summary>
    public string RestoredBy { get; }

    /// <summary>When the simulator's clock said the restore happened.</summary>
    public DateTimeOffset RestoredAt { get; }

    /// <summary>The <c>X-GitHub-Request-Id</c> of the answer, matching a <see cref="SimulatedRequest.RequestId"/>.</summary>
    public string RequestId { get; }

    /// <summary>Describes the restore, such as <c>npm acme/left-pad</c>.</summary>
    /// <returns>The package type, owner and name.</returns>
    public override string ToString() => $"{PackageType} {Owner}/{PackageName}";
}
