// What both raw loopback test servers share: the listener, reading each request head verbatim, the record of requests, and stopping.
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

internal abstract class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new CancellationTokenSource();
    private readonly ConcurrentQueue<RawRequest> _requests = new ConcurrentQueue<RawRequest>();
    private Task _acceptLoop = Task.CompletedTask;
    private int _count;

    protected LoopbackHttpServer()
    {
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
    }

    public Uri BaseAddress { get; }

    public IReadOnlyCollection<RawRequest> Requests => _requests.ToArray();

    /// <summary>Cancelled when the server stops; answers waiting forever wait on it.</summary>
    protected CancellationToken Stopping => _stop.Token;

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception stopped) when (stopped is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    /// <summary>Starts accepting; called by a subclass's constructor once its own fields are set.</summary>
    protected void Start() => _acceptLoop = AcceptAsync();

    /// <summary>Answers <paramref name="request"/>, the server's <paramref name="index"/>th (from 0), already recorded, on its connection.</summary>
    protected abstract Task AnswerAsync(RawRequest request, int index, TcpClient client, Stream connection);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        await using (var stream = client.GetStream())
        {
            try
            {
                var request = await ReadRequestAsync(stream);
                _requests.Enqueue(request);
                await AnswerAsync(request, Interlocked.Increment(ref _count) - 1, client, stream);
            }
            catch (Exception gone) when (gone is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client hung up (as it should, for an endless body) or the server is stopping.
            }
        }
    }

    private async Task<RawRequest> ReadRequestAsync(Stream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0)
            {
                throw new EndOfStreamException("The client closed the connection before the end of the request head.");
            }

            head.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString(head.ToArray(), 0, head.Count - 4).Split("\r\n");
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

        return new RawRequest(requestLine[0], requestLine[1], headers);
    }
}
