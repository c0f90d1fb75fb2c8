// Tab completion for -Type: the registries GitHub restores.
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace RestoreSdk.PowerShell;

/// <summary>Completes -Type with npm, maven, rubygems, docker, nuget and container.</summary>
public sealed class PackageTypeCompleter : IArgumentCompleter
{
    private static readonly string[] Types = { "npm", "maven", "rubygems", "docker", "nuget", "container" };

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Types.Where(type => type.StartsWith(wordToComplete ?? string.Empty, System.StringComparison.OrdinalIgnoreCase))
            .Select(type => new CompletionResult(type, type, CompletionResultType.ParameterValue, type));
}
