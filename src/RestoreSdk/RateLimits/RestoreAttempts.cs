// What the attempts of one restore call have met so far, shared with the retry pipeline, the gate and the generated client's hooks.
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

    /// <summary>Told before the gate makes this call wait for the write budget; set by a bulk restore to report the wait to its progress.</summary>
    public Action<BudgetWait>? BudgetWaits { get; set; }

    /// <summary>How many attempts met a secondary rate limit; its backoff doubles with each.</summary>
    public int SecondaryLimitHits { get; private set; }

    /// <summary>Whether an attempt failed in a way that may have come after GitHub restored the package (5xx, timeout, broken connection).</summary>
    public bool EarlierAttemptMayHaveRestored { get; private set; }

    /// <summary>Whether any attempt handed a request to the HTTP stack, so GitHub may have received it.</summary>
    public bool RequestSent { get; private set; }

    /// <summary>The <c>X-GitHub-Request-Id</c> of the 204 answer, once there is one.</summary>
    public string? RequestId { get; private set; }

    /// <summary>The <c>x-ratelimit-*</c> headers of the 204 answer, once there is one.</summary>
    public GitHubRateLimit? RateLimit { get; private set; }

    /// <summary>When the gate counted the latest attempt against the write budgets; the gate moves that count to the attempt's end.</summary>
    public DateTimeOffset CountedAt { get; set; }

    public void Start() => Count++;

    /// <summary>What the latest attempt handed to the HTTP stack, to tell GitHub's answer from one to a redirected request.</summary>
    public SentRequest? LastSent { get; private set; }

    public void Sent(SentRequest request)
    {
        RequestSent = true;
        LastSent = request;
    }

    public void Succeeded(string? requestId, GitHubRateLimit? rateLimit)
    {
        RequestId = requestId;
        RateLimit = rateLimit;
    }

    public void Failed(Exception failure, bool callerCancelled)
    {
        if (failure is ServiceResponseException answer && RetryRules.KindOf(answer) == RateLimitKind.Secondary)
        {
            SecondaryLimitHits++;
        }

        EarlierAttemptMayHaveRestored |= failure is ServiceResponseException serverAnswer
            ? serverAnswer.StatusCode / 100 == 5
            : RetryRules.IsTransportFailure(failure, callerCancelled);
    }
}
