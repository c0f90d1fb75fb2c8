// Builds RestoreSdk's exceptions with every diagnostic set, so callers can unit-test their catch blocks without a simulator (like Azure's ModelFactory).
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RestoreSdk.Testing;

/// <summary>Creates <see cref="RestoreSdk.GitHubApiException"/>, <see cref="RestoreSdk.RateLimitExceededException"/> and <see cref="RestoreSdk.GitHubRateLimit"/> instances for tests.</summary>
public static class GitHubExceptionFactory
{
    /// <summary>Creates a <see cref="RestoreSdk.GitHubApiException"/> as the client would throw for a GitHub answer.</summary>
    /// <param name="statusCode">The HTTP status GitHub answered with.</param>
    /// <param name="message">The exception's message; defaults to one naming the status.</param>
    /// <param name="response">The response body, such as GitHub's JSON error.</param>
    /// <param name="documentationUrl">The <c>documentation_url</c> of GitHub's JSON error.</param>
    /// <param name="requestId">The <c>X-GitHub-Request-Id</c> header.</param>
    /// <param name="rateLimit">The answer's rate-limit state; see <see cref="GitHubRateLimit"/>.</param>
    /// <param name="tokenScopes">The scopes of <c>X-OAuth-Scopes</c>; empty when omitted.</param>
    /// <param name="acceptedScopes">The scopes of <c>X-Accepted-OAuth-Scopes</c>; empty when omitted.</param>
    /// <param name="requirements">What the route and package type require, from <c>RestoreRequirements.ForUser</c> or <c>RestoreRequirements.ForOrg</c>.</param>
    /// <param name="missingScopes">
    /// The required scopes the token lacks. When omitted, worked out from <paramref name="requirements"/> and
    /// <paramref name="tokenScopes"/> if both are given, as the client does; otherwise empty.
    /// </param>
    /// <returns>The exception, not thrown.</returns>
    public static GitHubApiException GitHubApiException(
        int statusCode,
        string? message = null,
        string? response = null,
        string? documentationUrl = null,
        string? requestId = null,
        GitHubRateLimit? rateLimit = null,
        IEnumerable<string>? tokenScopes = null,
        IEnumerable<string>? acceptedScopes = null,
        RestoreRequirements? requirements = null,
        IEnumerable<string>? missingScopes = null)
    {
        var exception = new global::RestoreSdk.GitHubApiException(message ?? DefaultMessage(statusCode), statusCode);
        var granted = tokenScopes?.ToList();
        var missing = missingScopes?.ToList()
            ?? (requirements is not null && granted is not null ? requirements.MissingFrom(granted) : Array.Empty<string>());
        return global::RestoreSdk.GitHubApiException.WithDiagnostics(
            exception,
            response,
            documentationUrl,
            requestId,
            rateLimit,
            granted ?? (IReadOnlyList<string>)Array.Empty<string>(),
            acceptedScopes?.ToList() ?? (IReadOnlyList<string>)Array.Empty<string>(),
            requirements,
            missing);
    }

    /// <summary>Creates a <see cref="RestoreSdk.RateLimitExceededException"/> as the client would throw when it could not wait out a rate limit.</summary>
    /// <param name="isSecondaryLimit">True for a secondary rate limit, false for the primary hourly limit.</param>
    /// <param name="resetAt">When GitHub allows requests again; for a primary limit, defaults to <paramref name="rateLimit"/>'s reset time.</param>
    /// <param name="statusCode">The HTTP status, 403 (the default) or 429.</param>
    /// <param name="message">The exception's message; defaults to one naming the limit.</param>
    /// <param name="response">The response body.</param>
    /// <param name="documentationUrl">The <c>documentation_url</c> of GitHub's JSON error.</param>
    /// <param name="requestId">The <c>X-GitHub-Request-Id</c> header.</param>
    /// <param name="rateLimit">The answer's rate-limit state; see <see cref="GitHubRateLimit"/>.</param>
    /// <param name="tokenScopes">The scopes of <c>X-OAuth-Scopes</c>; empty when omitted.</param>
    /// <param name="acceptedScopes">The scopes of <c>X-Accepted-OAuth-Scopes</c>; empty when omitted.</param>
    /// <returns>The exception, not thrown.</returns>
    /// <remarks>Like the client's, its <see cref="RestoreSdk.GitHubApiException.Requirements"/> is null and its <see cref="RestoreSdk.GitHubApiException.MissingScopes"/> empty: a rate limit says nothing about permissions.</remarks>
    public static RateLimitExceededException RateLimitExceededException(
        bool isSecondaryLimit = false,
        DateTimeOffset? resetAt = null,
        int statusCode = 403,
        string? message = null,
        string? response = null,
        string? documentationUrl = null,
        string? requestId = null,
        GitHubRateLimit? rateLimit = null,
        IEnumerable<string>? tokenScopes = null,
        IEnumerable<string>? acceptedScopes = null)
    {
        var reset = resetAt ?? (isSecondaryLimit ? null : rateLimit?.Reset);
        var which = isSecondaryLimit ? "secondary" : "primary";
        var exception = new global::RestoreSdk.RateLimitExceededException(
            message ?? $"{DefaultMessage(statusCode)} The {which} rate limit is exhausted{(reset is { } at ? $" until {at.ToString("u", CultureInfo.InvariantCulture)}" : string.Empty)}.",
            statusCode,
            isSecondaryLimit,
            reset);
        return global::RestoreSdk.GitHubApiException.WithDiagnostics(
            exception,
            response,
            documentationUrl,
            requestId,
            rateLimit,
            tokenScopes?.ToList() ?? (IReadOnlyList<string>)Array.Empty<string>(),
            acceptedScopes?.ToList() ?? (IReadOnlyList<string>)Array.Empty<string>(),
            requirements: null,
            Array.Empty<string>());
    }

    /// <summary>Creates a <see cref="RestoreSdk.GitHubRateLimit"/>, the state of an answer's <c>x-ratelimit-*</c> headers.</summary>
    /// <param name="limit">Requests allowed per window (<c>x-ratelimit-limit</c>).</param>
    /// <param name="remaining">Requests left (<c>x-ratelimit-remaining</c>).</param>
    /// <param name="used">Requests made (<c>x-ratelimit-used</c>).</param>
    /// <param name="reset">When the window resets (<c>x-ratelimit-reset</c>); GitHub sends whole seconds.</param>
    /// <param name="resource">The resource counted against (<c>x-ratelimit-resource</c>), such as <c>core</c>.</param>
    /// <returns>The rate-limit state.</returns>
    public static GitHubRateLimit GitHubRateLimit(int? limit = null, int? remaining = null, int? used = null, DateTimeOffset? reset = null, string? resource = null) =>
        new global::RestoreSdk.GitHubRateLimit(limit, remaining, used, reset, resource);

    private static string DefaultMessage(int statusCode) =>
        string.Format(CultureInfo.InvariantCulture, "GitHub answered HTTP {0}.", statusCode);
}
