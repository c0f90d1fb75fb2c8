// The internal exception for any answer but 204: status, headers and body as received, plus the call's secrets for redaction.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Newtonsoft.Json;

namespace RestoreSdk;

internal class ServiceResponseException : Exception
{
    // The signature the generated operations call for a status the spec does not list; ProcessResponseAsync throws first, through ReadAsync.
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

    /// <summary>The kind of token this attempt sent, from its prefix; a TokenProvider may hand each attempt another.</summary>
    public TokenKind TokenKind { get; private set; }

    /// <summary>Reads the answer's headers and body; the body read ends with the caller's token or after <paramref name="timeout"/>.</summary>
    /// <remarks>HttpClient.Timeout stops applying once headers arrive, so a server that stalls the body would otherwise hang the call.</remarks>
    public static async Task<ServiceResponseException> ReadAsync(HttpResponseMessage response, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers.Concat(response.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            headers[header.Key] = header.Value;
        }

        var body = response.Content is null ? null : await ReadBodyAsync(response, timeout, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        return new ServiceResponseException($"GitHub answered HTTP {status}.", status, body, headers, SecretsOf(response.RequestMessage), null)
        {
            TokenKind = TokenKinds.Of(response.RequestMessage?.Headers.Authorization?.Parameter),
        };
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            bounded.CancelAfter(timeout);
        }

        try
        {
#if NET
            return await response.Content.ReadAsStringAsync(bounded.Token).ConfigureAwait(false);
#else
            using (bounded.Token.Register(response.Dispose))
            {
                return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            }
#endif
        }
        catch (Exception failure) when (bounded.IsCancellationRequested && failure is not OperationCanceledException)
        {
            throw new OperationCanceledException("Reading GitHub's error body was cancelled or timed out.", failure, bounded.Token);
        }
    }

    public string? Header(string name) =>
        Headers.TryGetValue(name, out var values) ? values.FirstOrDefault() : null;

    // The longest first, so that a secret is masked whole before any shorter form of it could split it.
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
                secrets.Add(Uri.UnescapeDataString(pair.Substring("token=".Length)));
            }
        }

        return secrets.SelectMany(EchoedForms).Distinct().OrderByDescending(secret => secret.Length).ToList();
    }

    // How a server or proxy might echo a secret back: as is, URL-escaped in either hex case or form style, or JSON-escaped.
    private static IEnumerable<string> EchoedForms(string secret)
    {
        var escaped = Uri.EscapeDataString(secret);
        var formEncoded = WebUtility.UrlEncode(secret);
        var json = JsonConvert.ToString(secret);
        json = json.Substring(1, json.Length - 2);
        return new[] { secret, escaped, LowerHex(escaped), formEncoded, LowerHex(formEncoded), json, json.Replace("/", "\\/") };
    }

    private static string LowerHex(string escaped) =>
        Regex.Replace(escaped, "%[0-9A-F]{2}", match => match.Value.ToLowerInvariant());
}
