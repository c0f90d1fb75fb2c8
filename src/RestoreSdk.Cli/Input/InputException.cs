// The one error for bad command lines, input files and environments: exit 2, with a message naming what to fix, before anything is sent.
using System;

namespace RestoreSdk.Cli.Input;

internal sealed class InputException : Exception
{
    public InputException(string message)
        : base(message)
    {
    }
}
