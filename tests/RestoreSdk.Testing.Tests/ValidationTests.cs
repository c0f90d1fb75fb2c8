// What a real GitHub rejects before looking at packages: no User-Agent, an unsupported API version, a wrong method or route, a name that is not one segment, another host.
using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace RestoreSdk.Testing.Tests;

public class ValidationTests
{
    private const string Token = "ghp_validation_alice";
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly GitHubSimulator _simulator = new GitHubSimulator(new FakeTimeProvider(Now))
        .AddOrganization("acme", "alice")
        .AddClassicToken(Token, "alice", "read:packages", "write:packages")
        .AddDeletedPackage("acme", "container", "acme/web", Now.AddDays(-1))
        .AddPackageAdmin("acme", "container", "acme/web", "alice");

    [Fact(Timeout = 30_000)]
    public async Task A_request_without_user_agent_is_forbidden_with_GitHubs_plain_text_answer()
    {
        using var response = await _simulator.SendAsync(Wire.Restore(_simulator, "orgs/acme/packages/container/acme%2Fweb/restore", Token, userAgent: false));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("User-Agent", await response.Content.ReadAsStringAsync());
        Assert.Empty(_simulator.Restores);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_unsupported_api_version_answers_400()
    {
        var request = Wire.Restore(_simulator, "orgs/acme/packages/container/acme%2Fweb/restore", Token);
        request.Headers.Add("X-GitHub-Api-Version", "2021-01-01");

        using var response = await _simulator.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("X-GitHub-Api-Version", (string?)(await response.ErrorAsync())["message"]);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("GET", "orgs/acme/packages/container/acme%2Fweb/restore")]
    [InlineData("PUT", "orgs/acme/packages/container/acme%2Fweb/restore")]
    [InlineData("POST", "orgs/acme/packages/container/acme/web/restore")]
    [InlineData("POST", "orgs/acme/packages/container/acme%2Fweb/restore/")]
    [InlineData("POST", "orgs/acme/packages/containers/acme%2Fweb/restore")]
    [InlineData("POST", "orgs/acme/packages/container/acme%2Fweb")]
    [InlineData("POST", "orgs/acme/packages/container/%2E%2E/restore")]
    [InlineData("POST", "orgs//packages/container/acme%2Fweb/restore")]
    [InlineData("POST", "users/alice/packages/container/web/restore")]
    public async Task Wrong_methods_routes_and_names_that_are_not_one_exact_segment_answer_404_not_found(string method, string target)
    {
        using var response = await _simulator.SendAsync(Wire.Restore(_simulator, target, Token, new HttpMethod(method)));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("https://docs.github.com/rest", (string?)(await response.ErrorAsync())["documentation_url"]);
        Assert.Empty(_simulator.Restores);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_escaped_slash_is_part_of_one_name()
    {
        using var response = await _simulator.PostAsync("orgs/acme/packages/container/acme%2Fweb/restore", Token);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("acme/web", Assert.Single(_simulator.Restores).PackageName);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_request_for_another_host_fails_as_an_unreachable_one_and_is_not_recorded()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "https://github.example.com/api/v3/user/packages/npm/x/restore");

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => _simulator.SendAsync(request));

        Assert.Contains("https://api.github.com", failure.Message);
        Assert.Empty(_simulator.Requests);
    }

    [Fact]
    public void Setup_rejects_unknown_package_types_and_owners_before_any_request()
    {
        Assert.Throws<ArgumentException>(() => _simulator.AddDeletedPackage("acme", "pypi", "requests", Now));
        Assert.Throws<ArgumentException>(() => _simulator.AddDeletedPackage("nobody", "npm", "left-pad", Now));
        Assert.Throws<ArgumentException>(() => _simulator.AddUser("acme"));
        Assert.Throws<ArgumentException>(() => _simulator.AddClassicToken(Token, "bob", "repo"));
        Assert.Throws<ArgumentException>(() => _simulator.AddPackageAdmin("alice", "npm", "left-pad", "alice"));
        Assert.Throws<ArgumentException>(() => _simulator.AddToken("ghp_other", SimulatedTokenKind.Classic, "alice"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GitHubSimulator(product: (GitHubProduct)7));
    }
}
