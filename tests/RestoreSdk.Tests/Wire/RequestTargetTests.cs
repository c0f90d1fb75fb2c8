// Pins the exact request line on the wire: one escaped segment per path parameter, the token query only when given.
using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class RequestTargetTests
{
    // RFC 3986 pchar without sub-delims or ':' / '@': only unreserved characters and percent-escapes may reach the wire.
    private static readonly Regex StrictSegment = new Regex("^(?:[A-Za-z0-9._~-]|%[0-9A-F]{2})+$");

    public static TheoryData<string> AwkwardNames => new TheoryData<string>
    {
        "plain-name",
        "owner/image",
        "a?b",
        "a#b",
        "100%",
        "%2F",
        "with space",
        "@scope/pkg",
        "a+b&c=d;e,f",
        "back\\slash",
        "naïve-日本語-😀",
        "...",
        ".hidden",
        "trailing.",
        "~tilde",
        "line\nbreak",
    };

    [Theory]
    [MemberData(nameof(AwkwardNames))]
    public async Task User_route_sends_the_package_name_as_one_segment_that_decodes_to_the_exact_name(string name)
    {
        await using var recorder = new RawHttpRecorder();
        var client = new PackagesClient(new PackagesClientOptions { BaseAddress = recorder.BaseAddress });

        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Container, name);

        var request = recorder.Single();
        Assert.Equal("POST", request.Method);
        var segments = request.Target.Split('/');
        Assert.Equal(new[] { "", "user", "packages", "container", segments[4], "restore" }, segments);
        Assert.Equal(name, DecodeSegment(segments[4]));
    }

    [Theory]
    [MemberData(nameof(AwkwardNames))]
    public async Task Org_route_sends_org_and_package_name_as_single_segments(string name)
    {
        await using var recorder = new RawHttpRecorder();
        var client = new PackagesClient(new PackagesClientOptions { BaseAddress = recorder.BaseAddress });

        await client.RestorePackageForOrgAsync("org " + name, OrgPackageType.Npm, name);

        var segments = recorder.Single().Target.Split('/');
        Assert.Equal(new[] { "", "orgs", segments[2], "packages", "npm", segments[5], "restore" }, segments);
        Assert.Equal("org " + name, DecodeSegment(segments[2]));
        Assert.Equal(name, DecodeSegment(segments[5]));
    }

    [Fact]
    public async Task No_package_token_sends_no_query_at_all()
    {
        await using var recorder = new RawHttpRecorder();
        var client = new PackagesClient(new PackagesClientOptions { BaseAddress = recorder.BaseAddress });

        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad");
        await client.RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "left-pad", packageToken: null);

        Assert.All(recorder.Requests, request => Assert.DoesNotContain("?", request.Target));
        Assert.Equal(2, recorder.Requests.Count);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("a&b=c#d e+f%g/h?i")]
    [InlineData("ünïcødé")]
    public async Task Package_token_becomes_the_only_query_parameter_and_decodes_exactly(string packageToken)
    {
        await using var recorder = new RawHttpRecorder();
        var client = new PackagesClient(new PackagesClientOptions { BaseAddress = recorder.BaseAddress });

        await client.RestorePackageForOrgAsync("acme", OrgPackageType.NuGet, "Acme.Core", packageToken);

        var target = recorder.Single().Target;
        var query = target[(target.IndexOf('?') + 1)..];
        Assert.Equal("/orgs/acme/packages/nuget/Acme.Core/restore", target[..target.IndexOf('?')]);
        var pair = Assert.Single(query.Split('&'));
        Assert.StartsWith("token=", pair);
        Assert.Equal(packageToken, DecodeSegment(pair["token=".Length..]));
    }

    [Theory]
    [InlineData("api/v3")]
    [InlineData("api/v3/")]
    public async Task Enterprise_server_base_address_keeps_its_path_with_or_without_trailing_slash(string apiPath)
    {
        await using var recorder = new RawHttpRecorder();
        var client = new PackagesClient(new PackagesClientOptions { BaseAddress = new Uri(recorder.BaseAddress, apiPath) });

        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Maven, "core");

        Assert.Equal("/api/v3/user/packages/maven/core/restore", recorder.Single().Target);
    }

    private static string DecodeSegment(string segment)
    {
        Assert.Matches(StrictSegment, segment);
        return Uri.UnescapeDataString(segment);
    }
}
