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
    private readonly TokenKind _tokenKind;

    public RestoreOperations(HttpClient httpClient, ClientSettings settings)
        : this(httpClient)
    {
        _clientSettings = settings;
        _authorization = settings.Token is null ? null : "Bearer " + settings.Token;
        _tokenKind = TokenKinds.Of(settings.Token);
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
        // Stryker disable once Statement : .NET's Uri never rewrites these paths; the guard is for .NET Framework's parser (RouteGuardTests).
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

        Sent(request, _tokenKind);
        return Task.CompletedTask;
    }

    // Every answer passes here: one to another request (a followed redirect) fails; a 204 leaves its request id and rate limit on the call;
    // any other is thrown with at most a bounded prefix of its body read. Whatever is kept has the call's secrets masked.
    private async Task ProcessResponseAsync(HttpClient client, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var call = CurrentCall.Value;
        var secrets = call?.Request.Secrets ?? _clientSettings.TokenSecrets;
        RestoreTelemetry.Answered(response, secrets);
        var sent = call?.LastSent;
        if (sent is not null && response.RequestMessage is { } answered && !sent.IsAnsweredBy(answered))
        {
            throw ServiceResponseException.Redirected(response, answered.RequestUri, secrets);
        }

        if (response.StatusCode != HttpStatusCode.NoContent)
        {
            throw await ServiceResponseException.ReadAsync(response, client.Timeout, secrets, sent?.TokenKind ?? _tokenKind, cancellationToken).ConfigureAwait(false);
        }

        call?.Succeeded(secrets.Show(Header(response, "X-GitHub-Request-Id")), GitHubRateLimit.From((response, secrets), static (answer, name) => answer.secrets.Show(Header(answer.response, name))));
    }

    private static async Task AddProvidedTokenAsync(HttpRequestMessage request, Func<CancellationToken, Task<string>> provider, CancellationToken cancellationToken)
    {
        var pending = provider(cancellationToken)
            ?? throw new InvalidOperationException("PackagesClientOptions.TokenProvider returned no task; nothing was sent.");
        var token = await CancellationRace.WaitAsync(pending, cancellationToken).ConfigureAwait(false);
        if (token is null || !ClientSettings.IsHeaderValue(token))
        {
            throw new InvalidOperationException("PackagesClientOptions.TokenProvider returned an empty token or one that is not printable ASCII; nothing was sent.");
        }

        CurrentCall.Value?.Request.Secrets.Add(token);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        Sent(request, TokenKinds.Of(token));
    }

    // Recorded before sending: a handler that follows a redirect rewrites this same request message in place.
    private static void Sent(HttpRequestMessage request, TokenKind tokenKind) =>
        CurrentCall.Value?.Sent(new SentRequest(request.Method, request.RequestUri, tokenKind));

    // Stryker disable once Linq : TryGetValues succeeds only for a header with a value, so First and FirstOrDefault agree.
    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
