// The public restore client: validates arguments, drives the generated RestoreOperations, and maps failures to GitHubApiException.
using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace RestoreSdk;

/// <summary>Restores deleted GitHub packages. One instance is safe for many concurrent calls.</summary>
public partial class PackagesClient : IPackagesClient
{
    private static readonly Lazy<HttpClient> SharedHttpClient = new Lazy<HttpClient>(CreateSharedHttpClient, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly ClientSettings _settings;
    private readonly RestoreOperations _operations;

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
    }

    /// <inheritdoc />
    public Task RestorePackageForAuthenticatedUserAsync(UserPackageType packageType, string packageName, string? packageToken = null, CancellationToken cancellationToken = default)
    {
        var request = RestoreRequest.ForUser(packageType, packageName, packageToken);
        return SendAsync(
            request,
            token => _operations.Packages_restorePackageForAuthenticatedUserAsync(request.Registry.WireValue, packageName, packageToken, token),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task RestorePackageForOrgAsync(string org, OrgPackageType packageType, string packageName, string? packageToken = null, CancellationToken cancellationToken = default)
    {
        var request = RestoreRequest.ForOrg(org, packageType, packageName, packageToken);
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

    private async Task SendAsync(RestoreRequest request, Func<CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        try
        {
            await send(cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceResponseException response)
        {
            throw GitHubApiException.FromResponse(response, request, _settings);
        }
    }
}
