// An environment for the command under test: chosen variables, stderr as a pipe (plain lines) unless a test asks for a terminal, and the journal's stream.
using System.IO;
using RestoreSdk.Cli.Input;

namespace RestoreSdk.Cli.Tests.Infrastructure;

internal sealed class FakeEnvironment : IEnvironment
{
    private readonly Dictionary<string, string> _variables;
    private readonly Func<string, Stream>? _openJournal;

    /// <param name="variables">The environment variables.</param>
    /// <param name="errorIsTerminal">Whether stderr is a terminal.</param>
    /// <param name="openJournal">Opens the journal; null for the real file.</param>
    public FakeEnvironment(Dictionary<string, string>? variables = null, bool errorIsTerminal = false, Func<string, Stream>? openJournal = null)
    {
        _variables = variables ?? new Dictionary<string, string>();
        IsErrorInteractive = errorIsTerminal;
        _openJournal = openJournal;
    }

    public bool IsErrorInteractive { get; }

    public bool IsOutputInteractive => false;

    public string? GetVariable(string name) => _variables.TryGetValue(name, out var value) ? value : null;

    public Stream OpenJournal(string path) => _openJournal is null ? new ProcessEnvironment().OpenJournal(path) : _openJournal(path);
}
