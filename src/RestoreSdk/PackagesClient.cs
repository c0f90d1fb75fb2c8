// The public restore client: validates arguments, drives the generated RestoreOperations through GitHub's retry rules, maps failures.
using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace RestoreSdk;

/// <summary>Restores deleted GitHub packages. One instance is safe for many concurrent calls.</summary>
/// <remarks>
/// Calls wait out GitHub's rate limits and retry connection failures, timeouts and 502/503/504 answers
/// (see <see cref="PackagesClientOptions.MaxRetries"/>). Restoring twice does no harm, so a restore whose first attempt
/// may have reached GitHub is retried too; a 404 after such a retry can mean the first attempt already restored the package.
/// Once an answer reports a rate limit, every restore of the client (or of its dependency-injection registration) waits until GitHub allows
/// requests again, or fails at once with <see cref="RateLimitExceededException"/> when that is longer than <see cref="PackagesClientOptions.MaxRetryDelay"/>.
/// </remarks>
public partial class PackagesClient : IPackagesClient
{
    private static readonly Lazy<HttpClient> SharedHttpClient = new Lazy<HttpClient>(CreateSharedHttpClient, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly ClientRuntime _runtime;
    private readonly RestoreOperations _operations;

    /// <summary>Creates a client that sends through a connection pool shared by all clients created this way.</summary>
    /// <param name="options">Where GitHub is and how to authenticate; copied, so later changes have no effect.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid; the message names every problem.</exception>
    /// <remarks>Write spacing and rate-limit waits apply among the calls of one instance: share it rather than creating one per restore.</remarks>
    public PackagesClient(PackagesClientOptions options)
        : this(SharedHttpClient.Value, options)
    {
    }

    /// <summary>Creates a client that sends through <paramref name="httpClient"/>, for example one from <c>IHttpClientFactory</c>.</summary>
    /// <param name="httpClient">The client to send with. Its <see cref="HttpClient.BaseAddress"/> is ignored in favour of <see cref="PackagesClientOptions.BaseAddress"/>.</param>
    /// <param name="options">Where GitHub is and how to authenticate; copied, so later changes have no effect.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid; the message names every problem.</exception>
    /// <remarks>Write spacing and rate-limit waits apply among the calls of one instance: share it rather than creating one per restore.</remarks>
    public PackagesClient(HttpClient httpClient, PackagesClientOptions options)
        : this(httpClient ?? throw new ArgumentNullException(nameof(httpClient)), ClientRuntime.From(options))
    {
    }

    /// <summary>For mocking: a subclass that overrides the restore methods it uses. Any method it does not override throws <see cref="NullReferenceException"/>.</summary>
    // Stryker disable once Block : the fields are null either way; the assignments only tell the compiler so.
    protected PackagesClient()
    {
        _runtime = null!;
        _operations = null!;
    }

    // Used by dependency injection, where the typed client is transient but spacing and retries must span the application.
    internal PackagesClient(HttpClient httpClient, ClientRuntime runtime)
    {
        _runtime = runtime;
        _operations = new RestoreOperations(httpClient, runtime.Settings);
    }

    /// <inheritdoc />
    public virtual Task<RestoreResult> RestorePackageForAuthenticatedUserAsync(UserPackageType packageType, string packageName, string? packageToken = null, CancellationToken cancellationToken = default)
    {
        var request = RestoreRequest.ForUser(_runtime.Settings, packageType, packageName, packageToken);
        return SendAsync(new RestoreAttempts(request), packageToken, cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task<RestoreResult> RestorePackageForOrgAsync(string org, OrgPackageType packageType, string packageName, string? packageToken = null, CancellationToken cancellationToken = default)
    {
        var request = RestoreRequest.ForOrg(_runtime.Settings, org, packageType, packageName, packageToken);
        return SendAsync(new RestoreAttempts(request), packageToken, cancellationToken);
    }

    private static HttpClient CreateSharedHttpClient() => new HttpClient(CreateSharedHandler());

    // Redirects stay unfollowed: a restore re-sent to a Location could restore another package, or report another route's 204 as success.
    // Pooled connections are renewed, so a long-lived process follows DNS changes of its GitHub host.
    internal static HttpMessageHandler CreateSharedHandler()
    {
#if NET
        return new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false };
#else
        return new HttpClientHandler { AllowAutoRedirect = false };
#endif
    }

    // Every restore, single or bulk, passes here; attempts is the caller's, so a bulk restore can tell afterwards whether anything was sent.
    // The first attempt runs directly; only when it fails does the retry pipeline take over (see ClientRuntime.RetryAfterFirstFailureAsync).
    private async Task<RestoreResult> SendAsync(RestoreAttempts attempts, string? packageToken, CancellationToken cancellationToken)
    {
        var request = attempts.Request;
        var time = _runtime.Settings.TimeProvider;
        var started = time.GetTimestamp();
        var telemetry = RestoreCallTelemetry.Start(request, time);
        try
        {
            try
            {
                // As the retry pipeline does before any attempt: a call cancelled already sends nothing.
                cancellationToken.ThrowIfCancellationRequested();
                await AttemptAsync(attempts, packageToken, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception firstFailure) when (_runtime.Retries)
            {
                await RetryAsync(firstFailure, attempts, packageToken, cancellationToken).ConfigureAwait(false);
            }

            telemetry?.Succeeded(attempts.Count);
        }
        catch (ServiceResponseException answer)
        {
            var error = GitHubApiException.FromResponse(answer, attempts, time.GetUtcNow(), _runtime.Gate.HeldUntil);
            telemetry?.Failed(attempts.Count, error, answered: true, cancellationToken);
            throw error;
        }
        catch (Exception failure) when (telemetry is not null)
        {
            telemetry.Failed(attempts.Count, failure, answered: false, cancellationToken);
            throw;
        }

        return new RestoreResult(
            request.Route,
            request.Org,
            request.Registry.WireName,
            request.PackageName,
            204,
            attempts.RequestId,
            attempts.Count,
            time.GetElapsedTime(started),
            attempts.RateLimit);
    }

    // Its own method, so the closure over packageToken is allocated only for a call that retries.
    private Task RetryAsync(Exception firstFailure, RestoreAttempts attempts, string? packageToken, CancellationToken cancellationToken) =>
        _runtime.RetryAfterFirstFailureAsync(firstFailure, attempts, (retried, token) => AttemptAsync(retried, packageToken, token), cancellationToken);

    // One attempt: through the gate, out through the generated client, its outcome recorded on attempts and shown to the gate
    // before the gate's turn is given back. One async layer from here to the generated call.
    private async Task AttemptAsync(RestoreAttempts attempts, string? packageToken, CancellationToken token)
    {
        var request = attempts.Request;
        var logger = _runtime.Settings.Logger;
        var gate = _runtime.Gate;
        var guard = _runtime.AttemptGuard;
        attempts.Start();
        var holdsTurn = await gate.EnterAsync(attempts, token).ConfigureAwait(false);
        try
        {
            RestoreLog.Sending(logger, request, attempts.Count);
            // Set inside this async method, so the hooks see this call and the value is gone again when the attempt ends.
            RestoreOperations.CurrentCall.Value = attempts;
            var bounded = guard.Rent(token);
            try
            {
                await (request.Org is null
                    ? _operations.Packages_restorePackageForAuthenticatedUserAsync(request.Registry.WireValue, request.PackageName, packageToken, bounded.Token)
                    : _operations.Packages_restorePackageForOrgAsync(request.Registry.WireValue, request.PackageName, request.Org, packageToken, bounded.Token)).ConfigureAwait(false);
            }
            catch (Exception failure) when (guard.Replace(failure, bounded, request, token) is { } replacement)
            {
                throw replacement;
            }
            finally
            {
                // Stryker disable once Statement : giving the source back only lets the guard reuse or dispose it (see AttemptGuard.Return); no result differs without it, only memory (a linked source's registration on the caller's token outlives the call).
                guard.Return(bounded, token);
            }

            gate.ObserveSuccess(attempts);
        }
        catch (ServiceResponseException answer)
        {
            RestoreLog.Failed(logger, request, attempts.Count, answer);
            attempts.Failed(answer, token.IsCancellationRequested);
            gate.ObserveFailure(answer, attempts);
            throw;
        }
        catch (Exception failure) when (RetryRules.IsTransportFailure(failure, token.IsCancellationRequested))
        {
            RestoreLog.TransportFailed(logger, request, attempts.Count, failure);
            attempts.Failed(failure, callerCancelled: false);
            throw;
        }
        finally
        {
            gate.Exit(holdsTurn, attempts);
        }

        RestoreLog.Restored(logger, request, attempts.Count);
    }
}
