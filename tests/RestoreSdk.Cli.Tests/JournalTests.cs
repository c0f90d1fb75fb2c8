// --journal: outcomes appended as they happen, and a rerun with the same journal skips what it records as restored.
using System.IO;
using System.Text.Json;
using RestoreSdk.Cli.Tests.Infrastructure;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Cli.Tests;

public sealed class JournalTests : IDisposable
{
    private readonly string _journal = Path.Combine(Path.GetTempPath(), $"restore-{Guid.NewGuid():N}.journal");

    public void Dispose() => File.Delete(_journal);

    [Fact]
    public async Task A_rerun_resumes_after_a_partial_run()
    {
        var time = new InstantTimeProvider();
        const string csv = "org,type,name\nacme,npm,a\nacme,npm,b\n,maven,c\n";
        await using (var failing = new LoopbackGitHub(time, (_, index) => index == 0 ? LoopbackReply.NoContent : LoopbackReply.Error(401, "Bad credentials")))
        {
            var first = await Tool.RunAsync(new[] { "--from", "-", "--journal", _journal, "--base-url", failing.BaseAddress.ToString() }, Tool.WithToken(), time: time, stdin: csv);

            Assert.Equal(4, first.ExitCode);
            Assert.Equal(
                new[] { "restored", "failed", "not-attempted" },
                File.ReadAllLines(_journal).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("outcome").GetString()));
        }

        await using var working = new LoopbackGitHub(time);
        var second = await Tool.RunAsync(
            new[] { "--from", "-", "--journal", _journal, "--base-url", working.BaseAddress.ToString(), "--output", "json" },
            Tool.WithToken(),
            time: time,
            stdin: csv);

        Assert.Equal(0, second.ExitCode);
        Assert.Equal(new[] { "/orgs/acme/packages/npm/b/restore", "/user/packages/maven/c/restore" }, working.Requests.Select(request => request.Target));
        var outcomes = second.StdoutLines.Select(line => JsonDocument.Parse(line).RootElement).ToDictionary(line => line.GetProperty("name").GetString()!, line => line.GetProperty("outcome").GetString());
        Assert.Equal("skipped", outcomes["a"]);
        Assert.Equal("restored", outcomes["b"]);
        Assert.Equal("restored", outcomes["c"]);
        Assert.Equal(5, File.ReadAllLines(_journal).Length);
    }

    [Fact]
    public async Task Each_outcome_is_in_the_journal_before_the_next_request_is_sent()
    {
        var time = new InstantTimeProvider();
        var journalLinesAtEachRequest = new List<int>();
        await using var github = new LoopbackGitHub(time);
        github.OnRequest = _ => journalLinesAtEachRequest.Add(File.Exists(_journal) ? ReadShared(_journal).Length : 0);

        var result = await Tool.RunAsync(new[] { "--type", "npm", "--name", "a", "--name", "b", "--name", "c", "--journal", _journal, "--base-url", github.BaseAddress.ToString() }, Tool.WithToken(), time: time);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new[] { 0, 1, 2 }, journalLinesAtEachRequest);
    }

    [Fact]
    public async Task A_truncated_last_line_is_reported_and_ignored()
    {
        var time = new InstantTimeProvider();
        await File.WriteAllTextAsync(_journal, "{\"org\":null,\"type\":\"npm\",\"name\":\"a\",\"outcome\":\"restored\"}\n{\"org\":null,\"ty");
        await using var github = new LoopbackGitHub(time);

        var result = await Tool.RunAsync(new[] { "--type", "npm", "--name", "a", "--name", "b", "--journal", _journal, "--base-url", github.BaseAddress.ToString() }, Tool.WithToken(), time: time);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("line 2 of the journal", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("/user/packages/npm/b/restore", Assert.Single(github.Requests).Target);
    }

    private static string[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
