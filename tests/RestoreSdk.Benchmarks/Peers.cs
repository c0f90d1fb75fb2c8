// The three clients compared, each set up once and restoring the same organization package against the loopback server.
using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace RestoreSdk.Benchmarks;

internal static class Peers
{
    public const string Org = "octo-org";

    // No '/' in the name: Octokit puts the name into the route unescaped, so "team/image" would reach another route.
    public const string PackageName = "octo-image";

    public const string Token = "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB";

    public const string ApiVersion = "2022-11-28";

    public const string UserAgent = "RestoreSdk.Benchmarks";
}

/// <summary>The floor: what a careful hand-written call costs, with the same headers and escaping as the SDK.</summary>
internal sealed class RawPeer
{
    private readonly HttpClient _client = new HttpClient();
    private readonly string _baseUrl;

    public RawPeer(Uri baseAddress)
    {
        _baseUrl = baseAddress.AbsoluteUri;
    }

    public async Task RestoreAsync()
    {
        var url = _baseUrl + "orgs/" + Uri.EscapeDataString(Peers.Org) + "/packages/container/" + Uri.EscapeDataString(Peers.PackageName) + "/restore";
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Headers.TryAddWithoutValidation("Accept", "application/vnd.github+json");
        request.Headers.TryAddWithoutValidation("X-GitHub-Api-Version", Peers.ApiVersion);
        request.Headers.TryAddWithoutValidation("User-Agent", Peers.UserAgent);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Peers.Token);
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NoContent)
        {
            throw new InvalidOperationException($"Expected 204, got {(int)response.StatusCode}.");
        }
    }
}

/// <summary>RestoreSdk as a caller would set it up for a loopback server: spacing and write budgets off, default retries.</summary>
internal sealed class SdkPeer
{
    private readonly PackagesClient _client;

    public SdkPeer(Uri baseAddress)
    {
        _client = new PackagesClient(new HttpClient(), new PackagesClientOptions
        {
            BaseAddress = baseAddress,
            Token = Peers.Token,
            UserAgent = Peers.UserAgent,
            MinimumWriteInterval = TimeSpan.Zero,
            WritesPerHour = 0,
            WritesPerMinute = 0,
        });
    }

    public async Task RestoreAsync() =>
        await _client.RestorePackageForOrgAsync(Peers.Org, OrgPackageType.Container, Peers.PackageName).ConfigureAwait(false);
}

/// <summary>Octokit 14, for comparison only. For a host other than api.github.com it sends to /api/v3/ under the base address.</summary>
internal sealed class OctokitPeer
{
    private readonly Octokit.GitHubClient _client;

    public OctokitPeer(Uri baseAddress)
    {
        _client = new Octokit.GitHubClient(new Octokit.ProductHeaderValue(Peers.UserAgent), baseAddress)
        {
            Credentials = new Octokit.Credentials(Peers.Token),
        };
    }

    public Task RestoreAsync() =>
        _client.Packages.RestoreForOrg(Peers.Org, Octokit.PackageType.Container, Peers.PackageName);
}
