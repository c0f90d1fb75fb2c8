// Entry point of restore-sdk-gen: picks the command and turns failures into exit codes.
using System;
using System.IO;
using System.Linq;

namespace RestoreSdk.Generator;

internal static class Program
{
    public const int Success = 0;
    public const int Drift = 1;
    public const int Unusable = 2;

    private static readonly CommandSpec[] Commands = [TrimCommand.Spec, LockCommand.Spec, CheckCommand.Spec];

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        CommandSpec? command = args.Length == 0 ? null : Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            stderr.WriteLine(args.Length == 0 ? "error: no command given" : $"error: unknown command '{args[0]}'");
            foreach (CommandSpec known in Commands)
            {
                stderr.WriteLine(known.Usage);
            }
            return Unusable;
        }

        try
        {
            return command.Run(ParsedOptions.Parse(command, args[1..]), stdout);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            stderr.WriteLine(command.Usage);
            return Unusable;
        }
        catch (InputException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return Unusable;
        }
    }
}
