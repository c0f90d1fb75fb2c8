// Pins that bad arguments and options fail with ArgumentException before anything is sent.
using System;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class ValidationTests
{
    // Built from char values because xunit's theory serialization would turn a lone surrogate literal into U+FFFD.
    private static readonly string LoneHighSurrogate = ((char)0xD800).ToString();
    private static readonly string LoneLowSurrogate = ((char)0xDC00).ToString();

    public static TheoryData<string?, string> BadSegments => new TheoryData<string?, string>
    {
        { null, "null" },
        { "", "empty" },
        { "   ", "whitespace" },
        { "\t\n", "whitespace" },
        { ".", "relative path segment" },
        { "..", "relative path segment" },
        { "bad" + LoneHighSurrogate + "surrogate", "surrogate" },
        { LoneLowSurrogate, "surrogate" },
    };

    [Theory]
    [MemberData(nameof(BadSegments), DisableDiscoveryEnumeration = true)]
    public async Task Bad_package_name_is_rejected_before_any_request(string? name, string reason)
    {
        using var stub = new GitHubStub();
        var client = stub.Client();

        var user = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, name!));
        var org = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.RestorePackageForOrgAsync("acme", OrgPackageType.Npm, name!));

        Assert.All(new[] { user, org }, error =>
        {
            Assert.Equal("packageName", error.ParamName);
            Assert.Contains(reason == "null" ? "cannot be null" : reason, error.Message, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Empty(stub.Requests);
    }

    [Theory]
    [MemberData(nameof(BadSegments), DisableDiscoveryEnumeration = true)]
    public async Task Bad_org_is_rejected_before_any_request(string? org, string reason)
    {
        using var stub = new GitHubStub();

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => stub.Client().RestorePackageForOrgAsync(org!, OrgPackageType.Npm, "left-pad"));

        Assert.Equal("org", error.ParamName);
        Assert.Contains(reason == "null" ? "cannot be null" : reason, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task Undefined_package_types_are_rejected_before_any_request()
    {
        using var stub = new GitHubStub();
        var client = stub.Client();

        var user = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.RestorePackageForAuthenticatedUserAsync((UserPackageType)42, "left-pad"));
        var org = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.RestorePackageForOrgAsync("acme", (OrgPackageType)(-1), "left-pad"));

        Assert.Equal("packageType", user.ParamName);
        Assert.Equal("packageType", org.ParamName);
        Assert.Empty(stub.Requests);
    }

    public static TheoryData<string> BadPackageTokens => new TheoryData<string> { "", " ", "pkg_secret" + LoneHighSurrogate };

    [Theory]
    [MemberData(nameof(BadPackageTokens), DisableDiscoveryEnumeration = true)]
    public async Task Unusable_package_token_is_rejected_without_echoing_it(string packageToken)
    {
        using var stub = new GitHubStub();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad", packageToken));

        Assert.Equal("packageToken", error.ParamName);
        Assert.DoesNotContain("pkg_secret", error.Message);
        Assert.Empty(stub.Requests);
    }

    public static TheoryData<Action<PackagesClientOptions>, string> BadOptions => new TheoryData<Action<PackagesClientOptions>, string>
    {
        { o => o.BaseAddress = null!, "BaseAddress is required" },
        { o => o.BaseAddress = new Uri("/api/v3", UriKind.Relative), "BaseAddress must be an absolute http or https URI, such as https://api.github.com/ or https://HOST/api/v3; got a relative URI." },
        { o => o.BaseAddress = new Uri("ftp://example.com/"), "BaseAddress must be an absolute http or https URI, such as https://api.github.com/ or https://HOST/api/v3; got the scheme 'ftp'." },
        { o => o.BaseAddress = new Uri("https://example.com/api/v3?x=1"), "query" },
        { o => o.BaseAddress = new Uri("https://example.com/api/v3#packages"), "BaseAddress must not contain a query, a fragment or user info." },
        { o => o.BaseAddress = new Uri("https://user:pass@example.com/"), "user info" },
        { o => { o.BaseAddress = new Uri("http://ghes.example.com/api/v3"); o.Token = "ghp_secret"; }, "BaseAddress uses plain http to ghes.example.com, so the token would travel unencrypted" },
        { o => o.ApiVersion = "latest", "YYYY-MM-DD" },
        { o => o.ApiVersion = null!, "YYYY-MM-DD" },
        { o => o.UserAgent = " ", "UserAgent" },
        { o => o.Token = "", "Token" },
        { o => o.Token = "ghp_secret\r\nX-Injected: 1", "Token" },
        { o => o.Token = "ghp_secret\u00e9", "printable ASCII" },
        { o => o.UserAgent = "restore-script \u00e9", "printable ASCII" },
        { o => o.ApiVersion = "\u0662\u0660\u0662\u0662-\u0661\u0661-\u0662\u0668", "YYYY-MM-DD" },
        { o => o.ApiVersion = "2022-11-28\n", "YYYY-MM-DD" },
        { o => o.ApiVersion = "2022/11/28", "YYYY-MM-DD" },
        { o => o.ApiVersion = "20221-1-28", "YYYY-MM-DD" },
        { o => o.ApiVersion = "2022-11-2/", "YYYY-MM-DD" },
        { o => o.ApiVersion = "2022-11-2:", "ApiVersion must be a GitHub REST API version in the form YYYY-MM-DD, such as 2022-11-28; got '2022-11-2:'." },
        { o => o.UserAgent = "restore-script\u007f", "UserAgent must be null (for the default) or non-empty printable ASCII text." },
        { o => o.Token = "ghp_secret\t", "Token must be null (for no Authorization header) or non-empty printable ASCII text." },
        { o => o.MaxRetries = -1, "MaxRetries" },
        { o => o.MaxRetryDelay = TimeSpan.MaxValue, "MaxRetryDelay" },
        { o => o.MaxRetryDelay = TimeSpan.FromSeconds(-1), "MaxRetryDelay" },
        { o => o.MaxRetryDelay = TimeSpan.FromDays(1) + TimeSpan.FromTicks(1), "MaxRetryDelay must be between zero and 1.00:00:00; got 1.00:00:00.0000001." },
        { o => o.MinimumWriteInterval = TimeSpan.FromSeconds(-1), "MinimumWriteInterval" },
        { o => o.MinimumWriteInterval = TimeSpan.MaxValue, "MinimumWriteInterval" },
        { o => o.MinimumWriteInterval = TimeSpan.FromHours(1) + TimeSpan.FromTicks(1), "MinimumWriteInterval" },
        { o => o.WritesPerHour = -1, "WritesPerHour must be 0 (no hourly budget) or more; got -1" },
        { o => o.WritesPerMinute = -80, "WritesPerMinute must be 0 (no per-minute budget) or more; got -80" },
        { o => o.AttemptTimeout = TimeSpan.Zero, "AttemptTimeout" },
        { o => o.AttemptTimeout = TimeSpan.FromSeconds(-2), "AttemptTimeout" },
        { o => o.AttemptTimeout = TimeSpan.MaxValue, "AttemptTimeout" },
        { o => o.AttemptTimeout = TimeSpan.FromHours(1) + TimeSpan.FromTicks(1), "AttemptTimeout must be more than zero and at most 01:00:00, or Timeout.InfiniteTimeSpan to turn it off; got 01:00:00.0000001." },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Invalid_options_are_rejected_when_the_client_is_created(Action<PackagesClientOptions> spoil, string expected)
    {
        var options = new PackagesClientOptions();
        spoil(options);

        var error = Assert.Throws<ArgumentException>(() => new PackagesClient(options));

        Assert.Equal("options", error.ParamName);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("ghp_secret", error.Message);
    }

    [Fact]
    public void One_message_lists_every_problem_after_a_heading()
    {
        var options = new PackagesClientOptions { MaxRetries = -1, WritesPerMinute = -1 };

        var error = Assert.Throws<ArgumentException>(() => new PackagesClient(options));

        Assert.StartsWith(
            "Invalid PackagesClientOptions: MaxRetries must be 0 (no retries) or more; got -1. "
            + "WritesPerMinute must be 0 (no per-minute budget) or more; got -1. GitHub allows 80; on GitHub Enterprise Server use your administrator's figure.",
            error.Message);
    }

    // The smallest and largest values each option accepts, and header values using the first and last printable ASCII characters.
    public static TheoryData<Action<PackagesClientOptions>> EdgeOptions => new TheoryData<Action<PackagesClientOptions>>
    {
        o => o.MaxRetries = 0,
        o => o.MaxRetryDelay = TimeSpan.Zero,
        o => o.WritesPerHour = 0,
        o => o.WritesPerMinute = 0,
        o => o.UserAgent = "restore-script/1.0 (~ops)",
        o => o.Token = "ghp_~edge",
        o => o.ApiVersion = "2099-09-19",
    };

    [Theory]
    [MemberData(nameof(EdgeOptions))]
    public async Task Options_at_the_edge_of_their_range_are_accepted_and_used(Action<PackagesClientOptions> configure)
    {
        using var stub = new GitHubStub();
        var options = stub.Options(configure);

        await new PackagesClient(options).RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad");

        var headers = stub.Single().Headers!;
        Assert.Equal(options.ApiVersion, Assert.Single(headers["X-GitHub-Api-Version"]));
        Assert.Matches(options.UserAgent is null ? @"^RestoreSdk/\d+\.\d+\.\d+$" : "^" + Regex.Escape(options.UserAgent) + "$", Assert.Single(headers["User-Agent"]));
        Assert.Equal(options.Token is null ? null : "Bearer " + options.Token, headers.TryGetValue("Authorization", out var authorization) ? Assert.Single(authorization) : null);
    }

    [Fact]
    public void Null_constructor_arguments_are_rejected()
    {
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new PackagesClient(null!)).ParamName);
        Assert.Equal("httpClient", Assert.Throws<ArgumentNullException>(() => new PackagesClient(null!, new PackagesClientOptions())).ParamName);
        using var httpClient = new HttpClient();
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new PackagesClient(httpClient, (PackagesClientOptions)null!)).ParamName);
    }
}
