// Refuses a request whose URI the runtime's parser rewrote (on .NET Framework it may unescape %2F or drop dots), so no name reaches another route.
using System;

namespace RestoreSdk;

internal static class RouteGuard
{
    /// <exception cref="ArgumentException">Parsing <paramref name="builtUrl"/> changed its path or query.</exception>
    public static void RequireUnchanged(string builtUrl, Uri parsed)
    {
        var built = PathAndQuery(builtUrl);
        var sent = parsed.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped);
        if (!string.Equals(built, sent, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"This runtime's URI parser turns the path '{PathOnly(built)}' into '{PathOnly(sent)}', another route, so the org or package name cannot be sent safely here; nothing was sent.");
        }
    }

    private static string PathAndQuery(string absoluteUrl)
    {
        var authorityStart = absoluteUrl.IndexOf("://", StringComparison.Ordinal) + 3;
        var pathStart = absoluteUrl.IndexOf('/', authorityStart);
        return pathStart < 0 ? "/" : absoluteUrl.Substring(pathStart);
    }

    // The query carries the package token, so messages show paths only.
    private static string PathOnly(string pathAndQuery)
    {
        var query = pathAndQuery.IndexOf('?');
        return query < 0 ? pathAndQuery : pathAndQuery.Substring(0, query);
    }
}
