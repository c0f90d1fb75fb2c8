// How one package of a bulk restore ended.
namespace RestoreSdk;

/// <summary>How one package of <see cref="IPackagesClient.RestorePackagesAsync"/> ended.</summary>
public enum PackageRestoreStatus
{
    /// <summary>GitHub answered 204: the package is restored. <see cref="PackageRestoreOutcome.Result"/> says how.</summary>
    Restored = 0,

    /// <summary>The restore failed; <see cref="PackageRestoreOutcome.Error"/> says why and <see cref="PackageRestoreOutcome.WasSent"/> whether GitHub may have received it.</summary>
    Failed = 1,

    /// <summary>The batch stopped before this package (see <see cref="BulkRestoreResult.StopReason"/>); nothing was sent for it.</summary>
    NotAttempted = 2,
}
