// Finishes the NSwag-generated RestoreOperations: the hooks its async mode requires, GitHub's headers, and answers as exceptions.
using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace RestoreSdk;

internal partial class RestoreOperations
{
    private const string GitHubMediaType = "application/vnd.github+json";

    // The restore call the generated methods are sending for: they take no per-call state, so PackagesClient sets this around each attempt.
    private static readonly AsyncLocal<RestoreAttempts?> CurrentCall = new AsyncLocal<RestoreAttempts?>();

    private readonly ClientSettings _clientSettings;

    public RestoreOperations(HttpClient httpClient, ClientSettings settings)
        : this(httpClient)
    {
        _clientSettings = settings;
        BaseUrl = settings.BaseAddress.AbsoluteUri;
    }

    private Task PrepareRequestAsync(HttpClient client, HttpRequestMessage request, StringBuilder urlBuilder, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    private async Task PrepareRequestAsync(HttpClient client, HttpRequestMessage request, string url, CancellationToken cancellationToken)
    {
        RouteGuard.RequireUnchanged(url, request.RequestUri!);
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GitHubMediaType));
        request.Headers.Remove("X-GitHub-Api-Version");
        request.Headers.TryAddWithoutValidation("X-GitHub-Api-Version", _clientSettings.ApiVersion);
        request.Headers.Remove("User-Agent");
        request.Headers.TryAddWithoutValidation("User-Agent", _clientSettings.UserAgent);
        var token = await CurrentTokenAsync(cancellationToken).ConfigureAwait(false);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        CurrentCall.Value?.Sent();
    }

    /// <summary>Runs one attempt of <paramref name="attempts"/>' call, letting the hooks record on it whether a request left and what a 204 said.</summary>
    public static async Task SendForAsync(RestoreAttempts attempts, Func<CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        // Set inside this async method, so the value flows into the generated call and is gone again when it returns.
        CurrentCall.Value = attempts;
        await send(cancellationToken).ConfigureAwait(false);
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

    private async Task<string?> CurrentTokenAsync(CancellationToken cancellationToken)
    {
        if (_clientSettings.TokenProvider is not { } provider)
        {
            return _clientSettings.Token;
        }

        var token = await provider(cancellationToken).ConfigureAwait(false);
        return token is not null && ClientSettings.IsHeaderValue(token)
            ? token
            : throw new InvalidOperationException("PackagesClientOptions.TokenProvider returned an empty token or one that is not printable ASCII; nothing was sent.");
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
