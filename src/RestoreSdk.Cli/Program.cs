// Process entry of restore-package: the real console, environment, network and clock, and Ctrl+C as cancellation.
using System;
using System.Threading;
using RestoreSdk.Cli;
using RestoreSdk.Cli.Input;

using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, press) =>
{
    // The first Ctrl+C stops the batch and lets it report what was sent; a second one ends the process at once.
    press.Cancel = !interrupt.IsCancellationRequested;
    interrupt.Cancel();
};

try
{
    return await RestorePackageCommand.RunAsync(args, Console.In, Console.Out, Console.Error, new ProcessEnvironment(), handler: null, TimeProvider.System, interrupt.Token);
}
catch (Exception error)
{
    // RunAsync reports its own failures; this catches what escapes it (a broken console) as one line, without the message that could hold a secret.
    Console.Error.WriteLine($"restore-package: unexpected error ({error.GetType().Name}).");
    return ExitCodes.SomeFailed;
}
