// The internal exception for any answer but 204: status, headers and a bounded prefix of the body, secrets already masked.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace RestoreSdk;

internal class ServiceResponseException : Exception
{
    /// <summary>The most of an error body the client reads; GitHub's JSON errors are a few hundred bytes.</summary>
    public const int BodyLimit = 64 * 1024;

    // Stryker disable once Boolean : the identifier only affects GetPreamble, which decoding never uses.
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    // The signature the generated operations call for a status the spec does not list; ProcessResponseAsync throws first, through ReadAsync.
    public ServiceResponseException(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers, Exception? innerException)
        : this(message, statusCode, response, headers, new SecretRedactor(), null, innerException)
    {
    }

    private ServiceResponseException(
        string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers, SecretRedactor secrets, string? followedRedirectTo, Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Response = response;
        Headers = headers;
        Secrets = secrets;
        FollowedRedirectTo = followedRedirectTo;
    }

    public int StatusCode { get; }

    /// <summary>The body as text, at most <see cref="BodyLimit"/> bytes of it (a note says when it was cut), secrets masked.</summary>
    public string? Response { get; }

    /// <summary>The answer's headers, secrets masked (but not escaped: show them through <see cref="SecretRedactor.Show"/>).</summary>
    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }

    /// <summary>The secrets of the request the caller made, to mask wherever this answer is shown.</summary>
    public SecretRedactor Secrets { get; }

    /// <summary>The kind of token this attempt sent, from its prefix; a TokenProvider may hand each attempt another.</summary>
    public TokenKind TokenKind { get; private set; }

    /// <summary>
    /// When the HttpClient followed a redirect, where the answer came from (secrets masked); the answer is then not GitHub's
    /// answer to this restore. Null for an answer to the request as sent.
    /// </summary>
    public string? FollowedRedirectTo { get; }

    /// <summary>Reads the answer's headers and at most <see cref="BodyLimit"/> bytes of its body, ending with the caller's token or after <paramref name="timeout"/>.</summary>
    /// <remarks>HttpClient.Timeout stops applying once headers arrive, so a server that stalls the body would otherwise hang the call.</remarks>
    public static async Task<ServiceResponseException> ReadAsync(HttpResponseMessage response, TimeSpan timeout, SecretRedactor secrets, TokenKind tokenKind, CancellationToken cancellationToken)
    {
        // Stryker disable once Conditional : on .NET, Content is never null (netstandard2.0 runtimes may leave it null).
        var body = response.Content is null ? null : await ReadBodyAsync(response, timeout, secrets, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        // Stryker disable once String : this internal exception's message is never shown; GitHubApiException writes the caller's.
        return new ServiceResponseException($"GitHub answered HTTP {status}.", status, body, HeadersOf(response, secrets), secrets, null, null)
        {
            TokenKind = tokenKind,
        };
    }

    /// <summary>An answer the HttpClient got by following a redirect to <paramref name="answeredUri"/>; its body is not read.</summary>
    public static ServiceResponseException Redirected(HttpResponseMessage response, Uri? answeredUri, SecretRedactor secrets)
    {
        var status = (int)response.StatusCode;
        var where = secrets.Redact(answeredUri?.IsAbsoluteUri == true ? answeredUri.AbsoluteUri : answeredUri?.OriginalString) ?? "another request";
        // Stryker disable once String : as in ReadAsync, the message is never shown; FollowedRedirectTo is.
        return new ServiceResponseException($"The HttpClient followed a redirect; HTTP {status} came from {where}.", status, null, HeadersOf(response, secrets), secrets, where, null);
    }

    // Stryker disable once Linq : a header kept here has at least one value, so First and FirstOrDefault agree.
    public string? Header(string name) =>
        Headers.TryGetValue(name, out var values) ? values.FirstOrDefault() : null;

    private static Dictionary<string, IEnumerable<string>> HeadersOf(HttpResponseMessage response, SecretRedactor secrets)
    {
        var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers.Concat(response.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            headers[header.Key] = header.Value.Select(value => secrets.Redact(value)!).ToList();
        }

        return headers;
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, TimeSpan timeout, SecretRedactor secrets, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            bounded.CancelAfter(timeout);
        }

        var buffer = new byte[BodyLimit + 1];
        var filled = await ReadPrefixAsync(response, buffer, bounded.Token).ConfigureAwait(false);
        var read = filled.Read;
        var cut = read > BodyLimit;
        var text = Decode(buffer, Math.Min(read, BodyLimit), response.Content.Headers.ContentType?.CharSet);
        if (cut)
        {
            return secrets.RedactCut(text) + $"\n[RestoreSdk: the body was cut after its first {BodyLimit} bytes.]";
        }

        // The failure's own text can quote the server's bytes, so only its type is kept.
        var broken = filled.Broken is null ? string.Empty : $"\n[RestoreSdk: the connection broke after {read} bytes of the body ({filled.Broken}).]";
        return secrets.Redact(text) + broken;
    }

    // Every local here and in FillAsync is assigned where it is declared: Stryker.NET drops all mutants of a method whose mutated
    // form leaves a local possibly unassigned, and the #if stays between whole methods, where mutation cannot tear it.
    private static async Task<(int Read, string? Broken)> ReadPrefixAsync(HttpResponseMessage response, byte[] buffer, CancellationToken bounded)
    {
        try
        {
            return await OpenAndFillAsync(response, buffer, bounded).ConfigureAwait(false);
        }
        catch (Exception failure) when (bounded.IsCancellationRequested && failure is not OperationCanceledException)
        {
            throw new OperationCanceledException("Reading GitHub's error body was cancelled or timed out.", failure, bounded);
        }
    }

