// restore-package as a real child process (the built restore-package.dll under the dotnet host), for what only processes show: locks, kill -9, SIGTERM.
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;

namespace RestoreSdk.Cli.Tests.Infrastructure;

internal sealed class ToolProcess : IDisposable
{
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private ToolProcess(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public int Id => _process.Id;

    /// <summary>Starts restore-package with <paramref name="args"/> in <paramref name="directory"/>, with the test token in GH_TOKEN.</summary>
    public static ToolProcess Start(IEnumerable<string> args, string directory)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "restore-package.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("GITHUB_TOKEN");
        start.Environment["GH_TOKEN"] = Tool.Token;
        var process = Process.Start(start) ?? throw new InvalidOperationException("restore-package did not start");
        process.StandardInput.Close();
        return new ToolProcess(process);
    }

    /// <summary>Sends SIGTERM, as a timeout, docker stop or a CI cancel does.</summary>
    public void Terminate()
    {
        if (Kill(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill(SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>SIGKILL (kill -9): the process gets no chance to write anything more.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: true);

    public async Task<CliResult> ExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return new CliResult(_process.ExitCode, await _stdout, await _stderr);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
