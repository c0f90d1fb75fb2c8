// Injected faults: a 5xx instead of processing, a dropped connection before or after the restore, and latency on the simulator's clock.
using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace RestoreSdk.Testing.Tests;

public class FaultTests
{
    private const string Token = "ghp_faults_alice";
    private const string Target = "user/packages/npm/left-pad/restore";
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new FakeTimeProvider(Now);

    [Fact(Timeout = 30_000)]
    public async Task A_server_error_is_answered_instead_of_the_restore_then_the_next_request_is_processed()
    {
        var simulator = Alice().FailNext(SimulatedFault.ServerError(503));

        using var failed = await simulator.PostAsync(Target, Token);
        using var restored = await simulator.PostAsync(Target, Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal("503", (string?)(await failed.ErrorAsync())["status"]);
        Assert.NotNull(failed.Header("X-GitHub-Request-Id"));
        Assert.Equal(HttpStatusCode.NoContent, restored.StatusCode);
        Assert.Equal(new int?[] { 503, 204 }, new[] { simulator.Requests[0].StatusCode, simulator.Requests[1].StatusCode });
    }

    [Fact(Timeout = 30_000)]
    public async Task A_connection_dropped_before_processing_throws_and_restores_nothing()
    {
        var simulator = Alice().FailNext(SimulatedFault.DroppedConnection());

        await Assert.ThrowsAsync<HttpRequestException>(() => simulator.PostAsync(Target, Token));

        Assert.Empty(simulator.Restores);
        Assert.Null(Assert.Single(simulator.Requests).StatusCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_connection_dropped_after_processing_throws_though_the_package_was_restored()
    {
        var simulator = Alice().FailNext(SimulatedFault.DroppedConnection(afterProcessing: true));

        await Assert.ThrowsAsync<HttpRequestException>(() => simulator.PostAsync(Target, Token));

        Assert.Single(simulator.Restores);
        Assert.Null(Assert.Single(simulator.Requests).StatusCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task Latency_holds_the_answer_until_the_simulators_clock_moves_on()
    {
        var simulator = Alice().FailNext(SimulatedFault.Latency(TimeSpan.FromSeconds(5)));

        var answer = simulator.PostAsync(Target, Token);
        _clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(answer.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(1));
        using var response = await answer;

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Now.AddSeconds(5), Assert.Single(simulator.Restores).RestoredAt);
    }

    [Fact(Timeout = 30_000)]
    public async Task Latency_for_every_answer_can_be_cancelled_by_the_caller()
    {
        var simulator = Alice();
        simulator.Latency = TimeSpan.FromSeconds(5);
        using var cancellation = new System.Threading.CancellationTokenSource();
        using var invoker = new HttpMessageInvoker(simulator, disposeHandler: false);

        var answer = invoker.SendAsync(Wire.Restore(simulator, Target, Token), cancellation.Token);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => answer);
        Assert.Empty(simulator.Restores);
    }

    [Fact]
    public void Faults_reject_values_that_are_not_faults()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedFault.ServerError(404));
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedFault.Latency(TimeSpan.Zero));
    }

    private GitHubSimulator Alice() =>
        new GitHubSimulator(_clock)
            .AddClassicToken(Token, "alice", "read:packages", "write:packages")
            .AddDeletedPackage("alice", "npm", "left-pad", Now.AddDays(-1));
}
