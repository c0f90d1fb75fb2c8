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
    // repository-scoped permissions (Maven/Gradle everywhere; legacy Docker only on Enterprise Server, since on github.com
    // the docker type finds images migrated to the Container registry); the org route also needs org admin, and package
    // admin for registries with granular permissions (Container, npm, NuGet, RubyGems, and Docker on github.com).
    public static TheoryData<bool, bool, int, string[], bool> RoutesAndRegistries => new TheoryData<bool, bool, int, string[], bool>
    {
        { false, false, (int)UserPackageType.Npm, new[] { "write:packages" }, false },
        { false, false, (int)UserPackageType.Container, new[] { "write:packages" }, false },
        { false, false, (int)UserPackageType.Maven, new[] { "write:packages", "repo" }, false },
        { false, false, (int)UserPackageType.Docker, new[] { "write:packages" }, false },
        { false, true, (int)UserPackageType.Docker, new[] { "write:packages", "repo" }, false },
        { false, true, (int)UserPackageType.Maven, new[] { "write:packages", "repo" }, false },
        { false, true, (int)UserPackageType.NuGet, new[] { "write:packages" }, false },
        { true, false, (int)OrgPackageType.NuGet, new[] { "write:packages" }, true },
        { true, false, (int)OrgPackageType.RubyGems, new[] { "write:packages" }, true },
        { true, false, (int)OrgPackageType.Maven, new[] { "write:packages", "repo" }, false },
        { true, false, (int)OrgPackageType.Docker, new[] { "write:packages" }, true },
        { true, true, (int)OrgPackageType.Docker, new[] { "write:packages", "repo" }, false },
        { true, true, (int)OrgPackageType.Maven, new[] { "write:packages", "repo" }, false },
        { true, true, (int)OrgPackageType.Container, new[] { "write:packages" }, true },
    };

    [Theory]
    [MemberData(nameof(RoutesAndRegistries))]
    public async Task A_403_names_the_scopes_a_read_only_token_lacks_for_that_product_route_and_registry(bool org, bool enterpriseServer, int packageType, string[] missing, bool packageAdmin)
    {
        using var stub = new GitHubStub();
        stub.Answer(403, """{"message":"Resource not accessible"}""", headers: new Dictionary<string, string> { ["X-OAuth-Scopes"] = "read:packages" });
        var client = stub.Client(options => options.BaseAddress = enterpriseServer ? new Uri(stub.BaseAddress, "api/v3") : stub.BaseAddress);

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => org
            ? client.RestorePackageForOrgAsync("acme", (OrgPackageType)packageType, "pkg")
            : client.RestorePackageForAuthenticatedUserAsync((UserPackageType)packageType, "pkg"));

        Assert.Equal(missing, error.MissingScopes);
        Assert.All(missing, scope => Assert.Contains(scope, error.Message));
        Assert.Equal(missing.Contains("repo"), error.Message.Contains("repo"));
        Assert.Contains("lacks", error.Message);
        Assert.Equal(enterpriseServer ? GitHubProduct.EnterpriseServer : GitHubProduct.GitHubCom, error.Requirements!.Product);
        Assert.Equal(org, error.Requirements.RequiresOrganizationAdmin);
        Assert.Equal(packageAdmin, error.Requirements.RequiresPackageAdmin);
        Assert.Equal(new[] { "read:packages" }.Concat(missing), error.Requirements.ClassicScopes);
    }

    [Theory]
    [InlineData("https://api.github.com/", GitHubProduct.GitHubCom, "github.com")]
    [InlineData("https://api.acme.ghe.com", GitHubProduct.GitHubCom, "acme.ghe.com")]
    [InlineData("https://ghes.example.com/api/v3", GitHubProduct.EnterpriseServer, "ghes.example.com")]
    [InlineData("https://ghes.example.com:8443/api/v3/", GitHubProduct.EnterpriseServer, "ghes.example.com:8443")]
    [InlineData("https://proxy.example.com/github/api/v3", GitHubProduct.EnterpriseServer, "proxy.example.com")]
    [InlineData("https://proxy.example.com/api/v3/extra", GitHubProduct.GitHubCom, "proxy.example.com")]
    public void The_product_and_sign_in_host_come_from_the_base_address(string baseAddress, GitHubProduct product, string webHost)
    {
        var instance = GitHubInstance.From(new Uri(baseAddress));

        Assert.Equal(product, instance.Product);
        Assert.Equal(webHost, instance.WebHost);
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
        Assert.Contains("GitHub did not accept the token: it is mistyped, expired or revoked.", error.Message);
        Assert.NotNull(error.Requirements);
    }

    [Fact]
    public void Requirements_can_be_asked_without_calling_GitHub()
    {
        Assert.Equal(new[] { "read:packages", "write:packages", "repo" }, RestoreRequirements.ForUser(UserPackageType.Maven).ClassicScopes);
        Assert.False(RestoreRequirements.ForUser(UserPackageType.Npm).RequiresOrganizationAdmin);
        Assert.True(RestoreRequirements.ForOrg(OrgPackageType.Container).RequiresPackageAdmin);
        Assert.Equal(
            "the read:packages and write:packages scopes (classic tokens), admin rights in the organization and admin rights on the package",
            RestoreRequirements.ForOrg(OrgPackageType.Npm).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => RestoreRequirements.ForUser((UserPackageType)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => RestoreRequirements.ForOrg(OrgPackageType.Npm, (GitHubProduct)7));
    }

    [Fact]
    public void The_overloads_without_a_product_give_github_com_rules_and_only_Docker_differs_on_Enterprise_Server()
    {
        Assert.Equal(GitHubProduct.GitHubCom, RestoreRequirements.ForUser(UserPackageType.Docker).Product);
        Assert.Equal(new[] { "read:packages", "write:packages" }, RestoreRequirements.ForUser(UserPackageType.Docker).ClassicScopes);
        Assert.Equal(new[] { "read:packages", "write:packages", "repo" }, RestoreRequirements.ForUser(UserPackageType.Docker, GitHubProduct.EnterpriseServer).ClassicScopes);
        Assert.True(RestoreRequirements.ForOrg(OrgPackageType.Docker).RequiresPackageAdmin);
        Assert.False(RestoreRequirements.ForOrg(OrgPackageType.Docker, GitHubProduct.EnterpriseServer).RequiresPackageAdmin);
        Assert.Equal(
            "the read:packages, write:packages and repo scopes (classic tokens) and admin rights in the organization",
            RestoreRequirements.ForOrg(OrgPackageType.Docker, GitHubProduct.EnterpriseServer).ToString());

        var differing = Enum.GetValues<OrgPackageType>()
            .Where(type => RestoreRequirements.ForOrg(type, GitHubProduct.GitHubCom).ToString() != RestoreRequirements.ForOrg(type, GitHubProduct.EnterpriseServer).ToString());
        Assert.Equal(new[] { OrgPackageType.Docker }, differing);
    }

    // A member whose requirements differ by product documents each in a <para> starting "On github.com" or "On GitHub Enterprise Server".
    [Fact]
    public void Each_enum_members_documentation_states_exactly_what_RestoreRequirements_says_for_each_product()
    {
        var docs = XDocument.Load(Path.ChangeExtension(typeof(PackagesClient).Assembly.Location, ".xml"));
        var remarks = docs.Descendants("member").ToDictionary(member => (string)member.Attribute("name")!, member => member.Element("remarks")!);
        var products = new[] { (Product: GitHubProduct.GitHubCom, Opening: "On github.com"), (Product: GitHubProduct.EnterpriseServer, Opening: "On GitHub Enterprise Server") };
        var checks = products.SelectMany(product =>
            Enum.GetValues<UserPackageType>().Select(type => (Key: $"F:RestoreSdk.UserPackageType.{type}", product.Opening, Needs: RestoreRequirements.ForUser(type, product.Product)))
            .Concat(Enum.GetValues<OrgPackageType>().Select(type => (Key: $"F:RestoreSdk.OrgPackageType.{type}", product.Opening, Needs: RestoreRequirements.ForOrg(type, product.Product)))));

        Assert.All(checks, check =>
        {
            var paragraphs = remarks[check.Key].Elements("para").ToList();
            var section = paragraphs.SingleOrDefault(para => para.Value.TrimStart().StartsWith(check.Opening, StringComparison.Ordinal)) ?? remarks[check.Key];
            var markup = section.ToString();
            var text = section.Value;
            Assert.All(check.Needs.ClassicScopes, scope => Assert.Contains($"<c>{scope}</c>", markup));
            Assert.Equal(check.Needs.ClassicScopes.Contains("repo"), markup.Contains("<c>repo</c>"));
            Assert.Equal(check.Needs.RequiresOrganizationAdmin, text.Contains("admin of the organization"));
            Assert.Equal(check.Needs.RequiresPackageAdmin, text.Contains("admin of the package"));
            Assert.Contains("30 days", remarks[check.Key].Value);
            Assert.Contains("namespace", remarks[check.Key].Value);
        });
    }

    [Fact]
    public void A_stand_in_exception_from_RestoreSdk_Testing_carries_the_diagnostics_it_was_given()
    {
        var requirements = RestoreRequirements.ForUser(UserPackageType.Npm);

        var error = RestoreSdk.Testing.GitHubExceptionFactory.GitHubApiException(
            403,
            response: """{"message":"Forbidden"}""",
            documentationUrl: "https://docs.github.com/rest",
            requestId: "C0DE:1",
            tokenScopes: new[] { "repo" },
            acceptedScopes: new[] { "write:packages" },
            requirements: requirements);

        Assert.Equal("""{"message":"Forbidden"}""", error.Response);
        Assert.Equal("https://docs.github.com/rest", error.DocumentationUrl);
        Assert.Equal("C0DE:1", error.RequestId);
        Assert.Equal(new[] { "repo" }, error.TokenScopes);
        Assert.Equal(new[] { "write:packages" }, error.AcceptedScopes);
        Assert.Same(requirements, error.Requirements);
        Assert.Equal(new[] { "read:packages", "write:packages" }, error.MissingScopes);
    }
}
