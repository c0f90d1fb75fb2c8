// A loopback HTTP/1.1 endpoint that records each request line verbatim, because WireMock's Path is decoded and normalised.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace RestoreSdk.Tests.Infrastructure;

internal sealed record RawRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers);

/// <summary>What the recorder does after reading a request: answer 204, hold the connection, drop it, or send an error's headers and stall its body.</summary>
internal enum RawReply
{
    NoContent,
    Hold,
    Drop,
    StallBody,
}

internal sealed class RawHttpRecorder : IAsyncDisposable
{
    private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new CancellationTokenSource();
    private readonly ConcurrentQueue<RawRequest> _requests = new ConcurrentQueue<RawRequest>();
    private readonly SemaphoreSlim _replied = new SemaphoreSlim(0);
    private readonly Task _acceptLoop;

    private readonly RawReply[] _script;
    private readonly TaskCompletionSource _stalling = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _connections;

    /// <param name="script">The reply to successive requests, the last repeating; 204 for all when empty.</param>
    public RawHttpRecorder(params RawReply[] script)
    {
        _script = script.Length == 0 ? new[] { RawReply.NoContent } : script;
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptLoop = AcceptAsync();
    }

    public Uri BaseAddress { get; }

    public IReadOnlyCollection<RawRequest> Requests => _requests.ToArray();

    /// <summary>Completes once a request has been read and the recorder has begun to hold or stall its answer.</summary>
    public Task Stalling => _stalling.Task;

    public RawRequest Single() => Assert.Single(_requests);

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
                throw new TimeoutException($"The server saw {_requests.Count} requests within 20 s, not {count}.");
            }
        }

        _replied.Release(count);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        await using (var stream = client.GetStream())
        {
            var head = await ReadHeadAsync(stream);
            var lines = head.Split("\r\n");
            var requestLine = lines[0].Split(' ');
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines[1..])
            {
                var colon = line.IndexOf(':');
                if (colon > 0)
                {
                    headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                }
            }

            if (headers.TryGetValue("Content-Length", out var length) && int.Parse(length) > 0)
            {
                await stream.ReadExactlyAsync(new byte[int.Parse(length)], _stop.Token);
            }

            _requests.Enqueue(new RawRequest(requestLine[0], requestLine[1], headers));
            var reply = _script[Math.Min(Interlocked.Increment(ref _connections) - 1, _script.Length - 1)];
            if (reply == RawReply.StallBody)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"), _stop.Token);
            }

            _replied.Release();
            if (reply is RawReply.Hold or RawReply.StallBody)
            {
                _stalling.TrySetResult();
                await Task.Delay(Timeout.Infinite, _stop.Token);
            }

            if (reply == RawReply.Drop)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                return;
            }

            var answer = Encoding.ASCII.GetBytes("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(answer, _stop.Token);
        }
    }

    private async Task<string> ReadHeadAsync(Stream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (buffer.Count < 4 || !(buffer[^4] == '\r' && buffer[^3] == '\n' && buffer[^2] == '\r' && buffer[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0)
            {
                throw new EndOfStreamException("The client closed the connection before the end of the request head.");
            }

            buffer.Add(one[0]);
        }

        return Encoding.ASCII.GetString(buffer.ToArray(), 0, buffer.Count - 4);
    }
}
