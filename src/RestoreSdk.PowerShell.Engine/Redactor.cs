// Last line of defence for secrets: every text the module shows passes through here, so a token echoed by a server never reaches a stream.
using System;
using System.Collections.Generic;
using System.Linq;

namespace RestoreSdk.PowerShell.Engine;

internal sealed class Redactor
{
    private readonly List<string> _secrets = new List<string>();

    public Redactor(params string?[] secrets)
    {
        foreach (var secret in secrets.Where(secret => !string.IsNullOrEmpty(secret)))
        {
            _secrets.Add(secret!);
            _secrets.Add(Uri.EscapeDataString(secret!));
        }
    }

    public string? Redact(string? text) =>
        text is null ? null : _secrets.Aggregate(text, (current, secret) => current.Replace(secret, "***"));
}
