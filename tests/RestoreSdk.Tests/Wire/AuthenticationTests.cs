// Pins the per-attempt token provider and the refusal to send any token over plain http to another host.
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task Token_provider_is_asked_before_every_attempt_and_its_value_is_sent()
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(new StubAnswer(503), new StubAnswer(204));
        var issued = 0;
        var client = stub.Client(options => options.TokenProvider = _ => Task.FromResult($"ghs_installation_{Interlocked.Increment(ref issued)}"));

        await client.RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "left-pad");

        Assert.Equal(new[] { "Bearer ghs_installation_1", "Bearer ghs_installation_2" }, stub.Requests.Select(request => request.Headers!["Authorization"].Single()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ghs_bad\nline")]
    [InlineData("ghs_caf\u00e9")]
    public async Task Unusable_token_from_the_provider_stops_the_call_before_anything_is_sent(string token)
    {
        using var stub = new GitHubStub();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => stub.Client(options => options.TokenProvider = _ => Task.FromResult(token)).RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Contains("TokenProvider", error.Message);
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task A_provider_that_returns_no_task_or_a_null_token_stops_the_call_before_anything_is_sent()
    {
        using var stub = new GitHubStub();

        var noTask = await Assert.ThrowsAsync<InvalidOperationException>(
            () => stub.Client(options => options.TokenProvider = _ => null!).RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));
        var nullToken = await Assert.ThrowsAsync<InvalidOperationException>(
            () => stub.Client(options => options.TokenProvider = _ => Task.FromResult<string>(null!)).RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Equal("PackagesClientOptions.TokenProvider returned no task; nothing was sent.", noTask.Message);
        Assert.StartsWith("PackagesClientOptions.TokenProvider returned an empty token", nullToken.Message);
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public void Token_and_token_provider_together_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new PackagesClient(new PackagesClientOptions { Token = "a", TokenProvider = _ => Task.FromResult("b") }));

        Assert.Contains("not both", error.Message);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Plain_http_to_another_host_with_a_token_is_refused_unless_allowed(bool staticToken, bool provider)
    {
        var options = new PackagesClientOptions
        {
            BaseAddress = new Uri("http://ghes.example.com/api/v3"),
            Token = staticToken ? "ghp_cleartext" : null,
            TokenProvider = provider ? _ => Task.FromResult("ghs_cleartext") : null,
        };

        var error = Assert.Throws<ArgumentException>(() => new PackagesClient(options));
        Assert.Contains("unencrypted", error.Message);
        Assert.DoesNotContain("cleartext", error.Message);

        options.AllowTokenOverPlainHttp = true;
        Assert.NotNull(new PackagesClient(options));
    }

    [Fact]
    public async Task Plain_http_to_another_host_refuses_a_package_token_before_sending_unless_allowed()
    {
        var client = new PackagesClient(new PackagesClientOptions { BaseAddress = new Uri("http://ghes.example.com/api/v3") });

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad", "pkg_cleartext"));

        Assert.Equal("packageToken", error.ParamName);
        Assert.Contains("unencrypted", error.Message);
        Assert.DoesNotContain("pkg_cleartext", error.Message);
    }

    [Fact]
    public async Task Plain_http_to_loopback_may_carry_tokens()
    {
        using var stub = new GitHubStub();

        await stub.Client(options => options.Token = "ghp_loopback").RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad", "pkg_loopback");

        Assert.Equal("Bearer ghp_loopback", stub.Single().Headers!["Authorization"].Single());
    }
}
