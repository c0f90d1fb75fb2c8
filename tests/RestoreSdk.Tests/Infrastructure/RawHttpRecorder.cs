// A loopback HTTP/1.1 endpoint that records each request line verbatim, because WireMock's Path is decoded and normalised.
using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace RestoreSdk.Tests.Infrastructure;

/// <summary>What the recorder does after reading a request: answer 204, hold the connection, drop it, or send an error's headers and stall its body.</summary>
internal enum RawReply
{
    NoContent,
    Hold,
    Drop,
    StallBody,
}

internal sealed class RawHttpRecorder : LoopbackHttpServer
{
    private readonly SemaphoreSlim _replied = new SemaphoreSlim(0);
    private readonly RawReply[] _script;
    private readonly TaskCompletionSource _stalling = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="script">The reply to successive requests, the last repeating; 204 for all when empty.</param>
    public RawHttpRecorder(params RawReply[] script)
    {
        _script = script.Length == 0 ? new[] { RawReply.NoContent } : script;
        Start();
    }

    /// <summary>Completes once a request has been read and the recorder has begun to hold or stall its answer.</summary>
    public Task Stalling => _stalling.Task;

    public RawRequest Single() => Assert.Single(Requests);

    /// <summary>
    /// Waits, in real time up to a generous bound, until <paramref name="count"/> requests were recorded and each got what its reply sends
    /// before stalling (nothing, or a stalled body's head): on a loaded machine the server may see a request well after the client sent it.
    /// </summary>
    public async Task WaitForRequestsAsync(int count)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        for (var seen = 0; seen < count; seen++)
        {
            try
            {
                await _replied.WaitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The server saw {Requests.Count} requests within 20 s, not {count}.");
            }
        }

        _replied.Release(count);
    }

    protected override async Task AnswerAsync(RawRequest request, int index, TcpClient client, Stream connection)
    {
        var reply = _script[Math.Min(index, _script.Length - 1)];
        if (reply == RawReply.StallBody)
        {
            await connection.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"), Stopping);
        }

        _replied.Release();
        if (reply is RawReply.Hold or RawReply.StallBody)
        {
            _stalling.TrySetResult();
            await Task.Delay(Timeout.Infinite, Stopping);
        }

        if (reply == RawReply.Drop)
        {
            client.Client.LingerState = new LingerOption(true, 0);
            return;
        }

        await connection.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), Stopping);
    }
}