#if NET
    private static async Task<(int Read, string? Broken)> OpenAndFillAsync(HttpResponseMessage response, byte[] buffer, CancellationToken bounded)
    {
        using var body = await response.Content.ReadAsStreamAsync(bounded).ConfigureAwait(false);
        return await FillAsync(body, buffer, bounded).ConfigureAwait(false);
    }
#else
    // netstandard2.0 has no ReadAsStreamAsync(CancellationToken): cancelling disposes the response, which ends a pending read.
    private static async Task<(int Read, string? Broken)> OpenAndFillAsync(HttpResponseMessage response, byte[] buffer, CancellationToken bounded)
    {
        using (bounded.Register(response.Dispose))
        using (var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
        {
            return await FillAsync(body, buffer, bounded).ConfigureAwait(false);
        }
    }
#endif

    // Reads until the buffer is full or the body ends; a full buffer (one byte past the limit) means the body was longer.
    // A connection that breaks mid-body keeps what arrived, with the failure's type name.
    private static async Task<(int Read, string? Broken)> FillAsync(Stream body, byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        try
        {
            // Stryker disable once Equality : with <=, a full buffer asks for 0 bytes, gets 0 and stops the same way.
            while (read < buffer.Length)
            {
                var chunk = await body.ReadAsync(buffer, read, buffer.Length - read, cancellationToken).ConfigureAwait(false);
                if (chunk == 0)
                {
                    break;
                }

                read += chunk;
            }
        }
        catch (Exception failure) when (failure is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            return (read, failure.GetType().Name);
        }

        return (read, null);
    }

    // The answer's charset when this runtime supports it (never UTF-7), else UTF-8; undecodable bytes become U+FFFD, never an exception.
    private static string Decode(byte[] bytes, int count, string? charset)
    {
        var encoding = EncodingFor(charset);
        var start = encoding.CodePage == Utf8.CodePage && count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        return encoding.GetString(bytes, start, count - start);
    }

    private static Encoding EncodingFor(string? charset)
    {
        var name = charset?.Trim().Trim('"').Trim();
        // Stryker disable once Block : a shortcut; GetEncoding throws ArgumentException for a null or empty name, which also gives UTF-8.
        if (string.IsNullOrEmpty(name))
        {
            return Utf8;
        }

        try
        {
            var encoding = Encoding.GetEncoding(name!, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
            // Stryker disable once Conditional : on .NET, GetEncoding refuses UTF-7 and its UTF-8 decodes like Utf8; older runtimes differ.
            return encoding.CodePage is 65000 or 65001 ? Utf8 : encoding;
        }
        catch (Exception unsupported) when (unsupported is ArgumentException or NotSupportedException)
        {
            return Utf8;
        }
    }
}
