// Pins that hostile answers (echoed secrets, malformed HTTP, redirects, odd charsets, line-forging text) end in a documented exception that shows no secret.
using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class HostileAnswerTests
{
    private const string Token = "ghp_HostileEchoedAccessToken0123456789";
    private const string PackageToken = "pkg/Hostile+Echoed=Token";
    private static readonly string[] Secrets = { Token, PackageToken, Uri.EscapeDataString(PackageToken) };
    private static readonly string EscapedPackageToken = Uri.EscapeDataString(PackageToken);
    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Secrets_echoed_in_headers_are_masked_in_the_exception_its_properties_and_every_log_line(bool fromTokenProvider)
    {
        const string body = "<html>" + Token + "</html>";
        await using var server = new HostileHttpServer(HostileHttpServer.Raw(
            "HTTP/1.1 403 Forbidden\r\n"
            + $"Content-Type: text/html; charset=utf-8; echo={Token}\r\n"
            + $"X-GitHub-Request-Id: {Token}\r\n"
            + $"X-OAuth-Scopes: read:packages, {Token}\r\n"
            + $"X-Accepted-OAuth-Scopes: {PackageToken}, {EscapedPackageToken}\r\n"
            + $"x-ratelimit-resource: {Token}\r\n"
            + $"x-ratelimit-limit: 5000\r\n"
            + $"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}"));
        using var logs = new LoggedClient(server.BaseAddress, options =>
        {
            options.Token = fromTokenProvider ? null : Token;
            options.TokenProvider = fromTokenProvider ? _ => Task.FromResult(Token) : null;
        });

        var error = await Assert.ThrowsAsync<GitHubApiException>(
            () => logs.Client.RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "left-pad", PackageToken));

        Assert.Equal(403, error.StatusCode);
        Assert.Equal("***", error.RequestId);
        Assert.Equal(new[] { "read:packages", "***" }, error.TokenScopes);
        Assert.Equal(new[] { "***", "***" }, error.AcceptedScopes);
        Assert.Equal("***", error.RateLimit!.Resource);
        Assert.Equal("<html>***</html>", error.Response);
        Assert.Contains("echo=***", error.Message);
        Assert.Contains(logs.Provider.Logs, log => log.EventName == "Failed" && log.Text.Contains("***"));
        SecretAssert.NowhereIn(error, logs.Provider.Logs, Secrets);
    }

    [Fact(Timeout = 30_000)]
    public async Task Secrets_echoed_in_a_204s_headers_are_masked_in_the_RestoreResult()
    {
        await using var server = new HostileHttpServer(HostileHttpServer.Raw(
            $"HTTP/1.1 204 No Content\r\nX-GitHub-Request-Id: {Token}\u0085forged\r\nx-ratelimit-resource: {PackageToken}\r\nx-ratelimit-remaining: 10\r\nConnection: close\r\n\r\n"));
        using var logs = new LoggedClient(server.BaseAddress, options => options.Token = Token);

        var result = await logs.Client.RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "left-pad", PackageToken);

        Assert.Equal("***\\u0085forged", result.RequestId);
        Assert.Equal("***", result.RateLimit!.Resource);
        Assert.Equal(10, result.RateLimit.Remaining);
        Assert.DoesNotContain(Token, result.ToString());
        Assert.All(logs.Provider.Logs, log => Assert.DoesNotContain(Token, log.Text));
    }

    [Theory(Timeout = 30_000)]
    [InlineData("HTTP/1.1 403 Forbidden\r\nX-Echo {0}\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 {0}\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 403 Forbidden\r\n{0}: echoed as a header name\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("{0}\r\n\r\n")]
    public async Task A_malformed_answer_quoting_secrets_gives_an_HttpRequestException_without_them(string answerFormat)
    {
        await using var server = new HostileHttpServer(HostileHttpServer.Raw(string.Format(answerFormat, $"{Token} {PackageToken} {EscapedPackageToken}")));
        using var logs = new LoggedClient(server.BaseAddress, options => options.MaxRetries = 1);

        var error = await Assert.ThrowsAsync<HttpRequestException>(
            () => logs.Client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad", PackageToken));

        if (LibraryBuild.IsNet)
        {
            Assert.Equal(HttpRequestError.InvalidResponse, error.HttpRequestError); // netstandard2.0 has no HttpRequestError to keep
        }

        Assert.Null(error.InnerException);
        Assert.Contains("npm package 'left-pad'", error.Message);
        Assert.Equal(2, logs.Provider.Logs.Count(log => log.EventName == "TransportFailed"));
        Assert.Equal(2, server.Requests.Count);
        SecretAssert.NowhereIn(error, logs.Provider.Logs, Secrets);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirect_is_reported_with_its_masked_location_and_never_followed(int status)
    {
        await using var server = RedirectingServer(status);
        using var logs = new LoggedClient(server.BaseAddress, options => options.Token = Token);

        var error = await Assert.ThrowsAsync<GitHubApiException>(
            () => logs.Client.RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "left-pad", PackageToken));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal("/orgs/victim/packages/npm/other/restore?token=***", error.RedirectLocation);
        Assert.Contains("redirects to /orgs/victim/packages/npm/other/restore?token=***", error.Message);
        Assert.Equal($"/orgs/acme/packages/npm/left-pad/restore?token={EscapedPackageToken}", Assert.Single(server.Requests).Target);
        SecretAssert.NowhereIn(error, logs.Provider.Logs, Secrets);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(302)]
    [InlineData(307)]
    public async Task A_redirect_is_not_followed_through_dependency_injection(int status)
    {
        await using var server = RedirectingServer(status);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new InstantTimeProvider());
        services.AddPackagesClient(options =>
        {
            options.BaseAddress = server.BaseAddress;
            options.Token = Token;
        });
        using var provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<GitHubApiException>(
            () => provider.GetRequiredService<IPackagesClient>().RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "left-pad", PackageToken));

        Assert.Equal(status, error.StatusCode);
        Assert.Single(server.Requests);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(302, "GET")]
    [InlineData(307, "POST")]
    public async Task A_redirect_that_a_callers_HttpClient_follows_fails_instead_of_reporting_the_other_routes_204(int status, string followedMethod)
    {
        await using var server = RedirectingServer(status);
        using var followingClient = new HttpClient();
        using var logs = new LoggedClient(server.BaseAddress, options => options.Token = Token, followingClient);

        var error = await Assert.ThrowsAsync<GitHubApiException>(
            () => logs.Client.RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "left-pad", PackageToken));

        Assert.Equal(204, error.StatusCode);
        Assert.Equal(server.BaseAddress + "orgs/victim/packages/npm/other/restore?token=***", error.RedirectLocation);
        Assert.Equal(
            "Restoring the npm package 'left-pad' of organization 'acme' failed. The HttpClient followed a redirect and sent the request to"
            + $" {server.BaseAddress}orgs/victim/packages/npm/other/restore?token=*** instead, which answered HTTP 204; that is not GitHub's answer to this restore,"
            + " which did not happen. Give PackagesClient an HttpClient whose handler does not follow redirects (AllowAutoRedirect = false).",
            error.Message);
        Assert.Equal(new[] { "POST", followedMethod }, server.Requests.Select(request => request.Method));
        Assert.DoesNotContain(logs.Provider.Logs, log => log.EventName == "Restored");
        SecretAssert.NowhereIn(error, logs.Provider.Logs, Secrets);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("application/json; charset=bogus")]
    [InlineData("application/json; charset=\"\"")]
    [InlineData("application/json; charset=utf-7")]
    [InlineData("application/json; charset=")]
    [InlineData("application/json")]
    public async Task An_unknown_or_unsafe_charset_falls_back_to_utf8_with_replacement(string contentType)
    {
        var body = Encoding.UTF8.GetBytes("{\"message\":\"Package név \u00e9 not found\"}").Append((byte)0xFF).ToArray();
        await using var server = new HostileHttpServer(async (_, _, connection, stop) =>
        {
            await connection.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 404 Not Found\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"), stop);
            await connection.WriteAsync(body, stop);
        });
        using var logs = new LoggedClient(server.BaseAddress);

        var error = await Assert.ThrowsAsync<GitHubApiException>(
            () => logs.Client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal("{\"message\":\"Package név \u00e9 not found\"}\uFFFD", error.Response);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_supported_charset_other_than_utf8_is_decoded_by_it()
    {
        var body = Encoding.Latin1.GetBytes("{\"message\":\"Paket m\u00fcde\"}");
        await using var server = new HostileHttpServer(async (_, _, connection, stop) =>
        {
            await connection.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 404 Not Found\r\nContent-Type: application/json; charset=iso-8859-1\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"), stop);
            await connection.WriteAsync(body, stop);
        });
        using var logs = new LoggedClient(server.BaseAddress);

        var error = await Assert.ThrowsAsync<GitHubApiException>(
            () => logs.Client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Contains("Paket m\u00fcde", error.Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task Line_separators_bidi_and_control_characters_from_the_caller_or_the_server_are_escaped_in_messages_and_logs()
    {
        const string forged = "\u2028INFO forged\u2029\u202Eevil\u2066\u0085\u061C\u200F";
        var json = Newtonsoft.Json.JsonConvert.SerializeObject(new { message = "denied" + forged });
        await using var server = new HostileHttpServer(HostileHttpServer.Raw(
            $"HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nX-GitHub-Request-Id: id\u0085\u00a0x\r\nContent-Length: {Encoding.UTF8.GetByteCount(json)}\r\nConnection: close\r\n\r\n", json));
        using var logs = new LoggedClient(server.BaseAddress);

        var error = await Assert.ThrowsAsync<GitHubApiException>(
            () => logs.Client.RestorePackageForOrgAsync("acme" + forged, OrgPackageType.Npm, "left-pad" + forged));

        const string escaped = "\\u2028INFO forged\\u2029\\u202eevil\\u2066\\u0085\\u061c\\u200f";
        Assert.Contains("package 'left-pad" + escaped + "'", error.Message);
        Assert.Contains("organization 'acme" + escaped + "'", error.Message);
        Assert.Contains("denied" + escaped, error.Message);
        Assert.Equal("id\\u0085\u00a0x", error.RequestId);
        var shown = logs.Provider.Logs.Select(log => log.Text).Append(error.Message).Append(error.RequestId!);
        Assert.All(shown, text => Assert.DoesNotContain(text, PrintableText.IsUnsafe));
    }

    private static HostileHttpServer RedirectingServer(int status)
    {
        var location = $"/orgs/victim/packages/npm/other/restore?token={EscapedPackageToken}";
        var victimBody = $"{{\"message\":\"echo {Token} {PackageToken}\"}}";
        return new HostileHttpServer((request, _, connection, stop) => HostileHttpServer.Raw(request.Target.StartsWith("/orgs/acme/", StringComparison.Ordinal)
                ? $"HTTP/1.1 {status} Moved\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                : $"HTTP/1.1 204 No Content\r\nX-Echo-Body: {victimBody}\r\nConnection: close\r\n\r\n")(request, 0, connection, stop));
    }

    // A client of the server with every log line captured at Trace, no write spacing, and a clock that never sleeps.
    private sealed class LoggedClient : IDisposable
    {
        private readonly ILoggerFactory _factory;

        public LoggedClient(Uri baseAddress, Action<PackagesClientOptions>? configure = null, HttpClient? httpClient = null)
        {
            _factory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(Provider));
            var options = new PackagesClientOptions
            {
                BaseAddress = baseAddress,
                LoggerFactory = _factory,
                TimeProvider = new InstantTimeProvider(),
                MinimumWriteInterval = TimeSpan.Zero,
            };
            configure?.Invoke(options);
            Client = httpClient is null ? new PackagesClient(options) : new PackagesClient(httpClient, options);
        }

        public CapturingLoggerProvider Provider { get; } = new CapturingLoggerProvider();

        public PackagesClient Client { get; }

        public void Dispose() => _factory.Dispose();
    }
}
