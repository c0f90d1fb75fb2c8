// Pins that a redirect is never followed whichever primary handler sends: the shared default one, or the one an app's HttpClient defaults choose for DI.
using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class PrimaryHandlerTests
{
    [Theory(Timeout = 30_000)]
    [InlineData(302)]
    [InlineData(307)]
    public async Task The_default_client_reports_a_redirect_without_following_it(int status)
    {
        await using var server = RedirectingServer(status);
        var client = new PackagesClient(new PackagesClientOptions { BaseAddress = server.BaseAddress, TimeProvider = new InstantTimeProvider() });

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => client.RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "left-pad"));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal("/orgs/victim/packages/npm/other/restore", error.RedirectLocation);
        Assert.Equal("/orgs/acme/packages/npm/left-pad/restore", Assert.Single(server.Requests).Target);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(302)]
    [InlineData(307)]
    public async Task Through_DI_a_redirect_is_not_followed_even_when_the_apps_defaults_make_HttpClientHandler_the_primary_handler(int status)
    {
        await using var server = RedirectingServer(status);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new InstantTimeProvider());
        services.ConfigureHttpClientDefaults(builder => builder.ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler()));
        services.AddPackagesClient(options => options.BaseAddress = server.BaseAddress);
        using var provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<GitHubApiException>(
            () => provider.GetRequiredService<IPackagesClient>().RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "left-pad"));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal("/orgs/victim/packages/npm/other/restore", error.RedirectLocation);
        Assert.Equal(new[] { "/orgs/acme/packages/npm/left-pad/restore" }, server.Requests.Select(request => request.Target));
    }

    // The shared client is created once per process, so its handler is pinned as built.
    [Fact]
    public void The_shared_handler_follows_no_redirects_and_on_the_NET_build_renews_connections_every_five_minutes()
    {
        using var handler = PackagesClient.CreateSharedHandler();

        if (LibraryBuild.IsNet)
        {
            var sockets = Assert.IsType<SocketsHttpHandler>(handler);
            Assert.False(sockets.AllowAutoRedirect);
            Assert.Equal(TimeSpan.FromMinutes(5), sockets.PooledConnectionLifetime);
        }
        else
        {
            Assert.False(Assert.IsType<HttpClientHandler>(handler).AllowAutoRedirect);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task A_callers_handler_that_rebuilds_the_same_uri_is_not_taken_for_a_redirect()
    {
        await using var server = RedirectingServer(307);
        var client = new PackagesClient(new HttpClient(new UriRebuildingHandler()), new PackagesClientOptions { BaseAddress = server.BaseAddress, TimeProvider = new InstantTimeProvider() });

        var result = await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad");

        Assert.Equal(204, result.StatusCode);
        Assert.Equal("/user/packages/npm/left-pad/restore", Assert.Single(server.Requests).Target);
    }

    // Redirects the restore to another package's route, which would answer 204 if a client followed.
    private static HostileHttpServer RedirectingServer(int status) =>
        new HostileHttpServer((request, index, connection, stop) => HostileHttpServer.Raw(request.Target.StartsWith("/orgs/acme/", StringComparison.Ordinal)
            ? $"HTTP/1.1 {status} Moved\r\nLocation: /orgs/victim/packages/npm/other/restore\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            : "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n")(request, index, connection, stop));

    // A handler some callers have: it sends an equal copy of the request's URI, a new object.
    private sealed class UriRebuildingHandler : DelegatingHandler
    {
        public UriRebuildingHandler()
            : base(new SocketsHttpHandler { AllowAutoRedirect = false })
        {
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
        {
            request.RequestUri = new Uri(request.RequestUri!.OriginalString);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
