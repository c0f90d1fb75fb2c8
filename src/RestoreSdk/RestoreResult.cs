// What a successful restore returns: everything a script logs after GitHub's 204.
using System;

namespace RestoreSdk;

/// <summary>A restore GitHub accepted (HTTP 204): the route, the package, and what the answer and the attempts reported.</summary>
public sealed class RestoreResult
{
    /// <summary>Creates a result, for example to stand in for one in a caller's tests of code that uses <see cref="IPackagesClient"/>.</summary>
    /// <param name="route">The route template.</param>
    /// <param name="org">The organization, or <see langword="null"/> for the user route.</param>
    /// <param name="packageType">The package type's wire value, such as <c>npm</c>.</param>
    /// <param name="packageName">The package's name.</param>
    /// <param name="statusCode">The HTTP status of the answer.</param>
    /// <param name="requestId">The <c>X-GitHub-Request-Id</c> header of the answer.</param>
    /// <param name="attempts">How many requests the restore took.</param>
    /// <param name="elapsed">How long the restore took, waits included.</param>
    /// <param name="rateLimit">The rate-limit state the answer reported.</param>
    /// <exception cref="ArgumentNullException"><paramref name="route"/>, <paramref name="packageType"/> or <paramref name="packageName"/> is null.</exception>
    public RestoreResult(string route, string? org, string packageType, string packageName, int statusCode, string? requestId, int attempts, TimeSpan elapsed, GitHubRateLimit? rateLimit)
    {
        Route = route ?? throw new ArgumentNullException(nameof(route));
        Org = org;
        PackageType = packageType ?? throw new ArgumentNullException(nameof(packageType));
        PackageName = packageName ?? throw new ArgumentNullException(nameof(packageName));
        StatusCode = statusCode;
        RequestId = requestId;
        Attempts = attempts;
        Elapsed = elapsed;
        RateLimit = rateLimit;
    }

    /// <summary>The route template, <c>/user/packages/{package_type}/{package_name}/restore</c> or <c>/orgs/{org}/packages/{package_type}/{package_name}/restore</c>.</summary>
    public string Route { get; }

    /// <summary>The organization that owns the package, or <see langword="null"/> for the authenticated user's own package.</summary>
    public string? Org { get; }

    /// <summary>The package type as sent, such as <c>npm</c> or <c>container</c>.</summary>
    public string PackageType { get; }

    /// <summary>The package's name, as sent.</summary>
    public string PackageName { get; }

    /// <summary>The HTTP status GitHub answered with: 204 No Content.</summary>
    public int StatusCode { get; }

    /// <summary>The answer's <c>X-GitHub-Request-Id</c> header, to quote when contacting GitHub Support; <see langword="null"/> when absent.</summary>
    public string? RequestId { get; }

    /// <summary>How many requests the restore took: 1, plus one per retry.</summary>
    public int Attempts { get; }

    /// <summary>How long the restore took from the call to the answer, waits and retries included, measured with <see cref="PackagesClientOptions.TimeProvider"/>.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The rate-limit state from the answer's <c>x-ratelimit-*</c> headers, or <see langword="null"/> when it had none.</summary>
    public GitHubRateLimit? RateLimit { get; }

    /// <summary>Describes the restore for a log line, without any token.</summary>
    /// <returns>For example <c>restored npm package 'left-pad' of organization 'acme' (HTTP 204, 1 attempt, request id ABCD:1234)</c>.</returns>
    public override string ToString() =>
        $"restored {PackageType} package '{PackageName}'{(Org is null ? string.Empty : $" of organization '{Org}'")} "
        + $"(HTTP {StatusCode}, {Attempts} attempt{(Attempts == 1 ? string.Empty : "s")}{(RequestId is null ? string.Empty : $", request id {RequestId}")})";
}
