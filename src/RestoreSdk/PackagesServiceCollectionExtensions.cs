// Registers PackagesClient as a typed HttpClient through Microsoft.Extensions.Http, with options validated at start.
using System;
using System.Linq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RestoreSdk;

/// <summary>Registers <see cref="IPackagesClient"/> with dependency injection.</summary>
public static class PackagesServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IPackagesClient"/> as a typed client of <c>IHttpClientFactory</c>, with options set in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the client's options.</param>
    /// <returns>The builder of the underlying HttpClient, to add handlers.</returns>
    /// <remarks>The options are validated when the host starts; invalid ones fail with <see cref="OptionsValidationException"/>.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is null.</exception>
    public static IHttpClientBuilder AddPackagesClient(this IServiceCollection services, Action<PackagesClientOptions> configure)
    {
        if (configure is null)
        {
            throw new ArgumentNullException(nameof(configure));
        }

        return Register(services, options => options.Configure(configure));
    }

    /// <summary>Registers <see cref="IPackagesClient"/> as a typed client of <c>IHttpClientFactory</c>, with options bound from configuration.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">A section with keys named after <see cref="PackagesClientOptions"/> properties, such as <c>BaseAddress</c> and <c>Token</c>.</param>
    /// <returns>The builder of the underlying HttpClient, to add handlers.</returns>
    /// <remarks>The options are validated when the host starts; invalid ones fail with <see cref="OptionsValidationException"/>.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is null.</exception>
    public static IHttpClientBuilder AddPackagesClient(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration is null)
        {
            throw new ArgumentNullException(nameof(configuration));
        }

        return Register(services, options => options.Bind(configuration));
    }

    private static IHttpClientBuilder Register(IServiceCollection services, Action<OptionsBuilder<PackagesClientOptions>> configure)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        var options = services.AddOptions<PackagesClientOptions>();
        configure(options);
        options
            .PostConfigure<IServiceProvider>((settings, provider) =>
            {
                settings.LoggerFactory ??= provider.GetService<ILoggerFactory>();
                settings.TimeProvider ??= provider.GetService<TimeProvider>();
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PackagesClientOptions>, PackagesClientOptionsValidator>());

        // The typed client is transient; one runtime keeps write spacing, the rate-limit gate and retry state application-wide.
        services.TryAddSingleton(provider => ClientRuntime.From(provider.GetRequiredService<IOptions<PackagesClientOptions>>().Value));
        var builder = services.AddHttpClient<IPackagesClient, PackagesClient>(
            (httpClient, provider) => new PackagesClient(httpClient, provider.GetRequiredService<ClientRuntime>()));

        // First in the collection, so the outermost filter: it runs after every other filter and configuration, on the final primary handler,
        // and IHttpClientFactory's logging handlers (and the caller's) all end up above the guard it adds.
        if (!services.Any(service => service.ImplementationInstance is PrimaryHandlerGuard guard && guard.ClientName == builder.Name))
        {
            services.Insert(0, ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter>(new PrimaryHandlerGuard(builder.Name)));
        }

        return builder;
    }

    // A restore re-sent to a redirect's Location could restore another package; the client reports redirects instead (see GitHubApiException.RedirectLocation).
    // By name, so that the netstandard2.0 build also reaches SocketsHttpHandler (IHttpClientFactory's default on .NET) and any other handler that follows redirects.
    private static void DoNotFollowRedirects(System.Net.Http.HttpMessageHandler handler)
    {
        if (handler is System.Net.Http.HttpClientHandler clientHandler)
        {
            clientHandler.AllowAutoRedirect = false;
        }
        else if (handler.GetType().GetProperty("AllowAutoRedirect", typeof(bool)) is { CanWrite: true } allowAutoRedirect)
        {
            allowAutoRedirect.SetValue(handler, false);
        }
    }

    // Whatever primary handler the client ends up with (the default, or the caller's from ConfigurePrimaryHttpMessageHandler):
    // no redirects followed, and wrapped in TransportFailureHandler, so no log event of Microsoft.Extensions.Http quotes a malformed answer;
    // and when the process turns URI redaction off, no default IHttpClientFactory logger for this client.
    private sealed class PrimaryHandlerGuard : IHttpMessageHandlerBuilderFilter
    {
        public PrimaryHandlerGuard(string clientName)
        {
            ClientName = clientName;
        }

        public string ClientName { get; }

        public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) =>
            builder =>
            {
                next(builder);
                if (builder.Name != ClientName)
                {
                    return;
                }

                if (builder.PrimaryHandler is not TransportFailureHandler)
                {
                    DoNotFollowRedirects(builder.PrimaryHandler);
                    builder.PrimaryHandler = new TransportFailureHandler(builder.PrimaryHandler);
                }

                if (UriRedactionDisabled())
                {
                    // IHttpClientFactory's default loggers would then print each request URI whole, package token included.
                    for (var i = builder.AdditionalHandlers.Count - 1; i >= 0; i--)
                    {
                        if (builder.AdditionalHandlers[i] is LoggingHttpMessageHandler or LoggingScopeHttpMessageHandler)
                        {
                            builder.AdditionalHandlers.RemoveAt(i);
                        }
                    }
                }
            };

        // The switch (or environment variable) with which .NET logs URIs with their query.
        private static bool UriRedactionDisabled() => IsUriRedactionDisabled(
            AppContext.TryGetSwitch("System.Net.Http.DisableUriRedaction", out var disabled) ? disabled : (bool?)null,
            Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_HTTP_DISABLEURIREDACTION"));
    }

    /// <summary>
    /// Whether .NET logs URIs whole, read as Microsoft.Extensions.Http reads it: the AppContext switch (null when unset) wins;
    /// otherwise the environment variable, <c>true</c>/<c>false</c> in any case or a number, non-zero meaning off.
    /// </summary>
    internal static bool IsUriRedactionDisabled(bool? appContextSwitch, string? environmentVariable)
    {
        if (appContextSwitch is { } disabled)
        {
            return disabled;
        }

        return bool.TryParse(environmentVariable, out disabled) ? disabled : uint.TryParse(environmentVariable, out var number) && number != 0;
    }

    private sealed class PackagesClientOptionsValidator : IValidateOptions<PackagesClientOptions>
    {
        public ValidateOptionsResult Validate(string? name, PackagesClientOptions options)
        {
            var problems = ClientSettings.Problems(options).ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
