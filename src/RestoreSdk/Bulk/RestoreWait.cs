// A pause of a bulk restore for the client's write budget, reported before it starts so a caller can say until when.
using System;

namespace RestoreSdk;

/// <summary>
/// Reported to the progress of <see cref="IPackagesClient.RestorePackagesAsync"/> when that progress also implements
/// <see cref="IProgress{T}"/> of <see cref="RestoreWait"/>: the batch is about to wait, without sending, until <see cref="Until"/>.
/// </summary>
/// <remarks>
/// Waits for the client's own budgets (<see cref="PackagesClientOptions.WritesPerHour"/>, <see cref="PackagesClientOptions.WritesPerMinute"/>)
/// are reported; they are pacing, never a failure. Waits GitHub asks for (rate-limit answers) are logged and end in
/// <see cref="BulkRestoreStopReason.RateLimited"/> when they outlast <see cref="PackagesClientOptions.MaxRetryDelay"/>.
/// </remarks>
public sealed class RestoreWait
{
    /// <summary>Creates a wait, for example to stand in for one in a caller's tests of a progress handler.</summary>
    /// <param name="package">The package the batch sends when the wait ends.</param>
    /// <param name="index">Its position in the batch after duplicates were removed.</param>
    /// <param name="reason">Which budget is spent.</param>
    /// <param name="limit">That budget: how many requests its window allows.</param>
    /// <param name="until">When the batch sends again.</param>
    /// <exception cref="ArgumentNullException"><paramref name="package"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative, <paramref name="reason"/> is undefined or <paramref name="limit"/> is not positive.</exception>
    public RestoreWait(PackageToRestore package, int index, RestoreWaitReason reason, int limit, DateTimeOffset until)
    {
        Package = package ?? throw new ArgumentNullException(nameof(package));
        Index = index >= 0 ? index : throw new ArgumentOutOfRangeException(nameof(index), index, "index must not be negative.");
        Reason = reason is RestoreWaitReason.WritesPerHour or RestoreWaitReason.WritesPerMinute
            ? reason
            : throw new ArgumentOutOfRangeException(nameof(reason), reason, $"{reason} is not a defined RestoreWaitReason member.");
        Limit = limit > 0 ? limit : throw new ArgumentOutOfRangeException(nameof(limit), limit, "limit must be positive.");
        Until = until;
    }

    /// <summary>The package the batch sends when the wait ends.</summary>
    public PackageToRestore Package { get; }

    /// <summary>Its position in the batch after duplicates were removed, from 0 (as <see cref="PackageRestoreOutcome.Index"/>).</summary>
    public int Index { get; }

    /// <summary>Which budget is spent.</summary>
    public RestoreWaitReason Reason { get; }

    /// <summary>The spent budget: this many requests were sent within its window (an hour or a minute).</summary>
    public int Limit { get; }

    /// <summary>When the batch sends again, on the client's <see cref="PackagesClientOptions.TimeProvider"/>.</summary>
    public DateTimeOffset Until { get; }

    /// <summary>Describes the wait for a log line.</summary>
    /// <returns>For example <c>#500 npm package 'left-pad' of the authenticated user waits until 2026-11-22 13:00:00Z: 500 restore requests were sent within the last hour (WritesPerHour)</c>.</returns>
    public override string ToString() =>
        $"#{Index} {Package} waits until {Until.ToUniversalTime():u}: {(Limit == 1 ? "1 restore request was" : $"{Limit} restore requests were")} sent within the last {(Reason == RestoreWaitReason.WritesPerHour ? "hour" : "minute")} ({Reason})";
}
