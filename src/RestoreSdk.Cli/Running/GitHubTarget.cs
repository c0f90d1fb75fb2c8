// Where the batch goes and as whom: a real GitHub with the environment's token, or the in-process simulator under its demo token.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using RestoreSdk.Cli.Input;
using RestoreSdk.Cli.Parsing;
using RestoreSdk.Testing;

namespace RestoreSdk.Cli.Running;

internal sealed class GitHubTarget
{
    /// <summary>What the journal records as the target of a simulated run.</summary>
    public const string SimulatorJournalTarget = "simulator";

    private GitHubTarget(Uri baseAddress, Secret? token, HttpMessageHandler? handler, GitHubSimulator? simulator)
    {
        BaseAddress = baseAddress;
        Token = token;
        Handler = handler;
        Simulator = simulator;
        Product = ProductOf(baseAddress);
    }

    public Uri BaseAddress { get; }

    /// <summary>The token; null only for a dry run without one (it sends nothing).</summary>
    public Secret? Token { get; }

    /// <summary>What to send through; null for the network.</summary>
    public HttpMessageHandler? Handler { get; }

    public GitHubSimulator? Simulator { get; }

    public GitHubProduct Product { get; }

    /// <summary>
    /// The target as the journal records it: "simulator", or the base URL without user info, query or trailing slash
    /// (scheme and host in lower case, default port left out). Entries of other targets are not skipped. Never the token.
    /// </summary>
    public string JournalTarget => Simulator is not null
        ? SimulatorJournalTarget
        : BaseAddress.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/');

    public string Describe() => Simulator is not null
        ? "the in-process GitHub simulator (--simulate: nothing leaves this machine)"
        : Token is null
            ? $"{BaseAddress} (no token is set; a real run needs GH_TOKEN or GITHUB_TOKEN)"
            : $"{BaseAddress} with the token from {Token.Variable}";

    /// <summary>
    /// The real GitHub named by --base-url (default api.github.com), reached through <paramref name="handler"/> when a test gives one.
    /// A token variable that is set must be usable; none set is an error unless <paramref name="tokenOptional"/> (a dry run).
    /// </summary>
    public static GitHubTarget Real(CommandOptions options, IEnvironment environment, HttpMessageHandler? handler, bool tokenOptional) =>
        new GitHubTarget(
            options.BaseUrl ?? new Uri(CommandLineSyntax.DefaultBaseUrl),
            tokenOptional && !Credentials.AnyTokenVariableSet(environment) ? null : Credentials.ReadToken(environment),
            handler,
            simulator: null);

    /// <summary>
    /// The simulator: with no packages, its demo (returned in <paramref name="demoPackages"/>); otherwise the given packages,
    /// deleted yesterday, owned by the demo user or organizations it administers (and their packages), restorable with the demo token.
    /// </summary>
    public static GitHubTarget Simulated(IReadOnlyList<RequestedPackage> requested, TimeProvider time, out IReadOnlyList<RequestedPackage> packages)
    {
        GitHubSimulator simulator;
        if (requested.Count == 0)
        {
            simulator = GitHubSimulator.CreateDemo(time);
            packages = DemoPackages(simulator);
        }
        else
        {
            simulator = new GitHubSimulator(time)
                .AddUser(GitHubSimulator.DemoUser)
                .AddClassicToken(GitHubSimulator.DemoToken, GitHubSimulator.DemoUser, "read:packages", "write:packages", "repo");
            foreach (var org in requested.Select(package => package.Org).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
            {
                simulator.AddOrganization(org, GitHubSimulator.DemoUser);
            }

            var yesterday = time.GetUtcNow().AddDays(-1);
            foreach (var package in requested)
            {
                simulator.AddDeletedPackage(package.Org ?? GitHubSimulator.DemoUser, package.Type, package.Name, yesterday);
                if (package.Org is not null)
                {
                    simulator.AddPackageAdmin(package.Org, package.Type, package.Name, GitHubSimulator.DemoUser);
                }
            }

            packages = requested;
        }

        return new GitHubTarget(simulator.BaseAddress, new Secret(GitHubSimulator.DemoToken, "the simulator's demo token"), simulator, simulator);
    }

    // The demo's packages, all deleted, in the order whose outcomes the simulator documents.
    private static IReadOnlyList<RequestedPackage> DemoPackages(GitHubSimulator simulator) =>
        simulator.Packages
            .Select(package => new RequestedPackage(package.OwnedByOrganization ? package.Owner : null, package.PackageType, package.Name, "the simulator's demo"))
            .ToList();

    // The SDK's rule: a base address ending in /api/v3 is Enterprise Server.
    private static GitHubProduct ProductOf(Uri baseAddress) =>
        baseAddress.AbsolutePath.TrimEnd('/').EndsWith("/api/v3", StringComparison.OrdinalIgnoreCase)
            ? GitHubProduct.EnterpriseServer
            : GitHubProduct.GitHubCom;
}
