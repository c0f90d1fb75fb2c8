// The GitHubApiException a caller can catch to handle rate limits the client could not wait out.
using System;

namespace RestoreSdk;

/// <summary>GitHub's primary or secondary rate limit stopped the restore, and waiting it out was beyond the retry settings.</summary>
/// <remarks>
/// When an earlier answer already holds every restore of the client for longer than <see cref="PackagesClientOptions.MaxRetryDelay"/>, the call fails
/// with this exception before sending anything: then <see cref="GitHubApiException.StatusCode"/> is that earlier answer's status (a 204 when a
/// successful restore reported <c>x-ratelimit-remaining: 0</c>), and <see cref="GitHubApiException.RequestId"/> is <see langword="null"/>.
/// </remarks>
public sealed class RateLimitExceededException : GitHubApiException
{
    internal RateLimitExceededException(string message, int statusCode, bool isSecondaryLimit, DateTimeOffset? resetAt)
        : base(message, statusCode)
    {
        IsSecondaryLimit = isSecondaryLimit;
        ResetAt = resetAt;
    }

    /// <summary>True for a secondary rate limit (too many concurrent or rapid requests), false for the primary hourly limit.</summary>
    public bool IsSecondaryLimit { get; }

    /// <summary>
    /// When GitHub allows requests again: the primary limit's <c>x-ratelimit-reset</c>, or for a secondary limit the time its
    /// <c>retry-after</c> names; without one, when the client's backoff ends (60 s, doubling with each secondary limit in a row).
    /// When the client holds its restores longer than that (an earlier answer's limit), the end of that hold.
    /// </summary>
    public DateTimeOffset? ResetAt { get; }
}
