// The internal exception for any answer but 204: status, headers and body as received, plus the call's secrets for redaction.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace RestoreSdk;

internal class ServiceResponseException : Exception
{
    // The signature NSwag's generated error branches call; ProcessResponseAsync throws first, through ReadAsync.
    public ServiceResponseException(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers, Exception? innerException)
        : this(message, statusCode, response, headers, Array.Empty<string>(), innerException)
    {
    }

    private ServiceResponseException(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers, IReadOnlyList<string> secrets, Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Response = response;
        Headers = headers;
        Secrets = secrets;
    }

    public int StatusCode { get; }

    public string? Response { get; }

    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }

    /// <summary>The token and package token the request carried, raw and escaped, to mask wherever the answer is shown.</summary>
    public IReadOnlyList<string> Secrets { get; }

    public static async Task<ServiceResponseException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers.Concat(response.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            headers[header.Key] = header.Value;
        }

        string? body = null;
        if (response.Content is not null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        }

        var status = (int)response.StatusCode;
        return new ServiceResponseException($"GitHub answered HTTP {status}.", status, body, headers, SecretsOf(response.RequestMessage), null);
    }

    public string? Header(string name) =>
        Headers.TryGetValue(name, out var values) ? values.FirstOrDefault() : null;

    private static IReadOnlyList<string> SecretsOf(HttpRequestMessage? request)
    {
        var secrets = new List<string>();
        if (request?.Headers.Authorization?.Parameter is { Length: > 0 } token)
        {
            secrets.Add(token);
        }

        var query = request?.RequestUri?.IsAbsoluteUri == true ? request.RequestUri.Query : string.Empty;
        foreach (var pair in query.TrimStart('?').Split('&'))
        {
            if (pair.StartsWith("token=", StringComparison.Ordinal) && pair.Length > "token=".Length)
            {
                var escaped = pair.Substring("token=".Length);
                secrets.Add(escaped);
                secrets.Add(Uri.UnescapeDataString(escaped));
            }
        }

        return secrets;
    }
}

// NSwag's generated branches for documented error statuses name this type; they are never reached (see ReadAsync).
internal sealed class ServiceResponseException<TResult> : ServiceResponseException
{
    public ServiceResponseException(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers, TResult result, Exception? innerException)
        : base(message, statusCode, response, headers, innerException)
    {
    }
}
