// Registers PackagesClient as a typed HttpClient through Microsoft.Extensions.Http.
using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RestoreSdk;

/// <summary>Registers <see cref="IPackagesClient"/> with dependency injection.</summary>
public static class PackagesServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IPackagesClient"/> as a typed client of <c>IHttpClientFactory</c>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the client's options.</param>
    /// <returns>The builder of the underlying HttpClient, to add handlers or resilience.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is null.</exception>
    public static IHttpClientBuilder AddPackagesClient(this IServiceCollection services, Action<PackagesClientOptions> configure)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        if (configure is null)
        {
            throw new ArgumentNullException(nameof(configure));
        }

        services.AddOptions<PackagesClientOptions>().Configure(configure);
        return services.AddHttpClient<IPackagesClient, PackagesClient>(
            (httpClient, provider) => new PackagesClient(httpClient, provider.GetRequiredService<IOptions<PackagesClientOptions>>().Value));
    }
}
