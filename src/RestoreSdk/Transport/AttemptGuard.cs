// Bounds one attempt by PackagesClientOptions.AttemptTimeout and makes its failures safe to show: no server bytes in transport errors.
using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace RestoreSdk;

internal static class AttemptGuard
{
    /// <summary>Runs one attempt of <paramref name="request"/>, ending it after <paramref name="timeout"/> (measured on the real clock, like <see cref="HttpClient.Timeout"/>).</summary>
    /// <exception cref="TaskCanceledException">The attempt timed out (its inner exception is a <see cref="TimeoutException"/>), or the caller cancelled.</exception>
    /// <exception cref="HttpRequestException">The transport failed; the message carries no server bytes.</exception>
    public static async Task RunAsync(Func<CancellationToken, Task> send, RestoreRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            attempt.CancelAfter(timeout);
        }

        try
        {
            await send(attempt.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (attempt.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var message = $"{request.Description} timed out: no complete answer within PackagesClientOptions.AttemptTimeout ({timeout}).";
            throw new TaskCanceledException(message, new TimeoutException(message));
        }
        catch (HttpRequestException failure)
        {
            throw TransportFailure.Replace(failure, request);
        }
    }
}
