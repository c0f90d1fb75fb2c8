// The lifecycle states a simulated package can be in, which decide how the restore routes answer for it.
namespace RestoreSdk.Testing;

/// <summary>The state of a package held by <see cref="GitHubSimulator"/>.</summary>
public enum SimulatedPackageState
{
    /// <summary>The package exists and is visible; restoring it answers 404 (there is nothing to restore).</summary>
    Active = 0,

    /// <summary>The package was deleted at <see cref="SimulatedPackage.DeletedAt"/>; it can be restored within 30 days of that time.</summary>
    Deleted = 1,

    /// <summary>The package was deleted for good (purged); restoring it answers 404.</summary>
    Gone = 2,
}
