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

    /// <summary>
    /// The --journal file at <paramref name="path"/>, created if missing, readable, writable and seekable, held exclusively until the stream is
    /// disposed; an <see cref="IOException"/> with a sharing-violation HResult when another process holds it.
    /// </summary>
    Stream OpenJournal(string path);
}

/// <summary>The real process environment.</summary>
internal sealed class ProcessEnvironment : IEnvironment
{
    public string? GetVariable(string name) => Environment.GetEnvironmentVariable(name);

    public bool IsErrorInteractive => !Console.IsErrorRedirected;

    public bool IsOutputInteractive => !Console.IsOutputRedirected;

    // FileShare.None: on Linux and macOS .NET takes flock(LOCK_EX | LOCK_NB), which a second restore-package (any process that locks) cannot get;
    // on Windows a share mode that refuses every other open. No buffer: each entry is one write, flushed to the disk by the journal.
    public Stream OpenJournal(string path) => new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
}
