// An environment for the command under test: chosen variables, and a non-interactive stderr so progress is plain lines.
using RestoreSdk.Cli.Input;

namespace RestoreSdk.Cli.Tests.Infrastructure;

internal sealed class FakeEnvironment : IEnvironment
{
    private readonly Dictionary<string, string> _variables;

    public FakeEnvironment(Dictionary<string, string>? variables = null) =>
        _variables = variables ?? new Dictionary<string, string>();

    public bool IsErrorInteractive => false;

    public bool IsOutputInteractive => false;

    public string? GetVariable(string name) => _variables.TryGetValue(name, out var value) ? value : null;
}
