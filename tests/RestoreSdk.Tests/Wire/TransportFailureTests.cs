// Pins what a caller learns from a transport failure once the client has dropped .NET's own exception (whose text can quote the server): the kind of failure, in words and as values.
using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class TransportFailureTests
{
    private const string Echo = "echo of ghp_TransportEchoedToken0123";
    [Theory(Timeout = 30_000)]
    [InlineData(HttpRequestError.NameResolutionError, "the host name could not be resolved")]
    [InlineData(HttpRequestError.ConnectionError, "the connection failed")]
    [InlineData(HttpRequestError.SecureConnectionError, "the TLS connection could not be established")]
    [InlineData(HttpRequestError.HttpProtocolError, "the server broke the HTTP protocol")]
    [InlineData(HttpRequestError.InvalidResponse, "the answer was not valid HTTP")]
    [InlineData(HttpRequestError.ResponseEnded, "the connection ended before a complete answer arrived")]
    [InlineData(HttpRequestError.ConfigurationLimitExceeded, "the answer exceeded a limit of the HttpClient's handler")]
    [InlineData(HttpRequestError.ProxyTunnelError, "the proxy tunnel could not be established")]
    [InlineData(HttpRequestError.UserAuthenticationError, "authentication with the server or proxy failed")]
    [InlineData(HttpRequestError.Unknown, "the request could not be completed")]
    [InlineData(HttpRequestError.VersionNegotiationError, "the request could not be completed")]
    public async Task Each_kind_of_failure_is_named_and_kept_without_the_original_text(HttpRequestError kind, string named)
    {
        var error = await FailureFor(new HttpRequestException(kind, Echo, null, HttpStatusCode.ProxyAuthenticationRequired));

        Assert.Null(error.InnerException);
        Assert.DoesNotContain(Echo, error.ToString());
        Assert.StartsWith("Restoring the npm package 'left-pad' of the authenticated user failed: ", error.Message);
        Assert.EndsWith(". The original exception is not kept, because its text can quote the server's answer.", error.Message);
        if (LibraryBuild.IsNet)
        {
            Assert.Contains($": {named} ({kind}). ", error.Message);
            Assert.Equal(kind, error.HttpRequestError);
            Assert.Equal(HttpStatusCode.ProxyAuthenticationRequired, error.StatusCode);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task A_socket_error_anywhere_inside_the_failure_is_named()
    {
        var inner = new IOException(Echo, new SocketException((int)SocketError.ConnectionRefused));

        var error = await FailureFor(new HttpRequestException(HttpRequestError.ConnectionError, Echo, inner));

        Assert.Contains("socket error ConnectionRefused)", error.Message);
        Assert.DoesNotContain(Echo, error.ToString());
    }

    private static async Task<HttpRequestException> FailureFor(HttpRequestException failure)
    {
        var client = new PackagesClient(new HttpClient(new ThrowingHandler(failure)), new PackagesClientOptions
        {
            BaseAddress = new Uri("https://api.github.com/"),
            MaxRetries = 0,
            MinimumWriteInterval = TimeSpan.Zero,
            TimeProvider = new InstantTimeProvider(),
        });
        return await Assert.ThrowsAsync<HttpRequestException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));
    }

    private sealed class ThrowingHandler : HttpMessageHandler
    {
        private readonly HttpRequestException _failure;

        public ThrowingHandler(HttpRequestException failure)
        {
            _failure = failure;
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => throw _failure;
    }
}
