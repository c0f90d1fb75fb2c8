// The simulator's restore rules, one per test, as GitHub's documentation states them: restore window, package states, visibility and the answer's shape.
using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace RestoreSdk.Testing.Tests;

public class RestoreRuleTests
{
    private const string Token = "ghp_rules_alice";
    private const string UserTarget = "user/packages/npm/left-pad/restore";
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new FakeTimeProvider(Now);

    [Fact(Timeout = 30_000)]
    public async Task A_restore_answers_204_and_makes_the_package_active_so_restoring_again_answers_404()
    {
        var simulator = Alice().AddDeletedPackage("alice", "npm", "left-pad", Now.AddDays(-1));

        using var first = await simulator.PostAsync(UserTarget, Token);
        using var second = await simulator.PostAsync(UserTarget, Token);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        var package = Assert.Single(simulator.Packages);
        Assert.Equal(SimulatedPackageState.Active, package.State);
        Assert.Equal(Now, package.RestoredAt);
        var restore = Assert.Single(simulator.Restores);
        Assert.Equal(("alice", "npm", "left-pad", "alice"), (restore.Owner, restore.PackageType, restore.PackageName, restore.RestoredBy));
        Assert.Equal(simulator.Requests[0].RequestId, restore.RequestId);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(29, HttpStatusCode.NoContent)]
    [InlineData(30, HttpStatusCode.NoContent)]
    [InlineData(31, HttpStatusCode.NotFound)]
    public async Task Only_packages_deleted_within_the_last_30_days_can_be_restored(int daysAgo, HttpStatusCode expected)
    {
        var simulator = Alice().AddDeletedPackage("alice", "npm", "left-pad", Now.AddDays(-daysAgo));

        using var response = await simulator.PostAsync(UserTarget, Token);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_window_follows_the_simulators_clock()
    {
        var simulator = Alice().AddDeletedPackage("alice", "npm", "left-pad", Now.AddDays(-29));

        _clock.Advance(TimeSpan.FromDays(2));
        using var response = await simulator.PostAsync(UserTarget, Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_package_whose_namespace_a_new_package_took_answers_404_and_stays_deleted()
    {
        var simulator = Alice()
            .AddDeletedPackage("alice", "npm", "left-pad", Now.AddDays(-1))
            .AddPackage("alice", "npm", "left-pad");

        using var response = await simulator.PostAsync(UserTarget, Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(simulator.Packages, package => package.State == SimulatedPackageState.Deleted);
        Assert.Empty(simulator.Restores);
    }

    [Fact(Timeout = 30_000)]
    public async Task Gone_active_and_unknown_packages_answer_404()
    {
        var simulator = Alice()
            .AddGonePackage("alice", "npm", "gone", Now.AddDays(-1))
            .AddPackage("alice", "npm", "alive");

        foreach (var name in new[] { "gone", "alive", "never-existed" })
        {
            using var response = await simulator.PostAsync($"user/packages/npm/{name}/restore", Token);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Empty(simulator.Restores);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_user_route_restores_only_the_token_owners_packages()
    {
        var simulator = Alice().AddUser("bob").AddDeletedPackage("bob", "npm", "left-pad", Now.AddDays(-1));

        using var response = await simulator.PostAsync(UserTarget, Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task Package_names_are_matched_exactly_and_logins_in_any_case()
    {
        var simulator = Alice()
            .AddOrganization("Acme", "alice")
            .AddDeletedPackage("acme", "container", "acme/web", Now.AddDays(-1))
            .AddPackageAdmin("ACME", "container", "acme/web", "Alice");

        using var wrongCase = await simulator.PostAsync("orgs/acme/packages/container/ACME%2Fweb/restore", Token);
        using var restored = await simulator.PostAsync("orgs/aCmE/packages/container/acme%2Fweb/restore", Token);

        Assert.Equal(HttpStatusCode.NotFound, wrongCase.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, restored.StatusCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_organization_route_needs_organization_admin_and_for_granular_registries_package_admin()
    {
        var simulator = new GitHubSimulator(_clock)
            .AddOrganization("acme", "alice")
            .AddUser("bob")
            .AddClassicToken(Token, "alice", "read:packages", "write:packages", "repo")
            .AddClassicToken("ghp_rules_bob", "bob", "read:packages", "write:packages", "repo")
            .AddDeletedPackage("acme", "container", "web", Now.AddDays(-1))
            .AddDeletedPackage("acme", "maven", "core", Now.AddDays(-1));

        using var notAnAdmin = await simulator.PostAsync("orgs/acme/packages/maven/core/restore", "ghp_rules_bob");
        using var notAPackageAdmin = await simulator.PostAsync("orgs/acme/packages/container/web/restore", Token);
        using var repositoryScoped = await simulator.PostAsync("orgs/acme/packages/maven/core/restore", Token);
        simulator.AddPackageAdmin("acme", "container", "web", "alice");
        using var packageAdmin = await simulator.PostAsync("orgs/acme/packages/container/web/restore", Token);
        using var unknownOrganization = await simulator.PostAsync("orgs/nowhere/packages/container/web/restore", Token);

        Assert.Equal(HttpStatusCode.NotFound, notAnAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notAPackageAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, repositoryScoped.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, packageAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownOrganization.StatusCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task Errors_carry_GitHubs_json_body_and_a_request_id_matching_the_record()
    {
        var simulator = Alice();

        using var response = await simulator.PostAsync(UserTarget, Token);
        var error = await response.ErrorAsync();

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Not Found", (string?)error["message"]);
        Assert.Equal("https://docs.github.com/rest/packages/packages#restore-a-package-for-the-authenticated-user", (string?)error["documentation_url"]);
        Assert.Equal("404", (string?)error["status"]);
        Assert.Equal(simulator.Requests.Single().RequestId, response.Header("X-GitHub-Request-Id"));
        Assert.Equal(404, simulator.Requests.Single().StatusCode);
    }

    private GitHubSimulator Alice() => new GitHubSimulator(_clock).AddClassicToken(Token, "alice", "read:packages", "write:packages");
}
