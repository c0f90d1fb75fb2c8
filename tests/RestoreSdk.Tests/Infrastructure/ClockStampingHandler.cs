// Records, for each request the client sends, the fake time it left at and its raw target, so tests can assert order, spacing and quiet windows.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace RestoreSdk.Tests.Infrastructure;

internal sealed record StampedRequest(DateTimeOffset At, string Target);

internal sealed class ClockStampingHandler : DelegatingHandler
{
    private readonly TimeProvider _clock;
    private readonly ConcurrentQueue<StampedRequest> _requests = new ConcurrentQueue<StampedRequest>();

    public ClockStampingHandler(TimeProvider clock)
        : base(new SocketsHttpHandler())
    {
        _clock = clock;
    }

    /// <summary>Runs just before a request is forwarded, with its position; a test can cancel there to stop a call whose request already left.</summary>
    public Action<int>? BeforeSend { get; set; }

    public IReadOnlyList<StampedRequest> Requests => _requests.ToList();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(new StampedRequest(_clock.GetUtcNow(), request.RequestUri!.PathAndQuery));
        BeforeSend?.Invoke(_requests.Count - 1);
        return base.SendAsync(request, cancellationToken);
    }
}
