// Pins that AttemptTimeout ends a silent attempt as a retried transient failure, and that cancelling ends a call whatever its token provider does.
using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class AttemptTimeoutTests
{
    // Short next to HttpClient's 100 s, long enough for a loaded machine to connect and send within it.
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(1);

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_server_that_never_finishes_its_answer_costs_each_attempt_AttemptTimeout_and_is_retried(bool afterErrorHeaders)
    {
        await using var server = new RawHttpRecorder(afterErrorHeaders ? RawReply.StallBody : RawReply.Hold);
        var client = new PackagesClient(new PackagesClientOptions
        {
            BaseAddress = server.BaseAddress,
            AttemptTimeout = ShortTimeout,
            MaxRetries = 2,
            TimeProvider = new InstantTimeProvider(),
        });
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<TaskCanceledException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));
        var elapsed = clock.Elapsed;

        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Contains("AttemptTimeout", error.Message);
        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"took {elapsed}"); // HttpClient.Timeout alone would take 300 s
        await server.WaitForRequestsAsync(3);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_404_after_an_attempt_that_timed_out_says_the_timed_out_attempt_may_have_restored_the_package()
    {
        const string NotFound = "{\"message\":\"Not Found\"}";
        await using var server = new HostileHttpServer((request, index, connection, stop) => index == 0
            ? Task.Delay(Timeout.Infinite, stop)
            : HostileHttpServer.Raw($"HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: {NotFound.Length}\r\nConnection: close\r\n\r\n{NotFound}")(request, index, connection, stop));
        var client = new PackagesClient(new PackagesClientOptions
        {
            BaseAddress = server.BaseAddress,
            AttemptTimeout = ShortTimeout,
            TimeProvider = new InstantTimeProvider(),
        });

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Equal(404, error.StatusCode);
        Assert.Contains("may already have restored", error.Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_callers_cancellation_within_AttemptTimeout_is_reported_as_cancellation_not_as_a_timeout()
    {
        await using var server = new RawHttpRecorder(RawReply.Hold);
        var client = new PackagesClient(new PackagesClientOptions
        {
            BaseAddress = server.BaseAddress,
            AttemptTimeout = TimeSpan.FromMinutes(5),
            MaxRetries = 0,
            TimeProvider = new InstantTimeProvider(),
        });
        using var cancellation = new CancellationTokenSource();

        var restore = client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad", cancellationToken: cancellation.Token);
        await server.Stalling.WaitAsync(TimeSpan.FromSeconds(10));
        cancellation.Cancel();

        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => restore);
        Assert.IsNotType<TimeoutException>(cancelled.InnerException);
        Assert.DoesNotContain("AttemptTimeout", cancelled.Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task Attempts_after_successful_ones_are_still_bounded_by_AttemptTimeout()
    {
        // The client reuses the token source of an attempt that ended uncancelled; a later attempt must still time out.
        // A longer timeout than the other tests': the two restores before must not run out on a loaded machine.
        await using var server = new RawHttpRecorder(RawReply.NoContent, RawReply.NoContent, RawReply.Hold);
        var client = new PackagesClient(new PackagesClientOptions
        {
            BaseAddress = server.BaseAddress,
            AttemptTimeout = TimeSpan.FromSeconds(5),
            MaxRetries = 0,
            MinimumWriteInterval = TimeSpan.Zero,
        });

        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "first");
        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "second");
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<TaskCanceledException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "third"));

        var elapsed = clock.Elapsed;

        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"took {elapsed}");
        await server.WaitForRequestsAsync(3);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_token_provider_that_never_answers_is_ended_by_AttemptTimeout_and_nothing_is_sent()
    {
        await using var server = new RawHttpRecorder();
        var client = new PackagesClient(new PackagesClientOptions
        {
            BaseAddress = server.BaseAddress,
            TokenProvider = _ => new TaskCompletionSource<string>().Task,
            AttemptTimeout = ShortTimeout,
            MaxRetries = 0,
        });

        var error = await Assert.ThrowsAsync<TaskCanceledException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Empty(server.Requests);
    }

    [Fact(Timeout = 30_000)]
    public async Task Cancelling_ends_a_call_whose_token_provider_ignores_cancellation_and_frees_the_spaced_client_for_the_next_call()
    {
        await using var server = new RawHttpRecorder();
        var firstProviderCall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var providerCalls = 0;
        var client = new PackagesClient(new PackagesClientOptions
        {
            BaseAddress = server.BaseAddress,
            MinimumWriteInterval = TimeSpan.FromSeconds(1),
            TimeProvider = new InstantTimeProvider(),
            AttemptTimeout = Timeout.InfiniteTimeSpan,
            TokenProvider = _ =>
            {
                if (Interlocked.Increment(ref providerCalls) == 1)
                {
                    firstProviderCall.SetResult();
                    return new TaskCompletionSource<string>().Task; // never completes, and ignores its token
                }

                return Task.FromResult("ghp_second");
            },
        });
        using var cancellation = new CancellationTokenSource();

        var first = client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "first", cancellationToken: cancellation.Token);
        await firstProviderCall.Task;
        var second = client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "second");
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.WaitAsync(TimeSpan.FromSeconds(10)));
        await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("/user/packages/npm/second/restore", Assert.Single(server.Requests).Target);
    }
}
