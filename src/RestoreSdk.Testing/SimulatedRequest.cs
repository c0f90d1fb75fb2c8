// One request as the simulator received it, with secrets masked, so tests can assert on exactly what was sent.
using System;
using System.Collections.Generic;

namespace RestoreSdk.Testing;

/// <summary>A request <see cref="GitHubSimulator"/> received, with every secret replaced by <c>***</c>.</summary>
public sealed class SimulatedRequest
{
    internal SimulatedRequest(string method, string target, IReadOnlyDictionary<string, string> headers, DateTimeOffset receivedAt, string requestId)
    {
        Method = method;
        Target = target;
        Headers = headers;
        ReceivedAt = receivedAt;
        RequestId = requestId;
    }

    /// <summary>The HTTP method, such as <c>POST</c>.</summary>
    public string Method { get; }

    /// <summary>
    /// The request target as sent on the wire (path and query, still percent-encoded, for example
    /// <c>/orgs/acme/packages/container/acme%2Fweb/restore</c>), with the value of any <c>token</c> query parameter masked.
    /// </summary>
    public string Target { get; }

    /// <summary>The request and content headers by name (case-insensitive), multiple values joined by <c>", "</c>; the credentials of <c>Authorization</c>, <c>Proxy-Authorization</c> and <c>Cookie</c> are masked (<c>Bearer ***</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>When the request arrived, by the simulator's clock.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The <c>X-GitHub-Request-Id</c> the simulator gave the request (also sent with its answer).</summary>
    public string RequestId { get; }

    /// <summary>The status answered, or <see langword="null"/> while the request is in flight or when its connection was dropped.</summary>
    public int? StatusCode { get; internal set; }

    /// <summary>Describes the request, such as <c>POST /user/packages/npm/left-pad/restore → 204</c>.</summary>
    /// <returns>The method, target and status.</returns>
    public override string ToString() => $"{Method} {Target} → {(StatusCode is { } status ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : "no answer")}";
}
