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

    [Theory]
    [InlineData("https://api.github.com/user/packages/npm/abc/restore", "https://api.github.com/user/packages/npm/abd/restore")]
    [InlineData("https://api.github.com/user/packages/npm/abc/restore", "https://api.github.com/user/packages/npm/abcd/restore")]
    public void A_path_that_differs_in_one_character_or_in_length_is_refused(string built, string rewritten)
    {
        Assert.Throws<ArgumentException>(() => RouteGuard.RequireUnchanged(built, new Uri(rewritten)));
    }

    [Fact]
    public void The_refusal_names_both_paths()
    {
        var error = Assert.Throws<ArgumentException>(() => RouteGuard.RequireUnchanged(
            "https://api.github.com/user/packages/container/owner%2Fimage/restore?token=pkg_secret",
            new Uri("https://api.github.com/user/packages/container/owner/image/restore?token=pkg_secret")));

        Assert.Contains("turns the path '/user/packages/container/owner%2Fimage/restore' into '/user/packages/container/owner/image/restore', another route", error.Message);
    }

    [Fact]
    public void A_built_url_without_a_path_is_unchanged_as_the_root()
    {
        RouteGuard.RequireUnchanged("https://api.github.com", new Uri("https://api.github.com"));

        var error = Assert.Throws<ArgumentException>(() => RouteGuard.RequireUnchanged("https://api.github.com", new Uri("https://api.github.com/x")));
        Assert.Contains("turns the path '/' into '/x'", error.Message);
    }

    [Fact]
    public void An_unchanged_uri_passes()
    {
        const string built = "https://ghes.example.com/api/v3/orgs/acme/packages/npm/%40scope%2Fpkg/restore?token=a%26b";

        RouteGuard.RequireUnchanged(built, new Uri(built));
    }
}
