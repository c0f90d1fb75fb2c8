// The mockable contract of PackagesClient, also the service type registered by AddPackagesClient.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace RestoreSdk;

/// <summary>Restores deleted GitHub packages.</summary>
public interface IPackagesClient
{
    /// <summary>Restores a package owned by the authenticated user (<c>POST /user/packages/{package_type}/{package_name}/restore</c>).</summary>
    /// <param name="packageType">The package's registry; its documentation lists the scopes the token needs.</param>
    /// <param name="packageName">The package's name, sent exactly as given (for example <c>owner/image</c> for a container image).</param>
    /// <param name="packageToken">The optional package token, sent as the <c>token</c> query parameter only when given.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>What GitHub's 204 answer reported: request id, attempts, elapsed time and rate-limit state.</returns>
    /// <exception cref="System.ArgumentException">An argument is null, empty, whitespace, an undefined enum value, or cannot be sent safely; nothing was sent.</exception>
    /// <exception cref="GitHubApiException">GitHub answered with a status other than 204, a redirect included (the client never follows one), or the HttpClient followed a redirect.</exception>
    /// <exception cref="RateLimitExceededException">GitHub's rate limit holds this client's restores longer than <see cref="PackagesClientOptions.MaxRetryDelay"/>; when an earlier answer reported it, nothing was sent.</exception>
    /// <exception cref="System.Net.Http.HttpRequestException">GitHub could not be reached (connection refused or reset, DNS failure) or its answer was not valid HTTP; the message is the client's own, never the server's bytes.</exception>
    /// <exception cref="System.OperationCanceledException"><paramref name="cancellationToken"/> was cancelled, the HttpClient timed out, or the last attempt ran past <see cref="PackagesClientOptions.AttemptTimeout"/> (a <see cref="System.Threading.Tasks.TaskCanceledException"/> whose inner exception is a <see cref="System.TimeoutException"/>).</exception>
    /// <exception cref="System.InvalidOperationException"><see cref="PackagesClientOptions.TokenProvider"/> returned an unusable token; nothing was sent.</exception>
    Task<RestoreResult> RestorePackageForAuthenticatedUserAsync(UserPackageType packageType, string packageName, string? packageToken = null, CancellationToken cancellationToken = default);

    /// <summary>Restores a package owned by an organization (<c>POST /orgs/{org}/packages/{package_type}/{package_name}/restore</c>).</summary>
    /// <param name="org">The organization's login (not case sensitive).</param>
    /// <param name="packageType">The package's registry; its documentation lists the permissions and scopes needed.</param>
    /// <param name="packageName">The package's name, sent exactly as given (for example <c>owner/image</c> for a container image).</param>
    /// <param name="packageToken">The optional package token, sent as the <c>token</c> query parameter only when given.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>What GitHub's 204 answer reported: request id, attempts, elapsed time and rate-limit state.</returns>
    /// <exception cref="System.ArgumentException">An argument is null, empty, whitespace, an undefined enum value, or cannot be sent safely; nothing was sent.</exception>
    /// <exception cref="GitHubApiException">GitHub answered with a status other than 204, a redirect included (the client never follows one), or the HttpClient followed a redirect.</exception>
    /// <exception cref="RateLimitExceededException">GitHub's rate limit holds this client's restores longer than <see cref="PackagesClientOptions.MaxRetryDelay"/>; when an earlier answer reported it, nothing was sent.</exception>
    /// <exception cref="System.Net.Http.HttpRequestException">GitHub could not be reached (connection refused or reset, DNS failure) or its answer was not valid HTTP; the message is the client's own, never the server's bytes.</exception>
    /// <exception cref="System.OperationCanceledException"><paramref name="cancellationToken"/> was cancelled, the HttpClient timed out, or the last attempt ran past <see cref="PackagesClientOptions.AttemptTimeout"/> (a <see cref="System.Threading.Tasks.TaskCanceledException"/> whose inner exception is a <see cref="System.TimeoutException"/>).</exception>
    /// <exception cref="System.InvalidOperationException"><see cref="PackagesClientOptions.TokenProvider"/> returned an unusable token; nothing was sent.</exception>
    Task<RestoreResult> RestorePackageForOrgAsync(string org, OrgPackageType packageType, string packageName, string? packageToken = null, CancellationToken cancellationToken = default);

    /// <summary>Restores many packages in order, one at a time, continuing past packages that fail.</summary>
    /// <param name="packages">The packages to restore. A package listed twice (same route, organization, type and name) is restored once, with the package token of its first listing.</param>
    /// <param name="progress">
    /// Told each package's outcome as soon as it is known, in order, before the next package starts. <see cref="IProgress{T}.Report"/> is called
    /// synchronously on the thread that continues the batch (usually a thread-pool thread); an exception it throws ends the batch and is thrown to
    /// the caller. <see cref="Progress{T}"/> posts to the <see cref="SynchronizationContext"/> captured when it was created, so without one its
    /// handler may run out of order or after this method returns: implement <see cref="IProgress{T}"/> yourself when order matters.
    /// When it also implements <see cref="IProgress{T}"/> of <see cref="RestoreWait"/>, it is told, the same way, before the batch waits for the
    /// client's write budget (<see cref="PackagesClientOptions.WritesPerHour"/>, such as GitHub's 500 restores an hour) and until when;
    /// an exception it throws also ends the batch and is thrown to the caller.
    /// </param>
    /// <param name="cancellationToken">Stops the batch: the package in flight is reported <see cref="PackageRestoreStatus.Failed"/> with an <see cref="OperationCanceledException"/>, the rest <see cref="PackageRestoreStatus.NotAttempted"/>. It does not make this method throw.</param>
    /// <returns>
    /// One outcome per distinct package, in input order, and why the batch stopped early, if it did: a 401 (the token is wrong for every package), a rate
    /// limit that cannot be waited out within <see cref="PackagesClientOptions.MaxRetryDelay"/>, or <paramref name="cancellationToken"/>.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="packages"/> is null.</exception>
    /// <exception cref="ArgumentException">A package is null or cannot be sent with this client's options (the message names its index); nothing was sent.</exception>
    Task<BulkRestoreResult> RestorePackagesAsync(IEnumerable<PackageToRestore> packages, IProgress<PackageRestoreOutcome>? progress = null, CancellationToken cancellationToken = default);
}
