// Refuses a request whose URI the runtime's parser rewrote (on .NET Framework it may unescape %2F or drop dots), so no name reaches another route.
using System;

namespace RestoreSdk;

internal static class RouteGuard
{
    /// <exception cref="ArgumentException">Parsing <paramref name="builtUrl"/> changed its path or query.</exception>
    /// <remarks>Compares in place: <see cref="Uri.PathAndQuery"/> is computed once and is what the handler writes as the request target.</remarks>
    public static void RequireUnchanged(string builtUrl, Uri parsed)
    {
        var sent = parsed.PathAndQuery;
        var pathStart = PathStart(builtUrl);
        // Stryker disable Equality : PathStart is never 0 (it searches after "://"), so < and <= agree.
        var unchanged = pathStart < 0
            ? sent == "/"
            : builtUrl.Length - pathStart == sent.Length && string.CompareOrdinal(builtUrl, pathStart, sent, 0, sent.Length) == 0;
        if (!unchanged)
        {
            var built = pathStart < 0 ? "/" : builtUrl.Substring(pathStart);
            // Stryker restore Equality
            throw new ArgumentException(
                $"This runtime's URI parser turns the path '{PathOnly(built)}' into '{PathOnly(sent)}', another route, so the org or package name cannot be sent safely here; nothing was sent.");
        }
    }

    private static int PathStart(string absoluteUrl)
    {
        var authorityStart = absoluteUrl.IndexOf("://", StringComparison.Ordinal) + 3;
        return absoluteUrl.IndexOf('/', authorityStart);
    }

    // The query carries the package token, so messages show paths only.
    private static string PathOnly(string pathAndQuery)
    {
        var query = pathAndQuery.IndexOf('?');
        // Stryker disable once Equality : a path and query starts with '/', never '?'.
        return query < 0 ? pathAndQuery : pathAndQuery.Substring(0, query);
    }
}
