// One SDK client per module session and target, so separate Restore-GitHubPackage calls share its spacing, write budgets and rate-limit holds.
using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace RestoreSdk.PowerShell.Engine;

/// <summary>
/// The module's clients, keyed by what defines one: base URL, -AllowPlainHttp, -WritesPerHour and a SHA-256 hash of the token
/// (never the token itself). Cleared at Remove-Module.
/// </summary>
internal static class SessionClients
{
    private static readonly object Gate = new object();
    private static readonly Dictionary<string, PackagesClient> Clients = new Dictionary<string, PackagesClient>(StringComparer.Ordinal);

    /// <summary>The client for these options, created on first use; <paramref name="create"/> builds it (and may throw ArgumentException).</summary>
    public static PackagesClient For(PackagesClientOptions options, Func<PackagesClient> create)
    {
        var key = KeyOf(options);
        lock (Gate)
        {
            if (!Clients.TryGetValue(key, out var client))
            {
                client = create();
                Clients.Add(key, client);
            }

            return client;
        }
    }

    /// <summary>Forgets every client (Remove-Module): a later import starts with fresh pacing and budgets.</summary>
    public static void Clear()
    {
        lock (Gate)
        {
            Clients.Clear();
        }
    }

    private static string KeyOf(PackagesClientOptions options)
    {
        using var sha = SHA256.Create();
        var tokenHash = Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(options.Token ?? string.Empty)));
        return string.Join("\n", options.BaseAddress.AbsoluteUri, options.AllowTokenOverPlainHttp ? "plain-http" : "tls-only",
            options.ApiVersion, options.WritesPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture), tokenHash);
    }
}
