// --dry-run sends nothing and prints each package with what restoring it requires, and the expected duration from the spacing and the hourly budget.
using System.IO;
using RestoreSdk.Cli.Tests.Infrastructure;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Cli.Tests;

public sealed class DryRunTests
{
    [Fact]
    public async Task A_dry_run_sends_nothing_and_prints_requirements_and_duration()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);
        var names = Enumerable.Range(1, 90).SelectMany(i => new[] { "--name", $"pkg-{i}" });

        var result = await Tool.RunAsync(
            new[] { "--org", "acme", "--type", "maven", "--base-url", github.BaseAddress.ToString(), "--dry-run" }.Concat(names),
            Tool.WithToken(),
            time: time);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(github.Requests);
        Assert.Contains("Would restore 90 package(s)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("maven pkg-1 (org acme): requires the read:packages, write:packages and repo scopes (classic tokens) and admin rights in the organization", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Expected duration: at least 1 min 29 s (90 request(s) sent one at a time, 1 s apart)", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    // 500 sends 1 s apart (0 s to 499 s); the 501st when the first is an hour old (3600 s); the 1000th 499 s later: 4099 s.
    [InlineData(1000, null, "1 h 8 min", true)]
    // Without the budget: 999 gaps of 1 s.
    [InlineData(1000, "0", "16 min 39 s", false)]
    // 100 an hour: 0-99 s, 3600-3699 s, 7200-7249 s.
    [InlineData(250, "100", "2 h 0 min", true)]
    // At most 500: spacing alone, 499 s.
    [InlineData(500, null, "8 min 19 s", false)]
    public async Task The_dry_run_estimate_counts_the_hourly_budget_and_says_why(int count, string? writesPerHour, string duration, bool pauses)
    {
        var csv = "org,type,name\n" + string.Concat(Enumerable.Range(1, count).Select(i => $"acme,npm,pkg-{i}\n"));
        var args = new[] { "--from", "-", "--dry-run" }.Concat(writesPerHour is null ? Array.Empty<string>() : new[] { "--writes-per-hour", writesPerHour });

        var result = await Tool.RunAsync(args, Tool.WithToken(), stdin: csv);

        Assert.Equal(0, result.ExitCode);
        var limit = writesPerHour ?? "500";
        Assert.Contains($"Expected duration: at least {duration} ({count} request(s) sent one at a time, 1 s apart", result.Stdout, StringComparison.Ordinal);
        var why = $", and at most {limit} in any hour: GitHub's limit on content-generating requests is 500 an hour, so the batch pauses until each hour allows more (--writes-per-hour sets the budget)), longer if GitHub rate-limits the batch.";
        Assert.Equal(pauses, result.Stdout.Contains(why, StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_Enterprise_Server_the_dry_run_keeps_the_default_budget_but_says_its_administrator_sets_the_limits()
    {
        var csv = "org,type,name\n" + string.Concat(Enumerable.Range(1, 501).Select(i => $"acme,npm,pkg-{i}\n"));

        var result = await Tool.RunAsync(new[] { "--from", "-", "--dry-run", "--base-url", "https://ghes.example.com/api/v3" }, Tool.WithToken(), stdin: csv);

        Assert.Equal(0, result.ExitCode);
        // 500 sends 0-499 s, the 501st at 3600 s: the default budget still applies.
        Assert.Contains(
            "Expected duration: at least 1 h 0 min (501 request(s) sent one at a time, 1 s apart, and at most 500 in any hour: rate limits on GitHub Enterprise Server are set by its administrator "
            + "(off by default), so this is the tool's conservative default; set --writes-per-hour to the administrator's figure, or 0 when there is none. "
            + "The batch pauses until each hour allows more), longer if GitHub rate-limits the batch.",
            result.Stdout,
            StringComparison.Ordinal);
        Assert.DoesNotContain("500 an hour", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dry_run_estimate_counts_the_journals_sends_of_the_last_hour()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);
        var journal = Path.Combine(Path.GetTempPath(), $"restore-{Guid.NewGuid():N}.journal");
        try
        {
            var baseUrl = new[] { "--base-url", github.BaseAddress.ToString(), "--journal", journal, "--writes-per-hour", "2" };
            var first = await Tool.RunAsync(new[] { "--type", "npm", "--name", "a", "--name", "b" }.Concat(baseUrl), Tool.WithToken(), time: time);

            var plan = await Tool.RunAsync(new[] { "--type", "npm", "--name", "c", "--name", "d", "--name", "e", "--dry-run" }.Concat(baseUrl), Tool.WithToken(), time: time);

            Assert.Equal((0, 0), (first.ExitCode, plan.ExitCode));
            Assert.Equal(2, github.Requests.Count);
            // a and b went 1 s ago and now; at most 2 an hour: c when a is an hour old (in 3599 s), d when b is (3600 s), e when c is (7199 s).
            Assert.Contains(
                "Expected duration: at least 1 h 59 min (3 request(s) sent one at a time, 1 s apart, and at most 2 in any hour, counting the journal's 2 of the last hour: "
                + "GitHub's limit on content-generating requests is 500 an hour, so the batch pauses until each hour allows more (--writes-per-hour sets the budget)), longer if GitHub rate-limits the batch.",
                plan.Stdout,
                StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(journal);
        }
    }

    [Fact]
    public async Task The_dry_run_estimate_counts_journal_sends_recorded_in_the_future_as_sent_now()
    {
        var time = new InstantTimeProvider();
        var journal = Path.Combine(Path.GetTempPath(), $"restore-{Guid.NewGuid():N}.journal");
        try
        {
            // Written by a machine whose clock ran 10 min ahead: both sends look future to this run.
            File.WriteAllLines(journal, new[]
            {
                Entry("a", "sending", "2026-11-22T12:10:00Z"),
                Entry("a", "restored", "2026-11-22T12:10:01Z"),
                Entry("b", "sending", "2026-11-22T12:10:01Z"),
                Entry("b", "restored", "2026-11-22T12:10:02Z"),
            });

            var plan = await Tool.RunAsync(new[] { "--type", "npm", "--name", "c", "--dry-run", "--journal", journal, "--writes-per-hour", "2" }, Tool.WithToken(), time: time);

            Assert.Equal(0, plan.ExitCode);
            // Both count as sent now, as the client counts them: at most 2 an hour, so c goes when they are an hour old, in 1 h.
            Assert.Contains("Expected duration: at least 1 h 0 min (1 request(s) sent one at a time, 1 s apart, and at most 2 in any hour, counting the journal's 2 of the last hour", plan.Stdout, StringComparison.Ordinal);
            Assert.Contains("the journal records 2 request(s) to this target in the last hour (the first at 12:00:00 UTC)", plan.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(journal);
        }

        static string Entry(string name, string outcome, string at) =>
            $"{{\"at\":\"{at}\",\"target\":\"https://api.github.com\",\"org\":null,\"type\":\"npm\",\"name\":\"{name}\",\"outcome\":\"{outcome}\",\"status\":{(outcome == "restored" ? "204" : "null")}}}";
    }

    [Fact]
    public async Task A_dry_run_still_refuses_bad_input()
    {
        var result = await Tool.RunAsync(new[] { "--type", "npm", "--name", "a", "--dry-run" }, new Dictionary<string, string> { ["GH_TOKEN"] = string.Empty });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("GH_TOKEN", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_base_url_the_target_is_api_github_com_with_the_environments_token()
    {
        var result = await Tool.RunAsync(
            new[] { "--org", "acme", "--type", "npm", "--name", "@acme/x", "--dry-run" },
            new Dictionary<string, string> { ["GITHUB_TOKEN"] = Tool.Token });

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("on https://api.github.com/ with the token from GITHUB_TOKEN", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Tool.Token, result.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://api.github.com", "the read:packages and write:packages scopes")]
    [InlineData("https://ghes.example.com/api/v3", "the read:packages, write:packages and repo scopes")]
    public async Task Requirements_follow_the_product_the_base_url_names(string baseUrl, string scopes)
    {
        var result = await Tool.RunAsync(new[] { "--type", "docker", "--name", "web", "--base-url", baseUrl, "--dry-run" }, Tool.WithToken());

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"docker web: requires {scopes} (classic tokens)", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_needs_no_token_and_says_a_real_run_will()
    {
        var result = await Tool.RunAsync(new[] { "--type", "npm", "--name", "a", "--dry-run" });

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("on https://api.github.com/ (no token is set; a real run needs GH_TOKEN or GITHUB_TOKEN)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("npm a: requires", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_real_run_without_a_token_still_exits_2()
    {
        var result = await Tool.RunAsync(new[] { "--type", "npm", "--name", "a" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no token: set GH_TOKEN or GITHUB_TOKEN", result.Stderr, StringComparison.Ordinal);
    }
}
