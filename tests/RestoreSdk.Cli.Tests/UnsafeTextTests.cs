// Names that could forge an output line or drive the terminal (controls, line separators, bidi controls) are refused at input; server text is shown escaped.
using System.Text.Json;
using RestoreSdk.Cli.Tests.Infrastructure;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Cli.Tests;

public sealed class UnsafeTextTests
{
    [Fact]
    public async Task A_csv_name_with_a_line_break_exits_2_naming_the_line_and_forges_nothing()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);
        const string csv = "org,type,name\n,npm,x\n,npm,\"y\n[2/2] restored npm fake\"\n";

        var result = await Tool.RunAsync(new[] { "--from", "-", "--base-url", github.BaseAddress.ToString() }, Tool.WithToken(), time: time, stdin: csv);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(github.Requests);
        Assert.Contains("line 3 of standard input: the package name 'y\\u000a[2/2] restored npm fake' contains the character U+000A", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(result.All.Split('\n'), line => line.StartsWith("[2/2]", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--name", "\u001b[31mRED", "U+001B")]
    [InlineData("--name", "left\u202Edap", "U+202E")]
    [InlineData("--name", "a\u2028b", "U+2028")]
    [InlineData("--org", "ac\u0085me", "U+0085")]
    public async Task A_command_line_name_or_org_with_an_unsafe_character_exits_2(string option, string value, string character)
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);
        var args = option == "--org"
            ? new[] { "--org", value, "--type", "npm", "--name", "a" }
            : new[] { "--type", "npm", "--name", value };

        var result = await Tool.RunAsync(args.Concat(new[] { "--base-url", github.BaseAddress.ToString() }), Tool.WithToken(), time: time);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(github.Requests);
        Assert.Contains($"{option}: the ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"contains the character {character}", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(value, result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_csv_type_is_quoted_escaped()
    {
        var result = await Tool.RunAsync(new[] { "--from", "-" }, Tool.WithToken(), stdin: "org,type,name\n,\u001b[2Jnpm,a\n");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 2 of standard input: unknown package type '\\u001b[2Jnpm'", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_text_with_controls_and_markup_is_shown_escaped_in_text_and_json()
    {
        var time = new InstantTimeProvider();
        // \u001b and \n inside the JSON string reach the client as ESC and a line break.
        const string body = "{\"message\":\"Bad \\u001b[31mthing\\n[3/3] restored npm forged [red]x[/]\",\"documentation_url\":\"https://docs.github.com/rest\"}";
        await using var github = new LoopbackGitHub(time, (_, _) => new LoopbackReply(422, Body: body));

        var text = await Tool.RunAsync(new[] { "--type", "npm", "--name", "a", "--base-url", github.BaseAddress.ToString() }, Tool.WithToken(), time: time);
        var json = await Tool.RunAsync(new[] { "--type", "npm", "--name", "a", "--base-url", github.BaseAddress.ToString(), "--output", "json" }, Tool.WithToken(), time: time);

        Assert.Equal(1, text.ExitCode);
        Assert.DoesNotContain("\u001b", text.All, StringComparison.Ordinal);
        Assert.DoesNotContain(text.All.Split('\n'), line => line.StartsWith("[3/3]", StringComparison.Ordinal));
        Assert.Contains("[red]x[/]", text.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, json.ExitCode);
        Assert.DoesNotContain("\u001b", json.Stdout, StringComparison.Ordinal);
        var line = Assert.Single(json.StdoutLines);
        Assert.Equal("failed", JsonDocument.Parse(line).RootElement.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_name_with_markup_is_shown_literally_on_a_live_progress_bar()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time, (_, _) => LoopbackReply.Error(404, "Package not found."));

        var result = await Tool.RunAsync(new[] { "--type", "npm", "--name", "[bold]a[/]", "--base-url", github.BaseAddress.ToString() }, Tool.WithToken(), time: time, errorIsTerminal: true);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("failed npm [bold]a[/]", result.Stderr, StringComparison.Ordinal);
    }
}
