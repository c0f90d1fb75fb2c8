// GitHub's x-ratelimit-* headers of one answer, read once for retry decisions and exception diagnostics.
using System;
using System.Globalization;

namespace RestoreSdk;

/// <summary>The rate-limit state GitHub reported in an answer's <c>x-ratelimit-*</c> headers.</summary>
public sealed class GitHubRateLimit
{
    internal GitHubRateLimit(int? limit, int? remaining, int? used, DateTimeOffset? reset, string? resource)
    {
        Limit = limit;
        Remaining = remaining;
        Used = used;
        Reset = reset;
        Resource = resource;
    }

    /// <summary>Requests allowed per window (<c>x-ratelimit-limit</c>).</summary>
    public int? Limit { get; }

    /// <summary>Requests left in the window (<c>x-ratelimit-remaining</c>); 0 means the primary rate limit is exhausted.</summary>
    public int? Remaining { get; }

    /// <summary>Requests made in the window (<c>x-ratelimit-used</c>).</summary>
    public int? Used { get; }

    /// <summary>When the window resets (<c>x-ratelimit-reset</c>).</summary>
    public DateTimeOffset? Reset { get; }

    /// <summary>The rate-limit resource the request counted against, such as <c>core</c> (<c>x-ratelimit-resource</c>).</summary>
    public string? Resource { get; }

    internal static GitHubRateLimit? From(Func<string, string?> header) =>
        From(header, static (lookup, name) => lookup(name));

    // With the lookup's state passed in, so the success path reads an answer's headers without allocating a closure.
    internal static GitHubRateLimit? From<TState>(TState state, Func<TState, string, string?> header)
    {
        var limit = Integer(header(state, "x-ratelimit-limit"));
        var remaining = Integer(header(state, "x-ratelimit-remaining"));
        var used = Integer(header(state, "x-ratelimit-used"));
        var resetSeconds = Integer(header(state, "x-ratelimit-reset"));
        var resource = header(state, "x-ratelimit-resource");
        if (limit is null && remaining is null && used is null && resetSeconds is null && resource is null)
        {
            return null;
        }

        var reset = resetSeconds is null ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeSeconds(resetSeconds.Value);
        return new GitHubRateLimit(limit, remaining, used, reset, resource);
    }

    private static int? Integer(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;
}
