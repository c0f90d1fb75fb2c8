// What the attempts of one restore call have met so far, shared with the retry pipeline through Polly's context.
using System;

namespace RestoreSdk;

internal sealed class RestoreAttempts
{
    public RestoreAttempts(RestoreRequest request)
    {
        Request = request;
    }

    public RestoreRequest Request { get; }

    public int Count { get; private set; }

    /// <summary>How many attempts met a secondary rate limit; its backoff doubles with each.</summary>
    public int SecondaryLimitHits { get; private set; }

    /// <summary>Whether an attempt failed in a way that may have come after GitHub restored the package (5xx, timeout, broken connection).</summary>
    public bool EarlierAttemptMayHaveRestored { get; private set; }

    public void Start() => Count++;

    public void Failed(Exception failure, bool callerCancelled)
    {
        if (failure is ServiceResponseException answer && RetryRules.KindOf(answer) == RateLimitKind.Secondary)
        {
            SecondaryLimitHits++;
        }

        EarlierAttemptMayHaveRestored |= failure is ServiceResponseException serverAnswer
            ? serverAnswer.StatusCode >= 500
            : RetryRules.IsTransportFailure(failure, callerCancelled);
    }
}
