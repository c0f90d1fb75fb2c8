// Under Mono, proves the packed RestoreSdk's netstandard2.0 build: exact request targets, a typed error, a retry and dependency injection.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.Versioning;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RestoreSdk;

namespace Net472Consumer;

internal static class Program
{
    private const string Token = "ghp_net472ConsumerToken0000000000000000";

    // Each name and its RFC 3986 escaping as one path segment: unreserved characters stay, every other UTF-8 byte is %XX.
    private static readonly (string Name, string Segment)[] AwkwardNames =
    {
        ("plain-name", "plain-name"),
        ("owner/image", "owner%2Fimage"),
        ("a?b", "a%3Fb"),
        ("a#b", "a%23b"),
        ("100%", "100%25"),
        ("%2F", "%252F"),
        ("with space", "with%20space"),
        ("@scope/pkg", "%40scope%2Fpkg"),
        ("a+b&c=d;e,f", "a%2Bb%26c%3Dd%3Be%2Cf"),
        ("back\\slash", "back%5Cslash"),
        ("naïve-日本語-😀", "na%C3%AFve-%E6%97%A5%E6%9C%AC%E8%AA%9E-%F0%9F%98%80"),
        ("...", "..."),
        (".hidden", ".hidden"),
        ("trailing.", "trailing."),
        ("~tilde", "~tilde"),
        ("line\nbreak", "line%0Abreak"),
    };

    private static readonly List<string> Failures = new List<string>();

    private static int Main()
    {
        var checks = RunChecksAsync();
        if (!checks.Wait(TimeSpan.FromSeconds(60)))
        {
            Failures.Add("the checks did not finish within 60 s");
        }

        foreach (var failure in Failures)
        {
            Console.Error.WriteLine("FAIL " + failure);
        }

        Console.WriteLine(Failures.Count == 0 ? "net472 consumer: every check passed" : $"net472 consumer: {Failures.Count} checks failed");
        return Failures.Count == 0 ? 0 : 1;
    }

    private static async Task RunChecksAsync()
    {
        var runtime = Type.GetType("Mono.Runtime") is null ? ".NET Framework" : "Mono";
        var build = typeof(PackagesClient).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;
        Console.WriteLine($"runtime: {runtime} {Environment.Version}; RestoreSdk build: {build}");
        Check(build == ".NETStandard,Version=v2.0", $"the package's netstandard2.0 build is loaded (got {build})");

        await CheckRequestTargetsAsync();
        await CheckTypedErrorAsync();
        await CheckRetryAsync();
        await CheckDependencyInjectionAsync();
    }

    private static async Task CheckRequestTargetsAsync()
    {
        using var server = new LoopbackServer();
        var client = new PackagesClient(new PackagesClientOptions { BaseAddress = server.BaseAddress, MinimumWriteInterval = TimeSpan.Zero });
        var expected = new List<string>();
        foreach (var (name, segment) in AwkwardNames)
        {
            await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Container, name);
            await client.RestorePackageForOrgAsync("acme", OrgPackageType.Npm, name);
            expected.Add($"POST /user/packages/container/{segment}/restore HTTP/1.1");
            expected.Add($"POST /orgs/acme/packages/npm/{segment}/restore HTTP/1.1");
        }

        var sent = server.Requests.Select(r => r.Line).ToList();
        for (var i = 0; i < expected.Count; i++)
        {
            var actual = i < sent.Count ? sent[i] : "(nothing)";
            Check(actual == expected[i], $"request target: expected '{expected[i]}', sent '{actual}'");
        }

