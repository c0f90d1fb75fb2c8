// What a bulk restore returns: one outcome per distinct package and why it stopped early, if it did.
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace RestoreSdk;

/// <summary>The outcome of <see cref="IPackagesClient.RestorePackagesAsync"/>: one entry per distinct package, in input order.</summary>
public sealed class BulkRestoreResult
{
    /// <summary>Creates a result, for example to stand in for one in a caller's tests of code that uses <see cref="IPackagesClient"/>.</summary>
    /// <param name="outcomes">One outcome per package, in order; copied.</param>
    /// <param name="stopReason">Why the batch stopped early, or <see cref="BulkRestoreStopReason.None"/>.</param>
    /// <param name="retryAt">When GitHub allows requests again, for <see cref="BulkRestoreStopReason.RateLimited"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="outcomes"/> is null.</exception>
    public BulkRestoreResult(IReadOnlyList<PackageRestoreOutcome> outcomes, BulkRestoreStopReason stopReason, DateTimeOffset? retryAt)
    {
        if (outcomes is null)
        {
            throw new ArgumentNullException(nameof(outcomes));
        }

        Outcomes = new ReadOnlyCollection<PackageRestoreOutcome>(outcomes.ToList());
        StopReason = stopReason;
        RetryAt = retryAt;
        RestoredCount = outcomes.Count(outcome => outcome.Status == PackageRestoreStatus.Restored);
        FailedCount = outcomes.Count(outcome => outcome.Status == PackageRestoreStatus.Failed);
        NotAttemptedCount = outcomes.Count(outcome => outcome.Status == PackageRestoreStatus.NotAttempted);
    }

    /// <summary>One outcome per package after duplicates were removed, in input order; <see cref="PackageRestoreOutcome.Index"/> is the position here.</summary>
    public IReadOnlyList<PackageRestoreOutcome> Outcomes { get; }

    /// <summary>Why the batch stopped before trying every package, or <see cref="BulkRestoreStopReason.None"/> when it tried them all.</summary>
    public BulkRestoreStopReason StopReason { get; }

    /// <summary>When <see cref="StopReason"/> is <see cref="BulkRestoreStopReason.RateLimited"/>: when GitHub allows requests again, to rerun the packages not restored.</summary>
    public DateTimeOffset? RetryAt { get; }

    /// <summary>How many packages GitHub restored.</summary>
    public int RestoredCount { get; }

    /// <summary>How many packages failed.</summary>
    public int FailedCount { get; }

    /// <summary>How many packages were not tried because the batch stopped.</summary>
    public int NotAttemptedCount { get; }
}
