// Pins that AddPackagesClient registers a typed client built from configured options and the factory's handler pipeline.
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task Registered_client_uses_the_configured_options_and_the_builders_handlers()
    {
        using var stub = new GitHubStub();
        var counter = new CountingHandler();
        var services = new ServiceCollection();
        services.AddPackagesClient(options =>
        {
            options.BaseAddress = stub.BaseAddress;
            options.Token = "ghp_from_di";
        }).AddHttpMessageHandler(() => counter);
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IPackagesClient>();
        await client.RestorePackageForOrgAsync("acme", OrgPackageType.Container, "acme/web");

        Assert.IsType<PackagesClient>(client);
        Assert.Equal(1, counter.Count);
        var request = stub.Single();
        Assert.Equal("/orgs/acme/packages/container/acme/web/restore", request.Path);
        Assert.Equal("Bearer ghp_from_di", Assert.Single(request.Headers!["Authorization"]));
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        public int Count { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Count++;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
