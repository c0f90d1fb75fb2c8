// Pins that AddPackagesClient's default setup keeps secrets out of IHttpClientFactory's own log events at every level, even when a malformed answer echoes them.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class HttpClientFactoryLogTests
{
    private const string Token = "ghp_FactoryLogEchoedAccessToken0123456789";
    private const string PackageToken = "pkg/Factory+Log=Token";
    private const string FactoryCategory = "System.Net.Http.HttpClient.IPackagesClient.";
    private static readonly string EscapedPackageToken = Uri.EscapeDataString(PackageToken);
    private static readonly string[] Secrets = { Token, PackageToken, EscapedPackageToken };
    [Theory(Timeout = 30_000)]
    [InlineData("header line")]
    [InlineData("status line")]
    public async Task A_malformed_answer_quoting_secrets_leaves_them_out_of_every_log_record_at_Trace(string invalid)
    {
        await using var server = new HostileHttpServer(HostileHttpServer.Raw(MalformedAnswer(invalid)));
        using var host = new FactoryHost(server.BaseAddress);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => host.RestoreAsync());

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal($"/user/packages/npm/left-pad/restore?token={EscapedPackageToken}", server.Requests.First().Target);
        var logs = host.Logs.Logs;
        Assert.Equal(2, logs.Count(log => log.Category == FactoryCategory + "ClientHandler" && log.EventName == "RequestFailed"));
        Assert.Equal(2, logs.Count(log => log.Category == FactoryCategory + "LogicalHandler" && log.EventName == "RequestPipelineFailed"));
        Assert.Contains(logs, log => log.EventName == "RequestHeader" && log.Text.Contains("Authorization"));
        Assert.All(logs.Where(log => log.Category.StartsWith(FactoryCategory, StringComparison.Ordinal) && log.Text.Contains("/restore")),
            log => Assert.Contains("/user/packages/npm/left-pad/restore?*", log.Text));
        SecretAssert.NowhereIn(error, logs, Secrets);

        // Still a useful error: which package, what went wrong, and (on .NET) the kind of failure.
        Assert.Contains("npm package 'left-pad'", error.Message);
        if (LibraryBuild.IsNet)
        {
            Assert.Contains("the answer was not valid HTTP (InvalidResponse)", error.Message);
            Assert.Equal(HttpRequestError.InvalidResponse, error.HttpRequestError); // netstandard2.0 has no HttpRequestError to keep
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Secrets_echoed_in_a_well_formed_answers_headers_stay_out_of_the_factorys_header_logs()
    {
        await using var server = new HostileHttpServer(HostileHttpServer.Raw(
            $"HTTP/1.1 404 Not Found\r\nX-GitHub-Request-Id: {Token}\r\nX-Echo: {PackageToken} {EscapedPackageToken}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        using var host = new FactoryHost(server.BaseAddress);

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => host.RestoreAsync());

        Assert.Equal(404, error.StatusCode);
        Assert.Contains(host.Logs.Logs, log => log.EventName == "ResponseHeader" && log.Text.Contains("X-GitHub-Request-Id"));
        SecretAssert.NowhereIn(error, host.Logs.Logs, Secrets);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_callers_own_handlers_and_loggers_still_run_and_see_only_the_safe_failure()
    {
        await using var server = new HostileHttpServer(HostileHttpServer.Raw(MalformedAnswer("header line")));
        var seen = new SeeingHandler();
        var httpLogger = new SeeingHttpClientLogger();
        using var host = new FactoryHost(server.BaseAddress, builder => builder
            .AddHttpMessageHandler(() => seen)
            .AddLogger(_ => httpLogger));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => host.RestoreAsync());

        Assert.Equal(2, seen.Failures.Count);
        Assert.Equal(2, httpLogger.Failures.Count);
        Assert.All(seen.Failures.Concat(httpLogger.Failures), failure =>
        {
            var transport = Assert.IsType<HttpRequestException>(failure);
            Assert.StartsWith("The HTTP request failed: ", transport.Message);
            SecretAssert.NowhereIn(transport, Array.Empty<CapturedLog>(), Secrets);
        });
        SecretAssert.NowhereIn(error, host.Logs.Logs, Secrets);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_primary_handler_the_caller_replaces_is_guarded_too_and_still_does_not_follow_redirects()
    {
        await using var server = new HostileHttpServer(HostileHttpServer.Raw(MalformedAnswer("status line")));
        var callersHandler = new SocketsHttpHandler();
        using var host = new FactoryHost(server.BaseAddress, builder => builder.ConfigurePrimaryHttpMessageHandler(() => callersHandler));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => host.RestoreAsync());

        Assert.False(callersHandler.AllowAutoRedirect);
        Assert.Contains(host.Logs.Logs, log => log.EventName == "RequestFailed");
        SecretAssert.NowhereIn(error, host.Logs.Logs, Secrets);
    }

    // .NET's documented forms: the AppContext switch wins; the environment variable is true/false or 1/0.
    [Theory]
    [InlineData(true, null, true)]
    [InlineData(false, "1", false)]
    [InlineData(null, null, false)]
    [InlineData(null, "", false)]
    [InlineData(null, "true", true)]
    [InlineData(null, "TRUE", true)]
    [InlineData(null, "false", false)]
    [InlineData(null, "1", true)]
    [InlineData(null, "0", false)]
    [InlineData(null, "yes", false)]
    public void URI_redaction_counts_as_off_as_dotnet_reads_its_switch_and_environment_variable(bool? appContextSwitch, string? environmentVariable, bool off)
    {
        Assert.Equal(off, PackagesServiceCollectionExtensions.IsUriRedactionDisabled(appContextSwitch, environmentVariable));
    }

    // .NET quotes an invalid header line or status line in its HttpRequestException's message.
    private static string MalformedAnswer(string invalid) => invalid switch
    {
        "header line" => $"HTTP/1.1 403 Forbidden\r\nX-Echo {Token} {PackageToken} {EscapedPackageToken}\r\nContent-Length: 0\r\n\r\n",
        "status line" => $"HTTP/1.1 403{Token} {PackageToken} {EscapedPackageToken}\r\nContent-Length: 0\r\n\r\n",
        _ => throw new ArgumentOutOfRangeException(nameof(invalid)),
    };

    // AddPackagesClient through a service provider whose every logger, Microsoft.Extensions.Http's included, writes at Trace into Logs.
    private sealed class FactoryHost : IDisposable
    {
        private readonly ServiceProvider _provider;

        public FactoryHost(Uri baseAddress, Action<IHttpClientBuilder>? configure = null)
        {
            var services = new ServiceCollection();
            services.AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
            services.AddSingleton<TimeProvider>(new InstantTimeProvider());
            var builder = services.AddPackagesClient(options =>
            {
                options.BaseAddress = baseAddress;
                options.Token = Token;
                options.MaxRetries = 1;
                options.MinimumWriteInterval = TimeSpan.Zero;
            });
            configure?.Invoke(builder);
            _provider = services.BuildServiceProvider();
        }

        public CapturingLoggerProvider Logs { get; } = new CapturingLoggerProvider();

        public Task RestoreAsync() =>
            _provider.GetRequiredService<IPackagesClient>().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad", PackageToken);

        public void Dispose() => _provider.Dispose();
    }

    private sealed class SeeingHandler : DelegatingHandler
    {
        public List<Exception> Failures { get; } = new List<Exception>();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (Exception failure)
            {
                lock (Failures)
                {
                    Failures.Add(failure);
                }

                throw;
            }
        }
    }

    private sealed class SeeingHttpClientLogger : IHttpClientLogger
    {
        public List<Exception> Failures { get; } = new List<Exception>();

        public object? LogRequestStart(HttpRequestMessage request) => null;

        public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed)
        {
        }

        public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed)
        {
            lock (Failures)
            {
                Failures.Add(exception);
            }
        }
    }
}

