// A WireMock stand-in for GitHub's restore routes, with scripted answers and the request log the contract tests need.
using System;
using System.Collections.Generic;
using System.Linq;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace RestoreSdk.Tests.Infrastructure;

/// <summary>One scripted answer: a status with optional body and headers, or a WireMock fault.</summary>
internal sealed record StubAnswer(int Status, string? Body = null, IDictionary<string, string>? Headers = null, string ContentType = "application/json; charset=utf-8", FaultType Fault = FaultType.NONE)
{
    public IResponseBuilder Build()
    {
        if (Fault != FaultType.NONE)
        {
            return Response.Create().WithFault(Fault);
        }

        var response = Response.Create().WithStatusCode(Status);
        if (Body is not null)
        {
            response = response.WithBody(Body).WithHeader("Content-Type", ContentType);
        }

        foreach (var header in Headers ?? new Dictionary<string, string>())
        {
            response = response.WithHeader(header.Key, header.Value);
        }

        return response;
    }
}

internal sealed class GitHubStub : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    public GitHubStub()
    {
        AnswerInOrder(new StubAnswer(204));
    }

    public Uri BaseAddress => new Uri(_server.Url! + "/");

    /// <summary>The clock the stub's clients wait on: waits are recorded, never slept.</summary>
    public InstantTimeProvider Clock { get; } = new InstantTimeProvider();

    public IReadOnlyList<IRequestMessage> Requests => _server.LogEntries.Select(entry => entry.RequestMessage!).ToList();

    public IRequestMessage Single() => Assert.Single(Requests);

    /// <summary>Answers every POST with <paramref name="status"/>, an optional body and headers.</summary>
    public GitHubStub Answer(int status, string? body = null, string contentType = "application/json; charset=utf-8", IDictionary<string, string>? headers = null) =>
        AnswerInOrder(new StubAnswer(status, body, headers, contentType));

    /// <summary>Answers successive POSTs with <paramref name="answers"/> in order, repeating the last one.</summary>
    public GitHubStub AnswerInOrder(params StubAnswer[] answers)
    {
        _server.Reset();
        for (var i = 0; i < answers.Length; i++)
        {
            var mapping = _server.Given(Request.Create().UsingPost()).InScenario("restore");
            mapping = i == 0 ? mapping : mapping.WhenStateIs(i.ToString());
            // The last answer (after the first) sets its own state again: WireMock would otherwise return to the first answer.
            if (i + 1 < answers.Length || i > 0)
            {
                mapping = mapping.WillSetStateTo(Math.Min(i + 1, answers.Length - 1).ToString());
            }

            mapping.RespondWith(answers[i].Build());
        }

        return this;
    }

    /// <summary>A client of the stub with spacing off and the stub's instant clock, adjusted by <paramref name="configure"/>.</summary>
    public PackagesClient Client(Action<PackagesClientOptions>? configure = null) => new PackagesClient(Options(configure));

    public PackagesClientOptions Options(Action<PackagesClientOptions>? configure = null)
    {
        var options = new PackagesClientOptions { BaseAddress = BaseAddress, MinimumWriteInterval = TimeSpan.Zero, TimeProvider = Clock };
        configure?.Invoke(options);
        return options;
    }

    public void Dispose() => _server.Stop();
}
