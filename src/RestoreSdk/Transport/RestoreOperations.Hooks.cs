// Finishes the NSwag-generated RestoreOperations: the hooks its template calls, GitHub's headers, wire values, and answers as exceptions.
using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace RestoreSdk;

internal partial class RestoreOperations
{
    private const string GitHubMediaType = "application/vnd.github+json";

    /// <summary>
    /// The restore call the generated methods are sending for, where the hooks note whether a request left and what a 204 said. The generated
    /// methods take no per-call state, so PackagesClient sets this inside the async method of each attempt, which scopes it to that attempt.
    /// </summary>
    public static readonly AsyncLocal<RestoreAttempts?> CurrentCall = new AsyncLocal<RestoreAttempts?>();

    private readonly ClientSettings _clientSettings;

    // Built once: every request carries the same Authorization value unless a TokenProvider supplies one per attempt.
    private readonly string? _authorization;

    public RestoreOperations(HttpClient httpClient, ClientSettings settings)
        : this(httpClient)
    {
        _clientSettings = settings;
        _authorization = settings.Token is null ? null : "Bearer " + settings.Token;
        BaseUrl = settings.BaseAddress.AbsoluteUri;
    }

    /// <summary>The value GitHub's routes use for <paramref name="packageType"/>, as the spec's enum lists it.</summary>
    public static string WireValue(Package_type packageType) => packageType switch
    {
        Package_type.Npm => "npm",
        Package_type.Maven => "maven",
        Package_type.Rubygems => "rubygems",
        Package_type.Docker => "docker",
        Package_type.Nuget => "nuget",
        Package_type.Container => "container",
        _ => throw new ArgumentOutOfRangeException(nameof(packageType), packageType, "Not a package type of the spec."),
    };

    // Values are checked printable ASCII when the settings (or the provider's token) are accepted, so they are added unparsed.
    private Task PrepareRequestAsync(HttpClient client, HttpRequestMessage request, string url, CancellationToken cancellationToken)
    {
        RouteGuard.RequireUnchanged(url, request.RequestUri!);
        var headers = request.Headers;
        headers.TryAddWithoutValidation("Accept", GitHubMediaType);
        headers.TryAddWithoutValidation("X-GitHub-Api-Version", _clientSettings.ApiVersion);
        headers.TryAddWithoutValidation("User-Agent", _clientSettings.UserAgent);
        if (_clientSettings.TokenProvider is { } provider)
        {
            return AddProvidedTokenAsync(request, provider, cancellationToken);
        }

        if (_authorization is not null)
        {
            headers.TryAddWithoutValidation("Authorization", _authorization);
        }

        CurrentCall.Value?.Sent();
        return Task.CompletedTask;
    }

    // Every answer passes here: a 204 leaves its request id and rate limit on the call; any other is thrown with its body read and secrets noted.
    private async Task ProcessResponseAsync(HttpClient client, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        RestoreTelemetry.Answered(response);
        if (response.StatusCode != HttpStatusCode.NoContent)
        {
            throw await ServiceResponseException.ReadAsync(response, client.Timeout, cancellationToken).ConfigureAwait(false);
        }

        CurrentCall.Value?.Succeeded(Header(response, "X-GitHub-Request-Id"), GitHubRateLimit.From(name => Header(response, name)));
    }

    private static async Task AddProvidedTokenAsync(HttpRequestMessage request, Func<CancellationToken, Task<string>> provider, CancellationToken cancellationToken)
    {
        var token = await provider(cancellationToken).ConfigureAwait(false);
        if (token is null || !ClientSettings.IsHeaderValue(token))
        {
            throw new InvalidOperationException("PackagesClientOptions.TokenProvider returned an empty token or one that is not printable ASCII; nothing was sent.");
        }

        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        CurrentCall.Value?.Sent();
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
