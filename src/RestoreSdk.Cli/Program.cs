// Process entry of restore-package: the real console, environment, network and clock, and Ctrl+C and SIGTERM as cancellation.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using RestoreSdk.Cli;
using RestoreSdk.Cli.Input;

using var interrupt = new CancellationTokenSource();
var terminated = false;
Console.CancelKeyPress += (_, press) =>
{
    // The first Ctrl+C stops the batch and lets it report what was sent; a second one ends the process at once.
    press.Cancel = !interrupt.IsCancellationRequested;
    interrupt.Cancel();
};

// SIGTERM (a timeout, docker stop, a CI cancel) does the same: the batch stops, reports and completes the journal; a second one ends the process at once.
using var termination = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
{
    signal.Cancel = !interrupt.IsCancellationRequested;
    terminated = true;
    interrupt.Cancel();
});

try
{
    return await RestorePackageCommand.RunAsync(args, Console.In, Console.Out, Console.Error, new ProcessEnvironment(), handler: null, TimeProvider.System, interrupt.Token, () => terminated);
}
catch (Exception error)
{
    // RunAsync reports its own failures; this catches what escapes it (a broken console) as one line, without the message that could hold a secret.
    Console.Error.WriteLine($"restore-package: unexpected error ({error.GetType().Name}).");
    return ExitCodes.SomeFailed;
}
