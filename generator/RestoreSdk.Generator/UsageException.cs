// Signals a malformed command line; reported with the command's usage line and exit code 2.
using System;

namespace RestoreSdk.Generator;

internal sealed class UsageException(string message) : Exception(message);
