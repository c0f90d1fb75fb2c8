// Hand-parses "--name value" pairs against a command's option list.
using System.Collections.Generic;
using System.Linq;

namespace RestoreSdk.Generator;

internal sealed class ParsedOptions
{
    private readonly Dictionary<string, List<string>> values;

    private ParsedOptions(Dictionary<string, List<string>> values) => this.values = values;

    public static ParsedOptions Parse(CommandSpec command, string[] args)
    {
        var values = new Dictionary<string, List<string>>();
        for (int i = 0; i < args.Length; i += 2)
        {
            OptionSpec option = command.Options.FirstOrDefault(o => o.Name == args[i])
                ?? throw new UsageException($"unknown option '{args[i]}' for '{command.Name}'");
            if (i + 1 == args.Length || args[i + 1].StartsWith("--", System.StringComparison.Ordinal))
            {
                throw new UsageException($"option '{option.Name}' needs a value");
            }
            if (!values.TryGetValue(option.Name, out List<string>? list))
            {
                values[option.Name] = list = [];
            }
            else if (!option.Repeatable)
            {
                throw new UsageException($"option '{option.Name}' given more than once");
            }
            list.Add(args[i + 1]);
        }

        OptionSpec? missing = command.Options.FirstOrDefault(o => o.Required && !values.ContainsKey(o.Name));
        if (missing is not null)
        {
            throw new UsageException($"missing required option '{missing.Name}'");
        }
        return new ParsedOptions(values);
    }

    public IReadOnlyList<string> All(string name) => values.TryGetValue(name, out List<string>? list) ? list : [];

    public string? Optional(string name) => values.TryGetValue(name, out List<string>? list) ? list[0] : null;

    public string Required(string name) => values[name][0];
}
