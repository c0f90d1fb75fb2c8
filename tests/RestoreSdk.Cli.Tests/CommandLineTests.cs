// The command line contract: --help with examples, unknown options, missing packages and conflicting options exit 2 sending nothing.
using RestoreSdk.Cli.Tests.Infrastructure;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Cli.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Help_lists_every_option_examples_and_exit_codes()
    {
        var result = await Tool.RunAsync(new[] { "--help" });

        Assert.Equal(0, result.ExitCode);
        foreach (var option in new[] { "--type", "--name", "--org", "--from", "--base-url", "--simulate", "--dry-run", "--journal", "--output", "--api-version", "--package-token-env", "--allow-plain-http", "--writes-per-hour" })
        {
            Assert.Contains(option, result.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("Examples:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("restore-package --from deleted.csv --journal restore.journal", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("130 interrupted", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("143 stopped by SIGTERM", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--type", "npm")]
    [InlineData("--name", "left-pad")]
    [InlineData("--type", "pip", "--name", "left-pad")]
    [InlineData("--org", "acme")]
    [InlineData("--from", "x.csv", "--type", "npm", "--name", "a")]
    [InlineData("--simulate", "--base-url", "https://api.github.com")]
    [InlineData("--type", "npm", "--name", "a", "--base-url", "not a url")]
    [InlineData("--type", "npm", "--name", "a", "--output", "xml")]
    [InlineData("--type", "npm", "--name", " ")]
    [InlineData("--type", "npm", "--name", "a", "--writes-per-hour", "-1")]
    [InlineData("--type", "npm", "--name", "a", "--writes-per-hour", "lots")]
    [InlineData("--type", "npm", "--name", "a", "--writes-per-hour", "5e2")]
    [InlineData("--type", "npm", "--name", "a", "--writes-per-hour", "500.0")]
    [InlineData("--type", "npm", "--name", "a", "--writes-per-hour", "")]
    [InlineData("--type", "npm", "--name", "a", "--writes-per-hour", "99999999999")]
    [InlineData("--type", "npm", "--name", "a", "--writes-per-hour")]
    public async Task Bad_command_lines_exit_2_and_send_nothing(params string[] args)
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);

        var withServer = args.Contains("--base-url") ? args : args.Concat(new[] { "--base-url", github.BaseAddress.ToString() }).ToArray();

        var result = await Tool.RunAsync(withServer, Tool.WithToken(), time: time);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("restore-package: error: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent.", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(github.Requests);
    }

    [Fact]
    public async Task A_bad_writes_per_hour_says_what_is_expected()
    {
        var result = await Tool.RunAsync(new[] { "--type", "npm", "--name", "a", "--writes-per-hour", "-5" }, Tool.WithToken());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--writes-per-hour needs a whole number of requests, 0 or more (GitHub allows 500; 0 turns the budget off); got '-5'.", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_package_at_all_is_an_error_not_a_default_package()
    {
        var result = await Tool.RunAsync(Array.Empty<string>(), Tool.WithToken());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nothing to restore", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_is_named()
    {
        var result = await Tool.RunAsync(new[] { "--bogus" }, Tool.WithToken());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'--bogus'", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("needs a value", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scoped_npm_name_is_a_name_not_a_response_file()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);

        var result = await Tool.RunAsync(new[] { "--org", "acme", "--type", "npm", "--name", "@acme/ui", "--base-url", github.BaseAddress.ToString() }, Tool.WithToken(), time: time);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("/orgs/acme/packages/npm/%40acme%2Fui/restore", Assert.Single(github.Requests).Target);
    }

    [Fact]
    public async Task Type_is_accepted_in_any_case_and_names_are_trimmed_as_in_a_csv()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);

        var result = await Tool.RunAsync(new[] { "--type", "NPM", "--name", " left-pad ", "--org", " acme ", "--base-url", github.BaseAddress.ToString() }, Tool.WithToken(), time: time);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("/orgs/acme/packages/npm/left-pad/restore", Assert.Single(github.Requests).Target);
    }

    [Fact]
    public async Task An_unknown_type_exits_2_listing_the_types()
    {
        var result = await Tool.RunAsync(new[] { "--type", "pypi", "--name", "a" }, Tool.WithToken());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--type must be one of npm, maven, rubygems, docker, nuget, container; got 'pypi'.", result.Stderr, StringComparison.Ordinal);
    }
}
