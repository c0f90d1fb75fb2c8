// A loopback HTTP/1.1 server that answers each request with whatever bytes a test scripts, for answers no well-behaved server (or WireMock) sends.
using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace RestoreSdk.Tests.Infrastructure;

/// <summary>Writes the answer to one request (the request, its 0-based index) onto the connection's stream.</summary>
internal delegate Task HostileAnswer(RawRequest request, int index, Stream connection, CancellationToken stop);

internal sealed class HostileHttpServer : LoopbackHttpServer
{
    private readonly HostileAnswer _answer;

    public HostileHttpServer(HostileAnswer answer)
    {
        _answer = answer;
        Start();
    }

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

    protected override Task AnswerAsync(RawRequest request, int index, TcpClient client, Stream connection) =>
        _answer(request, index, connection, Stopping);
}
