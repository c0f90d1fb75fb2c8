// An in-process stand-in for GitHub's restore routes on 127.0.0.1, so the command runs with no token and no network.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RestoreSdk.Cli;

internal sealed class LoopbackGitHub : IAsyncDisposable
{
    private static readonly Regex RestoreRoute = new Regex(
        "^/(?:user|orgs/[^/?]+)/packages/(?:npm|maven|rubygems|docker|nuget|container)/[^/?]+/restore(?:\\?token=[^&]+)?$",
        RegexOptions.CultureInvariant);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _received = new ConcurrentQueue<string>();

    private LoopbackGitHub(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseAddress =>
        new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    /// <summary>Request lines as they arrived, with any token query value masked.</summary>
    public IReadOnlyCollection<string> Received => _received.ToArray();

    public static async Task<LoopbackGitHub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var stub = new LoopbackGitHub(app);
        app.Run(stub.AnswerAsync);
        await app.StartAsync();
        return stub;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task AnswerAsync(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        _received.Enqueue($"{context.Request.Method} {Regex.Replace(target, "token=[^&]*", "token=***")}");
        context.Response.Headers["X-GitHub-Request-Id"] = "LOOPBACK:" + _received.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);

        if (string.IsNullOrEmpty(context.Request.Headers.UserAgent))
        {
            await ErrorAsync(context, HttpStatusCode.Forbidden, "Request forbidden by administrative rules. Please make sure your request has a User-Agent header.");
        }
        else if (context.Request.Method != HttpMethods.Post || !RestoreRoute.IsMatch(target))
        {
            await ErrorAsync(context, HttpStatusCode.NotFound, "Not Found");
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }
    }

    private static Task ErrorAsync(HttpContext context, HttpStatusCode status, string message)
    {
        context.Response.StatusCode = (int)status;
        return context.Response.WriteAsJsonAsync(new Dictionary<string, string>
        {
            ["message"] = message,
            ["documentation_url"] = "https://docs.github.com/rest/packages/packages",
            ["status"] = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }
}
