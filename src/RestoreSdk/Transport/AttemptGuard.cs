// Bounds one attempt by PackagesClientOptions.AttemptTimeout and makes its failures safe to show: no server bytes in transport errors.
using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace RestoreSdk;

// Used inline by PackagesClient's attempt (Bound around the generated call, then Replace on what it throws), so the guard adds no async layer.
internal static class AttemptGuard
{
    /// <summary>The attempt's token source: the caller's token, ended too after <paramref name="timeout"/> (measured on the real clock, like <see cref="HttpClient.Timeout"/>).</summary>
    public static CancellationTokenSource Bound(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            attempt.CancelAfter(timeout);
        }

        return attempt;
    }

    /// <summary>What the attempt should throw instead of <paramref name="failure"/>, or null to let it pass unchanged.</summary>
    /// <returns>
    /// A <see cref="TaskCanceledException"/> (its inner exception a <see cref="TimeoutException"/>) when the attempt timed out rather than the caller cancelling;
    /// an <see cref="HttpRequestException"/> whose message carries no server bytes for a transport failure.
    /// </returns>
    public static Exception? Replace(Exception failure, CancellationTokenSource attempt, RestoreRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        switch (failure)
        {
            case OperationCanceledException when attempt.IsCancellationRequested && !cancellationToken.IsCancellationRequested:
                var message = $"{request.Description} timed out: no complete answer within PackagesClientOptions.AttemptTimeout ({timeout}).";
                return new TaskCanceledException(message, new TimeoutException(message));
            case HttpRequestException transport:
                return TransportFailure.Replace(transport, request);
            default:
                return null;
        }
    }
}
