// A loopback HTTP/1.1 server that records each request line and its headers verbatim and answers with scripted raw responses.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Net472Consumer;

internal sealed class RecordedRequest
{
    public RecordedRequest(string line, Dictionary<string, string> headers)
    {
        Line = line;
        Headers = headers;
    }

    /// <summary>The request line exactly as received, e.g. <c>POST /user/packages/npm/left-pad/restore HTTP/1.1</c>.</summary>
    public string Line { get; }

    public Dictionary<string, string> Headers { get; }
}

internal sealed class LoopbackServer : IDisposable
{
    public const string NoContent = "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

    private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new ConcurrentQueue<RecordedRequest>();
    private readonly string[] _responses;
    private readonly Thread _acceptThread;
    private int _answered;

    /// <param name="responses">The raw responses to successive requests; the last one repeats.</param>
    public LoopbackServer(params string[] responses)
    {
        _responses = responses.Length == 0 ? new[] { NoContent } : responses;
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptThread = new Thread(AcceptLoop) { IsBackground = true };
        _acceptThread.Start();
    }

    public Uri BaseAddress { get; }

    public IReadOnlyCollection<RecordedRequest> Requests => _requests.ToArray();

    public static string Json(int status, string reason, string body, params string[] headers)
    {
        var head = new StringBuilder($"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json; charset=utf-8\r\n");
        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        head.Append($"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n");
        return head + body;
    }

    public void Dispose() => _listener.Stop();

    private void AcceptLoop()
    {
        while (true)
        {
            TcpClient connection;
            try
            {
                connection = _listener.AcceptTcpClient();
            }
            catch (Exception e) when (e is SocketException || e is ObjectDisposedException || e is InvalidOperationException)
            {
                return;
            }

            Task.Run(() => Serve(connection));
        }
    }

    private void Serve(TcpClient connection)
    {
        using (connection)
        {
            connection.ReceiveTimeout = 10_000;
            var stream = connection.GetStream();
            var line = ReadLine(stream);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var header = ReadLine(stream); header.Length > 0; header = ReadLine(stream))
            {
                var colon = header.IndexOf(':');
                headers[header.Substring(0, colon)] = header.Substring(colon + 1).Trim();
            }

            if (headers.TryGetValue("Content-Length", out var length))
            {
                var body = new byte[int.Parse(length)];
                for (var read = 0; read < body.Length;)
                {
                    var got = stream.Read(body, read, body.Length - read);
                    if (got == 0)
                    {
                        break;
                    }

                    read += got;
                }
            }

            _requests.Enqueue(new RecordedRequest(line, headers));
            var index = Interlocked.Increment(ref _answered) - 1;
            var response = Encoding.UTF8.GetBytes(_responses[Math.Min(index, _responses.Length - 1)]);
            stream.Write(response, 0, response.Length);
        }
    }

    // Reads one CRLF-terminated line byte by byte, so nothing after the headers is consumed; the request line is ASCII.
    private static string ReadLine(Stream stream)
    {
        var bytes = new List<byte>();
        for (var b = stream.ReadByte(); b != -1; b = stream.ReadByte())
        {
            if (b == '\n')
            {
                break;
            }

            bytes.Add((byte)b);
        }

        if (bytes.Count > 0 && bytes[bytes.Count - 1] == '\r')
        {
            bytes.RemoveAt(bytes.Count - 1);
        }

        return Encoding.ASCII.GetString(bytes.ToArray());
    }
}
