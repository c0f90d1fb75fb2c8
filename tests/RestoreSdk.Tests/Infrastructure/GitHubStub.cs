// A WireMock stand-in for GitHub's restore routes, with the answers and request log the contract tests need.
using System;
using System.Collections.Generic;
using System.Linq;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace RestoreSdk.Tests.Infrastructure;

internal sealed class GitHubStub : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    public GitHubStub()
    {
        Answer(204);
    }

    public Uri BaseAddress => new Uri(_server.Url! + "/");

    public IReadOnlyList<IRequestMessage> Requests => _server.LogEntries.Select(entry => entry.RequestMessage!).ToList();

    public IRequestMessage Single() => Assert.Single(Requests);

    /// <summary>Answers every POST with <paramref name="status"/>, an optional body and headers.</summary>
    public GitHubStub Answer(int status, string? body = null, string contentType = "application/json; charset=utf-8", IDictionary<string, string>? headers = null)
    {
        _server.Reset();
        var response = Response.Create().WithStatusCode(status);
        if (body is not null)
        {
            response = response.WithBody(body).WithHeader("Content-Type", contentType);
        }

        foreach (var header in headers ?? new Dictionary<string, string>())
        {
            response = response.WithHeader(header.Key, header.Value);
        }

        _server.Given(Request.Create().UsingPost()).RespondWith(response);
        return this;
    }

    public PackagesClient Client(Action<PackagesClientOptions>? configure = null)
    {
        var options = new PackagesClientOptions { BaseAddress = BaseAddress };
        configure?.Invoke(options);
        return new PackagesClient(options);
    }

    public void Dispose() => _server.Stop();
}
