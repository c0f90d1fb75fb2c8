// The end of a batch: every package's report in input order, and why it stopped early, if it did.
using System;
using System.Collections.Generic;

namespace RestoreSdk.PowerShell.Engine;

/// <summary>Why a batch stopped before its last package.</summary>
internal enum StopReason
{
    None,
    Unauthorized,
    RateLimited,
    Cancelled,
}

internal sealed class BatchResult
{
    public BatchResult(IReadOnlyList<PackageReport> reports, StopReason stopReason, DateTimeOffset? retryAt, string? stopMessage)
    {
        Reports = reports;
        StopReason = stopReason;
        RetryAt = retryAt;
        StopMessage = stopMessage;
    }

    /// <summary>One report per package, in the order given.</summary>
    public IReadOnlyList<PackageReport> Reports { get; }

    public StopReason StopReason { get; }

    /// <summary>When a rate limit that stopped the batch ends, if GitHub said.</summary>
    public DateTimeOffset? RetryAt { get; }

    /// <summary>The batch's stop in one sentence (with the 401's hint from the SDK), or null when it ran to the end.</summary>
    public string? StopMessage { get; }
}
