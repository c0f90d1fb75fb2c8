// Matches a raw request target against the two restore routes, one percent-decoded path segment per parameter, as GitHub's router does.
using System;

namespace RestoreSdk.Testing;

internal sealed class RestoreRoute
{
    private RestoreRoute(string? org, string packageType, string packageName)
    {
        Org = org;
        PackageType = packageType;
        PackageName = packageName;
    }

    /// <summary>The organization of the organization route, or null for the user route.</summary>
    public string? Org { get; }

    public string PackageType { get; }

    public string PackageName { get; }

    public string Documentation => Org is null
        ? "https://docs.github.com/rest/packages/packages#restore-a-package-for-the-authenticated-user"
        : "https://docs.github.com/rest/packages/packages#restore-a-package-for-an-organization";

    /// <summary>
    /// The route <paramref name="uri"/> names under <paramref name="baseAddress"/>, or null when it names no restore route: a wrong
    /// literal, an unknown package type, or a parameter that is not exactly one non-empty segment (an unescaped <c>/</c> in a name
    /// adds a segment; an empty, <c>.</c> or <c>..</c> segment is not a name).
    /// </summary>
    public static RestoreRoute? Parse(Uri uri, Uri baseAddress)
    {
        var path = uri.AbsolutePath;
        var basePath = baseAddress.AbsolutePath;
        if (!path.StartsWith(basePath, StringComparison.Ordinal))
        {
            return null;
        }

        var segments = path.Substring(basePath.Length).Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = Uri.UnescapeDataString(segments[i]);
            if (segments[i].Length == 0 || segments[i] == "." || segments[i] == "..")
            {
                return null;
            }
        }

        var route = segments switch
        {
            { Length: 5 } when segments[0] == "user" && segments[1] == "packages" && segments[4] == "restore" =>
                new RestoreRoute(null, segments[2], segments[3]),
            { Length: 6 } when segments[0] == "orgs" && segments[2] == "packages" && segments[5] == "restore" =>
                new RestoreRoute(segments[1], segments[3], segments[4]),
            _ => null,
        };
        return route is not null && SimulatedRegistries.IsPackageType(route.PackageType) ? route : null;
    }
}
