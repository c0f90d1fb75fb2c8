// The simulator's credential rules: 401 without valid credentials, 403 with GitHub's scope headers for a classic token lacking a scope per product, and unsupported token kinds.
using System;
using System.Net;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace RestoreSdk.Testing.Tests;

public class AuthenticationTests
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact(Timeout = 30_000)]
    public async Task No_authorization_header_answers_401_requires_authentication()
    {
        var simulator = new GitHubSimulator(new FakeTimeProvider(Now));

        using var response = await simulator.PostAsync("user/packages/npm/left-pad/restore", token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Requires authentication", (string?)(await response.ErrorAsync())["message"]);
        Assert.Null(response.Header("x-ratelimit-remaining"));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_unknown_token_answers_401_bad_credentials()
    {
        var simulator = new GitHubSimulator(new FakeTimeProvider(Now)).AddClassicToken("ghp_known", "alice", "write:packages");

        using var response = await simulator.PostAsync("user/packages/npm/left-pad/restore", "ghp_revoked");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bad credentials", (string?)(await response.ErrorAsync())["message"]);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("github_pat_11AAAAAAA0UnknownFineGrainedValue")]
    [InlineData("ghs_UnknownInstallationValue0000000000000")]
    [InlineData(null)] // the JWT form of an installation token
    [InlineData("ghu_UnknownUserToServerValue00000000000")]
    public async Task A_token_of_a_kind_GitHub_Packages_rejects_that_GitHub_cannot_authenticate_gets_GitHubs_own_401(string? token)
    {
        token ??= "ghs_" + string.Join(".", new string('a', 36), new string('b', 440), new string('c', 38));
        var simulator = new GitHubSimulator(new FakeTimeProvider(Now)).AddClassicToken("ghp_known", "alice", "write:packages");

        using var response = await simulator.PostAsync("user/packages/npm/left-pad/restore", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = await response.ErrorAsync();
        Assert.Equal("Bad credentials", (string?)error["message"]);
        Assert.Equal("https://docs.github.com/rest", (string?)error["documentation_url"]);
        Assert.Equal("401", (string?)error["status"]);
        Assert.Null(response.Header("x-ratelimit-remaining"));
        Assert.DoesNotContain(token, await response.Content.ReadAsStringAsync());
    }

    [Theory(Timeout = 30_000)]
    [InlineData("github_pat_11AAAAAAA0UnknownFineGrainedValue", "The token is a fine-grained personal access token (github_pat_), which GitHub Packages does not accept for restoring packages.")]
    [InlineData("ghs_UnknownInstallationValue0000000000000", "GitHub Packages does not accept App installation tokens for restoring packages")]
    public async Task Through_the_client_the_simulators_401_for_such_a_token_says_GitHub_Packages_does_not_accept_its_kind(string token, string kindHint)
    {
        var simulator = new GitHubSimulator(new FakeTimeProvider(Now)).AddUser("alice");
        var client = new PackagesClient(new System.Net.Http.HttpClient(simulator), new PackagesClientOptions
        {
            BaseAddress = simulator.BaseAddress,
            Token = token,
            MinimumWriteInterval = TimeSpan.Zero,
        });

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Equal(401, error.StatusCode);
        Assert.Contains("GitHub answered HTTP 401: Bad credentials. GitHub did not accept the token.", error.Message);
        Assert.Contains(kindHint, error.Message);
        Assert.Contains("Use a personal access token (classic); restoring this package needs the read:packages and write:packages scopes (classic tokens).", error.Message);
        Assert.DoesNotContain(token, error.ToString());
    }

    [Theory(Timeout = 30_000)]
    [InlineData(GitHubProduct.GitHubCom, "maven", "repo")]
    [InlineData(GitHubProduct.GitHubCom, "docker", null)]
    [InlineData(GitHubProduct.GitHubCom, "container", null)]
    [InlineData(GitHubProduct.EnterpriseServer, "maven", "repo")]
    [InlineData(GitHubProduct.EnterpriseServer, "docker", "repo")]
    [InlineData(GitHubProduct.EnterpriseServer, "npm", null)]
    public async Task Repo_is_needed_only_for_the_products_repository_scoped_registries(GitHubProduct product, string packageType, string? missing)
    {
        var simulator = new GitHubSimulator(new FakeTimeProvider(Now), product)
            .AddClassicToken("ghp_scoped", "alice", "read:packages", "write:packages")
            .AddDeletedPackage("alice", packageType, "pkg", Now.AddDays(-1));

        using var response = await simulator.PostAsync($"user/packages/{packageType}/pkg/restore", "ghp_scoped");

        Assert.Equal(missing is null ? HttpStatusCode.NoContent : HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("read:packages, write:packages", response.Header("X-OAuth-Scopes"));
        Assert.Equal(missing is null ? "read:packages, write:packages" : "read:packages, write:packages, repo", response.Header("X-Accepted-OAuth-Scopes"));
        if (missing is not null)
        {
            Assert.Contains($"You need the {missing} scope", (string?)(await response.ErrorAsync())["message"]);
        }
    }

    [Fact]
    public void Each_product_answers_at_its_own_rest_api_root()
    {
        Assert.Equal(new Uri("https://api.github.com/"), new GitHubSimulator().BaseAddress);
        Assert.Equal(new Uri("https://ghes.example.test/api/v3/"), new GitHubSimulator(product: GitHubProduct.EnterpriseServer).BaseAddress);
    }

    [Fact(Timeout = 30_000)]
    public async Task Write_packages_includes_read_packages_but_read_alone_is_not_enough()
    {
        var simulator = new GitHubSimulator(new FakeTimeProvider(Now))
            .AddClassicToken("ghp_write", "alice", "write:packages")
            .AddClassicToken("ghp_read", "bob", "read:packages")
            .AddDeletedPackage("alice", "npm", "pkg", Now.AddDays(-1))
            .AddDeletedPackage("bob", "npm", "pkg", Now.AddDays(-1));

        using var write = await simulator.PostAsync("user/packages/npm/pkg/restore", "ghp_write");
        using var read = await simulator.PostAsync("user/packages/npm/pkg/restore", "ghp_read");

        Assert.Equal(HttpStatusCode.NoContent, write.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal("read:packages", read.Header("X-OAuth-Scopes"));
    }

    [Theory(Timeout = 30_000)]
    [InlineData(SimulatedTokenKind.FineGrained, "alice", "user/packages/npm/pkg/restore", 403, "Resource not accessible by personal access token")]
    [InlineData(SimulatedTokenKind.FineGrained, "alice", "orgs/acme/packages/npm/pkg/restore", 403, "Resource not accessible by personal access token")]
    [InlineData(SimulatedTokenKind.AppInstallation, "acme", "orgs/acme/packages/npm/pkg/restore", 403, "Resource not accessible by integration")]
    [InlineData(SimulatedTokenKind.GitHubActions, "acme", "orgs/acme/packages/maven/pkg/restore", 403, "Resource not accessible by integration")]
    [InlineData(SimulatedTokenKind.GitHubActions, "acme", "user/packages/npm/pkg/restore", 403, "Resource not accessible by integration")]
    [InlineData(SimulatedTokenKind.GitHubActions, "acme", "orgs/acme/packages/npm/pkg/restore", 204, null)]
    public async Task Token_kinds_other_than_classic_are_refused_except_GITHUB_TOKEN_on_granular_registries(SimulatedTokenKind kind, string owner, string target, int status, string? message)
    {
        var simulator = new GitHubSimulator(new FakeTimeProvider(Now))
            .AddOrganization("acme", "alice")
            .AddToken("token_of_another_kind", kind, owner)
            .AddDeletedPackage("acme", "npm", "pkg", Now.AddDays(-1))
            .AddDeletedPackage("acme", "maven", "pkg", Now.AddDays(-1));

        using var response = await simulator.PostAsync(target, "token_of_another_kind");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Null(response.Header("X-OAuth-Scopes"));
        if (message is not null)
        {
            Assert.Equal(message, (string?)(await response.ErrorAsync())["message"]);
        }
    }
}
