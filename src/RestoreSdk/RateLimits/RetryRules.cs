// GitHub's rules for what to retry and how long to wait, shared by the retry pipeline and the exception mapping.
using System;
using System.Net.Http;

namespace RestoreSdk;

internal enum RateLimitKind
{
    None,
    Primary,
    Secondary,
}

internal sealed class RetryRules
{
    /// <summary>GitHub's advice for a secondary limit without <c>retry-after</c>: wait at least a minute, then back off exponentially.</summary>
    public static readonly TimeSpan SecondaryLimitFirstWait = TimeSpan.FromSeconds(60);

    private readonly TimeSpan _maxWait;
    private readonly RestoreGate _gate;

    public RetryRules(TimeSpan maxWait, RestoreGate gate)
    {
        _maxWait = maxWait;
        _gate = gate;
    }

    public static RateLimitKind KindOf(ServiceResponseException answer)
    {
        if ((answer.StatusCode != 403 && answer.StatusCode != 429) || answer.FollowedRedirectTo is not null)
        {
            return RateLimitKind.None;
        }

        if (answer.Header("x-ratelimit-remaining") == "0")
        {
            return RateLimitKind.Primary;
        }

        var secondary = answer.StatusCode == 429
            || RetryAfterHeader.IsReadable(answer.Header("retry-after"))
            || answer.Response?.IndexOf("secondary rate limit", StringComparison.OrdinalIgnoreCase) >= 0;
        return secondary ? RateLimitKind.Secondary : RateLimitKind.None;
    }

    /// <summary>How long GitHub asks to wait after <paramref name="answer"/>, the call's latest, or null for no rate limit.</summary>
    /// <remarks>GitHub's order: a readable <c>retry-after</c>; else, when the primary limit is exhausted, until <c>x-ratelimit-reset</c>; else at least a minute, doubling.</remarks>
    public static TimeSpan? RateLimitWait(ServiceResponseException answer, RestoreAttempts attempts, DateTimeOffset now)
    {
        var kind = KindOf(answer);
        if (kind == RateLimitKind.None)
        {
            return null;
        }

        if (RetryAfter(answer.Header("retry-after"), now) is { } retryAfter)
        {
            return retryAfter;
        }

        if (kind == RateLimitKind.Primary && GitHubRateLimit.From(answer.Header)?.Reset is { } reset)
        {
            return Max(reset - now, TimeSpan.Zero);
        }

        var secondaryHits = kind == RateLimitKind.Secondary ? attempts.SecondaryLimitHits : 1;
        return TimeSpan.FromTicks(SecondaryLimitFirstWait.Ticks << Math.Min(Math.Max(secondaryHits - 1, 0), 16));
    }

    /// <summary>Whether the latest attempt's <paramref name="failure"/> is worth another attempt.</summary>
    public bool ShouldRetry(Exception? failure, RestoreAttempts attempts, DateTimeOffset now, bool callerCancelled) => failure switch
    {
        ServiceResponseException { FollowedRedirectTo: not null } => false,
        ServiceResponseException answer when KindOf(answer) != RateLimitKind.None => WaitBeforeResend(answer, attempts, now) <= _maxWait,
        ServiceResponseException answer => answer.StatusCode is 502 or 503 or 504,
        _ => failure is not null && IsTransportFailure(failure, callerCancelled),
    };

    /// <summary>A broken or refused connection, or a timeout: a cancellation the caller did not ask for.</summary>
    public static bool IsTransportFailure(Exception failure, bool callerCancelled) =>
        failure is HttpRequestException || (failure is OperationCanceledException && !callerCancelled);

    /// <summary>The wait before a rate-limited call's resend, plus up to a second of jitter, or null to use the pipeline's jittered exponential backoff.</summary>
    public TimeSpan? Delay(Exception? failure, RestoreAttempts attempts, DateTimeOffset now, Random random) =>
        failure is ServiceResponseException answer && WaitBeforeResend(answer, attempts, now) is { } wait
            ? wait + TimeSpan.FromMilliseconds(random.Next(0, 1000))
            : null;

    /// <summary>
    /// How long a call answered with a rate limit must wait before resending: what GitHub asks of the call, or the gate's hold when that
    /// ends later (the gate has already seen this answer and backs off across the client's calls), so the retry waits once, not twice.
    /// </summary>
    private TimeSpan? WaitBeforeResend(ServiceResponseException answer, RestoreAttempts attempts, DateTimeOffset now) =>
        RateLimitWait(answer, attempts, now) is { } asked
            ? Max(asked, _gate.HeldUntil is { } heldUntil ? heldUntil - now : TimeSpan.Zero)
            : null;

    /// <summary>The wait a <c>retry-after</c> header asks for, in delta-seconds or as an RFC 9110 HTTP-date; null when absent or unreadable.</summary>
    public static TimeSpan? RetryAfter(string? value, DateTimeOffset now) => RetryAfterHeader.Parse(value, now);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => TimeSpan.FromTicks(Math.Max(a.Ticks, b.Ticks));
}
