// Bounds one attempt by PackagesClientOptions.AttemptTimeout and makes its failures safe to show: no server bytes in transport errors.
using System;
#if NET
using System.Collections.Concurrent;
#endif
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace RestoreSdk;

// Used inline by PackagesClient's attempt (a token source from Rent around the generated call, Replace on what it throws, then Return),
// so the guard adds no async layer; one instance per ClientRuntime.
internal sealed class AttemptGuard
{
    private const int MaxIdleSources = 16;

    private readonly TimeSpan _timeout;
#if NET
    // Sources whose attempt ended uncancelled, reset for the next one: a successful attempt then allocates no source, timer or registration.
    private readonly ConcurrentQueue<CancellationTokenSource> _idle = new ConcurrentQueue<CancellationTokenSource>();
#endif

    public AttemptGuard(TimeSpan timeout)
    {
        _timeout = timeout;
    }

    public TimeSpan Timeout => _timeout;

    /// <summary>The attempt's token source: the caller's token, ended too after the timeout (measured on the real clock, like <see cref="HttpClient.Timeout"/>).</summary>
    public CancellationTokenSource Rent(CancellationToken cancellationToken)
    {
        CancellationTokenSource? attempt = null;
#if NET
        // Only an unlinked source can be reused, which is all a caller without a cancellable token needs.
        // Stryker disable all : reuse only saves allocations (the benchmarks measure it); a fresh source behaves the same.
        if (cancellationToken.CanBeCanceled || !_idle.TryDequeue(out attempt))
        {
            attempt = null;
        }
#endif
        attempt ??= CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Stryker restore all
        if (_timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            attempt.CancelAfter(_timeout);
        }

        return attempt;
    }

    // Stryker disable once Block : no result differs when both are skipped; an undisposed linked source only keeps its registration on the caller's token until that token's source is disposed, a memory cost behaviour tests cannot see.
    /// <summary>Ends <paramref name="attempt"/>'s use: kept for reuse when it was never cancelled and links to nothing, disposed otherwise.</summary>
    public void Return(CancellationTokenSource attempt, CancellationToken cancellationToken)
    {
#if NET
        // Stryker disable all : as in Rent, keeping a source for reuse or disposing it is not observable.
        if (!cancellationToken.CanBeCanceled && _idle.Count < MaxIdleSources && attempt.TryReset())
        {
            _idle.Enqueue(attempt);
            return;
        }
#endif
        attempt.Dispose();
        // Stryker restore all
    }

    /// <summary>What the attempt should throw instead of <paramref name="failure"/>, or null to let it pass unchanged.</summary>
    /// <returns>
    /// A <see cref="TaskCanceledException"/> (its inner exception a <see cref="TimeoutException"/>) when the attempt timed out rather than the caller cancelling;
    /// an <see cref="HttpRequestException"/> whose message carries no server bytes for a transport failure.
    /// </returns>
    public Exception? Replace(Exception failure, CancellationTokenSource attempt, RestoreRequest request, CancellationToken cancellationToken)
    {
        switch (failure)
        {
            case OperationCanceledException when attempt.IsCancellationRequested && !cancellationToken.IsCancellationRequested:
                var message = $"{request.Description} timed out: no complete answer within PackagesClientOptions.AttemptTimeout ({_timeout}).";
                return new TaskCanceledException(message, new TimeoutException(message));
            case HttpRequestException transport:
                return TransportFailure.Replace(transport, request);
            default:
                return null;
        }
    }
}
