// Pins that cancellation stops a pending restore promptly and that one client serves many concurrent calls.
using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class CancellationAndConcurrencyTests
{
    [Fact]
    public async Task Cancelling_a_pending_restore_ends_it_long_before_the_server_answers()
    {
        await using var silentServer = new RawHttpRecorder(RawReply.Hold);
        var client = new PackagesClient(new PackagesClientOptions { BaseAddress = silentServer.BaseAddress });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad", cancellationToken: cancellation.Token));

        // HttpClient's own timeout is 100 s; anything far below it proves the token, not a timeout, ended the call.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"cancellation took {clock.Elapsed}");
        Assert.Single(silentServer.Requests);
    }

    [Fact]
    public async Task Already_cancelled_token_sends_nothing()
    {
        using var stub = new GitHubStub();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => stub.Client().RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "left-pad", cancellationToken: new CancellationToken(canceled: true)));

        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task One_client_serves_many_concurrent_restores_each_with_its_own_route_and_headers()
    {
        using var stub = new GitHubStub();
        var client = stub.Client(options => options.Token = "ghp_shared");
        var names = Enumerable.Range(0, 40).Select(i => $"package-{i}").ToList();

        await Task.WhenAll(names.Select((name, i) => i % 2 == 0
            ? client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, name)
            : client.RestorePackageForOrgAsync("acme", OrgPackageType.NuGet, name)));

        var paths = stub.Requests.Select(request => request.Path).OrderBy(path => path, StringComparer.Ordinal);
        var expected = names.Select((name, i) => i % 2 == 0 ? $"/user/packages/npm/{name}/restore" : $"/orgs/acme/packages/nuget/{name}/restore");
        Assert.Equal(expected.OrderBy(path => path, StringComparer.Ordinal), paths);
        Assert.All(stub.Requests, request => Assert.Equal("Bearer ghp_shared", Assert.Single(request.Headers!["Authorization"])));
    }
}
