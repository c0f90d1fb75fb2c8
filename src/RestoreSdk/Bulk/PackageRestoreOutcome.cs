// What happened to one package of a bulk restore, reported as it happens and collected in the batch's result.
using System;

namespace RestoreSdk;

/// <summary>What happened to one package of <see cref="IPackagesClient.RestorePackagesAsync"/>.</summary>
public sealed class PackageRestoreOutcome
{
    /// <summary>Creates an outcome, for example to stand in for one in a caller's tests of code that uses <see cref="IPackagesClient"/>.</summary>
    /// <param name="package">The package.</param>
    /// <param name="index">Its position in the batch after duplicates were removed.</param>
    /// <param name="status">How it ended.</param>
    /// <param name="result">The result; required when <paramref name="status"/> is <see cref="PackageRestoreStatus.Restored"/>, otherwise null.</param>
    /// <param name="error">The failure; required when <paramref name="status"/> is <see cref="PackageRestoreStatus.Failed"/>, otherwise null.</param>
    /// <param name="wasSent">Whether a request for the package left the client.</param>
    /// <exception cref="ArgumentNullException"><paramref name="package"/> is null.</exception>
    /// <exception cref="ArgumentException">The arguments contradict each other, such as a restored package without a result.</exception>
    public PackageRestoreOutcome(PackageToRestore package, int index, PackageRestoreStatus status, RestoreResult? result, Exception? error, bool wasSent)
    {
        Package = package ?? throw new ArgumentNullException(nameof(package));
        if (index < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "index must not be negative.");
        }

        var consistent = status switch
        {
            PackageRestoreStatus.Restored => result is not null && error is null && wasSent,
            PackageRestoreStatus.Failed => result is null && error is not null,
            PackageRestoreStatus.NotAttempted => result is null && error is null && !wasSent,
            _ => false,
        };
        if (!consistent)
        {
            throw new ArgumentException(
                $"A {status} outcome needs {(status == PackageRestoreStatus.Restored ? "a result, no error, and wasSent" : status == PackageRestoreStatus.Failed ? "an error and no result" : "no result, no error, and not wasSent")}.",
                nameof(status));
        }

        Index = index;
        Status = status;
        Result = result;
        Error = error;
        WasSent = wasSent;
    }

    /// <summary>The package.</summary>
    public PackageToRestore Package { get; }

    /// <summary>The package's position in the batch after duplicates were removed, from 0.</summary>
    public int Index { get; }

    /// <summary>How the package's restore ended.</summary>
    public PackageRestoreStatus Status { get; }

    /// <summary>What GitHub's 204 reported, when <see cref="Status"/> is <see cref="PackageRestoreStatus.Restored"/>; otherwise <see langword="null"/>.</summary>
    public RestoreResult? Result { get; }

    /// <summary>
    /// Why the restore failed, when <see cref="Status"/> is <see cref="PackageRestoreStatus.Failed"/>; otherwise <see langword="null"/>. The exception a single
    /// restore would have thrown: <see cref="GitHubApiException"/> (a <see cref="RateLimitExceededException"/> for a rate limit),
    /// <see cref="System.Net.Http.HttpRequestException"/> when GitHub could not be reached, <see cref="OperationCanceledException"/> for a timeout or
    /// the caller's cancellation, or, rarely, <see cref="InvalidOperationException"/> from a failing token provider or <see cref="ArgumentException"/>
    /// when this runtime cannot send the name safely.
    /// </summary>
    public Exception? Error { get; }

    /// <summary>
    /// Whether a request for this package left the client, so GitHub may have received it (and may have restored the package even though the
    /// restore failed). <see langword="false"/> means nothing was sent for it.
    /// </summary>
    public bool WasSent { get; }

    /// <summary>Describes the outcome for a log line, without any token.</summary>
    /// <returns>For example <c>#3 npm package 'left-pad' of the authenticated user: Failed (GitHub answered HTTP 404 ...)</c>.</returns>
    public override string ToString() =>
        $"#{Index} {Package}: {Status}"
        + (Result?.RequestId is { } requestId ? $" (request id {requestId})" : string.Empty)
        + (Error is null ? string.Empty : $" ({Error.Message})");
}
