// Serves GitHubSimulator on a loopback HTTP port, so examples that build their own HttpClient from a base URL can run against it.
using System.Net;
using System.Net.Sockets;
using RestoreSdk.Testing;

namespace RestoreSdk.Examples;

internal sealed class LoopbackBridge : IAsyncDisposable
{
    private readonly HttpListener _listener = new HttpListener();
    private readonly HttpMessageInvoker _simulator;
    private readonly Uri _simulatorRoot;
    private readonly Task _serving;

    private LoopbackBridge(GitHubSimulator simulator)
    {
        _simulator = new HttpMessageInvoker(simulator, disposeHandler: false);
        _simulatorRoot = simulator.BaseAddress;
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        _listener.Prefixes.Add(BaseAddress.ToString());
        _listener.Start();
        _serving = ServeAsync();
    }

    /// <summary>Where the simulator answers over HTTP: the REST API root to give the client.</summary>
    public Uri BaseAddress { get; }

    public static LoopbackBridge Start(GitHubSimulator simulator) => new LoopbackBridge(simulator);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _serving;
        _simulator.Dispose();
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await ForwardAsync(context);
        }
    }

    // The raw target (still percent-encoded) goes to the simulator's root unchanged, with every request header.
    private async Task ForwardAsync(HttpListenerContext context)
    {
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), new Uri(_simulatorRoot, context.Request.RawUrl));
        foreach (var name in context.Request.Headers.AllKeys.OfType<string>())
        {
            request.Headers.TryAddWithoutValidation(name, context.Request.Headers.GetValues(name) ?? Array.Empty<string>());
        }

        using var response = await _simulator.SendAsync(request, CancellationToken.None);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers.Add(name, string.Join(", ", values));
            }
        }

        var body = await response.Content.ReadAsByteArrayAsync();
        context.Response.ContentLength64 = body.Length;
        await context.Response.OutputStream.WriteAsync(body);
        context.Response.Close();
    }
}
