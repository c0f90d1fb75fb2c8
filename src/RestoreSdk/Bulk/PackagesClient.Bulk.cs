// PackagesClient's bulk restore: many packages in order through the one gate, continuing past failures, stopping where going on cannot help.
using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace RestoreSdk;

public partial class PackagesClient
{
    /// <inheritdoc />
    public virtual async Task<BulkRestoreResult> RestorePackagesAsync(IEnumerable<PackageToRestore> packages, IProgress<PackageRestoreOutcome>? progress = null, CancellationToken cancellationToken = default)
    {
        var batch = Distinct(packages);
        var activity = RestoreTelemetry.StartBatch(batch.Count, _runtime.Settings.Instance);
        BulkRestoreResult? result = null;
        try
        {
            result = await RestoreInOrderAsync(batch, progress, cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            if (activity is not null)
            {
                RestoreTelemetry.StopBatch(activity, result);
            }
        }
    }

    private async Task<BulkRestoreResult> RestoreInOrderAsync(List<(PackageToRestore Package, RestoreRequest Request)> batch, IProgress<PackageRestoreOutcome>? progress, CancellationToken cancellationToken)
    {
        var outcomes = new List<PackageRestoreOutcome>(batch.Count);
        var waits = progress as IProgress<RestoreWait>;
        var stopReason = BulkRestoreStopReason.None;
        DateTimeOffset? retryAt = null;
        for (var index = 0; index < batch.Count; index++)
        {
            var (package, request) = batch[index];
            if (stopReason == BulkRestoreStopReason.None && cancellationToken.IsCancellationRequested)
            {
                stopReason = BulkRestoreStopReason.Cancelled;
            }

            PackageRestoreOutcome outcome;
            if (stopReason != BulkRestoreStopReason.None)
            {
                outcome = new PackageRestoreOutcome(package, index, PackageRestoreStatus.NotAttempted, null, null, wasSent: false);
            }
            else
            {
                var attempts = new RestoreAttempts(request);
                ExceptionDispatchInfo? progressFailure = null;
                if (waits is not null)
                {
                    var (waitingPackage, waitingIndex) = (package, index);
                    attempts.BudgetWaits = spent =>
                    {
                        try
                        {
                            waits.Report(new RestoreWait(waitingPackage, waitingIndex, spent.Reason, spent.Limit, spent.Until));
                        }
                        catch (Exception failure)
                        {
                            progressFailure = ExceptionDispatchInfo.Capture(failure);
                            throw;
                        }
                    };
                }

                try
                {
                    var result = await SendAsync(attempts, package.PackageToken, cancellationToken).ConfigureAwait(false);
                    outcome = new PackageRestoreOutcome(package, index, PackageRestoreStatus.Restored, result, null, wasSent: true);
                }
                catch (Exception) when (progressFailure is not null)
                {
                    // Like an exception from reporting an outcome, one from reporting a wait ends the batch and reaches the caller.
                    progressFailure.Throw();
                    // Stryker disable once Statement : unreachable, Throw() never returns; only the compiler needs it.
                    throw;
                }
                catch (Exception failure)
                {
                    outcome = new PackageRestoreOutcome(package, index, PackageRestoreStatus.Failed, null, failure, attempts.RequestSent);
                    (stopReason, retryAt) = StopAfter(failure, cancellationToken);
                }
            }

            outcomes.Add(outcome);
            progress?.Report(outcome);
        }

        var batchResult = new BulkRestoreResult(outcomes, stopReason, retryAt);
        RestoreLog.BulkFinished(_runtime.Settings.Logger, batchResult);
        return batchResult;
    }

    // Validates every package against this client before anything is sent, then drops repeats, keeping the first.
    private List<(PackageToRestore Package, RestoreRequest Request)> Distinct(IEnumerable<PackageToRestore> packages)
    {
        if (packages is null)
        {
            throw new ArgumentNullException(nameof(packages));
        }

        var seen = new HashSet<PackageToRestore>();
        var batch = new List<(PackageToRestore, RestoreRequest)>();
        var index = 0;
        foreach (var package in packages)
        {
            if (package is null)
            {
                throw new ArgumentException($"packages[{index}] is null; nothing was sent.", nameof(packages));
            }

            RestoreRequest request;
            try
            {
                request = package.RequestFor(_runtime.Settings);
            }
            catch (ArgumentException problem)
            {
                throw new ArgumentException($"packages[{index}] ({package}) cannot be restored by this client; nothing was sent. {problem.Message}", nameof(packages), problem);
            }

            if (seen.Add(package))
            {
                batch.Add((package, request));
            }

            index++;
        }

        return batch;
    }

    // A 401 fails every later package too; so does a rate limit held beyond MaxRetryDelay; cancellation is the caller's wish. Anything else is this package's.
    private (BulkRestoreStopReason, DateTimeOffset?) StopAfter(Exception failure, CancellationToken cancellationToken)
    {
        if (failure is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            return (BulkRestoreStopReason.Cancelled, null);
        }

        if (failure is GitHubApiException { StatusCode: 401 } and not RateLimitExceededException)
        {
            return (BulkRestoreStopReason.Unauthorized, null);
        }

        if (failure is RateLimitExceededException && _runtime.Gate.HeldUntil is { } heldUntil
            && heldUntil - _runtime.Settings.TimeProvider.GetUtcNow() > _runtime.Settings.MaxRetryDelay)
        {
            return (BulkRestoreStopReason.RateLimited, heldUntil);
        }

        return (BulkRestoreStopReason.None, null);
    }
}
