// A loopback HTTP/1.1 server that answers each request with whatever bytes a test scripts, for answers no well-behaved server (or WireMock) sends.
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

/// <summary>Writes the answer to one request (the request, its 0-based index) onto the connection's stream.</summary>
internal delegate Task HostileAnswer(RawRequest request, int index, Stream connection, CancellationToken stop);

internal sealed class HostileHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new CancellationTokenSource();
    private readonly ConcurrentQueue<RawRequest> _requests = new ConcurrentQueue<RawRequest>();
    private readonly HostileAnswer _answer;
    private readonly Task _acceptLoop;
    private int _count;

    public HostileHttpServer(HostileAnswer answer)
    {
        _answer = answer;
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptLoop = AcceptAsync();
    }

    public Uri BaseAddress { get; }

    public IReadOnlyCollection<RawRequest> Requests => _requests.ToArray();

    /// <summary>An answer of raw ASCII text: a status line, headers and body exactly as given, then the connection closes.</summary>
    public static HostileAnswer Raw(string answer) =>
        (_, _, connection, stop) => connection.WriteAsync(Encoding.Latin1.GetBytes(answer), stop).AsTask();

    /// <summary>An answer of a raw head (Latin-1 bytes, so any byte can be scripted) and a UTF-8 body, then the connection closes.</summary>
    public static HostileAnswer Raw(string head, string body) =>
        async (_, _, connection, stop) =>
        {
            await connection.WriteAsync(Encoding.Latin1.GetBytes(head), stop);
            await connection.WriteAsync(Encoding.UTF8.GetBytes(body), stop);
        };

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
                await _answer(request, Interlocked.Increment(ref _count) - 1, stream, _stop.Token);
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
