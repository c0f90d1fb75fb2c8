// Pins the guard that refuses a request whose URI the runtime's parser rewrote, as .NET Framework's may do with %2F or dots.
using System;

namespace RestoreSdk.Tests;

public sealed class RouteGuardTests
{
    [Theory]
    [InlineData("https://api.github.com/user/packages/container/owner%2Fimage/restore", "https://api.github.com/user/packages/container/owner/image/restore")]
    [InlineData("https://api.github.com/user/packages/npm/name./restore?token=pkg_secret", "https://api.github.com/user/packages/npm/name/restore?token=pkg_secret")]
    public void A_rewritten_path_is_refused_without_showing_the_query(string built, string rewritten)
    {
        var error = Assert.Throws<ArgumentException>(() => RouteGuard.RequireUnchanged(built, new Uri(rewritten)));

        Assert.Contains("cannot be sent safely", error.Message);
        Assert.DoesNotContain("pkg_secret", error.Message);
    }

    [Fact]
    public void An_unchanged_uri_passes()
    {
        const string built = "https://ghes.example.com/api/v3/orgs/acme/packages/npm/%40scope%2Fpkg/restore?token=a%26b";

        RouteGuard.RequireUnchanged(built, new Uri(built));
    }
}
