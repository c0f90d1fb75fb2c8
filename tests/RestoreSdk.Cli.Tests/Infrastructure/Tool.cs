// Runs restore-package in-process with captured stdout/stderr, a fake environment and clock, bounded in time.
using System.IO;
using System.Net.Http;
using System.Threading;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Cli.Tests.Infrastructure;

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string All => Stdout + Stderr;

    public IReadOnlyList<string> StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToList();
}

internal static class Tool
{
    public const string Token = "ghp_TESTTOKEN0123456789abcdefghijklmnopqr";

    public static Dictionary<string, string> WithToken(string variable = "GH_TOKEN", string value = Token) =>
        new Dictionary<string, string> { [variable] = value };

    public static async Task<CliResult> RunAsync(
        IEnumerable<string> args,
        Dictionary<string, string>? variables = null,
        HttpMessageHandler? handler = null,
        TimeProvider? time = null,
        string stdin = "",
        CancellationToken cancellationToken = default,
        bool errorIsTerminal = false,
        Func<string, Stream>? openJournal = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = await RestorePackageCommand.RunAsync(
                args.ToArray(),
                new StringReader(stdin),
                stdout,
                stderr,
                new FakeEnvironment(variables, errorIsTerminal, openJournal),
                handler,
                time ?? new InstantTimeProvider(),
                cancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(30));
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
