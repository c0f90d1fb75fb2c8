// The one place that masks a call's secrets (token, package token) in every text the client shows: exceptions, their properties and log lines.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using Newtonsoft.Json;

namespace RestoreSdk;

/// <summary>
/// The secrets of the request the caller made, recorded before it is sent (never read back from an answer, whose request
/// may have been rewritten by a redirect), in every form a server or proxy might echo them.
/// </summary>
internal sealed class SecretRedactor
{
    public const string Mask = "***";

    private static readonly Encoding Latin1 = Encoding.GetEncoding(28591);

    private readonly object _gate = new object();
    private IReadOnlyList<string> _forms = Array.Empty<string>();

    /// <summary>A redactor for a call that carries the given secrets; more can be added as a token provider supplies them.</summary>
    public SecretRedactor(params string?[] secrets)
    {
        foreach (var secret in secrets)
        {
            Add(secret);
        }
    }

    private SecretRedactor(IReadOnlyList<string> forms)
    {
        _forms = forms;
    }

    /// <summary>A new redactor with these secrets plus <paramref name="secret"/>, reusing the forms already computed (a client's token, once per client).</summary>
    public SecretRedactor With(string? secret)
    {
        var copy = new SecretRedactor(_forms);
        copy.Add(secret);
        return copy;
    }

    /// <summary>Adds <paramref name="secret"/>, in every echoed form, to what is masked; null or empty adds nothing.</summary>
    public void Add(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return;
        }

        lock (_gate)
        {
            // Longest first, so that a secret is masked whole before any shorter form of it could split it.
            _forms = _forms.Concat(EchoedForms(secret!)).Distinct(StringComparer.Ordinal)
                .OrderByDescending(form => form.Length).ToList();
        }
    }

    /// <summary><paramref name="text"/> with every secret form replaced by <see cref="Mask"/>.</summary>
    public string? Redact(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var forms = _forms;
        foreach (var form in forms)
        {
            if (text.IndexOf(form, StringComparison.Ordinal) >= 0)
            {
                text = text.Replace(form, Mask);
            }
        }

        return text;
    }

    /// <summary>
    /// Like <see cref="Redact"/> for text that was cut short: a tail that could be the start of a secret is masked too,
    /// since the cut may have split an echoed secret.
    /// </summary>
    public string RedactCut(string text)
    {
        var redacted = Redact(text)!;
        var forms = _forms;
        var longestTail = 0;
        foreach (var form in forms)
        {
            // A match ends the loop, since longestTail becomes length.
            for (var length = Math.Min(form.Length - 1, redacted.Length); length > longestTail; length--)
            {
                if (string.CompareOrdinal(redacted, redacted.Length - length, form, 0, length) == 0)
                {
                    longestTail = length;
                }
            }
        }

        return longestTail == 0 ? redacted : redacted.Substring(0, redacted.Length - longestTail) + Mask;
    }

    /// <summary>Server or caller text made safe to show in a message or log line: secrets masked, then line-breaking characters escaped.</summary>
    public string? Show(string? text) => text is null ? null : PrintableText.Escape(Redact(text)!);

    // As is, URL-escaped in either hex case or form style, JSON-escaped, or its UTF-8 bytes read as Latin-1 (how .NET decodes non-ASCII header bytes).
    private static IEnumerable<string> EchoedForms(string secret)
    {
        var escaped = Uri.EscapeDataString(secret);
        var formEncoded = WebUtility.UrlEncode(secret);
        var json = JsonConvert.ToString(secret);
        json = json.Substring(1, json.Length - 2);
        return new[]
        {
            secret, escaped, LowerHex(escaped), formEncoded, LowerHex(formEncoded), json, json.Replace("/", "\\/"),
            Latin1.GetString(Encoding.UTF8.GetBytes(secret)),
        };
    }

    // %2F as %2f: the hex digits of every percent-escape in lower case (escapes only ever hold ASCII).
    private static string LowerHex(string escaped)
    {
        var chars = escaped.ToCharArray();
        var lastEscapeStart = chars.Length - 3;
        for (var i = 0; i <= lastEscapeStart; i++)
        {
            if (chars[i] == '%')
            {
                chars[i + 1] = char.ToLowerInvariant(chars[i + 1]);
                chars[i + 2] = char.ToLowerInvariant(chars[i + 2]);
                i += 2;
            }
        }

        return new string(chars);
    }
}
