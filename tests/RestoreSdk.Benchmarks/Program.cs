// Entry point: BenchmarkDotNet's per-call benchmarks by default, or the cold-start parent ("cold-start") and child ("cold") modes.
using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace RestoreSdk.Benchmarks;

internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        if (args.Length is 3 or 4 && args[0] == "cold")
        {
            return ColdStart.RunOnceAsync(args[1], new Uri(args[2]), listAssemblies: args.Length == 4 && args[3] == "--assemblies");
        }

        if (args.Length >= 1 && args[0] == "cold-start")
        {
            var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
            return Task.FromResult(ColdStart.Measure(Environment.ProcessPath!, rounds));
        }

        return Task.FromResult(RunBenchmarks(args));
    }

    // Kept out of Main so the cold-start child never loads BenchmarkDotNet. In-process: the loopback server lives beside the
    // clients, and no second project is generated and built for each run. At most 40 iterations bound a run on a busy machine.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int RunBenchmarks(string[] args)
    {
        var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(6).WithMinIterationCount(15).WithMaxIterationCount(40);
        var config = DefaultConfig.Instance.AddJob(job.AsDefault());
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }
}
