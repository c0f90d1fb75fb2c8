// Replaces .NET's transport exceptions, whose messages can quote the server's bytes (an invalid header or status line), with ones built from safe facts only.
using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace RestoreSdk;

internal static class TransportFailure
{
    /// <summary>
    /// An <see cref="HttpRequestException"/> that keeps the kind of failure (and on .NET its <c>HttpRequestError</c> and status)
    /// but not the original message or inner exception, which can quote what the server sent, secrets included.
    /// </summary>
    public static HttpRequestException Replace(HttpRequestException failure, RestoreRequest request) =>
        Rebuild(failure, $"{request.Description} failed", cause: null);

    /// <summary>
    /// Like <see cref="Replace"/>, for a failure on its way up a handler pipeline, where the request is not known: the inner exception
    /// becomes a safe copy that keeps only its kind (socket error, web status, a broken connection), so <see cref="Replace"/> can still describe it.
    /// </summary>
    public static HttpRequestException Sanitize(HttpRequestException failure) =>
        Rebuild(failure, "The HTTP request failed", SafeCause(failure));

    private static HttpRequestException Rebuild(HttpRequestException failure, string failed, Exception? cause)
    {
        var socketError = SocketErrorOf(failure);
        var socket = socketError is null ? string.Empty : $", socket error {socketError}";
#if NET
        var message = $"{failed}: {What(failure.HttpRequestError)} ({failure.HttpRequestError}{socket}). {Dropped}";
        return new HttpRequestException(failure.HttpRequestError, message, cause, failure.StatusCode);
#else
        var web = WebStatusOf(failure);
        var kind = web is null ? socket.TrimStart(',', ' ') : $"web status {web}{socket}";
        var what = socketError is not null || web is not null ? "the connection failed"
            : failure.InnerException is IOException ? BrokenConnection
            : "the request could not be completed";
        var message = $"{failed}: {what}"
            + (kind.Length == 0 ? string.Empty : $" ({kind})") + $". {Dropped}";
        return new HttpRequestException(message, cause);
#endif
    }

    private static Exception? SafeCause(HttpRequestException failure)
    {
        if (SocketErrorOf(failure) is { } socketError)
        {
            return new SocketException((int)socketError);
        }

#if !NET
        if (WebStatusOf(failure) is { } web)
        {
            return new WebException($"The request failed with web status {web}.", web);
        }
#endif

        return failure.InnerException is IOException ? new IOException($"{BrokenConnection}.") : null;
    }

    private const string Dropped = "The original exception is not kept, because its text can quote the server's answer.";
    private const string BrokenConnection = "the connection broke, or the answer was not valid HTTP";

#if NET
    private static string What(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "the host name could not be resolved",
        HttpRequestError.ConnectionError => "the connection failed",
        HttpRequestError.SecureConnectionError => "the TLS connection could not be established",
        HttpRequestError.HttpProtocolError => "the server broke the HTTP protocol",
        HttpRequestError.InvalidResponse => "the answer was not valid HTTP",
        HttpRequestError.ResponseEnded => "the connection ended before a complete answer arrived",
        HttpRequestError.ConfigurationLimitExceeded => "the answer exceeded a limit of the HttpClient's handler",
        HttpRequestError.ProxyTunnelError => "the proxy tunnel could not be established",
        HttpRequestError.UserAuthenticationError => "authentication with the server or proxy failed",
        _ => "the request could not be completed",
    };
#else
    private static WebExceptionStatus? WebStatusOf(Exception failure)
    {
        for (var inner = failure.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is WebException web)
            {
                return web.Status;
            }
        }

        return null;
    }
#endif

    private static SocketError? SocketErrorOf(Exception failure)
    {
        for (var inner = failure.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return socket.SocketErrorCode;
            }
        }

        return null;
    }
}
