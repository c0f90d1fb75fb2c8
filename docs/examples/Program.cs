// Runs the README's library, DI, error and simulator examples against GitHubSimulator and checks what it restored; build/check-consumers.sh runs it from the packed packages.
using RestoreSdk;
using RestoreSdk.Examples;
using RestoreSdk.Testing;

const string Token = "ghp_examplesRunnerToken000000000000000000";
var failures = new List<string>();

void Check(bool condition, string what)
{
    Console.WriteLine($"{(condition ? "ok  " : "FAIL")} {what}");
    if (!condition)
    {
        failures.Add(what);
    }
}

// The README's names: the user's npm left-pad and the container acme/web of organization acme, deleted recently.
GitHubSimulator ReadmeWorld()
{
    var deleted = DateTimeOffset.UtcNow.AddDays(-1);
    return new GitHubSimulator()
        .AddUser("mona")
        .AddOrganization("acme", "mona")
        .AddClassicToken(Token, "mona", "read:packages", "write:packages")
        .AddDeletedPackage("mona", "npm", "left-pad", deleted)
        .AddDeletedPackage("acme", "container", "acme/web", deleted)
        .AddPackageAdmin("acme", "container", "acme/web", "mona")
        .AddDeletedPackage("acme", "maven", "com.acme.core", deleted);
}

string Restored(GitHubSimulator simulator) => string.Join(", ", simulator.Restores);

var watchdog = Task.Delay(TimeSpan.FromSeconds(120));
var examples = RunAsync();
if (await Task.WhenAny(examples, watchdog) == watchdog)
{
    Console.Error.WriteLine("FAIL the examples did not finish within 120 s");
    failures.Add("the examples did not finish within 120 s");
}
else
{
    await examples;
}

Console.WriteLine(failures.Count == 0 ? "examples: every check passed" : $"examples: {failures.Count} checks failed");
return failures.Count == 0 ? 0 : 1;

async Task RunAsync()
{
    using (var simulator = ReadmeWorld())
    await using (var bridge = LoopbackBridge.Start(simulator))
    {
        Environment.SetEnvironmentVariable("GITHUB_API_URL", bridge.BaseAddress.ToString());
        Environment.SetEnvironmentVariable("GITHUB_TOKEN", Token);
        await LibraryExample.RestoreAsync();
        Check(Restored(simulator) == "npm mona/left-pad, container acme/acme/web", $"library example restored {Restored(simulator)}");
    }

    using (var simulator = ReadmeWorld())
    await using (var bridge = LoopbackBridge.Start(simulator))
    {
        Environment.SetEnvironmentVariable("GitHub__Packages__BaseAddress", bridge.BaseAddress.ToString());
        Environment.SetEnvironmentVariable("GitHub__Packages__Token", Token);
        await DependencyInjectionExample.RestoreAsync(Array.Empty<string>());
        Check(Restored(simulator) == "container acme/acme/web", $"dependency injection example restored {Restored(simulator)}");
    }

    using (var simulator = ReadmeWorld())
    {
        var client = new PackagesClient(new HttpClient(simulator, disposeHandler: false), new PackagesClientOptions
        {
            BaseAddress = simulator.BaseAddress,
            Token = Token,
        });
        var error = new StringWriter();
        var console = Console.Error;
        Console.SetError(error);
        try
        {
            await ErrorHandlingExample.RunAsync(client);
        }
        finally
        {
            Console.SetError(console);
        }

        // The token has no repo scope, which Maven needs: the example's MissingScopes branch reports it.
        Check(error.ToString().StartsWith("Token lacks repo: ", StringComparison.Ordinal), $"errors example named the missing scope: {error.ToString().Trim()}");
        Check(!error.ToString().Contains(Token), "errors example output does not show the token");
    }

    var output = new StringWriter();
    var standardOutput = Console.Out;
    Console.SetOut(output);
    try
    {
        await SimulatorExample.SimulateAsync();
    }
    finally
    {
        Console.SetOut(standardOutput);
    }

    Check(output.ToString().Contains("is-odd: deleted more than 30 days ago"), "simulator example: the package deleted 40 days ago answered 404");
    Check(output.ToString().Contains("npm acme/left-pad"), "simulator example: the simulator recorded the restore of left-pad");
}
