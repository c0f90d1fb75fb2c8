// Pins what a successful restore returns: route, package, the 204's request id and rate limit, the attempts and the time they took.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class ResultTests
{
    [Fact(Timeout = 30_000)]
    public async Task An_org_restore_returns_the_route_package_request_id_and_rate_limit_of_the_204()
    {
        using var stub = new GitHubStub();
        stub.Answer(204, headers: new Dictionary<string, string>
        {
            ["X-GitHub-Request-Id"] = "C0DE:1234:ABCD",
            ["x-ratelimit-limit"] = "5000",
            ["x-ratelimit-remaining"] = "4321",
            ["x-ratelimit-used"] = "679",
            ["x-ratelimit-reset"] = "1795348800",
            ["x-ratelimit-resource"] = "core",
        });

        var result = await stub.Client(options => options.Token = "ghp_result").RestorePackageForOrgAsync("acme", OrgPackageType.Container, "acme/web", "pkg_result");

        Assert.Equal("/orgs/{org}/packages/{package_type}/{package_name}/restore", result.Route);
        Assert.Equal("acme", result.Org);
        Assert.Equal("container", result.PackageType);
        Assert.Equal("acme/web", result.PackageName);
        Assert.Equal(204, result.StatusCode);
        Assert.Equal("C0DE:1234:ABCD", result.RequestId);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(5000, result.RateLimit!.Limit);
        Assert.Equal(4321, result.RateLimit.Remaining);
        Assert.Equal(679, result.RateLimit.Used);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero), result.RateLimit.Reset);
        Assert.Equal("core", result.RateLimit.Resource);
        Assert.Equal("restored container package 'acme/web' of organization 'acme' (HTTP 204, 1 attempt, request id C0DE:1234:ABCD)", result.ToString());
        Assert.DoesNotContain("pkg_result", result.ToString());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_user_restore_without_GitHub_headers_has_no_org_request_id_or_rate_limit()
    {
        using var stub = new GitHubStub();

        var result = await stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.RubyGems, "rails-ext");

        Assert.Equal("/user/packages/{package_type}/{package_name}/restore", result.Route);
        Assert.Null(result.Org);
        Assert.Equal("rubygems", result.PackageType);
        Assert.Equal("rails-ext", result.PackageName);
        Assert.Null(result.RequestId);
        Assert.Null(result.RateLimit);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_retried_restore_counts_its_attempts_and_measures_elapsed_time_on_the_clients_clock()
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(
            new StubAnswer(503),
            new StubAnswer(403, """{"message":"You have exceeded a secondary rate limit."}""", new Dictionary<string, string> { ["retry-after"] = "5" }),
            new StubAnswer(204, Headers: new Dictionary<string, string> { ["X-GitHub-Request-Id"] = "LAST:ATTEMPT" }));
        var clock = new SteppedClock();

        var result = await clock.DriveAsync(stub.Client(options => options.TimeProvider = clock).RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Equal(3, result.Attempts);
        Assert.Equal("LAST:ATTEMPT", result.RequestId);
        Assert.Equal(clock.GetUtcNow() - clock.Start, result.Elapsed);
        Assert.True(result.Elapsed >= TimeSpan.FromSeconds(5), $"elapsed {result.Elapsed} is shorter than the retry-after wait");
    }

    [Fact]
    public void A_result_built_by_hand_describes_a_user_restore_of_several_attempts_without_a_request_id()
    {
        var result = new RestoreResult("/user/packages/{package_type}/{package_name}/restore", null, "nuget", "Acme.Tools", 204, null, 3, TimeSpan.FromSeconds(7), null);

        Assert.Equal("restored nuget package 'Acme.Tools' (HTTP 204, 3 attempts)", result.ToString());
        Assert.Equal(TimeSpan.FromSeconds(7), result.Elapsed);
    }

    [Fact]
    public void A_result_needs_a_route_a_package_type_and_a_package_name()
    {
        Assert.Equal("route", Assert.Throws<ArgumentNullException>(() => new RestoreResult(null!, null, "npm", "left-pad", 204, null, 1, TimeSpan.Zero, null)).ParamName);
        Assert.Equal("packageType", Assert.Throws<ArgumentNullException>(() => new RestoreResult("/user/packages/{package_type}/{package_name}/restore", null, null!, "left-pad", 204, null, 1, TimeSpan.Zero, null)).ParamName);
        Assert.Equal("packageName", Assert.Throws<ArgumentNullException>(() => new RestoreResult("/user/packages/{package_type}/{package_name}/restore", null, "npm", null!, 204, null, 1, TimeSpan.Zero, null)).ParamName);
    }
}
