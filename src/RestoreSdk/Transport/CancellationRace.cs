// Ends a wait on code the client does not control (a caller's token provider) as soon as the call is cancelled, even if that code ignores its token.
using System;
using System.Threading;
using System.Threading.Tasks;

namespace RestoreSdk;

internal static class CancellationRace
{
    /// <summary>The result of <paramref name="task"/>, or <see cref="OperationCanceledException"/> as soon as <paramref name="cancellationToken"/> fires.</summary>
    /// <remarks>A task left behind keeps running; its eventual failure is observed so it is not reported as unobserved.</remarks>
    public static async Task<T> WaitAsync<T>(Task<T> task, CancellationToken cancellationToken)
    {
        // Stryker disable once Logical,Block : a shortcut; racing a completed task, or against a token that never fires, gives the same result.
        if (task.IsCompleted || !cancellationToken.CanBeCanceled)
        {
            return await task.ConfigureAwait(false);
        }

        var cancelled = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => cancelled.TrySetResult(null)))
        {
            if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
            {
                // Stryker disable once Bitwise : any continuation that reads Exception observes the failure.
                _ = task.ContinueWith(abandoned => abandoned.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                throw new OperationCanceledException("The call was cancelled while PackagesClientOptions.TokenProvider was still running.", cancellationToken);
            }
        }

        return await task.ConfigureAwait(false);
    }
}