// The switch is process-wide, so the tests that set it run alone, after the parallel ones.
[CollectionDefinition(nameof(UriRedactionSwitchTests), DisableParallelization = true)]
public sealed class UriRedactionSwitchCollection
{
}

[Collection(nameof(UriRedactionSwitchTests))]
public sealed class UriRedactionSwitchTests
{
    private const string Token = "ghp_SwitchEchoedAccessToken0123456789";
    private const string PackageToken = "pkg/Switch+Log=Token";

    [Fact(Timeout = 30_000)]
    public async Task With_URI_redaction_turned_off_the_factorys_default_loggers_are_left_out_and_the_callers_stay()
    {
        await using var server = new HostileHttpServer(HostileHttpServer.Raw("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"));
        var logs = new CapturingLoggerProvider();
        var callersLogger = new CountingHttpClientLogger();
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddSingleton<TimeProvider>(new InstantTimeProvider());
        services.AddPackagesClient(options =>
        {
            options.BaseAddress = server.BaseAddress;
            options.Token = Token;
            options.MinimumWriteInterval = TimeSpan.Zero;
        }).AddLogger(_ => callersLogger);
        using var provider = services.BuildServiceProvider();

        AppContext.SetSwitch("System.Net.Http.DisableUriRedaction", true);
        try
        {
            await provider.GetRequiredService<IPackagesClient>().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad", PackageToken);
        }
        finally
        {
            AppContext.SetSwitch("System.Net.Http.DisableUriRedaction", false);
        }

        Assert.Equal(1, callersLogger.Started);
        Assert.Contains(logs.Logs, log => log.Category == "RestoreSdk.PackagesClient");
        Assert.DoesNotContain(logs.Logs, log => log.Category.StartsWith("System.Net.Http.HttpClient.IPackagesClient.", StringComparison.Ordinal));
        Assert.All(logs.Logs, log => Assert.DoesNotContain(Uri.EscapeDataString(PackageToken), log.Text));
    }

    private sealed class CountingHttpClientLogger : IHttpClientLogger
    {
        private int _started;

        public int Started => _started;

        public object? LogRequestStart(HttpRequestMessage request)
        {
            Interlocked.Increment(ref _started);
            return null;
        }

        public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed)
        {
        }

        public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed)
        {
        }
    }
}
