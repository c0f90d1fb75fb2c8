// Describes one command: its name, usage line, accepted options and what it runs.
using System;
using System.Collections.Generic;
using System.IO;

namespace RestoreSdk.Generator;

internal sealed record OptionSpec(string Name, bool Required, bool Repeatable = false);

internal sealed record CommandSpec(
    string Name,
    string Usage,
    IReadOnlyList<OptionSpec> Options,
    Func<ParsedOptions, TextWriter, int> Run);
