// Pins the headers GitHub requires on every restore request.
using System.Linq;
using System.Threading.Tasks;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class HeaderTests
{
    [Fact]
    public async Task Every_request_carries_GitHubs_media_type_api_version_and_default_user_agent()
    {
        using var stub = new GitHubStub();
        var client = stub.Client();

        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad");
        await client.RestorePackageForOrgAsync("acme", OrgPackageType.Container, "acme/web");

        Assert.Equal(2, stub.Requests.Count);
        var expectedAgent = "RestoreSdk/" + typeof(PackagesClient).Assembly.GetName().Version!.ToString(3);
        Assert.All(stub.Requests, request =>
        {
            Assert.Equal("POST", request.Method);
            Assert.Equal(new[] { "application/vnd.github+json" }, request.Headers!["Accept"].ToArray());
            Assert.Equal(new[] { "2022-11-28" }, request.Headers["X-GitHub-Api-Version"].ToArray());
            Assert.Equal(new[] { expectedAgent }, request.Headers["User-Agent"].ToArray());
            Assert.False(request.Headers.ContainsKey("Authorization"));
        });
    }

    [Fact]
    public async Task Configured_token_api_version_and_user_agent_are_sent()
    {
        using var stub = new GitHubStub();
        var client = stub.Client(options =>
        {
            options.Token = "ghp_example";
            options.ApiVersion = "2026-03-10";
            options.UserAgent = "ops-restore-script/2.1";
        });

        await client.RestorePackageForOrgAsync("acme", OrgPackageType.RubyGems, "acme-gem");

        var headers = stub.Single().Headers!;
        Assert.Equal("Bearer ghp_example", headers["Authorization"].Single());
        Assert.Equal("2026-03-10", headers["X-GitHub-Api-Version"].Single());
        Assert.Equal("ops-restore-script/2.1", headers["User-Agent"].Single());
    }

    [Fact]
    public async Task Options_are_copied_when_the_client_is_created()
    {
        using var stub = new GitHubStub();
        var options = new PackagesClientOptions { BaseAddress = stub.BaseAddress, Token = "first" };
        var client = new PackagesClient(options);
        options.Token = "second";

        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad");

        Assert.Equal("Bearer first", stub.Single().Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task The_post_carries_no_body_and_says_so_with_a_zero_content_length()
    {
        await using var recorder = new RawHttpRecorder();
        var client = new PackagesClient(new PackagesClientOptions { BaseAddress = recorder.BaseAddress, Token = "ghp_example" });

        await client.RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "left-pad");

        var headers = recorder.Single().Headers;
        Assert.Equal("0", headers["Content-Length"]);
        Assert.False(headers.ContainsKey("Content-Type"));
        Assert.False(headers.ContainsKey("Transfer-Encoding"));
        Assert.Equal("Bearer ghp_example", headers["Authorization"]);
    }
}
