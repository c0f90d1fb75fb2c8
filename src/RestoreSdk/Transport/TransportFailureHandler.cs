// The innermost handler of AddPackagesClient's pipeline: .NET's transport exceptions can quote the server's bytes, so they are made safe before any handler or logger above sees them.
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace RestoreSdk;

/// <summary>
/// Wraps the primary handler, below IHttpClientFactory's logging handlers and the caller's own handlers, and replaces each
/// <see cref="HttpRequestException"/> with <see cref="TransportFailure.Sanitize"/>'s copy, so none of them logs an echoed secret.
/// </summary>
internal sealed class TransportFailureHandler : DelegatingHandler
{
    public TransportFailureHandler(HttpMessageHandler primaryHandler)
        : base(primaryHandler)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException failure)
        {
            throw TransportFailure.Sanitize(failure);
        }
    }

#if NET
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return base.Send(request, cancellationToken);
        }
        catch (HttpRequestException failure)
        {
            throw TransportFailure.Sanitize(failure);
        }
    }
#endif
}
