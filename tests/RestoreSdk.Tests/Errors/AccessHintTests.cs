// Pins the hints for 401/403/404 per token kind and visible scopes, and the 422 message built from GitHub's errors array.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class AccessHintTests
{
    private const string FineGrained = "github_pat_11AAAAAAA0SecretFineGrainedValue";
    private const string UserToServer = "ghu_SecretUserToServerValue0000000000";
    private const string Classic = "ghp_SecretClassicValue000000000000000000";
    private const string OAuth = "gho_SecretOAuthValue00000000000000000000";

    // Since April 2026 installation tokens are JWTs of about 520 characters with dots, still behind the ghs_ prefix.
    private static readonly string InstallationJwt = "ghs_" + string.Join(".", new string('a', 36), new string('b', 440), new string('c', 38));

    [Theory]
    [InlineData(403)]
    [InlineData(404)]
    public async Task A_fine_grained_token_is_told_to_use_a_classic_token_and_no_scope_is_reported_missing(int status)
    {
        using var stub = new GitHubStub();
        stub.Answer(status, """{"message":"Forbidden"}""", headers: new Dictionary<string, string> { ["X-OAuth-Scopes"] = "" });

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client(o => o.Token = FineGrained).RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "left-pad"));

        Assert.Contains("fine-grained personal access token (github_pat_), which GitHub Packages does not accept", error.Message);
        Assert.Contains("Use a personal access token (classic); restoring this package needs the read:packages and write:packages scopes (classic tokens), admin rights in the organization and admin rights on the package.", error.Message);
        Assert.Empty(error.MissingScopes);
        Assert.DoesNotContain(FineGrained, error.ToString());
    }

    [Fact]
    public async Task A_ghs_token_is_named_as_either_an_app_installation_token_or_GITHUB_TOKEN_with_the_preview_limits()
    {
        using var stub = new GitHubStub();
        stub.Answer(403, """{"message":"Resource not accessible by integration"}""");

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client(o => o.Token = InstallationJwt).RestorePackageForOrgAsync("acme", OrgPackageType.Container, "acme/web"));

        Assert.InRange(InstallationJwt.Length, 500, 540);
        Assert.Contains("(ghs_) is a GitHub App installation token or a GitHub Actions GITHUB_TOKEN", error.Message);
        Assert.Contains("GitHub Packages does not accept App installation tokens for restoring packages", error.Message);
        Assert.Contains("GITHUB_TOKEN works only in a preview, for registries with granular permissions, and only when the workflow's repository has admin access to the package", error.Message);
        Assert.Contains("Use a personal access token (classic)", error.Message);
        Assert.DoesNotContain(InstallationJwt[4..40], error.ToString());
    }

    [Fact]
    public async Task A_ghs_token_on_a_repository_scoped_registry_is_told_GITHUB_TOKEN_cannot_help_either()
    {
        using var stub = new GitHubStub();
        stub.Answer(404, """{"message":"Not Found"}""");

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client(o => o.Token = InstallationJwt).RestorePackageForAuthenticatedUserAsync(UserPackageType.Maven, "com.acme.core"));

        Assert.Contains("GITHUB_TOKEN cannot restore maven packages either, because that registry's permissions are repository-scoped", error.Message);
        Assert.DoesNotContain("preview", error.Message);
        Assert.Contains("read:packages, write:packages and repo", error.Message);
    }

    [Fact]
    public async Task A_user_access_token_is_told_to_use_a_classic_token()
    {
        using var stub = new GitHubStub();
        stub.Answer(403, """{"message":"Forbidden"}""");

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client(o => o.Token = UserToServer).RestorePackageForAuthenticatedUserAsync(UserPackageType.NuGet, "Acme.Core"));

        Assert.Contains("GitHub App user access token (ghu_), which GitHub Packages does not accept", error.Message);
        Assert.Contains("Use a personal access token (classic)", error.Message);
        Assert.DoesNotContain(UserToServer, error.ToString());
    }

    [Fact]
    public async Task Gh_default_token_is_told_the_gh_command_that_adds_write_packages_for_this_host()
    {
        using var stub = new GitHubStub();
        stub.Answer(403, """{"message":"Forbidden"}""", headers: new Dictionary<string, string> { ["X-OAuth-Scopes"] = "gist, read:org, repo" });

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client(o => o.Token = OAuth).RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Equal(new[] { "read:packages", "write:packages" }, error.MissingScopes);
        Assert.Contains($"run `gh auth refresh -h {stub.BaseAddress.Authority} -s write:packages`.", error.Message);
        Assert.DoesNotContain("write:packages,", error.Message);
        Assert.DoesNotContain("settings/tokens", error.Message);
    }

    [Fact]
    public async Task The_gh_command_adds_repo_too_when_a_repository_scoped_registry_needs_it_on_Enterprise_Server()
    {
        using var stub = new GitHubStub();
        stub.Answer(404, """{"message":"Not Found"}""", headers: new Dictionary<string, string> { ["X-OAuth-Scopes"] = "gist, read:org" });

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client(o =>
        {
            o.BaseAddress = new Uri(stub.BaseAddress, "api/v3/");
            o.Token = OAuth;
        }).RestorePackageForOrgAsync("acme", OrgPackageType.Docker, "acme/app"));

        Assert.Equal(new[] { "read:packages", "write:packages", "repo" }, error.MissingScopes);
        Assert.Contains($"run `gh auth refresh -h {stub.BaseAddress.Authority} -s write:packages,repo`.", error.Message);
    }

    [Fact]
    public async Task A_classic_token_lacking_scopes_is_sent_to_its_token_settings_page()
    {
        using var stub = new GitHubStub();
        stub.Answer(403, """{"message":"Forbidden"}""", headers: new Dictionary<string, string> { ["X-OAuth-Scopes"] = "read:packages" });

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client(o => o.Token = Classic).RestorePackageForAuthenticatedUserAsync(UserPackageType.Container, "acme/web"));

        Assert.Equal(new[] { "write:packages" }, error.MissingScopes);
        Assert.Contains($"Add it to the personal access token (classic) at https://{stub.BaseAddress.Authority}/settings/tokens.", error.Message);
        Assert.DoesNotContain("gh auth refresh", error.Message);
        Assert.DoesNotContain(Classic, error.ToString());
    }

    [Fact]
    public async Task A_token_of_unknown_kind_lacking_scopes_gets_both_fixes()
    {
        using var stub = new GitHubStub();
        const string legacy = "0123456789abcdef0123456789abcdef01234567";
        stub.Answer(403, """{"message":"Forbidden"}""", headers: new Dictionary<string, string> { ["X-OAuth-Scopes"] = "repo" });

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client(o => o.Token = legacy).RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Contains("If the token comes from gh, run `gh auth refresh", error.Message);
        Assert.Contains("/settings/tokens", error.Message);
    }

    [Fact]
    public async Task With_a_TokenProvider_the_hint_follows_the_kind_of_token_the_last_attempt_sent()
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(new StubAnswer(503), new StubAnswer(403, """{"message":"Forbidden"}"""));
        var tokens = new[] { Classic, FineGrained };
        var calls = 0;

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client(o => o.TokenProvider = _ => Task.FromResult(tokens[Interlocked.Increment(ref calls) - 1]))
            .RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Equal(2, calls);
        Assert.Contains("fine-grained", error.Message);
        Assert.DoesNotContain(FineGrained, error.ToString());
        Assert.DoesNotContain(Classic, error.ToString());
    }

    [Fact]
    public async Task A_404_for_a_token_with_every_scope_says_so_and_names_the_remaining_causes()
    {
        using var stub = new GitHubStub();
        stub.Answer(404, """{"message":"Not Found"}""", headers: new Dictionary<string, string> { ["X-OAuth-Scopes"] = "read:packages, repo, write:packages" });

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client(o => o.Token = Classic).RestorePackageForOrgAsync("acme", OrgPackageType.NuGet, "Acme.Core"));

        Assert.Empty(error.MissingScopes);
        Assert.Contains("The token has every scope this restore needs (read:packages and write:packages), so the 404 means one of:", error.Message);
        Assert.Contains("the name or package type is wrong", error.Message);
        Assert.Contains("the package is not deleted", error.Message);
        Assert.Contains("deleted more than 30 days ago", error.Message);
        Assert.Contains("namespace was reused by a new package", error.Message);
        Assert.Contains("not an admin of the organization and of the package", error.Message);
        Assert.DoesNotContain("check the name, that it was deleted", error.Message);
    }

    [Fact]
    public async Task A_403_for_a_token_with_every_scope_names_the_admin_rights_still_needed()
    {
        using var stub = new GitHubStub();
        stub.Answer(403, """{"message":"Forbidden"}""", headers: new Dictionary<string, string> { ["X-OAuth-Scopes"] = "repo, write:packages" });

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client(o => o.Token = Classic).RestorePackageForOrgAsync("acme", OrgPackageType.Container, "acme/web"));

        Assert.Empty(error.MissingScopes);
        Assert.Contains("The token has every scope this restore needs (read:packages and write:packages); restoring it also needs admin rights in the organization and on the package.", error.Message);
    }

    [Fact]
    public async Task A_404_on_the_user_route_with_every_scope_does_not_mention_organization_admin()
    {
        using var stub = new GitHubStub();
        stub.Answer(404, """{"message":"Not Found"}""", headers: new Dictionary<string, string> { ["X-OAuth-Scopes"] = "write:packages" });

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client(o => o.Token = OAuth).RestorePackageForAuthenticatedUserAsync(UserPackageType.RubyGems, "acme"));

        Assert.Contains("has every scope", error.Message);
        Assert.DoesNotContain("admin", error.Message);
    }

    [Fact]
    public async Task A_404_without_a_token_says_none_was_sent()
    {
        using var stub = new GitHubStub();
        stub.Answer(404, """{"message":"Not Found"}""");

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Contains("This request carried no token.", error.Message);
    }

    [Fact]
    public async Task A_401_for_a_fine_grained_token_says_GitHub_Packages_does_not_accept_that_kind_and_to_use_a_classic_token()
    {
        using var stub = new GitHubStub();
        stub.Answer(401, """{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}""");

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client(o => o.Token = FineGrained).RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Equal(401, error.StatusCode);
        Assert.Contains(
            "GitHub answered HTTP 401: Bad credentials. GitHub did not accept the token. The token is a fine-grained personal access token (github_pat_), which GitHub Packages does not accept for restoring packages."
            + " Use a personal access token (classic); restoring this package needs the read:packages and write:packages scopes (classic tokens).",
            error.Message);
        Assert.DoesNotContain("mistyped", error.Message);
        Assert.DoesNotContain(FineGrained, error.ToString());
        Assert.DoesNotContain(FineGrained[..16], error.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_401_for_an_app_installation_token_short_or_JWT_says_GitHub_Packages_does_not_accept_it_with_repo_where_the_registry_needs_it(bool jwt)
    {
        var token = jwt ? InstallationJwt : "ghs_SecretInstallationValue000000000000";
        using var stub = new GitHubStub();
        stub.Answer(401, """{"message":"Bad credentials"}""");

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client(o => o.Token = token).RestorePackageForAuthenticatedUserAsync(UserPackageType.Maven, "com.acme.core"));

        Assert.Contains(
            "GitHub did not accept the token. The token (ghs_) is a GitHub App installation token or a GitHub Actions GITHUB_TOKEN. GitHub Packages does not accept App installation tokens for restoring packages;",
            error.Message);
        Assert.Contains("Use a personal access token (classic); restoring this package needs the read:packages, write:packages and repo scopes (classic tokens).", error.Message);
        Assert.DoesNotContain("mistyped", error.Message);
        Assert.DoesNotContain(token[4..20], error.ToString());
    }

    [Fact]
    public async Task A_401_for_a_GitHub_App_user_access_token_says_to_use_a_classic_token()
    {
        using var stub = new GitHubStub();
        stub.Answer(401, """{"message":"Bad credentials"}""");

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client(o => o.Token = UserToServer).RestorePackageForOrgAsync("acme", OrgPackageType.Container, "acme/web"));

        Assert.Contains("GitHub did not accept the token. The token is a GitHub App user access token (ghu_), which GitHub Packages does not accept for restoring packages. Use a personal access token (classic)", error.Message);
        Assert.DoesNotContain(UserToServer, error.ToString());
    }

    [Theory]
    [InlineData(Classic)]
    [InlineData(OAuth)]
    [InlineData("0123456789abcdef0123456789abcdef01234567")]
    public async Task A_401_for_a_kind_GitHub_Packages_accepts_still_says_mistyped_expired_or_revoked(string token)
    {
        using var stub = new GitHubStub();
        stub.Answer(401, """{"message":"Bad credentials"}""");

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client(o => o.Token = token).RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Contains("GitHub did not accept the token: it is mistyped, expired or revoked.", error.Message);
        Assert.DoesNotContain("does not accept", error.Message);
    }

    [Fact]
    public async Task A_401_without_a_token_says_to_set_one()
    {
        using var stub = new GitHubStub();
        stub.Answer(401, """{"message":"Requires authentication"}""");

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Contains("The request carried no token: set Token or TokenProvider to a personal access token (classic).", error.Message);
    }

    [Fact]
    public async Task A_422_lists_every_entry_of_GitHubs_errors_array_with_secrets_masked()
    {
        using var stub = new GitHubStub();
        const string packageToken = "pkg_SecretPackageToken";
        stub.Answer(422, $$"""
            {"message":"Validation Failed","errors":[
              "namespace taken",
              {"resource":"Package","field":"name","code":"invalid"},
              {"resource":"Package","code":"custom","message":"token {{packageToken}} rejected for {{Classic}}"},
              {"code":"already_exists"},
              42
            ],"documentation_url":"https://docs.github.com/rest"}
            """);

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client(o => o.Token = Classic).RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "left-pad", packageToken));

        Assert.Contains("GitHub answered HTTP 422: Validation Failed. Errors: namespace taken; Package.name invalid; Package custom: token *** rejected for ***; already_exists; 42.", error.Message);
        Assert.DoesNotContain(packageToken, error.ToString());
        Assert.DoesNotContain(Classic, error.ToString());
    }
}
