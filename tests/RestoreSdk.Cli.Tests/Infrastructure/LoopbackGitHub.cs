// A raw HTTP/1.1 server on 127.0.0.1 that answers each request from a script and records its request line and the test clock's time.
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace RestoreSdk.Cli.Tests.Infrastructure;

internal sealed record LoopbackRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, DateTimeOffset At);

/// <summary>An answer: status, extra headers and a body (JSON in GitHub's error shape when not given).</summary>
internal sealed record LoopbackReply(int Status, IReadOnlyDictionary<string, string>? Headers = null, string? Body = null)
{
    public static readonly LoopbackReply NoContent = new LoopbackReply(204);

    public static LoopbackReply Error(int status, string message, IReadOnlyDictionary<string, string>? headers = null) =>
        new LoopbackReply(status, headers, $"{{\"message\":\"{message}\",\"documentation_url\":\"https://docs.github.com/rest/packages/packages\",\"status\":\"{status}\"}}");
}

internal sealed class LoopbackGitHub : IAsyncDisposable
{
    private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new CancellationTokenSource();
    private readonly ConcurrentQueue<LoopbackRequest> _requests = new ConcurrentQueue<LoopbackRequest>();
    private readonly Func<LoopbackRequest, int, LoopbackReply> _answer;
    private readonly TimeProvider _time;
    private readonly Task _acceptLoop;
    private int _count;

    /// <param name="time">The clock whose time each request is recorded at.</param>
    /// <param name="answer">The reply to a request and its zero-based position; 204 for all when null.</param>
    public LoopbackGitHub(TimeProvider time, Func<LoopbackRequest, int, LoopbackReply>? answer = null)
    {
        _time = time;
        _answer = answer ?? ((_, _) => LoopbackReply.NoContent);
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptLoop = AcceptAsync();
    }

    public Uri BaseAddress { get; }

    public IReadOnlyList<LoopbackRequest> Requests => _requests.ToArray();

    /// <summary>Called as each request arrives, before it is answered.</summary>
    public Action<LoopbackRequest>? OnRequest { get; set; }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
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
        {
            var stream = client.GetStream();
            var reader = new StreamReader(stream, Encoding.ASCII);
            var requestLine = await reader.ReadLineAsync();
            if (requestLine is null)
            {
                return;
            }

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            string? line;
            while (!string.IsNullOrEmpty(line = await reader.ReadLineAsync()))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }

            var parts = requestLine.Split(' ');
            var request = new LoopbackRequest(parts[0], parts[1], headers, _time.GetUtcNow());
            _requests.Enqueue(request);
            OnRequest?.Invoke(request);
            var reply = _answer(request, Interlocked.Increment(ref _count) - 1);
            var body = reply.Status == 204 ? string.Empty : reply.Body ?? string.Empty;
            var response = new StringBuilder()
                .Append($"HTTP/1.1 {reply.Status} {(reply.Status == 204 ? "No Content" : "Error")}\r\n")
                .Append("Connection: close\r\n")
                .Append($"X-GitHub-Request-Id: LOOP:{_count}\r\n");
            foreach (var header in reply.Headers ?? new Dictionary<string, string>())
            {
                response.Append($"{header.Key}: {header.Value}\r\n");
            }

            if (reply.Status != 204)
            {
                response.Append("Content-Type: application/json; charset=utf-8\r\n")
                    .Append($"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n");
            }

            response.Append("\r\n").Append(body);
            var bytes = Encoding.UTF8.GetBytes(response.ToString());
            await stream.WriteAsync(bytes);
            await stream.FlushAsync();
        }
    }
}
