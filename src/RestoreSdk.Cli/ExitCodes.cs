// The process exit codes scripts rely on; the README and --help list the same six.
namespace RestoreSdk.Cli;

internal static class ExitCodes
{
    /// <summary>Every package was restored, or skipped because the journal says it already was.</summary>
    public const int Success = 0;

    /// <summary>At least one package failed or was not attempted.</summary>
    public const int SomeFailed = 1;

    /// <summary>Bad command line, input file or environment; nothing was sent.</summary>
    public const int BadInput = 2;

    /// <summary>GitHub rejected the credentials (401); the batch stopped.</summary>
    public const int Unauthorized = 4;

    /// <summary>Interrupted (Ctrl+C) after reporting what was and was not sent.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM (a timeout, docker stop, a CI cancel) after reporting what was and was not sent: 128 + 15, as shells report it.</summary>
    public const int Terminated = 143;
}
