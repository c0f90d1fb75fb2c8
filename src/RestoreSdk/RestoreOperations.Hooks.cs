// Finishes the NSwag-generated RestoreOperations: the hooks its async mode requires, GitHub's headers, and error bodies kept as text.
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace RestoreSdk;

internal partial class RestoreOperations
{
    private const string GitHubMediaType = "application/vnd.github+json";

    private readonly ClientSettings _clientSettings;

    public RestoreOperations(HttpClient httpClient, ClientSettings settings)
        : this(httpClient)
    {
        _clientSettings = settings;
        BaseUrl = settings.BaseAddress.AbsoluteUri;
    }

    // Keeps every error body as text so GitHubApiException can carry it, whether or not it is JSON.
    partial void Initialize() => ReadResponseAsString = true;

    private Task PrepareRequestAsync(HttpClient client, HttpRequestMessage request, StringBuilder urlBuilder, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    private Task PrepareRequestAsync(HttpClient client, HttpRequestMessage request, string url, CancellationToken cancellationToken)
    {
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GitHubMediaType));
        request.Headers.Remove("X-GitHub-Api-Version");
        request.Headers.TryAddWithoutValidation("X-GitHub-Api-Version", _clientSettings.ApiVersion);
        request.Headers.Remove("User-Agent");
        request.Headers.TryAddWithoutValidation("User-Agent", _clientSettings.UserAgent);
        if (_clientSettings.Token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _clientSettings.Token);
        }

        return Task.CompletedTask;
    }

    private Task ProcessResponseAsync(HttpClient client, HttpResponseMessage response, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
