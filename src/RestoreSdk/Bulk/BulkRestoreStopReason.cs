// Why a bulk restore stopped before its last package.
namespace RestoreSdk;

/// <summary>Why <see cref="IPackagesClient.RestorePackagesAsync"/> stopped before trying every package.</summary>
public enum BulkRestoreStopReason
{
    /// <summary>Every package was tried.</summary>
    None = 0,

    /// <summary>GitHub answered 401: the token is missing, expired or revoked, so it would fail for every later package too.</summary>
    Unauthorized = 1,

    /// <summary>GitHub's rate limit holds the client longer than <see cref="PackagesClientOptions.MaxRetryDelay"/>; <see cref="BulkRestoreResult.RetryAt"/> says until when.</summary>
    RateLimited = 2,

    /// <summary>The caller's cancellation token fired.</summary>
    Cancelled = 3,
}
