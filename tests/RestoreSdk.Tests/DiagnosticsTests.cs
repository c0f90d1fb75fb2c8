// Pins the diagnostics every GitHubApiException carries: rate-limit headers, token scopes, and what the route and registry need.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class DiagnosticsTests
{
    [Fact]
    public async Task Rate_limit_and_scope_headers_are_read_into_the_exception()
    {
        using var stub = new GitHubStub();
        var reset = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        stub.Answer(404, """{"message":"Not Found"}""", headers: new Dictionary<string, string>
        {
            ["x-ratelimit-limit"] = "5000",
            ["x-ratelimit-remaining"] = "4321",
            ["x-ratelimit-used"] = "679",
            ["x-ratelimit-reset"] = "1800000000",
            ["x-ratelimit-resource"] = "core",
            ["X-OAuth-Scopes"] = "repo, read:packages, write:packages",
            ["X-Accepted-OAuth-Scopes"] = "read:packages, write:packages",
        });

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Equal(5000, error.RateLimit!.Limit);
        Assert.Equal(4321, error.RateLimit.Remaining);
        Assert.Equal(679, error.RateLimit.Used);
        Assert.Equal(reset, error.RateLimit.Reset);
        Assert.Equal("core", error.RateLimit.Resource);
        Assert.Equal(new[] { "repo", "read:packages", "write:packages" }, error.TokenScopes);
        Assert.Equal(new[] { "read:packages", "write:packages" }, error.AcceptedScopes);
        Assert.Empty(error.MissingScopes);
    }

    [Fact]
    public async Task Without_those_headers_the_diagnostics_are_null_or_empty()
    {
        using var stub = new GitHubStub();
        stub.Answer(500, """{"message":"Server Error"}""");

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Null(error.RateLimit);
        Assert.Empty(error.TokenScopes);
        Assert.Empty(error.AcceptedScopes);
        Assert.Null(error.Requirements);
        Assert.Empty(error.MissingScopes);
    }

    // GitHub's rules: classic tokens need read:packages and write:packages, plus repo for registries with only
    // repository-scoped permissions (Maven/Gradle, legacy Docker); the org route also needs org admin, and package
    // admin for registries with granular permissions (Container, npm, NuGet, RubyGems).
    public static TheoryData<bool, int, string[], bool> RoutesAndRegistries => new TheoryData<bool, int, string[], bool>
    {
        { false, (int)UserPackageType.Npm, new[] { "write:packages" }, false },
        { false, (int)UserPackageType.Container, new[] { "write:packages" }, false },
        { false, (int)UserPackageType.Maven, new[] { "write:packages", "repo" }, false },
        { false, (int)UserPackageType.Docker, new[] { "write:packages", "repo" }, false },
        { true, (int)OrgPackageType.NuGet, new[] { "write:packages" }, true },
        { true, (int)OrgPackageType.RubyGems, new[] { "write:packages" }, true },
        { true, (int)OrgPackageType.Maven, new[] { "write:packages", "repo" }, false },
        { true, (int)OrgPackageType.Docker, new[] { "write:packages", "repo" }, false },
    };

    [Theory]
    [MemberData(nameof(RoutesAndRegistries))]
    public async Task A_403_names_the_scopes_a_read_only_token_lacks_for_that_route_and_registry(bool org, int packageType, string[] missing, bool packageAdmin)
    {
        using var stub = new GitHubStub();
        stub.Answer(403, """{"message":"Resource not accessible"}""", headers: new Dictionary<string, string> { ["X-OAuth-Scopes"] = "read:packages" });
        var client = stub.Client();

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => org
            ? client.RestorePackageForOrgAsync("acme", (OrgPackageType)packageType, "pkg")
            : client.RestorePackageForAuthenticatedUserAsync((UserPackageType)packageType, "pkg"));

        Assert.Equal(missing, error.MissingScopes);
        Assert.All(missing, scope => Assert.Contains(scope, error.Message));
        Assert.Contains("lacks", error.Message);
        Assert.Equal(org, error.Requirements!.RequiresOrganizationAdmin);
        Assert.Equal(packageAdmin, error.Requirements.RequiresPackageAdmin);
        Assert.Equal(new[] { "read:packages" }.Concat(missing), error.Requirements.ClassicScopes);
    }

    [Fact]
    public async Task Write_packages_implies_read_packages()
    {
        using var stub = new GitHubStub();
        stub.Answer(403, """{"message":"Forbidden"}""", headers: new Dictionary<string, string> { ["X-OAuth-Scopes"] = "write:packages" });

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Empty(error.MissingScopes);
        Assert.Contains("read:packages and write:packages", error.Message);
    }

    [Fact]
    public async Task A_404_for_a_token_without_visible_scopes_explains_that_GitHub_hides_forbidden_packages()
    {
        using var stub = new GitHubStub();
        stub.Answer(404, """{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}""");

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client().RestorePackageForOrgAsync("acme", OrgPackageType.Container, "acme/web"));

        Assert.Empty(error.MissingScopes);
        Assert.Contains("404 rather than 403", error.Message);
        Assert.Contains("admin rights in the organization", error.Message);
        Assert.Contains("admin rights on the package", error.Message);
    }

    [Fact]
    public async Task A_401_says_the_credentials_were_not_accepted()
    {
        using var stub = new GitHubStub();
        stub.Answer(401, """{"message":"Bad credentials"}""");

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client(o => o.Token = "ghp_expired").RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Contains("Bad credentials", error.Message);
        Assert.Contains("missing, expired or revoked", error.Message);
        Assert.NotNull(error.Requirements);
    }

    [Fact]
    public void Requirements_can_be_asked_without_calling_GitHub()
    {
        Assert.Equal(new[] { "read:packages", "write:packages", "repo" }, RestoreRequirements.ForUser(UserPackageType.Maven).ClassicScopes);
        Assert.False(RestoreRequirements.ForUser(UserPackageType.Npm).RequiresOrganizationAdmin);
        Assert.True(RestoreRequirements.ForOrg(OrgPackageType.Container).RequiresPackageAdmin);
        Assert.False(RestoreRequirements.ForOrg(OrgPackageType.Docker).RequiresPackageAdmin);
        Assert.Equal(
            "the read:packages and write:packages scopes (classic tokens), admin rights in the organization and admin rights on the package",
            RestoreRequirements.ForOrg(OrgPackageType.Npm).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => RestoreRequirements.ForUser((UserPackageType)99));
    }

    [Fact]
    public void Each_enum_members_documentation_states_exactly_what_RestoreRequirements_says()
    {
        var docs = XDocument.Load(Path.ChangeExtension(typeof(PackagesClient).Assembly.Location, ".xml"));
        var remarks = docs.Descendants("member").ToDictionary(member => (string)member.Attribute("name")!, member => member.Element("remarks"));
        var checks = Enum.GetValues<UserPackageType>().Select(type => (Key: $"F:RestoreSdk.UserPackageType.{type}", Needs: RestoreRequirements.ForUser(type)))
            .Concat(Enum.GetValues<OrgPackageType>().Select(type => (Key: $"F:RestoreSdk.OrgPackageType.{type}", Needs: RestoreRequirements.ForOrg(type))));

        Assert.All(checks, check =>
        {
            var markup = remarks[check.Key]!.ToString();
            var text = remarks[check.Key]!.Value;
            Assert.All(check.Needs.ClassicScopes, scope => Assert.Contains($"<c>{scope}</c>", markup));
            Assert.Equal(check.Needs.ClassicScopes.Contains("repo"), markup.Contains("<c>repo</c>"));
            Assert.Equal(check.Needs.RequiresOrganizationAdmin, text.Contains("admin of the organization"));
            Assert.Equal(check.Needs.RequiresPackageAdmin, text.Contains("admin of the package"));
            Assert.Contains("30 days", text);
            Assert.Contains("namespace", text);
        });
    }
}
