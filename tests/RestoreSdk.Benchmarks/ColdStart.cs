// Cold start: one child process per peer run (build a client, one restore, exit), timed whole, alternating peers, medians reported.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace RestoreSdk.Benchmarks;

internal static class ColdStart
{
    private static readonly string[] PeerNames = { "raw", "sdk", "octokit" };

    /// <summary>The child: one restore by <paramref name="peer"/>, then what the runtime JIT-compiled and loaded for it.</summary>
    public static async Task<int> RunOnceAsync(string peer, Uri baseAddress, bool listAssemblies)
    {
        await (peer switch
        {
            "raw" => RawAsync(baseAddress),
            "sdk" => SdkAsync(baseAddress),
            "octokit" => OctokitAsync(baseAddress),
            _ => throw new ArgumentException($"Unknown peer '{peer}'; use one of {string.Join(", ", PeerNames)}."),
        }).ConfigureAwait(false);

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"jit={System.Runtime.JitInfo.GetCompiledMethodCount()} assemblies={AppDomain.CurrentDomain.GetAssemblies().Length}"));
        if (listAssemblies)
        {
            foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().Select(assembly => assembly.GetName().Name).Order(StringComparer.Ordinal))
            {
                Console.WriteLine(assembly);
            }
        }

        return 0;
    }

    /// <summary>The parent: hosts the server, runs <paramref name="rounds"/> rounds of one child per peer and prints medians.</summary>
    public static int Measure(string executable, int rounds)
    {
        using var server = LoopbackServer.Start();
        var times = PeerNames.ToDictionary(peer => peer, _ => new List<double>());
        var reports = new Dictionary<string, string>();

        // Two unrecorded rounds warm the disk cache and the runtime's own files.
        for (var round = -2; round < rounds; round++)
        {
            foreach (var peer in round % 2 == 0 ? PeerNames : PeerNames.Reverse())
            {
                var (elapsed, report) = RunChild(executable, peer, server.BaseAddress);
                if (round >= 0)
                {
                    times[peer].Add(elapsed);
                    reports[peer] = report;
                }
            }
        }

        var rawMedian = Median(times["raw"]);
        Console.WriteLine($"Cold start, {rounds} alternating rounds (new process, build a client, one restore, exit):");
        Console.WriteLine("| peer | median | min | vs raw | JIT-compiled methods | assemblies loaded |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var peer in PeerNames)
        {
            var median = Median(times[peer]);
            var counts = reports[peer].Split(' ').Select(pair => pair.Split('=')[1]).ToArray();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {peer} | {median * 1000:F0} ms | {times[peer].Min() * 1000:F0} ms | {median / rawMedian:F2} | {counts[0]} | {counts[1]} |"));
        }

        return 0;
    }

    private static (double Seconds, string Report) RunChild(string executable, string peer, Uri baseAddress)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("cold");
        start.ArgumentList.Add(peer);
        start.ArgumentList.Add(baseAddress.AbsoluteUri);
        var clock = Stopwatch.StartNew();
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        var elapsed = clock.Elapsed.TotalSeconds;
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The {peer} child exited with {child.ExitCode}: {output}");
        }

        return (elapsed, output.Trim());
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(value => value).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    // Separate methods, never inlined, so a child loads only its own peer's assemblies.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Task RawAsync(Uri baseAddress) => new RawPeer(baseAddress).RestoreAsync();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Task SdkAsync(Uri baseAddress) => new SdkPeer(baseAddress).RestoreAsync();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Task OctokitAsync(Uri baseAddress) => new OctokitPeer(baseAddress).RestoreAsync();
}
