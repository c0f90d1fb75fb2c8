// An environment for the command under test: chosen variables, and stderr as a pipe (plain lines) unless a test asks for a terminal.
using RestoreSdk.Cli.Input;

namespace RestoreSdk.Cli.Tests.Infrastructure;

internal sealed class FakeEnvironment : IEnvironment
{
    private readonly Dictionary<string, string> _variables;

    public FakeEnvironment(Dictionary<string, string>? variables = null, bool errorIsTerminal = false)
    {
        _variables = variables ?? new Dictionary<string, string>();
        IsErrorInteractive = errorIsTerminal;
    }

    public bool IsErrorInteractive { get; }

    public bool IsOutputInteractive => false;

    public string? GetVariable(string name) => _variables.TryGetValue(name, out var value) ? value : null;
}
