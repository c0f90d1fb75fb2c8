// Pins that an error body is read only to a 64 KiB prefix, so a huge or endless answer neither grows memory nor holds the call.
using System;
using System.Diagnostics;
using System.Text;
using System.Threading.Tasks;
using RestoreSdk.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RestoreSdk.Tests;

// Alone, so that allocation figures are not mixed with other tests' work.
[CollectionDefinition(nameof(BoundedBodyTests), DisableParallelization = true)]
public sealed class BoundedBodyCollection
{
}

[Collection(nameof(BoundedBodyTests))]
public sealed class BoundedBodyTests
{
    private const string Token = "ghp_BoundedBodyEchoedToken0123456789";

    // Generous next to the 64 KiB read (the client, its logs and the loopback server share this process), tiny next to 50 MiB.
    private const long AllocationBound = 8L * 1024 * 1024;

    private readonly ITestOutputHelper _output;

    public BoundedBodyTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_50_MiB_or_endless_error_body_is_cut_at_64_KiB_with_bounded_allocation(bool endless)
    {
        // A JSON error whose message echoes the token across the 64 KiB boundary, so the cut splits it.
        var filler = new string('a', ServiceResponseException.BodyLimit - "{\"message\":\"".Length - 10);
        var prefix = Encoding.ASCII.GetBytes("{\"message\":\"" + filler + Token);
        var block = Encoding.ASCII.GetBytes(new string('b', 64 * 1024));
        const long fiftyMiB = 50L * 1024 * 1024;
        await using var server = new HostileHttpServer(async (_, _, connection, stop) =>
        {
            var head = endless
                ? "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                : $"HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: {fiftyMiB}\r\n\r\n";
            await connection.WriteAsync(Encoding.ASCII.GetBytes(head), stop);
            await WriteAsync(prefix);
            for (long sent = prefix.Length; endless || sent < fiftyMiB; sent += block.Length)
            {
                await WriteAsync(endless || fiftyMiB - sent >= block.Length ? block : block.AsMemory(0, (int)(fiftyMiB - sent)));
            }

            async Task WriteAsync(ReadOnlyMemory<byte> bytes)
            {
                if (endless)
                {
                    await connection.WriteAsync(Encoding.ASCII.GetBytes($"{bytes.Length:x}\r\n"), stop);
                }

                await connection.WriteAsync(bytes, stop);
                if (endless)
                {
                    await connection.WriteAsync("\r\n"u8.ToArray(), stop);
                }
            }
        });
        var client = new PackagesClient(new PackagesClientOptions
        {
            BaseAddress = server.BaseAddress,
            Token = Token,
            MaxRetries = 0,
            TimeProvider = new InstantTimeProvider(),
        });
        var clock = Stopwatch.StartNew();
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        _output.WriteLine($"{(endless ? "endless" : "50 MiB")} body: {allocated:N0} bytes allocated, {clock.Elapsed.TotalMilliseconds:N0} ms");
        Assert.InRange(allocated, 0, AllocationBound);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(25), $"took {clock.Elapsed}"); // generous for a loaded machine; an endless body never ends
        Assert.Equal(500, error.StatusCode);
        Assert.EndsWith($"***\n[RestoreSdk: the body was cut after its first {ServiceResponseException.BodyLimit} bytes.]", error.Response);
        Assert.StartsWith("{\"message\":\"" + filler, error.Response);
        Assert.InRange(error.Message.Length, 0, 2_000);
        Assert.DoesNotContain(Token[..10], error.ToString());
    }
}
