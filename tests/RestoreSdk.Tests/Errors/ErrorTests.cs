// Pins how GitHub's non-204 answers become GitHubApiException, with GitHub's message and ids but never a secret.
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class ErrorTests
{
    private const string DocsUrl = "https://docs.github.com/rest/packages/packages#restore-a-package-for-an-organization";

    [Theory]
    [InlineData(401, "Requires authentication")]
    [InlineData(403, "You need admin access to the organization")]
    [InlineData(404, "Package not found.")]
    [InlineData(422, "Validation Failed")]
    [InlineData(500, "Server Error")]
    public async Task GitHub_json_error_becomes_GitHubApiException_with_message_docs_and_request_id(int status, string githubMessage)
    {
        using var stub = new GitHubStub();
        var body = $$"""{"message":"{{githubMessage}}","documentation_url":"{{DocsUrl}}","status":"{{status}}"}""";
        stub.Answer(status, body, headers: new Dictionary<string, string> { ["X-GitHub-Request-Id"] = "C0DE:1234:ABCD" });

        var error = await Assert.ThrowsAsync<GitHubApiException>(
            () => stub.Client().RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "left-pad"));

        Assert.Equal(status, error.StatusCode);
        Assert.Contains(githubMessage, error.Message);
        Assert.Contains("left-pad", error.Message);
        Assert.Contains("acme", error.Message);
        Assert.Equal(DocsUrl, error.DocumentationUrl);
        Assert.Equal("C0DE:1234:ABCD", error.RequestId);
        Assert.Equal(body, error.Response);
    }

    [Fact]
    public async Task Html_page_from_a_proxy_still_gives_GitHubApiException_with_the_status()
    {
        using var stub = new GitHubStub();
        const string page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        stub.Answer(502, page, contentType: "text/html");

        var error = await Assert.ThrowsAsync<GitHubApiException>(
            () => stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Equal(502, error.StatusCode);
        Assert.Equal(page, error.Response);
        Assert.Contains("502", error.Message);
        Assert.Contains("text/html", error.Message);
        Assert.Null(error.DocumentationUrl);
        Assert.Null(error.RequestId);
    }

    [Theory]
    [InlineData(401, "text/html", "<html>login</html>")]
    [InlineData(404, "application/json", "")]
    [InlineData(403, "application/json", "null")]
    public async Task Documented_error_status_with_unusable_body_keeps_the_status(int status, string contentType, string body)
    {
        using var stub = new GitHubStub();
        stub.Answer(status, body, contentType);

        var error = await Assert.ThrowsAsync<GitHubApiException>(
            () => stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.RubyGems, "gem"));

        Assert.Equal(status, error.StatusCode);
        Assert.Contains(status.ToString(), error.Message);
    }

    [Fact]
    public async Task Success_status_other_than_204_is_reported_rather_than_taken_for_a_restore()
    {
        using var stub = new GitHubStub();
        stub.Answer(200, "{}");

        var error = await Assert.ThrowsAsync<GitHubApiException>(
            () => stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Equal(200, error.StatusCode);
    }

    [Fact]
    public async Task Neither_token_appears_in_the_exception_even_when_the_server_echoes_them()
    {
        const string token = "ghp_TopSecretAccessToken123";
        const string packageToken = "pkg_TopSecretPackageToken456";
        using var stub = new GitHubStub();
        stub.Answer(
            403,
            $$"""{"message":"Bad credentials: {{token}} with ?token={{packageToken}}","documentation_url":"https://docs.github.com/rest"}""",
            headers: new Dictionary<string, string> { ["X-GitHub-Request-Id"] = "ID" });

        var error = await Assert.ThrowsAsync<GitHubApiException>(
            () => stub.Client(options => options.Token = token).RestorePackageForOrgAsync("acme", OrgPackageType.Container, "img", packageToken));

        foreach (var text in new[] { error.Message, error.ToString(), error.Response! })
        {
            Assert.DoesNotContain(token, text);
            Assert.DoesNotContain(packageToken, text);
        }

        Assert.Contains("Bad credentials", error.Message);
    }

    [Fact]
    public async Task Secrets_echoed_in_escaped_forms_are_masked_too()
    {
        const string token = "ghp_abc/def+ghi";
        const string packageToken = "pkg a/b&c";
        using var stub = new GitHubStub();
        var echoes = new[] { "ghp_abc\\/def+ghi", "ghp_abc%2fdef%2bghi", "pkg%20a%2Fb%26c", "pkg+a%2fb%26c" };
        stub.Answer(404, $$"""{"message":"no {{string.Join(" ", echoes)}}","documentation_url":"https://docs.github.com/?token={{echoes[3]}}"}""");

        var error = await Assert.ThrowsAsync<GitHubApiException>(
            () => stub.Client(options => options.Token = token).RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "left-pad", packageToken));

        foreach (var text in new[] { error.Message, error.ToString(), error.Response!, error.DocumentationUrl! })
        {
            Assert.All(echoes.Append(token).Append(packageToken), secret => Assert.DoesNotContain(secret, text));
        }
    }

    [Fact]
    public async Task Control_characters_in_names_are_escaped_in_the_message_so_they_cannot_forge_lines()
    {
        using var stub = new GitHubStub();
        stub.Answer(404, """{"message":"Not Found"}""");

        var error = await Assert.ThrowsAsync<GitHubApiException>(
            () => stub.Client().RestorePackageForOrgAsync("acme\r\nINFO forged", OrgPackageType.Npm, "left\npad"));

        Assert.DoesNotContain("\n", error.Message);
        Assert.DoesNotContain("\r", error.Message);
        Assert.Contains("left\\u000apad", error.Message);
    }

    [Fact]
    public void Public_constructor_lets_callers_stand_in_for_an_answer()
    {
        var error = new GitHubApiException("Package not found.", 404);

        Assert.Equal(404, error.StatusCode);
        Assert.Equal("Package not found.", error.Message);
        Assert.Null(error.Response);
    }
}
