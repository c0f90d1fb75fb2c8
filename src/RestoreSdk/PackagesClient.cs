// The public restore client: validates arguments, drives the generated RestoreOperations through GitHub's retry rules, maps failures.
using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace RestoreSdk;

/// <summary>Restores deleted GitHub packages. One instance is safe for many concurrent calls.</summary>
/// <remarks>
/// Calls wait out GitHub's rate limits and retry connection failures, timeouts and 502/503/504 answers
/// (see <see cref="PackagesClientOptions.MaxRetries"/>). Restoring twice does no harm, so a restore whose first attempt
/// may have reached GitHub is retried too; a 404 after such a retry can mean the first attempt already restored the package.
/// </remarks>
public partial class PackagesClient : IPackagesClient
{
    private static readonly ResiliencePropertyKey<RestoreRequest> RequestKey = new ResiliencePropertyKey<RestoreRequest>("RestoreSdk.Request");
    private static readonly Lazy<HttpClient> SharedHttpClient = new Lazy<HttpClient>(CreateSharedHttpClient, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly ClientSettings _settings;
    private readonly RestoreOperations _operations;
    private readonly WriteSpacer _spacer;
    private readonly ResiliencePipeline _pipeline;

    /// <summary>Creates a client that sends through a connection pool shared by all clients created this way.</summary>
    /// <param name="options">Where GitHub is and how to authenticate; copied, so later changes have no effect.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid; the message names every problem.</exception>
    public PackagesClient(PackagesClientOptions options)
        : this(SharedHttpClient.Value, options)
    {
    }

    /// <summary>Creates a client that sends through <paramref name="httpClient"/>, for example one from <c>IHttpClientFactory</c>.</summary>
    /// <param name="httpClient">The client to send with. Its <see cref="HttpClient.BaseAddress"/> is ignored in favour of <see cref="PackagesClientOptions.BaseAddress"/>.</param>
    /// <param name="options">Where GitHub is and how to authenticate; copied, so later changes have no effect.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid; the message names every problem.</exception>
    public PackagesClient(HttpClient httpClient, PackagesClientOptions options)
    {
        if (httpClient is null)
        {
            throw new ArgumentNullException(nameof(httpClient));
        }

        _settings = ClientSettings.From(options);
        _operations = new RestoreOperations(httpClient, _settings);
        _spacer = new WriteSpacer(_settings.MinimumWriteInterval, _settings.TimeProvider);
        _pipeline = CreatePipeline(_settings);
    }

    /// <inheritdoc />
    public Task RestorePackageForAuthenticatedUserAsync(UserPackageType packageType, string packageName, string? packageToken = null, CancellationToken cancellationToken = default)
    {
        var request = RestoreRequest.ForUser(_settings, packageType, packageName, packageToken);
        return SendAsync(
            request,
            token => _operations.Packages_restorePackageForAuthenticatedUserAsync(request.Registry.WireValue, packageName, packageToken, token),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task RestorePackageForOrgAsync(string org, OrgPackageType packageType, string packageName, string? packageToken = null, CancellationToken cancellationToken = default)
    {
        var request = RestoreRequest.ForOrg(_settings, org, packageType, packageName, packageToken);
        return SendAsync(
            request,
            token => _operations.Packages_restorePackageForOrgAsync(request.Registry.WireValue, packageName, org, packageToken, token),
            cancellationToken);
    }

    private static HttpClient CreateSharedHttpClient()
    {
#if NET
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
#else
        var handler = new HttpClientHandler();
#endif
        return new HttpClient(handler, disposeHandler: false);
    }

    private static ResiliencePipeline CreatePipeline(ClientSettings settings)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = settings.TimeProvider };
        if (settings.MaxRetries == 0)
        {
            return builder.Build();
        }

        var rules = new RetryRules(settings.MaxRetryDelay);
        var random = new Random();
        return builder.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = settings.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromSeconds(1),
            MaxDelay = settings.MaxRetryDelay + TimeSpan.FromSeconds(1),
            ShouldHandle = arguments => new ValueTask<bool>(rules.ShouldRetry(
                arguments.Outcome.Exception,
                arguments.AttemptNumber,
                settings.TimeProvider.GetUtcNow(),
                arguments.Context.CancellationToken.IsCancellationRequested)),
            DelayGenerator = arguments =>
            {
                lock (random)
                {
                    return new ValueTask<TimeSpan?>(RetryRules.Delay(arguments.Outcome.Exception, arguments.AttemptNumber, settings.TimeProvider.GetUtcNow(), random));
                }
            },
            OnRetry = arguments =>
            {
                RestoreLog.Retrying(settings.Logger, arguments.Context.Properties.GetValue(RequestKey, null!), arguments.RetryDelay, arguments.AttemptNumber + 2);
                return default;
            },
        }).Build();
    }

    private async Task SendAsync(RestoreRequest request, Func<CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        var attempts = 0;
        var logger = _settings.Logger;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, request);
        try
        {
            await _pipeline.ExecuteAsync(
                async (pipelineContext, _) =>
                {
                    var token = pipelineContext.CancellationToken;
                    attempts++;
                    RestoreLog.Sending(logger, request, attempts);
                    try
                    {
                        await _spacer.SendAsync(send, token).ConfigureAwait(false);
                    }
                    catch (ServiceResponseException answer)
                    {
                        RestoreLog.Failed(logger, request, attempts, answer);
                        throw;
                    }
                    catch (Exception failure) when (failure is HttpRequestException || (failure is OperationCanceledException && !token.IsCancellationRequested))
                    {
                        RestoreLog.TransportFailed(logger, request, attempts, failure);
                        throw;
                    }

                    RestoreLog.Restored(logger, request, attempts);
                },
                context,
                default(object)).ConfigureAwait(false);
        }
        catch (ServiceResponseException answer)
        {
            throw GitHubApiException.FromResponse(answer, request, attempts);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
