// The simulator's record: each request as received, raw target and headers, with the token, the package token and other credentials masked.
using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace RestoreSdk.Testing.Tests;

public class RecordingTests
{
    private const string Token = "ghp_recording_secret_alice";
    private const string PackageToken = "package-secret-123";
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact(Timeout = 30_000)]
    public async Task Requests_keep_the_raw_target_and_headers_with_every_secret_masked()
    {
        var clock = new FakeTimeProvider(Now);
        var simulator = new GitHubSimulator(clock)
            .AddOrganization("acme", "alice")
            .AddClassicToken(Token, "alice", "read:packages", "write:packages");
        var request = Wire.Restore(simulator, $"orgs/acme/packages/container/acme%2Fweb%20app/restore?token={PackageToken}&page=1", Token);
        request.Headers.Add("Cookie", "session=secret-cookie");
        request.Headers.Add("X-GitHub-Api-Version", "2022-11-28");

        using var response = await simulator.SendAsync(request);

        var recorded = Assert.Single(simulator.Requests);
        Assert.Equal("POST", recorded.Method);
        Assert.Equal("/orgs/acme/packages/container/acme%2Fweb%20app/restore?token=***&page=1", recorded.Target);
        Assert.Equal("Bearer ***", recorded.Headers["authorization"]);
        Assert.Equal("***", recorded.Headers["Cookie"]);
        Assert.Equal("simulator-tests", recorded.Headers["User-Agent"]);
        Assert.Equal("2022-11-28", recorded.Headers["X-GitHub-Api-Version"]);
        Assert.Equal(Now, recorded.ReceivedAt);
        Assert.Equal(404, recorded.StatusCode);
        Assert.Equal(response.Headers.GetValues("X-GitHub-Request-Id").Single(), recorded.RequestId);
        var everything = string.Join("\n", simulator.Requests.SelectMany(r => r.Headers.Values.Append(r.Target).Append(r.ToString())));
        Assert.DoesNotContain(Token, everything);
        Assert.DoesNotContain(PackageToken, everything);
        Assert.DoesNotContain("secret-cookie", everything);
    }

    [Fact(Timeout = 30_000)]
    public async Task Requests_are_listed_in_order_of_arrival_with_distinct_request_ids()
    {
        var simulator = new GitHubSimulator(new FakeTimeProvider(Now))
            .AddClassicToken(Token, "alice", "write:packages");

        for (var i = 0; i < 3; i++)
        {
            using var response = await simulator.PostAsync($"user/packages/npm/package-{i}/restore", Token);
        }

        Assert.Equal(
            new[] { "/user/packages/npm/package-0/restore", "/user/packages/npm/package-1/restore", "/user/packages/npm/package-2/restore" },
            simulator.Requests.Select(request => request.Target));
        Assert.Equal(3, simulator.Requests.Select(request => request.RequestId).Distinct().Count());
        Assert.Equal("POST /user/packages/npm/package-0/restore → 404", simulator.Requests[0].ToString());
    }
}
