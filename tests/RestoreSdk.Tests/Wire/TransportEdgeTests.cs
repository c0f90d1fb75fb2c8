// Pins what the transport layer reports at its edges: where a followed redirect went, a body read cut short, a token provider outrun by cancellation, and sanitized failures on the synchronous path.
using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class TransportEdgeTests
{
    private static readonly Uri Address = new Uri("https://ghe.example/api/v3/");

    [Fact]
    public async Task An_answer_to_another_absolute_address_names_it_in_its_normalized_form()
    {
        var client = Client(new AnsweringFrom(new Uri("HTTPS://Mirror.Example:443/Restore")));

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Equal("https://mirror.example/Restore", error.RedirectLocation);
        Assert.Contains("sent the request to https://mirror.example/Restore instead, which answered HTTP 200", error.Message);
    }

    [Fact]
    public async Task An_answer_to_a_relative_address_names_it_as_given()
    {
        var client = Client(new AnsweringFrom(new Uri("/elsewhere/restore", UriKind.Relative)));

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Equal("/elsewhere/restore", error.RedirectLocation);
    }

    [Fact]
    public async Task A_body_read_that_breaks_because_the_caller_cancelled_ends_as_a_cancellation_not_a_broken_answer()
    {
        using var cancel = new CancellationTokenSource();
        var client = Client(new ErrorBody(new CancellingThenBrokenStream(cancel)));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad", cancellationToken: cancel.Token));
    }

    [Fact]
    public async Task A_body_read_failing_otherwise_is_not_taken_for_a_cancellation()
    {
        var client = Client(new ErrorBody(new FailingStream()), retries: 0);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Equal("the content cannot be read", error.Message);
    }

    [Fact]
    public async Task Cancelling_while_the_token_provider_is_still_running_says_so()
    {
        using var cancel = new CancellationTokenSource();
        var never = new TaskCompletionSource<string>();
        var client = new PackagesClient(new PackagesClientOptions
        {
            BaseAddress = Address,
            TimeProvider = new InstantTimeProvider(),
            MaxRetries = 0, // with retries on, the retry pipeline reports the cancellation in its own words
            TokenProvider = _ =>
            {
                cancel.Cancel();
                return never.Task;
            },
        });

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad", cancellationToken: cancel.Token));

        Assert.Equal("The call was cancelled while PackagesClientOptions.TokenProvider was still running.", error.Message);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("")]
    public async Task A_blank_or_broken_package_token_is_refused_before_sending(string packageToken)
    {
        using var stub = new GitHubStub();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad", packageToken));

        Assert.Equal("packageToken", error.ParamName);
        Assert.StartsWith("packageToken must be null (to send no token parameter) or non-empty text without unpaired UTF-16 surrogates.", error.Message);
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public void A_send_through_the_pipeline_synchronous_on_the_NET_build_gets_the_sanitized_failure_with_a_safe_broken_connection_cause()
    {
        using var invoker = new HttpMessageInvoker(new TransportFailureHandler(new ThrowingHandler(new IOException("HTTP/1.1 999 ghp_EchoedSecretToken000000000000000000"))));

        var failure = Assert.Throws<HttpRequestException>(() => SendThroughGuard(invoker));

        Assert.StartsWith("The HTTP request failed", failure.Message);
        Assert.DoesNotContain("ghp_", failure.ToString());
        var cause = Assert.IsType<IOException>(failure.InnerException);
        Assert.Equal("the connection broke, or the answer was not valid HTTP.", cause.Message);
    }

    [Fact]
    public void A_failure_whose_cause_is_not_a_broken_connection_keeps_no_cause()
    {
        using var invoker = new HttpMessageInvoker(new TransportFailureHandler(new ThrowingHandler(new InvalidOperationException("ghp_EchoedSecretToken000000000000000000"))));

        var failure = Assert.Throws<HttpRequestException>(() => SendThroughGuard(invoker));

        Assert.Null(failure.InnerException);
        Assert.DoesNotContain("ghp_", failure.ToString());
    }

    [Fact]
    public void A_package_type_outside_the_spec_has_no_wire_value()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RestoreOperations.WireValue((Package_type)99));

        Assert.Equal("packageType", error.ParamName);
        Assert.StartsWith("Not a package type of the spec.", error.Message);
    }

    private static PackagesClient Client(HttpMessageHandler handler, int retries = 3) =>
        new PackagesClient(new HttpClient(handler), new PackagesClientOptions { BaseAddress = Address, TimeProvider = new InstantTimeProvider(), MinimumWriteInterval = TimeSpan.Zero, MaxRetries = retries });

    // A 200 whose RequestMessage is another request, as when an HttpClient's handler followed a redirect.
    private sealed class AnsweringFrom : HttpMessageHandler
    {
        private readonly Uri _answeredUri;

        public AnsweringFrom(Uri answeredUri) => _answeredUri = answeredUri;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = new HttpRequestMessage(HttpMethod.Post, _answeredUri) });
    }

    private sealed class ErrorBody : HttpMessageHandler
    {
        private readonly Stream _body;

        public ErrorBody(Stream body) => _body = body;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.InternalServerError) { RequestMessage = request, Content = new StreamContent(_body) });
    }

    // netstandard2.0 has no synchronous Send to override, so that build of the guard covers the asynchronous path only.
    private static HttpResponseMessage SendThroughGuard(HttpMessageInvoker invoker) => LibraryBuild.IsNet
        ? invoker.Send(new HttpRequestMessage(HttpMethod.Post, Address), CancellationToken.None)
        : invoker.SendAsync(new HttpRequestMessage(HttpMethod.Post, Address), CancellationToken.None).GetAwaiter().GetResult();

    private sealed class ThrowingHandler : HttpMessageHandler
    {
        private readonly Exception _cause;

        public ThrowingHandler(Exception cause) => _cause = cause;

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("ghp_EchoedSecretToken000000000000000000 in the status line", _cause);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(new HttpRequestException("ghp_EchoedSecretToken000000000000000000 in the status line", _cause));
    }

    // Cancels the call mid-body, then fails the read the way a torn-down connection does: with an IOException, not a cancellation.
    private sealed class CancellingThenBrokenStream : UnreadableStream
    {
        private readonly CancellationTokenSource _cancel;

        public CancellingThenBrokenStream(CancellationTokenSource cancel) => _cancel = cancel;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _cancel.Cancel();
            throw new IOException("the connection was torn down");
        }
    }

    private sealed class FailingStream : UnreadableStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the content cannot be read");
    }

    private abstract class UnreadableStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
