// A raw-socket HTTP/1.1 server on loopback that answers every request with a fixed 204 and allocates nothing per request.
using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace RestoreSdk.Benchmarks;

internal sealed class LoopbackServer : IDisposable
{
    private static readonly byte[] NoContent = Encoding.ASCII.GetBytes("HTTP/1.1 204 No Content\r\nServer: loopback\r\n\r\n");
    private static readonly byte[] HeaderEnd = Encoding.ASCII.GetBytes("\r\n\r\n");
    private static readonly byte[] LineEnd = Encoding.ASCII.GetBytes("\r\n");
    private static readonly byte[] ContentLength = Encoding.ASCII.GetBytes("content-length:");
    private static readonly byte[] TransferEncoding = Encoding.ASCII.GetBytes("transfer-encoding:");

    private readonly Socket _listener;

    private LoopbackServer(Socket listener)
    {
        _listener = listener;
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndPoint!).Port}/");
    }

    public Uri BaseAddress { get; }

    public static LoopbackServer Start()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(64);
        var server = new LoopbackServer(listener);
        _ = server.AcceptAsync();
        return server;
    }

    public void Dispose() => _listener.Dispose();

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync().ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is SocketException or ObjectDisposedException)
            {
                return;
            }

            connection.NoDelay = true;
            _ = ServeAsync(connection);
        }
    }

    // One buffer per connection; Memory-based socket calls complete through cached awaitables, so a request allocates nothing.
    private static async Task ServeAsync(Socket connection)
    {
        using var socket = connection;
        var buffer = new byte[16 * 1024];
        var filled = 0;
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None).ConfigureAwait(false);
                if (received == 0)
                {
                    return;
                }

                filled += received;
                int consumed;
                while ((consumed = CompleteRequestLength(buffer.AsSpan(0, filled))) > 0)
                {
                    await socket.SendAsync(NoContent.AsMemory(), SocketFlags.None).ConfigureAwait(false);
                    Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                    filled -= consumed;
                }

                if (consumed < 0 || filled == buffer.Length)
                {
                    return;
                }
            }
        }
        catch (SocketException)
        {
        }
    }

    // The length of the first complete request in data, 0 if more bytes are needed, -1 for a request this server cannot frame.
    private static int CompleteRequestLength(ReadOnlySpan<byte> data)
    {
        var headerEnd = data.IndexOf(HeaderEnd);
        if (headerEnd < 0)
        {
            return 0;
        }

        var bodyLength = 0;
        var headers = data.Slice(0, headerEnd + 2);
        while (headers.Length > 0)
        {
            var lineLength = headers.IndexOf(LineEnd);
            var line = headers.Slice(0, lineLength);
            if (line.Length > ContentLength.Length && Ascii.EqualsIgnoreCase(line.Slice(0, ContentLength.Length), ContentLength))
            {
                if (!System.Buffers.Text.Utf8Parser.TryParse(line.Slice(ContentLength.Length).Trim((byte)' '), out bodyLength, out _))
                {
                    return -1;
                }
            }

            else if (line.Length > TransferEncoding.Length && Ascii.EqualsIgnoreCase(line.Slice(0, TransferEncoding.Length), TransferEncoding))
            {
                return -1;
            }

            headers = headers.Slice(lineLength + 2);
        }

        var total = headerEnd + HeaderEnd.Length + bodyLength;
        return data.Length >= total ? total : 0;
    }
}
