// Pins the whole message a user reads after a failed restore, per case: each sentence, its order, and what is left out.
using System.Collections.Generic;
using System.Threading.Tasks;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class ErrorMessageTests
{
    private const string Classic = "ghp_SecretClassicValue000000000000000000";
    private const string FineGrained = "github_pat_11AAAAAAA0SecretFineGrainedValue";
    private const string UserPackage = "Restoring the npm package 'left-pad' of the authenticated user failed.";
    private const string OrgPackage = "Restoring the npm package 'left-pad' of organization 'acme' failed.";
    private const string NotVisible = "GitHub answers 404 rather than 403 when the caller may not see the package: check the name, that it was deleted within the last 30 days, and that you have";

    [Fact]
    public async Task A_401_for_a_classic_token_says_it_is_mistyped_expired_or_revoked_then_the_request_id_and_GitHubs_docs()
    {
        using var stub = new GitHubStub();
        stub.Answer(401, """{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}""", headers: new Dictionary<string, string> { ["X-GitHub-Request-Id"] = "C0DE:1" });

        var error = await UserRestoreFails(stub, Classic);

        Assert.Equal(
            $"{UserPackage} GitHub answered HTTP 401: Bad credentials. GitHub did not accept the token: it is mistyped, expired or revoked. Request id: C0DE:1. See https://docs.github.com/rest",
            error.Message);
    }

    [Fact]
    public async Task A_401_without_a_token_says_to_set_one_and_names_no_request_id_or_docs_it_did_not_get()
    {
        using var stub = new GitHubStub();
        stub.Answer(401, """{"message":"Requires authentication","documentation_url":""}""");

        var error = await UserRestoreFails(stub, token: null);

        Assert.Equal(
            $"{UserPackage} GitHub answered HTTP 401: Requires authentication. The request carried no token: set Token or TokenProvider to a personal access token (classic).",
            error.Message);
        Assert.Null(error.RequestId);
    }

    [Fact]
    public async Task A_401_for_a_fine_grained_token_on_the_org_route_names_the_kind_and_everything_the_restore_needs()
    {
        using var stub = new GitHubStub();
        stub.Answer(401, """{"message":"Bad credentials"}""");

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client(o => o.Token = FineGrained).RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "left-pad"));

        Assert.Equal(
            $"{OrgPackage} GitHub answered HTTP 401: Bad credentials. GitHub did not accept the token. The token is a fine-grained personal access token (github_pat_), which GitHub Packages does not accept for restoring packages."
            + " Use a personal access token (classic); restoring this package needs the read:packages and write:packages scopes (classic tokens), admin rights in the organization and admin rights on the package.",
            error.Message);
    }

    [Fact]
    public async Task A_403_for_a_classic_token_lacking_one_scope_names_it_in_the_singular()
    {
        using var stub = new GitHubStub();
        stub.Answer(403, """{"message":"Forbidden"}""", headers: new Dictionary<string, string> { ["X-OAuth-Scopes"] = "read:packages" });

        var error = await UserRestoreFails(stub, Classic);

        Assert.Equal(
            $"{UserPackage} GitHub answered HTTP 403: Forbidden. The token lacks the write:packages scope this restore needs. Add it to the personal access token (classic) at https://{stub.BaseAddress.Authority}/settings/tokens.",
            error.Message);
    }

    [Fact]
    public async Task A_403_for_a_classic_token_lacking_both_package_scopes_names_them_in_the_plural()
    {
        using var stub = new GitHubStub();
        stub.Answer(403, """{"message":"Forbidden"}""", headers: new Dictionary<string, string> { ["X-OAuth-Scopes"] = "repo, gist" });

        var error = await UserRestoreFails(stub, Classic);

        Assert.Equal(
            $"{UserPackage} GitHub answered HTTP 403: Forbidden. The token lacks the read:packages and write:packages scopes this restore needs. Add them to the personal access token (classic) at https://{stub.BaseAddress.Authority}/settings/tokens.",
            error.Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_classic_token_GitHub_lists_with_no_scope_at_all_lacks_both_package_scopes()
    {
        var error = await ForbiddenWithAnEmptyScopeList(Classic);

        Assert.Empty(error.TokenScopes);
        Assert.Equal(new[] { "read:packages", "write:packages" }, error.MissingScopes);
        Assert.Contains("The token lacks the read:packages and write:packages scopes this restore needs.", error.Message);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("ghs_SecretInstallationValue000000000000")]
    [InlineData("ghu_SecretUserToServerValue0000000000")]
    public async Task App_tokens_have_no_OAuth_scopes_so_an_empty_scope_list_reports_none_missing(string token)
    {
        var error = await ForbiddenWithAnEmptyScopeList(token);

        Assert.Empty(error.MissingScopes);
        Assert.DoesNotContain("lacks", error.Message);
    }

    [Fact]
    public async Task A_403_when_GitHub_did_not_list_the_tokens_scopes_says_what_restoring_needs()
    {
        using var stub = new GitHubStub();
        stub.Answer(403, """{"message":"Forbidden"}""");

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client(o => o.Token = Classic).RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "left-pad"));

        Assert.Equal(
            $"{OrgPackage} GitHub answered HTTP 403: Forbidden. Restoring it needs the read:packages and write:packages scopes (classic tokens), admin rights in the organization and admin rights on the package.",
            error.Message);
    }

    [Fact]
    public async Task A_403_on_the_user_route_for_a_token_with_every_scope_points_at_GitHubs_own_reason()
    {
        using var stub = new GitHubStub();
        stub.Answer(403, """{"message":"Package restore is disabled"}""", headers: new Dictionary<string, string> { ["X-OAuth-Scopes"] = "write:packages" });

        var error = await UserRestoreFails(stub, Classic);

        Assert.Equal(
            $"{UserPackage} GitHub answered HTTP 403: Package restore is disabled. The token has every scope this restore needs (read:packages and write:packages), so GitHub refused for the reason in its message.",
            error.Message);
    }

    [Fact]
    public async Task A_403_on_the_org_route_of_a_repository_scoped_registry_needs_organization_admin_only()
    {
        using var stub = new GitHubStub();
        stub.Answer(403, """{"message":"Forbidden"}""", headers: new Dictionary<string, string> { ["X-OAuth-Scopes"] = "repo, write:packages" });

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client(o => o.Token = Classic).RestorePackageForOrgAsync("acme", OrgPackageType.Maven, "com.acme.core"));

        Assert.Equal(
            "Restoring the maven package 'com.acme.core' of organization 'acme' failed. GitHub answered HTTP 403: Forbidden."
            + " The token has every scope this restore needs (read:packages, write:packages and repo); restoring it also needs admin rights in the organization.",
            error.Message);
    }

    [Fact]
    public async Task A_404_on_the_org_route_of_a_repository_scoped_registry_lists_the_causes_with_organization_admin_last()
    {
        using var stub = new GitHubStub();
        stub.Answer(404, """{"message":"Not Found"}""", headers: new Dictionary<string, string> { ["X-OAuth-Scopes"] = "repo, write:packages" });

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client(o => o.Token = Classic).RestorePackageForOrgAsync("acme", OrgPackageType.Maven, "com.acme.core"));

        Assert.Equal(
            "Restoring the maven package 'com.acme.core' of organization 'acme' failed. GitHub answered HTTP 404: Not Found."
            + " The token has every scope this restore needs (read:packages, write:packages and repo), so the 404 means one of: the name or package type is wrong;"
            + " the package is not deleted; it was deleted more than 30 days ago; its namespace was reused by a new package (delete that one first); you are not an admin of the organization.",
            error.Message);
    }

    [Fact]
    public async Task A_404_on_the_user_route_when_GitHub_did_not_list_the_scopes_explains_GitHubs_404_for_hidden_packages()
    {
        using var stub = new GitHubStub();
        stub.Answer(404, """{"message":"Not Found"}""");

        var error = await UserRestoreFails(stub, Classic);

        Assert.Equal($"{UserPackage} GitHub answered HTTP 404: Not Found. {NotVisible} the read:packages and write:packages scopes (classic tokens).", error.Message);
    }

    [Fact]
    public async Task A_404_on_the_org_route_without_a_token_says_none_was_sent_first()
    {
        using var stub = new GitHubStub();
        stub.Answer(404, """{"message":"Not Found"}""");

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client().RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "left-pad"));

        Assert.Equal(
            $"{OrgPackage} GitHub answered HTTP 404: Not Found. This request carried no token. {NotVisible} the read:packages and write:packages scopes (classic tokens), admin rights in the organization and admin rights on the package.",
            error.Message);
    }

    [Fact]
    public async Task A_422_describes_entries_with_only_a_message_or_no_known_field()
    {
        using var stub = new GitHubStub();
        stub.Answer(422, """{"message":"Validation Failed","errors":[{"message":"Package version is locked."},{"unknown":1}]}""");

        var error = await UserRestoreFails(stub, Classic);

        Assert.Equal($$"""{{UserPackage}} GitHub answered HTTP 422: Validation Failed. Errors: Package version is locked; {"unknown":1}.""", error.Message);
    }

    [Fact]
    public async Task A_json_error_with_an_empty_message_counts_as_no_message()
    {
        using var stub = new GitHubStub();
        stub.Answer(500, """{"message":""}""");

        var error = await UserRestoreFails(stub, Classic, retries: 0);

        Assert.Equal($"{UserPackage} GitHub answered HTTP 500 without GitHub's JSON error body (application/json; charset=utf-8).", error.Message);
    }

    [Theory]
    [InlineData(64, "")]
    [InlineData(65, "...")]
    public async Task A_content_type_is_quoted_up_to_64_characters(int length, string cut)
    {
        var contentType = "text/plain; profile=" + new string('p', length - 20);
        using var stub = new GitHubStub();
        stub.Answer(500, "oops", contentType);

        var error = await UserRestoreFails(stub, Classic, retries: 0);

        Assert.Equal($"{UserPackage} GitHub answered HTTP 500 without GitHub's JSON error body ({contentType[..64]}{cut}).", error.Message);
    }

    [Fact]
    public async Task A_300_is_a_redirect_whose_location_is_named_and_not_followed()
    {
        using var stub = new GitHubStub();
        stub.Answer(300, headers: new Dictionary<string, string> { ["Location"] = "https://elsewhere.example/restore" });

        var error = await UserRestoreFails(stub, Classic);

        Assert.Equal("https://elsewhere.example/restore", error.RedirectLocation);
        Assert.Equal(
            $"{UserPackage} GitHub answered HTTP 300 without GitHub's JSON error body. The answer redirects to https://elsewhere.example/restore."
            + " The client never follows redirects; check BaseAddress (for GitHub Enterprise Server it is https://HOST/api/v3).",
            error.Message);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task A_redirect_without_a_location_says_so()
    {
        using var stub = new GitHubStub();
        stub.Answer(302);

        var error = await UserRestoreFails(stub, Classic);

        Assert.Null(error.RedirectLocation);
        Assert.Equal(
            $"{UserPackage} GitHub answered HTTP 302 without GitHub's JSON error body. The answer is a redirect without a Location."
            + " The client never follows redirects; check BaseAddress (for GitHub Enterprise Server it is https://HOST/api/v3).",
            error.Message);
    }

    [Theory]
    [InlineData(400, "Problems parsing JSON")]
    [InlineData(404, "Not Found")]
    public async Task A_location_header_on_an_answer_that_is_not_a_redirect_is_no_redirect(int status, string githubMessage)
    {
        using var stub = new GitHubStub();
        stub.Answer(status, $$"""{"message":"{{githubMessage}}"}""", headers: new Dictionary<string, string> { ["Location"] = "https://elsewhere.example/restore" });

        var error = await UserRestoreFails(stub, Classic);

        Assert.Null(error.RedirectLocation);
        Assert.StartsWith($"{UserPackage} GitHub answered HTTP {status}: {githubMessage}.", error.Message);
        Assert.DoesNotContain("redirect", error.Message);
    }

    // GitHub's answer for a token without any scope: an X-OAuth-Scopes header with an empty value (WireMock would drop it).
    private static async Task<GitHubApiException> ForbiddenWithAnEmptyScopeList(string token)
    {
        const string body = """{"message":"Forbidden"}""";
        await using var server = new HostileHttpServer(HostileHttpServer.Raw(
            $"HTTP/1.1 403 Forbidden\r\nX-OAuth-Scopes: \r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}"));
        var client = new PackagesClient(new PackagesClientOptions { BaseAddress = server.BaseAddress, Token = token, MaxRetries = 0, TimeProvider = new InstantTimeProvider() });
        return await Assert.ThrowsAsync<GitHubApiException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));
    }

    private static Task<GitHubApiException> UserRestoreFails(GitHubStub stub, string? token, int? retries = null) =>
        Assert.ThrowsAsync<GitHubApiException>(() => stub.Client(o =>
        {
            o.Token = token;
            o.MaxRetries = retries ?? o.MaxRetries;
        }).RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));
}
