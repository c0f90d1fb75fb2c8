// What the command takes from its process (variables, whether stderr is a terminal, the journal file), behind an interface so tests can fake it.
using System;
using System.IO;

namespace RestoreSdk.Cli.Input;

/// <summary>The parts of the process environment the command depends on.</summary>
internal interface IEnvironment
{
    /// <summary>The variable's value, or null when it is not set (an empty string when set but empty).</summary>
    string? GetVariable(string name);

    /// <summary>Whether standard error is an interactive terminal (a live progress bar instead of plain lines).</summary>
    bool IsErrorInteractive { get; }

    /// <summary>Whether standard output is an interactive terminal (colours in the summary table).</summary>
    bool IsOutputInteractive { get; }

    /// <summary>A stream that appends to the file at <paramref name="path"/>, creating it (the --journal file).</summary>
    Stream AppendToFile(string path);
}

/// <summary>The real process environment.</summary>
internal sealed class ProcessEnvironment : IEnvironment
{
    public string? GetVariable(string name) => Environment.GetEnvironmentVariable(name);

    public bool IsErrorInteractive => !Console.IsErrorRedirected;

    public bool IsOutputInteractive => !Console.IsOutputRedirected;

    public Stream AppendToFile(string path) => new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
}
