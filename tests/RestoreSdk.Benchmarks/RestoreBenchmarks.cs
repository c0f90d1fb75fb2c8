// Per-call time and allocation of one successful restore (204) for each peer, against one in-process loopback server.
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace RestoreSdk.Benchmarks;

[MemoryDiagnoser]
public class RestoreBenchmarks
{
    private LoopbackServer _server = null!;
    private RawPeer _raw = null!;
    private SdkPeer _sdk = null!;
    private OctokitPeer _octokit = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = LoopbackServer.Start();
        _raw = new RawPeer(_server.BaseAddress);
        _sdk = new SdkPeer(_server.BaseAddress);
        _octokit = new OctokitPeer(_server.BaseAddress);

        // One call each opens the connections and proves every peer gets its 204 before anything is timed.
        await _raw.RestoreAsync();
        await _sdk.RestoreAsync();
        await _octokit.RestoreAsync();
    }

    [GlobalCleanup]
    public void Cleanup() => _server.Dispose();

    [Benchmark(Baseline = true, Description = "raw HttpClient")]
    public Task Raw() => _raw.RestoreAsync();

    [Benchmark(Description = "RestoreSdk")]
    public Task Sdk() => _sdk.RestoreAsync();

    [Benchmark(Description = "Octokit 14")]
    public Task Octokit() => _octokit.RestoreAsync();
}
