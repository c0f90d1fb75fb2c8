// Pins the tool's 401 output for token kinds GitHub Packages does not accept: the kind, the classic-token fix and the variable, never the token.
using System.Text.Json;
using RestoreSdk.Cli.Tests.Infrastructure;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Cli.Tests;

public sealed class TokenKindTests
{
    private const string FineGrained = "github_pat_11AAAAAAA0CliFineGrainedSecretValue";

    // A GitHub App installation token in its JWT form (about 520 characters with dots), behind the ghs_ prefix.
    private static readonly string InstallationJwt = "ghs_" + string.Join(".", new string('a', 36), new string('b', 440), new string('c', 38));

    [Theory]
    [InlineData("github_pat_11AAAAAAA0Example", "a fine-grained personal access token (github_pat_)")]
    [InlineData("ghs_ExampleInstallation", "a GitHub App installation token or a GitHub Actions GITHUB_TOKEN (ghs_)")]
    [InlineData("ghu_ExampleUserToServer", "a GitHub App user access token (ghu_)")]
    [InlineData("ghp_ExampleClassic", null)]
    [InlineData("gho_ExampleOAuth", null)]
    [InlineData("0123456789abcdef0123456789abcdef01234567", null)]
    [InlineData("GHP_UpperCaseIsNotAPrefix", null)]
    public void The_tool_names_exactly_the_kinds_GitHub_Packages_rejects_by_their_documented_prefix(string token, string? kind) =>
        Assert.Equal(kind, Input.Credentials.KindGitHubPackagesRejects(new Input.Secret(token, "GH_TOKEN")));

    [Fact]
    public async Task A_401_for_a_fine_grained_token_exits_4_saying_GitHub_Packages_does_not_accept_it_and_naming_the_variable()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time, (_, _) => LoopbackReply.Error(401, "Bad credentials"));

        var result = await Tool.RunAsync(Args(github, "--output", "json"), Tool.WithToken("GITHUB_TOKEN", FineGrained), time: time);

        Assert.Equal(4, result.ExitCode);
        Assert.Single(github.Requests);
        var message = Field(result.StdoutLines[0], "message");
        Assert.Contains(
            "GitHub did not accept the token. The token is a fine-grained personal access token (github_pat_), which GitHub Packages does not accept for restoring packages."
            + " Use a personal access token (classic); restoring this package needs the read:packages and write:packages scopes (classic tokens), admin rights in the organization and admin rights on the package.",
            message,
            StringComparison.Ordinal);
        Assert.Contains(
            "The token came from GITHUB_TOKEN, and it is a fine-grained personal access token (github_pat_), a kind GitHub Packages does not accept: set GITHUB_TOKEN to a personal access token (classic) with the scopes named above instead",
            message,
            StringComparison.Ordinal);
        Assert.DoesNotContain("mistyped", message, StringComparison.Ordinal);
        Assert.DoesNotContain(FineGrained[..16], result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_401_for_an_app_installation_JWT_says_so_in_the_human_output_without_the_token()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time, (_, _) => LoopbackReply.Error(401, "Bad credentials"));

        var result = await Tool.RunAsync(Args(github), Tool.WithToken("GH_TOKEN", InstallationJwt), time: time);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("GitHub Packages does not accept App installation tokens for restoring packages", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(
            "The token came from GH_TOKEN, and it is a GitHub App installation token or a GitHub Actions GITHUB_TOKEN (ghs_), a kind GitHub Packages does not accept: set GH_TOKEN to a personal access token (classic)",
            result.Stderr,
            StringComparison.Ordinal);
        Assert.DoesNotContain(InstallationJwt[4..20], result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_401_for_a_classic_token_still_says_mistyped_expired_or_revoked_and_names_the_variable()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time, (_, _) => LoopbackReply.Error(401, "Bad credentials"));

        var result = await Tool.RunAsync(Args(github, "--output", "json"), Tool.WithToken(), time: time);

        Assert.Equal(4, result.ExitCode);
        var message = Field(result.StdoutLines[0], "message");
        Assert.Contains("GitHub did not accept the token: it is mistyped, expired or revoked.", message, StringComparison.Ordinal);
        Assert.Contains("The token came from GH_TOKEN (GH_TOKEN is used when both it and GITHUB_TOKEN are set).", message, StringComparison.Ordinal);
        Assert.DoesNotContain("does not accept", message, StringComparison.Ordinal);
    }

    private static string[] Args(LoopbackGitHub github, params string[] extra) =>
        new[] { "--org", "acme", "--type", "npm", "--name", "left-pad", "--name", "right-pad", "--base-url", github.BaseAddress.ToString() }.Concat(extra).ToArray();

    private static string Field(string jsonLine, string name) =>
        JsonDocument.Parse(jsonLine).RootElement.GetProperty(name).ToString();
}
