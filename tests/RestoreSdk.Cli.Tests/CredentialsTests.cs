// Tokens from GH_TOKEN then GITHUB_TOKEN, unusable values refused by name before sending, and no secret in any output even when echoed.
using System.Net;
using RestoreSdk.Cli.Tests.Infrastructure;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Cli.Tests;

public sealed class CredentialsTests
{
    private static string[] OnePackage(LoopbackGitHub github) =>
        new[] { "--type", "npm", "--name", "left-pad", "--base-url", github.BaseAddress.ToString() };

    [Theory]
    [InlineData("GH_TOKEN", "")]
    [InlineData("GITHUB_TOKEN", "")]
    [InlineData("GH_TOKEN", "ghp_abc def")]
    [InlineData("GITHUB_TOKEN", "ghp_abc\n")]
    [InlineData("GH_TOKEN", "ghp_abcé")]
    public async Task A_set_but_unusable_token_variable_exits_2_naming_it(string variable, string value)
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);

        var result = await Tool.RunAsync(OnePackage(github), new Dictionary<string, string> { [variable] = value }, time: time);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"restore-package: error: {variable} ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter 'options'", result.All, StringComparison.Ordinal);
        Assert.Empty(github.Requests);
    }

    [Fact]
    public async Task The_empty_token_message_says_what_Actions_does_and_what_to_do()
    {
        var result = await Tool.RunAsync(new[] { "--type", "npm", "--name", "left-pad" }, new Dictionary<string, string> { ["GITHUB_TOKEN"] = string.Empty });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "restore-package: error: GITHUB_TOKEN is set but empty (in GitHub Actions this is what a missing secret gives). Set it to a token, or unset it.",
            result.Stderr.Split('\n')[0].TrimEnd('\r'));
    }

    [Fact]
    public async Task No_token_variable_exits_2()
    {
        var result = await Tool.RunAsync(new[] { "--type", "npm", "--name", "left-pad" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("GH_TOKEN or GITHUB_TOKEN", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GH_TOKEN_wins_over_GITHUB_TOKEN()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);
        var variables = new Dictionary<string, string> { ["GH_TOKEN"] = "ghp_fromgh", ["GITHUB_TOKEN"] = "ghp_fromgithub" };

        var result = await Tool.RunAsync(OnePackage(github), variables, time: time);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Bearer ghp_fromgh", Assert.Single(github.Requests).Headers["Authorization"]);
    }

    [Fact]
    public async Task No_token_or_package_token_appears_in_any_output_even_when_the_server_echoes_them()
    {
        const string packageToken = "pkgtoken_SECRET_42";
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time, (request, _) =>
            LoopbackReply.Error(422, $"bad: {request.Headers["Authorization"]} {request.Target} {WebUtility.UrlDecode(request.Target)}"));
        var variables = Tool.WithToken();
        variables["PKG"] = packageToken;

        foreach (var output in new[] { "text", "json" })
        {
            var result = await Tool.RunAsync(OnePackage(github).Concat(new[] { "--package-token-env", "PKG", "--output", output }), variables, time: time);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("422", result.All, StringComparison.Ordinal);
            Assert.DoesNotContain(Tool.Token, result.All, StringComparison.Ordinal);
            Assert.DoesNotContain(packageToken, result.All, StringComparison.Ordinal);
        }

        Assert.All(github.Requests, request => Assert.EndsWith($"?token={packageToken}", request.Target, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_package_token_variable_that_is_not_set_exits_2_naming_it()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);

        var result = await Tool.RunAsync(OnePackage(github).Concat(new[] { "--package-token-env", "NOT_SET_ANYWHERE" }), Tool.WithToken(), time: time);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("NOT_SET_ANYWHERE", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(github.Requests);
    }

    [Fact]
    public async Task Plain_http_to_a_remote_host_needs_allow_plain_http()
    {
        var refused = await Tool.RunAsync(new[] { "--type", "npm", "--name", "a", "--base-url", "http://ghes.invalid/api/v3", "--dry-run" }, Tool.WithToken());
        var allowed = await Tool.RunAsync(new[] { "--type", "npm", "--name", "a", "--base-url", "http://ghes.invalid/api/v3", "--dry-run", "--allow-plain-http" }, Tool.WithToken());

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--allow-plain-http", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, allowed.ExitCode);
    }
}
