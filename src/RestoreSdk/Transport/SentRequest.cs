// What an attempt handed to the HTTP stack, recorded before sending, so an answer to a request a redirect rewrote is recognised.
using System;
using System.Net.Http;

namespace RestoreSdk;

internal sealed class SentRequest
{
    public SentRequest(HttpMethod method, Uri? uri, TokenKind tokenKind)
    {
        Method = method;
        Uri = uri;
        TokenKind = tokenKind;
    }

    public HttpMethod Method { get; }

    public Uri? Uri { get; }

    /// <summary>The kind of token the attempt sent, from its prefix; a TokenProvider may hand each attempt another.</summary>
    public TokenKind TokenKind { get; }

    /// <summary>Whether <paramref name="answered"/> (an answer's RequestMessage) is still this request: a followed redirect changes its URI or method.</summary>
    public bool IsAnsweredBy(HttpRequestMessage answered) =>
        answered.Method == Method && answered.RequestUri?.OriginalString == Uri?.OriginalString;
}
