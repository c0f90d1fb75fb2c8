// Entry point of restore-package: parses the command line, picks the loopback stub or a real GitHub, restores one package.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RestoreSdk;
using RestoreSdk.Cli;

const string Usage = """
    Usage: restore-package [--name NAME] [--type TYPE] [--org ORG] [--base-url URL] [--api-version VERSION]

    Restores one deleted GitHub package. Without --base-url it runs against a loopback stub of GitHub
    started in this process (no token, no network). With --base-url (https://api.github.com or
    https://HOST/api/v3) it calls that GitHub with the token in the GITHUB_TOKEN environment variable.

      --name NAME          package name (default: octo-org/hello-world)
      --type TYPE          npm, maven, rubygems, docker, nuget or container (default: container)
      --org ORG            restore an organization's package instead of your own
      --base-url URL       the REST API root of a real GitHub
      --api-version VER    X-GitHub-Api-Version (default: 2022-11-28)

    Exit codes: 0 restored, 1 GitHub refused, could not be reached or was interrupted, 2 bad command line or arguments.
    """;

CommandLine line;
try
{
    line = CommandLine.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}

if (line.Help)
{
    Console.WriteLine(Usage);
    return 0;
}

await using var stub = line.BaseUrl is null ? await LoopbackGitHub.StartAsync() : null;
var options = new PackagesClientOptions
{
    BaseAddress = line.BaseUrl ?? stub!.BaseAddress,
    Token = stub is null ? Environment.GetEnvironmentVariable("GITHUB_TOKEN") : null,
};
if (line.ApiVersion is not null)
{
    options.ApiVersion = line.ApiVersion;
}

Console.WriteLine(stub is null
    ? $"Calling {options.BaseAddress} ({(options.Token is null ? "no GITHUB_TOKEN set" : "token from GITHUB_TOKEN")})."
    : $"Started a loopback stub of GitHub at {options.BaseAddress} (pass --base-url to call a real GitHub).");

using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, press) =>
{
    press.Cancel = true;
    interrupt.Cancel();
};

try
{
    var client = new PackagesClient(options);
    var task = line.Org is null
        ? client.RestorePackageForAuthenticatedUserAsync(Enum.Parse<UserPackageType>(line.Type, ignoreCase: true), line.Name, cancellationToken: interrupt.Token)
        : client.RestorePackageForOrgAsync(line.Org, Enum.Parse<OrgPackageType>(line.Type, ignoreCase: true), line.Name, cancellationToken: interrupt.Token);
    await task;
    Console.WriteLine($"Restored the {line.Type} package '{line.Name}'{(line.Org is null ? string.Empty : $" of organization '{line.Org}'")}.");
    return 0;
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}
catch (GitHubApiException error)
{
    Console.Error.WriteLine(error.Message);
    return 1;
}
catch (HttpRequestException error)
{
    Console.Error.WriteLine($"Could not reach {options.BaseAddress}: {error.Message}");
    return 1;
}
catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
{
    Console.Error.WriteLine("Interrupted; the restore may or may not have reached GitHub.");
    return 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine($"{options.BaseAddress} did not answer in time, after the retries.");
    return 1;
}
finally
{
    foreach (var received in stub?.Received ?? Array.Empty<string>())
    {
        Console.WriteLine($"  the stub received: {received}");
    }
}

internal sealed record CommandLine(bool Help, string Name, string Type, string? Org, Uri? BaseUrl, string? ApiVersion)
{
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var line = new CommandLine(false, "octo-org/hello-world", "container", null, null, null);
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "-h" or "--help")
            {
                return line with { Help = true };
            }

            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            line = args[i - 1] switch
            {
                "--name" => line with { Name = value },
                "--type" => Enum.GetNames<UserPackageType>().Contains(value, StringComparer.OrdinalIgnoreCase) ? line with { Type = value.ToLowerInvariant() } : throw new ArgumentException($"Unknown package type '{value}'."),
                "--org" => line with { Org = value },
                "--base-url" => Uri.TryCreate(value, UriKind.Absolute, out var url) ? line with { BaseUrl = url } : throw new ArgumentException($"--base-url needs an absolute URL; got '{value}'."),
                "--api-version" => line with { ApiVersion = value },
                _ => throw new ArgumentException($"Unknown option '{args[i - 1]}'."),
            };
        }

        return line;
    }
}