        Check(sent.Count == expected.Count, $"{expected.Count} requests expected, {sent.Count} sent");
        Console.WriteLine($"request targets: {AwkwardNames.Length} awkward names on both routes, {sent.Count} request lines checked");
    }

    private static async Task CheckTypedErrorAsync()
    {
        const string docs = "https://docs.github.com/rest/packages/packages#restore-a-package-for-an-organization";
        using var server = new LoopbackServer(LoopbackServer.Json(
            404, "Not Found", $"{{\"message\":\"Not Found\",\"documentation_url\":\"{docs}\",\"status\":\"404\"}}", "X-GitHub-Request-Id: CAFE:0001"));
        var client = new PackagesClient(new PackagesClientOptions { BaseAddress = server.BaseAddress, Token = Token, MinimumWriteInterval = TimeSpan.Zero });

        try
        {
            await client.RestorePackageForOrgAsync("acme", OrgPackageType.Container, "acme/web");
            Check(false, "a 404 answer throws GitHubApiException");
        }
        catch (GitHubApiException e)
        {
            Check(e.GetType() == typeof(GitHubApiException), $"a 404 throws GitHubApiException itself (got {e.GetType().Name})");
            Check(e.StatusCode == 404, $"StatusCode is 404 (got {e.StatusCode})");
            Check(e.RequestId == "CAFE:0001", $"RequestId is the X-GitHub-Request-Id (got {e.RequestId})");
            Check(e.DocumentationUrl == docs, $"DocumentationUrl is GitHub's documentation_url (got {e.DocumentationUrl})");
            Check(!e.ToString().Contains(Token), "the exception never shows the token");
        }

        var request = server.Requests.Single();
        Check(request.Headers.TryGetValue("Authorization", out var authorization) && authorization == "Bearer " + Token, "the token is sent as a bearer token");
        Console.WriteLine("typed error: 404 mapped to GitHubApiException with status, request id and documentation URL");
    }

    private static async Task CheckRetryAsync()
    {
        using var server = new LoopbackServer(
            LoopbackServer.Json(502, "Bad Gateway", "{\"message\":\"Server Error\"}"),
            LoopbackServer.NoContent);
        var clock = new InstantTimeProvider();
        var client = new PackagesClient(new PackagesClientOptions
        {
            BaseAddress = server.BaseAddress,
            MinimumWriteInterval = TimeSpan.Zero,
            MaxRetries = 1,
            TimeProvider = clock,
        });

        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad");

        Check(server.Requests.Count == 2, $"a 502 is retried once (got {server.Requests.Count} requests)");
        Check(clock.Waits >= 1, "the retry waited on the options' TimeProvider");
        Console.WriteLine("retry: 502 then 204 restored after one retry, waiting on the given TimeProvider");
    }

    private static async Task CheckDependencyInjectionAsync()
    {
        using var server = new LoopbackServer();
        var services = new ServiceCollection();
        services.AddPackagesClient(options =>
        {
            options.BaseAddress = server.BaseAddress;
            options.Token = Token;
            options.MinimumWriteInterval = TimeSpan.Zero;
        });
        using (var provider = services.BuildServiceProvider(validateScopes: true))
        {
            await provider.GetRequiredService<IPackagesClient>().RestorePackageForOrgAsync("acme", OrgPackageType.NuGet, "Acme.Core");
        }

        Check(server.Requests.Single().Line == "POST /orgs/acme/packages/nuget/Acme.Core/restore HTTP/1.1", "DI: the resolved client restores");

        var invalid = new ServiceCollection();
        invalid.AddPackagesClient(options => options.MaxRetries = -1);
        using (var provider = invalid.BuildServiceProvider())
        {
            try
            {
                provider.GetRequiredService<IPackagesClient>();
                Check(false, "DI: invalid options throw OptionsValidationException");
            }
            catch (OptionsValidationException e)
            {
                Check(e.Failures.Any(f => f.Contains(nameof(PackagesClientOptions.MaxRetries))), $"DI: the validation failure names MaxRetries ({e.Message})");
            }
        }

        Console.WriteLine("dependency injection: AddPackagesClient resolves and restores; invalid options fail validation");
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            lock (Failures)
            {
                Failures.Add(what);
            }
        }
    }
}
