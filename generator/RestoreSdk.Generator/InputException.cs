// Signals an unusable input or output file; reported as a one-line error with exit code 2.
using System;

namespace RestoreSdk.Generator;

internal sealed class InputException(string message) : Exception(message);
