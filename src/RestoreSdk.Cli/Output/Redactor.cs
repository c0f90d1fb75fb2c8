// Last line of defence for secrets: every text the command prints passes through here, so a token echoed by a server never reaches the terminal.
using System;
using System.Collections.Generic;
using System.Linq;

namespace RestoreSdk.Cli.Output;

internal sealed class Redactor
{
    private readonly List<string> _secrets = new List<string>();

    public void Add(string? secret)
    {
        if (!string.IsNullOrEmpty(secret) && !_secrets.Contains(secret))
        {
            _secrets.Add(secret);
            _secrets.Add(Uri.EscapeDataString(secret));
        }
    }

    public string? Redact(string? text) =>
        text is null ? null : _secrets.Where(secret => secret.Length > 0).Aggregate(text, (current, secret) => current.Replace(secret, "***", StringComparison.Ordinal));
}
