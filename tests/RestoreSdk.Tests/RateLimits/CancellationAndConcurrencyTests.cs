// Pins that cancellation stops a pending restore promptly and that one client serves many concurrent calls.
using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class CancellationAndConcurrencyTests
{
    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cancelling_ends_a_restore_whose_answer_stalls(bool afterErrorHeaders)
    {
        await using var stallingServer = new RawHttpRecorder(afterErrorHeaders ? RawReply.StallBody : RawReply.Hold);
        var client = new PackagesClient(new PackagesClientOptions { BaseAddress = stallingServer.BaseAddress });
        using var cancellation = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();

        // Cancel only once the server holds the answer, so a slow machine cannot cancel before the request is sent.
        var restore = client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad", cancellationToken: cancellation.Token);
        await stallingServer.Stalling.WaitAsync(TimeSpan.FromSeconds(10));
        cancellation.Cancel();

        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => restore);
        Assert.IsNotType<TimeoutException>(cancelled.InnerException);
        Assert.DoesNotContain("timed out", cancelled.Message);

        // HttpClient's own timeout is 100 s; anything far below it proves the token, not a timeout, ended the call.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"cancellation took {clock.Elapsed}");
        Assert.Single(stallingServer.Requests);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_stalled_error_body_times_out_and_frees_the_client_for_the_next_restore()
    {
        await using var server = new RawHttpRecorder(RawReply.StallBody, RawReply.NoContent);
        // Also the next restore's bound, so generous enough for a loaded machine; far below the 100 s default all the same.
        using var httpClient = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var client = new PackagesClient(httpClient, new PackagesClientOptions { BaseAddress = server.BaseAddress, MaxRetries = 0, TimeProvider = new InstantTimeProvider() });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "stalled"));
        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "next");

        Assert.Equal(2, server.Requests.Count);
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
    public async Task Already_cancelled_call_neither_logs_an_attempt_nor_spends_the_write_budget()
    {
        using var stub = new GitHubStub();
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var client = stub.Client(options =>
        {
            options.LoggerFactory = loggerFactory;
            options.WritesPerHour = 1;
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad", cancellationToken: new CancellationToken(canceled: true)));
        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad");

        Assert.Single(stub.Requests);
        Assert.Empty(stub.Clock.Waits);
        Assert.Equal(new[] { "Sending", "Restored" }, logs.Logs.Where(log => log.Category == typeof(PackagesClient).FullName).Select(log => log.EventName));
    }

    [Fact]
    public async Task One_client_serves_many_concurrent_restores_each_reaching_its_own_route()
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
